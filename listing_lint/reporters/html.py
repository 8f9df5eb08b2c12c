"""One self-contained HTML page a seller can open, print or attach to an email.

Summary first (what was checked, findings by family and severity, the listings with
the most problems, the prices that could not be judged and why), then the price
overview, then the findings grouped by listing: the field, the seller's text (source
and translation side by side, the difference marked), the message and how to fix it.
Filters by family, severity, rule and market and a search by listing id run in a few
lines of inline JavaScript; without it every finding is shown. Price findings carry
a plot (matplotlib, as inline SVG) and the table of its numbers.

Nothing is fetched when the page is viewed: no scripts, styles or fonts from
elsewhere. The same findings give the same bytes. Every count shown carries a
`data-count` attribute, so tests can hold it to the JSON report of the same run.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from decimal import Decimal
from html import escape
from typing import Any

from listing_lint import __version__
from listing_lint.model import SEVERITIES, Finding
from listing_lint.reporters import Report
from listing_lint.reporters.paths import display_path

TOP_LISTINGS = 10  # listings named under "most problems"
PLOT_LIMIT = 300  # price findings drawn; past these a run of thousands would take minutes to render
OVERVIEW_ROWS = 30  # categories in the overview plot (those with the most flagged listings); all are in its table
TEXT_CHARS = 1200  # of a seller's text shown in a finding
INSTALL = "pip install 'listing-lint[html]'"
# Keys of `Finding.data` that quote what is wrong in the listing's text, and what its source has that it lacks.
TARGET_MARKS = ("words", "extra", "found", "mentions", "terms", "phrases")
SOURCE_MARKS = ("missing",)


def available() -> None:
    """Raise a `UserError` saying how to install matplotlib when it is missing (checked before the run)."""
    import importlib.util

    if importlib.util.find_spec("matplotlib") is None:
        from listing_lint.errors import UserError

        raise UserError(f"--format html draws its price plots with matplotlib, which is not installed: {INSTALL}")


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _count(key: str, n: int) -> str:
    return f'<span data-count="{_e(key)}">{n}</span>'


def _code(text: str) -> str:
    """Markdown-ish `code` in a rule's prose as <code>, the rest escaped."""
    parts = re.split(r"`([^`]+)`", text)
    return "".join(f"<code>{_e(p)}</code>" if i % 2 else _e(p) for i, p in enumerate(parts))


def _how_to_fix(cls) -> str:
    if cls is None:
        return ""
    from listing_lint.reporters.sarif import _section

    text = _section(cls.doc(), "How to fix")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip() and not p.lstrip().startswith("|")]
    return "".join(f"<p>{_code(p)}</p>" for p in paragraphs[:2])


# ---- where a finding belongs -------------------------------------------------------------------


class _Listings:
    """The loaded listings by file and id, to show a finding's text beside it."""

    def __init__(self, catalogs: list) -> None:
        self.by_key: dict[tuple[str, str | None], Any] = {}
        self.catalog_of: dict[str, Any] = {}
        for catalog in catalogs:
            for path in catalog.sources:
                self.catalog_of[path] = catalog
            for listing in catalog.listings:
                # A catalog joined from feeds: a finding points into the market's feed, the listing is the source's.
                for path in (listing.loc.path, *catalog.sources):
                    self.by_key.setdefault((path, listing.id), listing)

    def find(self, f: Finding):
        return self.by_key.get((f.path, f.listing_id)) if f.listing_id else None


def _value(listing, field: str | None) -> str | None:
    """The text of a listing's field as written (`title.en`, `prices.USD`, `price`), or None."""
    if listing is None or not field:
        return None
    from listing_lint.model import Mapping, Scalar

    node = listing.node
    for part in field.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.items.get(part)
    return node.text if isinstance(node, Scalar) else None


def _market(f: Finding, catalog) -> str:
    """The market a finding is about: a target locale, `source` for the seller's own text, or `all`."""
    data = f.data or {}
    if isinstance(data.get("locale"), str):
        return "source" if catalog is not None and data["locale"] == catalog.source_locale else data["locale"]
    head, _, rest = (f.field or "").partition(".")
    targets = list(catalog.target_locales) if catalog is not None else []
    if head in ("title", "description") and rest:
        from listing_lint.model import locale_language

        lang = locale_language(rest)
        if catalog is not None and catalog.source_locale and locale_language(catalog.source_locale) == lang:
            return "source"
        return next((t for t in targets if locale_language(t) == lang), rest)
    if head == "prices" and rest:
        from listing_lint.money.market import market_currency

        return next((t for t in targets if market_currency(t) == rest.upper()), rest)
    return "all"


