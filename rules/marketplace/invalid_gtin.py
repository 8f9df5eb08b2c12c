from __future__ import annotations

import re
from dataclasses import dataclass

from listing_lint.model import Scalar, Sequence
from listing_lint.rule import Fix, ListingRule, Option, Problem, value_edits

LENGTHS = (8, 12, 13, 14)  # GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN, JAN, ISBN-13), GTIN-14
# What a spreadsheet makes of a long number: `4.60123E+12`, `4,60703E+12`.
SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)?[eE]\+?\d+")
# A number a spreadsheet gave a decimal part: `4601234567893.0`.
DECIMAL = re.compile(r"(\d+)[.,]0+")
SEPARATORS = re.compile(r"[\s\-‐‑–]+")
LIST_SEPARATORS = re.compile(r"(?<!\s)\s*[,;|]\s*")
ISBN10 = re.compile(r"\d{9}[\dXx]")
# GS1 prefixes (of the 13-digit form) that are not a manufacturer's product: numbers for use
# inside one company or store (restricted circulation, often weighed goods) and coupons.
RESTRICTED = (("02", "restricted"), ("04", "restricted"), ("2", "restricted"),
              ("05", "coupon"), ("981", "coupon"), ("982", "coupon"), ("983", "coupon"), ("984", "coupon"),
              ("99", "coupon"))


@dataclass(frozen=True)
class Verdict:
    kind: str
    says: str  # what is wrong, after `the barcode (GTIN) "…"`
    data: dict
    replacement: str | None = None  # the value a fix writes
    safe: bool = True


