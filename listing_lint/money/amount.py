"""An amount of money and how it is shown to a seller."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str  # ISO 4217 code

    def __str__(self) -> str:
        return f"{format_amount(self.amount, self.currency)} {self.currency}"


def quantize(amount: Decimal, currency: str) -> Decimal:
    """`amount` rounded half-up to the currency's minor unit (USD 2 decimals, JPY 0)."""
    from listing_lint.money.currencies import minor_units

    try:
        places = minor_units(currency)
    except Exception:  # a code babel does not know: keep two decimals, the common case
        places = 2
    return rounded(amount, places)


def rounded(amount: Decimal, places: int) -> Decimal:
    """`amount` rounded half-up to `places` decimals, in a context wide enough for any finite amount:
    the default 28 digits raise InvalidOperation on `9999999999999999999999999999.5`."""
    from decimal import localcontext

    if not amount.is_finite():
        return amount
    with localcontext(prec=max(28, amount.adjusted() + places + 3), Emax=10**9, Emin=-10**9):
        return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_amount(amount: Decimal, currency: str | None = None) -> str:
    """`32.4` USD → `32.40`; without a currency the amount as written (`3000`)."""
    if currency is None:
        return _plain(amount)
    return _plain(quantize(amount, currency))


def format_beyond(amount: Decimal, limit: Decimal, currency: str) -> str:
    """`amount` as `format_amount` shows it, with more decimals while it would read as the `limit`
    it differs from (5000.0001 USD against 5000: `5000.0001`, not `5000.00`)."""
    shown = format_amount(amount, currency)
    if amount == limit:
        return shown
    for extra in range(1, 13):
        if Decimal(shown) != limit:
            break
        places = -Decimal(shown).as_tuple().exponent + 1
        shown = _plain(rounded(amount, places))
    return shown


def format_rate(rate: Decimal) -> str:
    """A rate as a seller reads it: four decimals at most (`92.59`, `1.1172`), and four
    significant digits below one (`0.0108`), trailing zeros dropped."""
    if rate == 0:
        return "0"
    places = 4 if abs(rate) >= 1 else 3 - rate.adjusted()
    shown = _plain(rounded(rate, places))
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


def _plain(amount: Decimal) -> str:
    """A Decimal without exponent notation (`1E+3` → `1000`)."""
    return f"{amount:f}"
