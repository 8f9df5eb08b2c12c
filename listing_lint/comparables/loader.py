"""Read comparables files: CSV or YAML, in the same shape as a catalog.

Columns (CSV) or keys (YAML items): `id, category, title, price, currency`, optional
`gtin, brand, mpn, url, seller` and `attributes.<name>` (YAML: an `attributes:`
mapping). `price` may also carry its currency (`26.00 USD`, `$26.00`). A YAML file
is a list of items (or a mapping with `listings:`); it goes through the catalog
loader, so every item keeps its line. CSV is read with the csv module, which is
several times faster than the catalog scanner and needs no column positions: a
marketplace export of 200,000 rows is common.

Prices are read in the file's locale, as catalog prices are: `locale` given to
`load_comparables` (the catalog's `source_locale`, or a setting for the file), or a YAML
file's own `source_locale:`, which wins. It decides the decimal symbol (`1.299` is 1299 in
de_DE) and what a shared symbol means (`99.00元` and `¥99` are CNY in zh_CN, `元` is TWD
in zh_TW); without one, a shared symbol is refused with what it could be.

A bad file stops the run with `path:line: message`: judging prices against half a
file would mislead.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from listing_lint.comparables.items import Comparable
from listing_lint.comparables.quantities import quantity_from
from listing_lint.errors import ConfigError, LoadError, NotACatalog
from listing_lint.model import Listing, Location, Mapping, Scalar

KNOWN_KEYS = ("id", "category", "title", "price", "currency", "gtin", "brand", "mpn", "attributes", "url", "seller",
              "quantity", "unit")


class ComparablesError(ConfigError):
    """A comparables file that cannot be used: names the file and line."""


def load_comparables(path: str | Path, locale: str | None = None) -> list[Comparable]:
    """The items of a comparables file, prices read in `locale` (see the module's docs)."""
    path = str(path)
    if path.lower().endswith(".csv"):
        return _load_csv(path, locale)
    from listing_lint.loaders import load_catalog

    try:
        catalog = load_catalog(path)
    except NotACatalog:
        raise ComparablesError(
            "not a comparables file: expected a list of items with id, category, title, price, currency", path, 1
        ) from None
    except LoadError as exc:
        raise ComparablesError(f"comparables file: {exc.message}", exc.path, exc.line) from None
    locale = catalog.source_locale or locale
    return [_from_yaml(listing, locale) for listing in catalog.listings]


def _unknown(key: str, path: str, line: int) -> ComparablesError:
    from listing_lint.suggest import closest

    hint = closest(key, KNOWN_KEYS)
    return ComparablesError(
        f"unknown column '{key}' in comparables file"
        + (f" (did you mean '{hint}'?)" if hint else f"; known: {', '.join(KNOWN_KEYS)}, attributes.<name>"),
        path,
        line,
    )


def _read_text(path: str) -> str:
    from listing_lint.loaders import decode, read_bytes

    if not Path(path).exists():
        raise ComparablesError("comparables file not found", path)
    try:
        data = read_bytes(path)
    except LoadError as exc:
        raise ComparablesError(f"comparables file: {exc.message}", path) from None
    try:
        return decode(data, path)
    except LoadError as exc:
        raise ComparablesError(f"comparables file: {exc.message}", exc.path, exc.line) from None


def _load_csv(path: str, locale: str | None) -> list[Comparable]:
    import csv
    import io

    from listing_lint.loaders.table import sniff_delimiter

    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    items: list[Comparable] = []
    names: list[str] | None = None
    line = 1  # first physical line of the row being read
    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(row):
                continue
            if names is None:
                names = _header(row, path, start)
                plain = [(k, n) for k, n in enumerate(names) if n and not n.startswith("attributes.")]
                attrs = [(k, n[len("attributes."):]) for k, n in enumerate(names) if n.startswith("attributes.")]
                continue
            if len(row) > len(names):
                raise ComparablesError(f"row has {len(row)} cells but the header names {len(names)}", path, start)
            width = len(row)
            fields = {n: v for k, n in plain if k < width and (v := row[k].strip())}
            attributes = {n: v for k, n in attrs if k < width and (v := row[k].strip())}
            items.append(_make(fields, attributes, Location(path, start, 1), locale))
    except csv.Error as exc:
        raise ComparablesError(f"comparables file is not valid CSV: {exc}", path, reader.line_num) from None
    if names is None:
        raise ComparablesError("empty comparables file, no header", path, 1)
    return items


def _header(row: list[str], path: str, line: int) -> list[str]:
    names = [cell.strip() for cell in row]
    for name in names:
        base = name.split(".", 1)[0]
        if name and (base not in KNOWN_KEYS or ("." in name and base not in ("attributes", "title"))):
            raise _unknown(name, path, line)
    for required in ("id", "price"):
        if required not in names:
            raise ComparablesError(
                f"comparables file has no `{required}` column (the header must name the columns: "
                "id,category,title,price,currency,...)",
                path,
                line,
            )
    # A `title.en` column stands in for `title` when there is no plain `title`: the first such column.
    if "title" not in names:
        localised = [n for n in names if n.startswith("title.")]
        preferred = "title.en" if "title.en" in localised else (localised[0] if localised else None)
        names = [("title" if n == preferred else n) for n in names]
    return [("" if n.startswith("title.") else n) for n in names]


def _from_yaml(listing: Listing, locale: str | None) -> Comparable:
    for key, loc in listing.node.keys.items():
        if key not in KNOWN_KEYS:
            raise _unknown(key, loc.path, loc.line)
    fields = {key: listing.text_of(key) for key in KNOWN_KEYS if listing.text_of(key) is not None}
    title = _yaml_title(listing)
    if title:
        fields["title"] = title
    raw = listing.price
    fields.pop("price", None)
    if raw is not None and not raw.amount.blank:
        fields["price"] = raw.amount.text
        if raw.currency is not None:
            fields["currency"] = raw.currency.text
    return _make(fields, listing.attributes, listing.loc, locale, listing.locate(raw.field) if raw else None)


def _yaml_title(listing: Listing) -> str | None:
    node = listing.get("title")
    if isinstance(node, Mapping):
        texts = listing.texts("title")
        chosen = texts.get("en") or next(iter(texts.values()), None)
        return chosen.text.strip() if isinstance(chosen, Scalar) and not chosen.blank else None
    return None


def _make(fields: dict[str, str], attributes: dict[str, str], where: Location, locale: str | None,
          price_at: Location | None = None) -> Comparable:
    item_id = fields.get("id")
    if not item_id:
        raise ComparablesError("comparable item has no id", where.path, where.line)
    text = fields.get("price")
    if not text:
        raise ComparablesError(f"comparable item {item_id} has no price", where.path, where.line)
    amount, currency = _amount(text, fields.get("currency"), item_id, price_at or where, locale)
    return Comparable(
        id=item_id,
        amount=amount,
        currency=currency,
        loc=where,
        category=fields.get("category"),
        title=fields.get("title", ""),
        gtin=fields.get("gtin"),
        brand=fields.get("brand"),
        mpn=fields.get("mpn"),
        attributes=attributes,
        quantity=quantity_from(fields.get("quantity"), fields.get("unit"), attributes, (fields.get("title"),)),
    )


def _amount(text: str, currency: str | None, item_id: str, where: Location, locale: str | None) -> tuple[Decimal, str]:
    given = currency.strip().upper() if currency else None
    value, code = _plain_amount(text, locale)
    if value is not None:
        code = given or code
    else:
        # Prices copied from shop pages (`$26.00`, `2 400 ₽`, `99.00元`): the money parser knows those.
        from listing_lint.money import parse_price

        parsed = parse_price(text, currency=given, locale=locale)
        value, code = parsed.amount, given or parsed.currency
        if value is None or parsed.kind:
            why = f": {parsed.problem}" if parsed.problem else ""
            raise ComparablesError(f"price '{text}' of comparable item {item_id} cannot be read{why}", where.path, where.line)
    if value <= 0:
        raise ComparablesError(f"price '{text}' of comparable item {item_id} is not a positive amount", where.path, where.line)
    if not code:
        raise ComparablesError(
            f"price '{text}' of comparable item {item_id} has no currency (add a currency column or write `26.00 USD`)",
            where.path,
            where.line,
        )
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise ComparablesError(
            f"currency '{code}' of comparable item {item_id} is not a three-letter ISO 4217 code such as USD",
            where.path,
            where.line,
        )
    return value, code


def _plain_amount(text: str, locale: str | None = None) -> tuple[Decimal | None, str | None]:
    """`26.00` or `26.00 USD`, the shape of machine exports, read without the money parser (fast).

    Not `1.299` when the locale's decimal symbol is not `.`: that is 1299 in de_DE, the parser's call.
    """
    number, _, code = text.strip().partition(" ")
    if not number or not (number[0].isascii() and number[0].isdigit() and number[-1].isascii() and number[-1].isdigit()):
        return None, None  # also keeps out `1e5`, `NaN`, `-5`, `.5`, `٢٧`, which Decimal would take
    if locale and re.fullmatch(r"\d+\.\d{3}", number):
        from listing_lint.money.parse import decimal_symbol

        if decimal_symbol(locale) != ".":
            return None, None
    try:
        value = Decimal(number)
    except ArithmeticError:
        return None, None
    if "e" in number.lower() or "," in number or "_" in number:
        return None, None
    from listing_lint.money.parse import _absurd

    if _absurd(value):
        return None, None  # the parser says why
    code = code.strip()
    if code and not (len(code) == 3 and code.isalpha()):
        return None, None
    return value, code.upper() or None
