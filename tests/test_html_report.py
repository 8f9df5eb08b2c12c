"""The HTML report, read as HTML (no browser): its counts are the JSON report's, it is self-contained
and deterministic, every price finding has its plot, and translations stand beside their source."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from conftest import DEMO, run_reports

pytest.importorskip("matplotlib", reason="the HTML report needs the `html` extra (matplotlib)")


class Page(HTMLParser):
    """What the tests read from a report: the `data-count`s, the finding rows, the plot rows, attributes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: dict[str, int] = {}
        self.rows: list[dict] = []  # tr.finding attributes, with the text of its first cell
        self.plots: dict[str, int] = {}  # tr.plot-row data-for → <svg> elements inside
        self.urls: list[str] = []  # every src and href
        self.tags: Counter = Counter()
        self._count_key: str | None = None
        self._cell: dict | None = None
        self._plot: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] += 1
        for key in ("src", "href", "xlink:href"):
            if key in a:
                self.urls.append(a[key])
        if "data-count" in a:
            self._count_key = a["data-count"]
        if tag == "tr" and "finding" in (a.get("class") or "").split():
            self.rows.append({**a, "where": ""})
            self._cell = self.rows[-1]
        elif tag == "td" and self._cell is not None and self._cell["where"]:
            self._cell = None
        if tag == "tr" and a.get("class") == "plot-row":
            self._plot = a["data-for"]
            self.plots[self._plot] = 0
        if tag == "svg" and self._plot is not None:
            self.plots[self._plot] += 1

    def handle_endtag(self, tag):
        if tag == "tr":
            self._plot = None
        if tag == "td":
            self._cell = None

    def handle_data(self, data):
        if self._count_key is not None:
            self.counts[self._count_key] = int(data)
            self._count_key = None
        if self._cell is not None:
            self._cell["where"] += data


def _agree(page: Page, findings: list[dict], text: str) -> None:
    assert page.counts["findings"] == len(findings)
    listings, files = re.search(r"Checked (\d+) listings? in (\d+) files?", text).groups()
    assert page.counts["listings"] == int(listings) and page.counts["files"] == int(files)
    for sev, n in Counter(f["severity"] for f in findings).items():
        assert page.counts[f"severity:{sev}"] == n
    for fam, n in Counter(f["code"][0] for f in findings).items():
        assert page.counts[f"family:{fam}"] == n
    for (fam, sev), n in Counter((f["code"][0], f["severity"]) for f in findings).items():
        assert page.counts[f"family:{fam}:{sev}"] == n
    for code, n in Counter(f["code"] for f in findings).items():
        assert page.counts[f"code:{code}"] == n
    assert page.counts["not-judged"] == sum(1 for f in findings if f["code"] == "P003")
    # Nothing counted that the JSON lacks, and every finding a row of its own.
    codes = {f["code"] for f in findings}
    assert {k.split(":")[1] for k in page.counts if k.startswith("code:")} == codes
    shown = sorted((r["data-code"], r["data-severity"], r["where"]) for r in page.rows)
    assert shown == sorted((f["code"], f["severity"], f"{f['line']}:{f['column']}") for f in findings)


def test_json_and_html_agree_on_every_count_for_the_demo(demo_reports):
    page = Page(demo_reports.html)
    assert len(demo_reports.findings) == 29
    _agree(page, demo_reports.findings, demo_reports.text)
    assert page.counts["listings"] == 53


PRICED = """\
source_locale: ru_RU
target_locales: [en_US]
listings:
  - {id: SHAWL-1, category: accessories/shawls, title: {ru: "Платок", en: "Wool shawl"}, price: 4500 RUB, prices: {USD: 48.60}}
  - {id: SHAWL-2, category: accessories/shawls, title: {ru: "Платок шерстяной", en: "Wool shawl"}, price: 9900 RUB, prices: {USD: 106.92}}
  - {id: BELT-1, category: accessories/belts, title: {ru: "Пояс", en: "Belt"}, price: 1500 RUB, prices: {USD: 16.20}}
  - {id: CAP-1, gtin: "4601234567893", title: {ru: "Шапка", en: "Cap"}, price: 1000 RUB, prices: {USD: 10.80}}
  - {id: CAP-2, gtin: "4601234567893", title: {ru: "Шапка", en: "Cap"}, price: 1500 RUB, prices: {USD: 16.20}}
"""


@pytest.fixture(scope="module")
def priced(tmp_path_factory):
    """A catalog with each kind of price finding: P001, P003 (no belts nor caps among the comparables), P004."""
    here = tmp_path_factory.mktemp("priced")
    (here / "catalog.yaml").write_text(PRICED, encoding="utf-8")
    config = here / "listing-lint.yaml"
    config.write_text(f"rates: {DEMO / 'rates.yaml'}\ncomparables: [{DEMO / 'comparables.csv'}]\n", encoding="utf-8")
    return run_reports(here / "catalog.yaml", config, here)