_STRAY_SPACE = r"^\s+|\s+$|\s{2,}|[\u00a0\u2000-\u200b\u3000\t]"  # what L005 reports


def _marked(text: str, marks: list[str], spaces: bool = False) -> str:
    """`text` escaped, each of `marks` (and with `spaces`, stray whitespace) found in it wrapped in <mark>."""
    text = text if len(text) <= TEXT_CHARS else text[:TEXT_CHARS] + "…"
    marks = sorted({m for m in marks if m and m.strip()}, key=len, reverse=True)
    alternatives = [re.escape(m) for m in marks] + ([_STRAY_SPACE] if spaces else [])
    if not alternatives:
        return _e(text)
    pattern = re.compile("|".join(alternatives))
    out, at = [], 0
    for m in pattern.finditer(text):
        out.append(_e(text[at:m.start()]))
        out.append(f"<mark>{_e(m.group(0))}</mark>")
        at = m.end()
    out.append(_e(text[at:]))
    return "".join(out)


def _quoted(data: dict, keys: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for key in keys:
        value = data.get(key)
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            found.extend(v for v in value if isinstance(v, str))
    return found


def _sellers_text(f: Finding, listing, catalog) -> str:
    """The field's value; for a text in another language than the source, the source text beside it."""
    from listing_lint.field_names import language_name

    target = _value(listing, f.field)
    head, _, rest = (f.field or "").partition(".")
    source = None
    source_lang = None
    if head in ("title", "description") and rest and listing is not None and catalog is not None and catalog.source_locale:
        from listing_lint.model import locale_language

        found = listing.text(head, catalog.source_locale)
        if found is not None and found[0] != f.field:
            source, source_lang = found[1].text, locale_language(catalog.source_locale)
    data = f.data or {}
    spaces = f.code == "L005"
    if source is None:
        if target is None:
            return '<span class="none">—</span>'
        return f'<div class="text">{_marked(target, _quoted(data, TARGET_MARKS), spaces)}</div>'
    shown = (_marked(target, _quoted(data, TARGET_MARKS), spaces) if target is not None
             else '<span class="none">(missing)</span>')
    return (
        '<div class="pair">'
        f'<div><span class="lang">{_e(language_name(source_lang))} (source)</span>'
        f'<div class="text" lang="{_e(source_lang)}">{_marked(source, _quoted(data, SOURCE_MARKS))}</div></div>'
        f'<div><span class="lang">{_e(language_name(rest))}</span>'
        f'<div class="text" lang="{_e(rest)}">{shown}</div></div>'
        "</div>"
    )


# ---- the page ----------------------------------------------------------------------------------


def _summary(findings: list[Finding], report: Report, rules: dict) -> list[str]:
    from listing_lint.rule import FAMILIES

    by_sev = Counter(f.severity for f in findings)
    out = ['<section id="summary" aria-labelledby="summary-h">', '<h2 id="summary-h">Summary</h2>']
    out.append(
        f'<p class="lead">Checked {_count("listings", report.listings)} listings in '
        f'{_count("files", report.files_checked)} {"file" if report.files_checked == 1 else "files"}: '
        + (f'{_count("findings", len(findings))} problems ('
           + ", ".join(f'{_count("severity:" + s, by_sev[s])} {s}{"s" if s != "info" and by_sev[s] != 1 else ""}'
                       for s in SEVERITIES if by_sev[s]) + ")."
           if findings else 'no problems<span data-count="findings" hidden>0</span>.')
        + "</p>"
    )
    considered = report.tally.get("price.considered", 0)
    if considered:
        judged = report.tally.get("price.judged", 0)
        out.append(f'<p>Prices of {_count("price-judged", judged)} of {_count("price-considered", considered)} '
                   "listings were judged against comparable items"
                   + (f"; {considered - judged} could not be (see below)." if considered > judged else ".") + "</p>")
    if report.errors:
        out.append(f'<div class="errors" role="alert"><h3>Not checked ({_count("errors", len(report.errors))})</h3><ul>'
                   + "".join(f"<li><code>{_e(e)}</code></li>" for e in report.errors) + "</ul></div>")

    families = sorted({f.code[:1] for f in findings}, key=lambda c: ("LTCPM".find(c) % 9, c))
    if findings:
        out.append('<div class="tables">')
        cells = Counter((f.code[:1], f.severity) for f in findings)
        out.append('<table class="counts"><caption>Findings by family and severity</caption><thead><tr>'
                   '<th scope="col">family</th>' + "".join(f'<th scope="col">{s}</th>' for s in SEVERITIES)
                   + '<th scope="col">all</th></tr></thead><tbody>')
        for fam in families:
            row = "".join(f'<td class="num">{_count(f"family:{fam}:{s}", cells[(fam, s)])}</td>' for s in SEVERITIES)
            total = sum(cells[(fam, s)] for s in SEVERITIES)
            out.append(f'<tr><th scope="row">{_e(fam)} · {_e(FAMILIES.get(fam, fam))}</th>{row}'
                       f'<td class="num">{_count("family:" + fam, total)}</td></tr>')
        out.append('</tbody><tfoot><tr><th scope="row">all</th>'
                   + "".join(f'<td class="num">{by_sev[s]}</td>' for s in SEVERITIES)
                   + f'<td class="num">{len(findings)}</td></tr></tfoot></table>')

        per_listing = Counter((f.path, f.listing_id) for f in findings if f.listing_id)
        top = sorted(per_listing.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_LISTINGS]
        if top:
            several = len({path for (path, _), _ in per_listing.items()}) > 1  # name the file only then
            out.append('<table class="counts"><caption>Listings with the most problems</caption><thead><tr>'
                       '<th scope="col">listing</th>' + ('<th scope="col">file</th>' if several else "")
                       + '<th scope="col">problems</th><th scope="col">rules</th></tr></thead><tbody>')
            for (path, lid), n in top:
                rules_of = sorted({f.code for f in findings if f.path == path and f.listing_id == lid})
                out.append(f'<tr><th scope="row"><a href="#{_anchor(path, lid)}">{_e(lid)}</a></th>'
                           + (f'<td>{_e(display_path(path))}</td>' if several else "")
                           + f'<td class="num">{n}</td><td>{_e(", ".join(rules_of))}</td></tr>')
            out.append("</tbody></table>")
        codes = Counter(f.code for f in findings)
        out.append('<table class="counts"><caption>Findings by rule</caption><thead><tr><th scope="col">rule</th>'
                   '<th scope="col">name</th><th scope="col">findings</th></tr></thead><tbody>')
        for code in sorted(codes):
            f0 = next(f for f in findings if f.code == code)
            cls = rules.get(code)
            summary = f' title="{_e(cls.summary())}"' if cls is not None else ""
            out.append(f'<tr class="sev-{_e(f0.severity)}"><th scope="row"><a href="#rule-{_e(code)}"{summary}>{_e(code)}</a>'
                       f'</th><td>{_e(f0.name)} <span class="sev sev-{_e(f0.severity)}" title="{_e(f0.severity)}">'
                       f'<span class="sr">{_e(f0.severity)}</span></span></td>'
                       f'<td class="num">{_count("code:" + code, codes[code])}</td></tr>')
        out.append("</tbody></table>")

        out.append("</div>")

    not_judged = [f for f in findings if f.code == "P003"]
    out.append(f'<h3 id="not-judged">Prices not judged (P003): {_count("not-judged", len(not_judged))}</h3>')
    if not_judged:
        out.append('<table><thead><tr><th scope="col">listing</th><th scope="col">price</th>'
                   '<th scope="col">why</th></tr></thead><tbody>')
        for f in not_judged:
            why = f.message.split(": ", 1)[1] if ": " in f.message else f.message
            price = f"{f.data.get('price', '')} {f.data.get('currency', '')}".strip()
            out.append(f'<tr><th scope="row"><a href="#{_anchor(f.path, f.listing_id)}">{_e(f.listing_id or "")}</a></th>'
                       f'<td class="num">{_e(price)}</td><td>{_e(why)}</td></tr>')
        out.append("</tbody></table>")
    elif "P003" not in rules:
        out.append("<p>P003 did not run, so prices that could not be judged are not listed.</p>")
    elif not considered:
        out.append("<p>No comparable items were configured: no price was judged.</p>")
    else:
        out.append("<p>Every price was judged against comparable items.</p>")
    out.append("</section>")
    return out


def _anchor(path: str, listing_id: str | None) -> str:
    import hashlib

    key = f"{path}\x1f{listing_id or ''}"
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", listing_id or "catalog").strip("-")[:40]
    return f"l-{slug}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:6]}"


def _overview(report: Report, findings: list[Finding], plots) -> list[str]:
    ratios = report.notes.get("price.ratios") or []
    if not ratios:
        return []
    flagged = {(f.listing_id, f.data.get("currency")) for f in findings if f.code in ("P001", "P002")}
    factors = [Decimal(str(f.data["factor"])) for f in findings if f.code == "P001" and "factor" in f.data]
    lows = [Decimal(str(f.data["low_factor"])) for f in findings if f.code == "P002" and "low_factor" in f.data]
    factor = max(factors) if factors else _default("P001", "factor", report, Decimal("2.0"))
    low = min(lows) if lows else _default("P002", "low_factor", report, Decimal("0.25"))
    by_category: dict[str, list[tuple[str, Decimal, bool]]] = defaultdict(list)
    for category, lid, currency, ratio in ratios:
        by_category[category or "(no category)"].append((lid, ratio, (lid, currency) in flagged))
    groups = [(name, sorted(points, key=lambda p: (p[1], p[0]))) for name, points in sorted(by_category.items())]
    drawn = sorted(groups, key=lambda g: (-sum(1 for p in g[1] if p[2]), -len(g[1]), g[0]))[:OVERVIEW_ROWS]
    drawn.sort(key=lambda g: g[0])
    svg = plots.overview_plot([(n, [(lid, float(r), out) for lid, r, out in pts]) for n, pts in drawn],
                              float(factor), float(low), "overview")
    some = (f" The {len(drawn)} of {len(groups)} categories with the most flagged listings are drawn; "
            "the table has them all." if len(drawn) < len(groups) else "")
    out = ['<section id="overview" aria-labelledby="overview-h">',
           '<h2 id="overview-h">Prices by category</h2>',
           '<figure class="plot" data-plot="overview">', svg,
           f"<figcaption>Each judged listing's price as a multiple of the median price of its comparable items, "
           f"by category (listings judged in each). Over {factor}× is flagged as overpriced (P001), "
           f"under {low}× as underpriced (P002).{some}</figcaption></figure>",
           '<details><summary>The numbers</summary><table><thead><tr><th scope="col">category</th>'
           '<th scope="col">listings judged</th><th scope="col">lowest ratio</th><th scope="col">median ratio</th>'
           '<th scope="col">highest ratio</th><th scope="col">flagged</th></tr></thead><tbody>']
    from listing_lint.comparables.stats import median

    for name, points in groups:
        values = sorted(r for _, r, _ in points)
        flagged_ids = ", ".join(lid for lid, _, o in points if o)
        out.append(f'<tr><th scope="row">{_e(name)}</th><td class="num">{len(points)}</td>'
                   f'<td class="num">{values[0]:.2f}</td><td class="num">{median(values):.2f}</td>'
                   f'<td class="num">{values[-1]:.2f}</td><td>{_e(flagged_ids) or "—"}</td></tr>')
    out.append("</tbody></table></details></section>")
    return out


def _default(code: str, option: str, report: Report, fallback: Decimal) -> Decimal:
    cls = report.rules.get(code)
    for opt in getattr(cls, "options", ()):
        if opt.name == option:
            return Decimal(str(opt.default))
    return fallback


def _plot_table(f: Finding) -> str:
    """The numbers behind a price plot, as a table for screen readers and for print."""
    data = f.data
    if f.code in ("P001", "P002"):
        cur = data.get("currency", "")
        rows = "".join(f'<tr><th scope="row">{_e(i["id"])}</th><td>{_e(i.get("title") or "")}</td>'
                       f'<td class="num">{_e(i["price"])} {_e(cur)}</td></tr>' for i in data.get("comparable_items", []))
        return ('<details><summary>The comparable items</summary><table><thead><tr><th scope="col">item</th>'
                '<th scope="col">title</th><th scope="col">price</th></tr></thead><tbody>'
                f'<tr class="own"><th scope="row">{_e(f.listing_id or "this listing")}</th><td>this listing</td>'
                f'<td class="num">{_e(data["price"])} {_e(cur)}</td></tr>{rows}'
                f'<tr><th scope="row">median</th><td>of {_e(data.get("count"))} comparable items</td>'
                f'<td class="num">{_e(data["median"])} {_e(cur)}</td></tr></tbody></table></details>')
    rows = "".join(f'<tr><th scope="row">{_e(p["id"])}</th><td class="num">{_e(p["price"])} {_e(p["currency"])}</td>'
                   f'<td class="num">{_e(p.get("converted", ""))}</td></tr>' for p in data.get("prices", []))
    return ('<details><summary>The prices</summary><table><thead><tr><th scope="col">listing</th>'
            '<th scope="col">price</th><th scope="col">converted</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></details>")


def _filters(findings: list[Finding], markets: dict[Finding, str]) -> list[str]:
    from listing_lint.rule import FAMILIES

    def group(name: str, legend: str, values: list[tuple[str, str]]) -> str:
        boxes = "".join(f'<label><input type="checkbox" name="{name}" value="{_e(v)}" checked> {_e(label)} '
                        f'<span class="n">({sum(1 for f in findings if _key(f, name, markets) == v)})</span></label>'
                        for v, label in values)
        return f'<fieldset><legend>{legend}</legend>{boxes}</fieldset>'

    families = sorted({f.code[:1] for f in findings}, key=lambda c: ("LTCPM".find(c) % 9, c))
    severities = [s for s in SEVERITIES if any(f.severity == s for f in findings)]
    codes = sorted({f.code for f in findings})
    market_values = sorted(set(markets.values()))
    return [
        '<form id="filters" class="filters" role="search" onsubmit="return false">',
        '<p><label for="search">Search by listing id</label> <input type="search" id="search" '
        'placeholder="e.g. RU-SHAWL-008" autocomplete="off"> '
        f'<span aria-live="polite">Showing <strong id="shown">{len(findings)}</strong> of {len(findings)} findings</span></p>',
        group("family", "Family", [(c, f"{c} {FAMILIES.get(c, '')}") for c in families]),
        group("severity", "Severity", [(s, s) for s in severities]),
        group("code", "Rule", [(c, c) for c in codes]),
        group("market", "Market", [(m, m) for m in market_values]),
        "</form>",
    ]


def _key(f: Finding, name: str, markets: dict[Finding, str]) -> str:
    return {"family": f.code[:1], "severity": f.severity, "code": f.code}.get(name) or markets[f]


def _findings(findings: list[Finding], report: Report, plots) -> list[str]:
    listings = _Listings(report.catalogs)
    markets = {f: _market(f, listings.catalog_of.get(f.path)) for f in findings}
    out = ['<section id="findings" aria-labelledby="findings-h">', '<h2 id="findings-h">Findings by listing</h2>']
    if not findings:
        out.append("<p>No problems found.</p></section>")
        return out
    out.extend(_filters(findings, markets))
    grouped: dict[tuple[str, str | None], list[Finding]] = {}
    for f in findings:
        grouped.setdefault((f.path, f.listing_id), []).append(f)
    drawn = 0
    for number, ((path, lid), fs) in enumerate(grouped.items()):
        listing = listings.by_key.get((path, lid)) if lid else None
        catalog = listings.catalog_of.get(path)
        found = (listing.text("title", catalog.source_locale)
                 if listing is not None and catalog is not None and catalog.source_locale else None)
        title = found[1].text if found is not None else None
        heading = _e(lid) if lid else "the catalog as a whole"
        where = f"{display_path(path)}:{listing.loc.line}" if listing is not None else display_path(path)
        out.append(f'<section class="listing" id="{_anchor(path, lid)}" data-listing="{_e(lid or "")}">')
        out.append(f'<h3>{heading} <small>{_e(where)}{" · " + _e(title) if title else ""}</small></h3>')
        out.append('<table class="findings"><thead><tr><th scope="col">line</th><th scope="col">rule</th>'
                   '<th scope="col">severity</th><th scope="col">field</th><th scope="col">the seller\'s text</th>'
                   '<th scope="col">problem</th><th scope="col">how to fix</th></tr></thead><tbody>')
        for k, f in enumerate(fs):
            fid = f"f{number}-{k}"
            cls = report.rules.get(f.code)
            attrs = (f'class="finding sev-{_e(f.severity)}" id="{fid}" data-code="{_e(f.code)}" '
                     f'data-family="{_e(f.code[:1])}" data-severity="{_e(f.severity)}" data-market="{_e(markets[f])}"')
            out.append(
                f"<tr {attrs}><td class=\"num\">{f.line}:{f.column}</td>"
                f'<td><a href="#rule-{_e(f.code)}">{_e(f.code)}</a><br><small>{_e(f.name)}</small></td>'
                f'<td><span class="sev sev-{_e(f.severity)}">{_e(f.severity)}</span></td>'
                f"<td><code>{_e(f.field or '')}</code></td>"
                f"<td>{_sellers_text(f, listing, catalog)}</td>"
                f"<td>{_e(f.message)}</td><td class=\"fix\">{_how_to_fix(cls)}</td></tr>"
            )
            if f.code in ("P001", "P002", "P004"):
                svg = plots.plot_for(f, fid) if drawn < PLOT_LIMIT else None
                drawn += svg is not None
                body = (f'<figure class="plot" data-plot="{fid}">{svg}<figcaption>{_e(f.code)} {_e(lid or "")}: '
                        f'{_e(_caption(f))}</figcaption>{_plot_table(f)}</figure>' if svg
                        else f'<p class="none">No plot ({"over " + str(PLOT_LIMIT) + " price findings" if drawn >= PLOT_LIMIT else "too little data"}).</p>{_plot_table(f)}')
                out.append(f'<tr class="plot-row" data-for="{fid}"><td colspan="7">{body}</td></tr>')
        out.append("</tbody></table></section>")
    out.append("</section>")
    return out


def _caption(f: Finding) -> str:
    data = f.data
    if f.code == "P004":
        return "the prices of the same product's listings (this one marked ◆) against the tolerance."
    per = data.get("per") or "item"
    unit = "" if per == "item" else f" per {per}"
    limit = f"{data['factor']}× the median" if "factor" in data else f"{data.get('low_factor')}× the median"
    return (f"this listing's price{unit} (◆) against the {data.get('comparables_listed', '')} comparable items "
            f"priced nearest to it (●) of {data.get('count')}, the median (dashed) and {limit} (dotted).")


def _rule_docs(findings: list[Finding], rules: dict) -> list[str]:
    codes = sorted({f.code for f in findings})
    out = ['<section id="rules" aria-labelledby="rules-h"><h2 id="rules-h">The rules that found something</h2><dl>']
    for code in codes:
        cls = rules.get(code)
        name = cls.name if cls is not None else next(f.name for f in findings if f.code == code)
        summary = cls.summary() if cls is not None else ""
        out.append(f'<dt id="rule-{_e(code)}">{_e(code)} <code>{_e(name)}</code></dt><dd>{_code(summary)}</dd>')
    out.append("</dl></section>")
    return out


def render(findings: list[Finding], report: Report) -> str:
    from listing_lint.reporters import price_plots as plots

    body = [
        "<header>",
        "<h1>listing-lint report</h1>",
        f'<p class="meta">{_e(", ".join(display_path(p) for p in report.files) or "no files")} · '
        f"listing-lint {_e(__version__)}</p>",
        '<nav aria-label="Sections"><a href="#summary">Summary</a> · <a href="#overview">Prices by category</a> · '
        '<a href="#findings">Findings</a> · <a href="#rules">Rules</a></nav>',
        "</header>",
        "<main>",
        *_summary(findings, report, report.rules),
        *_overview(report, findings, plots),
        *_findings(findings, report, plots),
        *(_rule_docs(findings, report.rules) if findings else []),
        "</main>",
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # No request leaves the page, even by mistake: the browser refuses anything not inline.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>listing-lint report: {_e(_title(findings, report))}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{JS}</script>\n</body>\n</html>\n"
    )


def _title(findings: list[Finding], report: Report) -> str:
    return (f"{_plural(report.listings, 'listing')} checked, "
            + (_plural(len(findings), "problem") if findings else "no problems"))


CSS = """
:root { --fg: #1b1b1b; --muted: #555; --line: #c8c8c8; --error: #b00020; --warning: #8a5a00; --info: #1f5f8b; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg);
  margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; background: #fff; }
h1 { font-size: 1.6rem; margin: .2rem 0; } h2 { font-size: 1.3rem; border-bottom: 2px solid var(--fg); margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; } h3 small { font-weight: normal; color: var(--muted); }
.meta, nav { color: var(--muted); } .lead { font-size: 1.1rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
thead th { background: #f2f2f2; } .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.counts { width: auto; min-width: 16rem; }
.tables { display: flex; flex-wrap: wrap; gap: 0 1.5rem; align-items: flex-start; }
.tables td, .tables th { padding: .2rem .4rem; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
code { font: .9em ui-monospace, "DejaVu Sans Mono", monospace; background: #f4f4f4; padding: 0 .2em; }
.sev { font-weight: 700; text-transform: uppercase; font-size: .8em; letter-spacing: .03em; }
.sev-error .sev::before { content: "✖ "; } .sev-warning .sev::before { content: "▲ "; } .sev-info .sev::before { content: "ℹ "; }
.sev.sev-error { color: var(--error); } .sev.sev-warning { color: var(--warning); } .sev.sev-info { color: var(--info); }
tr.finding.sev-error td:first-child { border-left: 4px solid var(--error); }
tr.finding.sev-warning td:first-child { border-left: 4px dashed var(--warning); }
tr.finding.sev-info td:first-child { border-left: 4px dotted var(--info); }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem; }
.lang { display: block; font-size: .78em; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 14em; overflow: auto; }
mark { background: #ffe066; color: #000; outline: 1px solid #b38f00; text-decoration: underline wavy #b00020; }
.none { color: var(--muted); font-style: italic; }
.fix p { margin: 0 0 .4rem; font-size: .92em; }
figure.plot { margin: .4rem 0; } figure.plot svg { max-width: 100%; height: auto; }
figcaption { font-size: .9em; color: var(--muted); }
.filters { border: 1px solid var(--line); padding: .5rem .8rem; background: #fafafa; position: sticky; top: 0; z-index: 1; }
.filters fieldset { display: inline-block; border: 0; margin: 0 1rem .3rem 0; padding: 0; vertical-align: top; }
.filters legend { font-weight: 600; } .filters label { margin-right: .6rem; white-space: nowrap; } .n { color: var(--muted); }
.errors { border: 2px solid var(--error); padding: .4rem .8rem; }
[hidden] { display: none !important; }
a { color: #0b57a4; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .filters, nav, script { display: none !important; }
  details > summary { display: none; }
  details::details-content { content-visibility: visible; display: contents; }
  .text { max-height: none; overflow: visible; }
  section.listing, figure.plot, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  mark { background: none; outline: none; text-decoration: underline; font-weight: 700; }
  [hidden] { display: revert !important; }
}
"""

JS = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  function chosen(name) {
    var out = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) { if (box.checked) { out[box.value] = true; } });
    return out;
  }
  function apply() {
    var fam = chosen("family"), sev = chosen("severity"), code = chosen("code"), market = chosen("market");
    var query = search.value.trim().toLowerCase();
    var count = 0;
    document.querySelectorAll("section.listing").forEach(function (section) {
      var idMatches = !query || section.getAttribute("data-listing").toLowerCase().indexOf(query) !== -1;
      var visible = 0;
      section.querySelectorAll("tr.finding").forEach(function (row) {
        var d = row.dataset;
        var on = idMatches && fam[d.family] && sev[d.severity] && code[d.code] && market[d.market];
        row.hidden = !on;
        var plot = section.querySelector('tr.plot-row[data-for="' + row.id + '"]');
        if (plot) { plot.hidden = !on; }
        if (on) { visible += 1; }
      });
      section.hidden = visible === 0;
      count += visible;
    });
    shown.textContent = String(count);
  }
  form.addEventListener("change", apply);
  search.addEventListener("input", apply);
})();
// On paper every table shows: browsers without ::details-content open the <details> for printing.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details:not([open])").forEach(function (d) { d.setAttribute("data-printed", ""); d.open = true; });
});
window.addEventListener("afterprint", function () {
  document.querySelectorAll("details[data-printed]").forEach(function (d) { d.removeAttribute("data-printed"); d.open = false; });
});
"""