def check_digit(body: str) -> int:
    """The GS1 check digit of the digits before it (weights 3, 1, 3, … from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def valid(digits: str) -> bool:
    return len(digits) in LENGTHS and check_digit(digits[:-1]) == int(digits[-1])


def upc_e_to_a(code: str) -> str | None:
    """The 12-digit UPC-A an 8-digit UPC-E code stands for, or None when it is not one."""
    if len(code) != 8 or code[0] not in "01":
        return None
    d, last = code[1:7], code[6]
    if last in "012":
        body = d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        body = d[0:3] + "00000" + d[3:5]
    elif last == "4":
        body = d[0:4] + "00000" + d[4]
    else:
        body = d[0:5] + "0000" + last
    upc_a = code[0] + body + code[7]
    return upc_a if valid(upc_a) else None


def isbn10_to_13(isbn: str) -> str | None:
    """The ISBN-13 of a valid ISBN-10 (`0306406152` → `9780306406157`), else None."""
    if not ISBN10.fullmatch(isbn):
        return None
    values = [10 if ch in "Xx" else int(ch) for ch in isbn]
    if sum((10 - i) * v for i, v in enumerate(values)) % 11:
        return None
    body = "978" + isbn[:9]
    return body + str(check_digit(body))


def judge(value: str, store_codes: bool) -> Verdict | None:
    """What is wrong with one barcode as written, or None."""
    if SCIENTIFIC.fullmatch(value):
        return Verdict("spreadsheet", "was turned into a number by a spreadsheet and lost its last digits "
                       "(scientific notation). Format the barcode column as Text, type the barcodes in again "
                       "from the products or the supplier's list, and export the file again", {})
    if m := DECIMAL.fullmatch(value):
        digits = m.group(1)
        if valid(digits):
            return Verdict("spreadsheet", f"was stored by a spreadsheet as a number with a decimal part; "
                           f"the barcode is {digits}. Format the barcode column as Text", {"digits": digits}, digits)
    if isbn13 := isbn10_to_13(SEPARATORS.sub("", value)):
        return Verdict("isbn10", f"is an ISBN-10; marketplaces take the 13-digit ISBN, {isbn13}",
                       {"isbn13": isbn13}, isbn13, safe=False)
    compact = SEPARATORS.sub("", value)
    if not compact.isdigit() or not compact.isascii():
        odd = "".join(dict.fromkeys(ch for ch in compact if not (ch.isascii() and ch.isdigit())))
        return Verdict("characters", f"has characters other than digits ({' '.join(odd)}); a barcode is digits only",
                       {"characters": odd})
    digits = compact
    if len(set(digits)) == 1:
        return Verdict("placeholder", "is the same digit over and over: a placeholder, not a product's barcode", {})
    if len(digits) not in LENGTHS:
        if len(digits) == 11 and valid("0" + digits):
            return Verdict("lost-zero", f"has 11 digits: a UPC that lost its leading 0, as a spreadsheet does "
                           f"to a number. Write 0{digits} and format the column as Text",
                           {"length": 11, "digits": "0" + digits}, "0" + digits, safe=False)
        isbn = "; if it is an ISBN-10, a digit is wrong" if len(digits) == 10 else ""
        return Verdict("length", f"has {len(digits)} digits; a GTIN has 8 (EAN-8), 12 (UPC), 13 (EAN, ISBN) "
                       f"or 14{isbn}", {"length": len(digits)})
    if not valid(digits):
        if upc_e_to_a(digits):
            return _spacing(value, digits)
        expected = check_digit(digits[:-1])
        book = " (an ISBN)" if len(digits) == 13 and digits.startswith(("978", "979")) else ""
        return Verdict("check-digit", f"has a wrong check digit{book}: it ends in {digits[-1]}, and the digits "
                       f"before it call for {expected}. A digit is mistyped or two are swapped; copy the barcode "
                       "again from the product", {"length": len(digits), "check_digit": int(digits[-1]),
                                                  "expected": expected})
    if not store_codes and len(digits) in (12, 13):
        prefix13 = digits.zfill(13)
        for prefix, kind in RESTRICTED:
            if prefix13.startswith(prefix):
                written = prefix[13 - len(digits):]  # a UPC has no leading 0: its `2…` is GS1's `02…`
                what = ("a number for use inside one store or company (restricted circulation), not the "
                        "manufacturer's GTIN; marketplaces cannot match it to the product. Give the barcode "
                        "the manufacturer printed" if kind == "restricted" else "a coupon's number, not a product's GTIN")
                return Verdict(kind, f"starts with {written}: {what}", {"prefix": written})
    return _spacing(value, digits)


def _spacing(value: str, digits: str) -> Verdict | None:
    if value == digits:
        return None
    return Verdict("separators", "has spaces or dashes between its digits; marketplaces take the digits only",
                   {"digits": digits}, digits)


class InvalidGtin(ListingRule):
    """A barcode (GTIN) is not a valid GTIN-8, -12, -13 or -14.

    ## What it does
    Checks the `gtin` field (a feed's `g:gtin`, a YML `barcode`, Shopify's `Variant
    Barcode`, an Ozon template's barcode column, however the file names it) and flags a
    barcode that:

    - was mangled by a spreadsheet: `4.60123E+12`, `4,60703E+12` (its last digits are
      lost), or `4601234567893.0`;
    - has characters other than digits, or spaces and dashes between them (a safe fix
      takes them out);
    - has a length no GTIN has (8, 12, 13 or 14 digits); 11 digits that are a UPC missing
      its leading zero are said to be so;
    - has a wrong check digit (the last digit, computed from the others);
    - is an ISBN-10, where marketplaces take the ISBN-13 (an unsafe fix writes it);
    - is a store's own number (restricted circulation: 13 digits starting with 2, or the
      GS1 prefixes 02 and 04) or a coupon number (prefixes 05, 981–984, 99); marketplaces
      cannot match these to a product. Option `store_codes` lets them pass;
    - is one digit repeated (`0000000000000`).

    An 8-digit UPC-E code with a valid check digit passes. Several barcodes in one field
    (separated by `,` or `;`, or a YAML list) are checked one by one. A missing barcode is
    not this rule's business (M005 says when the marketplace requires one).

    ## Why it matters
    Marketplaces match a listing to its product by the GTIN: a wrong one is rejected
    (Merchant Center: "Invalid GTIN"), or worse, matches another product's card, which
    shows the buyer the wrong item. Exporting a catalog from a spreadsheet where the
    barcode column is a number ruins every barcode at once.

    ## Example
    Fails (a spreadsheet wrote the barcode in scientific notation):
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Павлопосадский платок"}, price: 4500 RUB, gtin: "4.60703E+12"}
    ```
    Passes:
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Павлопосадский платок"}, price: 4500 RUB, gtin: "4607033184200"}
    ```

    ## How to fix
    Copy the barcode from the product's label or the supplier's list. In a spreadsheet,
    format the barcode column as Text *before* typing or pasting barcodes, and export again;
    a column that was a number has already lost digits and must be typed in again.
    """

    code = "M002"
    name = "invalid-gtin"
    severity = "error"
    fixable = True
    options = (
        Option("store_codes", False, "let a store's own numbers (prefix 2, 02, 04) and coupon numbers pass"),
    )

    def check(self, listing, ctx):
        for scalar in _gtin_scalars(listing.get("gtin")):
            text = scalar.text
            for start, end in _parts(text):
                value = text[start:end]
                verdict = judge(value, self.opts["store_codes"])
                if verdict is None:
                    continue
                fix = None
                if verdict.replacement is not None:
                    edits = value_edits(ctx.catalog.text_at(scalar), scalar, [(start, end, verdict.replacement)])
                    if edits:
                        fix = Fix(edits, f"write the barcode as {verdict.replacement}", safe=verdict.safe)
                yield Problem(
                    f'the barcode (GTIN) "{value}" {verdict.says}',
                    field="gtin",
                    loc=scalar.loc,
                    data={"gtin": value, "kind": verdict.kind, **verdict.data},
                    fix=fix,
                )


def _gtin_scalars(node) -> list[Scalar]:
    if isinstance(node, Scalar):
        return [] if node.blank else [node]
    if isinstance(node, Sequence):
        return [v for v in node.items if isinstance(v, Scalar) and not v.blank]
    return []


def _parts(text: str) -> list[tuple[int, int]]:
    """(start, end) of each barcode in a field's text: several may be listed with `,` or `;`,
    but a spreadsheet's `4,60703E+12` is one."""
    stripped = text.strip()
    offset = text.index(stripped) if stripped else 0
    if SCIENTIFIC.fullmatch(stripped) or DECIMAL.fullmatch(stripped):
        return [(offset, offset + len(stripped))]
    parts, pos = [], offset
    for m in LIST_SEPARATORS.finditer(stripped):
        if m.start() > pos - offset:
            parts.append((pos, offset + m.start()))
        pos = offset + m.end()
    if pos < offset + len(stripped):
        parts.append((pos, offset + len(stripped)))
    return parts
