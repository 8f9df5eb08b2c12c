"""Bank of Russia official rates: the shipped snapshot (`cbr`) and cbr.ru itself (`cbr-live`).

The Bank of Russia publishes, each working day, what `Nominal` units of each currency cost
in roubles (`XML_daily.asp`: `<Nominal>100</Nominal><Value>15,6902</Value>` for the tenge).
listing-lint keeps 1 unit = N RUB: the value divided by the nominal, exactly (the nominals
are powers of ten), read from the text with its decimal comma, never through a float.
The rouble is the table's base, so a pair without the rouble is crossed through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, Inexact, localcontext

from listing_lint.money.rates import ProviderFailed, Rates, positive_rate

CBR_SOURCE = "Bank of Russia"
CBR_URL = "https://www.cbr.ru/scripts/XML_daily.asp"
SNAPSHOT = "data/cbr_rates.csv"
SNAPSHOT_PROVIDER = "Bank of Russia rates shipped with listing-lint"
LIVE_PROVIDER = "live Bank of Russia rates (cbr.ru)"
COLUMNS = "currency,rate,nominal,value,date"
_VALUE = re.compile(r"\d+(?:,\d+)?")


@dataclass(frozen=True)
class CbrRate:
    """One currency of a daily document: `value` RUB for `nominal` units, so 1 unit = `rate` RUB."""

    code: str
    nominal: int
    value: Decimal
    rate: Decimal


def per_unit(value: Decimal, nominal: int, where: str) -> Decimal:
    """`value / nominal` exactly; a nominal that does not divide exactly is refused, not rounded."""
    with localcontext(prec=60) as ctx:
        ctx.traps[Inexact] = True
        try:
            return value / nominal
        except Inexact:
            raise ProviderFailed(f"{where}: {value} RUB for {nominal} units is not an exact rate per unit") from None


def parse_daily(data: bytes) -> tuple[date, list[CbrRate]]:
    """The day and the rates of an `XML_daily.asp` document (windows-1251, as cbr.ru sends it)."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as exc:
        raise ProviderFailed(f"the answer is not an XML_daily document ({exc})") from None
    if root.tag != "ValCurs" or not root.get("Date"):
        raise ProviderFailed("the answer is not an XML_daily document (no <ValCurs Date=...>)")
    day = _day(root.get("Date"))
    found: dict[str, CbrRate] = {}
    for valute in root.iter("Valute"):
        code = (valute.findtext("CharCode") or "").strip().upper()
        where = f"<Valute ID=\"{valute.get('ID', '')}\"> {code}".rstrip()
        if len(code) != 3 or not code.isalpha():
            raise ProviderFailed(f"{where}: '{code}' is not a currency code")
        if code in found:
            raise ProviderFailed(f"{where}: {code} is given twice")
        nominal_text = (valute.findtext("Nominal") or "").strip()
        if not nominal_text.isdigit() or int(nominal_text) == 0:
            raise ProviderFailed(f"{where}: the nominal '{nominal_text}' is not a whole number of units")
        value_text = (valute.findtext("Value") or "").strip()
        if not _VALUE.fullmatch(value_text):
            raise ProviderFailed(f"{where}: the value '{value_text}' is not a rate as cbr.ru writes them (76,7519)")
        value = positive_rate(value_text.replace(",", "."), where)
        nominal = int(nominal_text)
        found[code] = CbrRate(code, nominal, value, per_unit(value, nominal, where))
    if "USD" not in found:
        raise ProviderFailed("the document has no US dollar rate: is it XML_daily.asp?")
    return day, sorted(found.values(), key=lambda r: r.code)


def _day(text: str) -> date:
    match = re.fullmatch(r"(\d{2})[./](\d{2})[./](\d{4})", text.strip())
    if not match:
        raise ProviderFailed(f"the document's date '{text}' is not DD.MM.YYYY")
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ProviderFailed(f"the document's date '{text}' is not a day") from None


def snapshot_text(day: date, rates: list[CbrRate], header: str) -> str:
    """The snapshot file: `header` (comment lines), then one row per currency."""
    lines = [header.rstrip("\n") + "\n", COLUMNS + "\n"]
    lines += [f"{r.code},{r.rate:f},{r.nominal},{r.value:f},{day.isoformat()}\n" for r in rates]
    return "".join(lines)


def load_cbr() -> Rates:
    """The Bank of Russia rates shipped as package data, dated by the day they are in force."""
    from listing_lint.money.providers import snapshot_rows

    rows = list(snapshot_rows(SNAPSHOT, COLUMNS))
    table: dict[str, Decimal] = {}
    days = set()
    for where, (code, rate_text, nominal_text, value_text, day_text) in rows:
        rate = positive_rate(rate_text, where)
        if not nominal_text.isdigit() or rate * int(nominal_text) != positive_rate(value_text, where):
            raise ProviderFailed(f"{where}: {rate_text} RUB per unit is not {value_text} RUB for {nominal_text} units")
        table[code] = rate
        days.add(date.fromisoformat(day_text))
    if len(days) != 1:
        raise ProviderFailed(f"{SNAPSHOT} mixes days ({', '.join(sorted(d.isoformat() for d in days))})")
    return Rates("RUB", days.pop(), CBR_SOURCE, SNAPSHOT_PROVIDER, table, per_unit=True)


def load_cbr_live(timeout: float) -> Rates:
    """Today's document from cbr.ru, given up on after `timeout` seconds. Opt-in: it needs the network."""
    day, rates = parse_daily(fetch_daily(timeout))
    return Rates("RUB", day, CBR_SOURCE, LIVE_PROVIDER, {r.code: r.rate for r in rates}, per_unit=True)


def fetch_daily(timeout: float, url: str = CBR_URL) -> bytes:
    """The raw `XML_daily.asp` document; failures come back as ProviderFailed in words."""
    import socket
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "listing-lint"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        raise ProviderFailed(f"cbr.ru answered {exc.code} {exc.reason}") from None
    except (TimeoutError, socket.timeout):
        raise ProviderFailed(f"cbr.ru did not answer within {timeout:g} seconds") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise ProviderFailed(f"cbr.ru did not answer within {timeout:g} seconds") from None
        raise ProviderFailed(f"cannot connect to cbr.ru (no network?): {exc.reason}") from None
    except OSError as exc:
        raise ProviderFailed(f"cannot connect to cbr.ru (no network?): {exc}") from None