def test_json_and_html_agree_with_every_kind_of_price_finding(priced):
    codes = Counter(f["code"] for f in priced.findings)
    assert codes["P001"] == 1 and codes["P003"] == 3 and codes["P004"] == 2
    page = Page(priced.html)
    _agree(page, priced.findings, priced.text)
    assert "fewer than 5 comparable items" in priced.html  # P003's reason, in the summary


def test_every_price_finding_has_its_plot_naming_each_comparable(demo_reports, priced):
    for reports in (demo_reports, priced):
        page = Page(reports.html)
        plotted = [r for r in page.rows if r["data-code"] in ("P001", "P002", "P004")]
        assert plotted
        for row in plotted:
            assert page.plots.get(row["id"]) == 1, row
    p001 = next(f for f in demo_reports.findings if f["listing_id"] == "RU-SHAWL-008" and f["code"] == "P001")
    items = p001["data"]["comparable_items"]
    assert len(items) == p001["data"]["count"] == 7
    for item in items:  # named and priced in the plot's labels
        assert f"{item['id']} " in demo_reports.html and item["price"] in demo_reports.html
    assert page.plots.get("overview") is None and 'data-plot="overview"' in demo_reports.html


def test_the_comparables_keep_the_json_keys_and_add_names_and_prices(demo_reports):
    p002 = next(f for f in demo_reports.findings if f["code"] == "P002")
    data = p002["data"]
    assert data["comparables"] == [i["id"] for i in data["comparable_items"]]
    assert all(set(i) == {"id", "title", "price"} and re.fullmatch(r"\d+\.\d\d", i["price"]) for i in data["comparable_items"])


def test_the_page_is_self_contained(demo_reports):
    page = Page(demo_reports.html)
    assert page.tags["script"] == 1 and not page.tags["link"] and not page.tags["img"] and not page.tags["iframe"]
    assert page.urls and all(u.startswith("#") for u in page.urls), [u for u in page.urls if not u.startswith("#")]
    assert not re.search(r"url\((?!#)", demo_reports.html)  # CSS and SVG refer only to what is inside the page
    assert "@import" not in demo_reports.html and "<script src" not in demo_reports.html


def test_the_same_input_gives_the_same_bytes(demo_reports, tmp_path):
    again = run_reports(DEMO / "catalog.yaml", DEMO / "listing-lint.yaml", tmp_path)
    assert again.html_path.read_bytes() == demo_reports.html_path.read_bytes()
    assert "<dc:date>" not in demo_reports.html and "2026-12" not in demo_reports.html


def test_translations_stand_beside_their_source_with_the_difference_marked(demo_reports):
    html = demo_reports.html
    # T005 on RU-SHAWL-005: the source's 125 and the translation's 120 are marked.
    section = html[html.index('data-listing="RU-SHAWL-005"'):]
    section = section[:section.index("</section>")]
    assert "Russian (source)" in section and "English</span>" in section
    assert "<mark>125</mark>" in section and "<mark>120</mark>" in section
    t004 = html[html.index('data-listing="RU-SHAWL-004"'):]
    assert "<mark>Павлопосадский платок</mark>" in t004[:t004.index("</section>")]


def test_html_without_matplotlib_says_how_to_install_it(cli, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name, *a))
    result = cli("check", "--config", DEMO / "listing-lint.yaml", "--format", "html", DEMO / "catalog.yaml")
    assert result.exit_code == 2 and result.stdout == ""
    assert "pip install 'listing-lint[html]'" in result.stderr


def test_past_the_plot_limit_a_price_finding_keeps_its_table(cli, monkeypatch, tmp_path):
    monkeypatch.setattr("listing_lint.reporters.html.PLOT_LIMIT", 1)
    out = tmp_path / "report.html"
    cli("check", "--config", DEMO / "listing-lint.yaml", "--format", "html", "--output", out, DEMO / "catalog.yaml")
    page = Page(out.read_text(encoding="utf-8"))
    plotted = [r for r in page.rows if r["data-code"] in ("P001", "P002")]
    assert [page.plots[r["id"]] for r in plotted] == [1, 0, 0]
    assert out.read_text(encoding="utf-8").count("No plot (over 1 price findings)") == 2


def test_a_clean_catalogs_page_says_what_was_checked(tmp_path):
    clean = run_reports(DEMO / "clean.yaml", DEMO / "listing-lint.yaml", tmp_path)
    assert clean.findings == []
    page = Page(clean.html)
    _agree(page, clean.findings, clean.text)
    assert page.rows == [] and "no problems" in clean.html and 'data-plot="overview"' in clean.html
