"""Exchange rates: the configured providers' tables, each pair from the first that has it.

Providers, named in the `rates` setting (a string or a list, tried in order):
- a path: a rates file pinned in the seller's repo, YAML (`date`, `source`, `base`,
  `rates: {RUB: 92.59}` meaning 1 base = 92.59 RUB) or CSV (`base,quote,rate,date`).
  Reproducible, so it is what CI should use.
- `ecb`: the European Central Bank reference rates shipped with listing-lint
  (`data/ecb_rates.csv`, refreshed by `scripts/refresh_ecb_rates.py`). Offline.
- `cbr`: the Bank of Russia official rates shipped with listing-lint
  (`data/cbr_rates.csv`, 1 unit = N RUB, refreshed by `scripts/refresh_cbr_rates.py`).
  Offline; it has the rouble, which the ECB stopped publishing on 2022-03-01.
- `live`: today's rates through forex-python (needs the network; opt-in).
- `cbr-live`: today's Bank of Russia rates from cbr.ru (needs the network; opt-in).

When `rates` is not set the providers are `ecb, cbr`: ECB for the pairs it has, the Bank of
Russia for the others (any pair with the rouble, crossed through the rouble).

Each conversion takes its rate from the first provider whose table has both currencies;
a provider is loaded only when an earlier one lacks a pair, so a pinned file listed before
`live` keeps the network out of the run. A provider that fails (no network, service down,
timeout, unreadable file) is reported by name with the reason, and the next one is used with
a warning naming the date of its rates; when none works the run stops with `RatesError`
(exit 2). A currency no provider has is a `MissingRate` that says so and points to the rates
file: never a guessed rate.

Comparisons between amounts in two currencies (C004, C006) use `Rates.common_values`, which
puts them in one unit with multiplications only, so a price exactly at a limit is exactly
at it: no quotient is rounded on the way.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import Any, Callable

from listing_lint.errors import UserError

LIVE_TIMEOUT_SECONDS = 10.0
DEFAULT_PROVIDERS = ("ecb", "cbr")
# Names that are providers, not rates files.
BUILT_IN = ("ecb", "cbr", "live", "cbr-live")
# Enough digits for products and sums of prices and rates to be exact (see `exact`).
EXACT_DIGITS = 10_000
CONVERT_DIGITS = 60  # a conversion that ends within 60 digits is exact; one that does not differs past them
PIN_HINT = (
    "pin the rate in a rates file and name it in the config: `rates: rates.yaml` with "
    "`date`, `source`, `base` and `rates: {{{code}: ...}}` (1 base = that many {code})"
)


class RatesError(UserError):
    """No usable exchange rates: the message says which providers failed and why."""


class MissingRate(RatesError):
    """The rates in use have no rate for a currency."""

    def __init__(self, message: str, currency: str) -> None:
        super().__init__(message)
        self.currency = currency


class ProviderFailed(Exception):
    """One provider could not give rates; the reason is in words."""


@dataclass
class Rates:
    """A table of rates against one base: 1 `base` = `table[code]` code, or, with `per_unit`,
    1 code = `table[code]` base (the Bank of Russia's way: 1 USD = 76.7519 RUB).

    `source` is who published the rates (Bank of Russia, European Central Bank),
    `provider` where listing-lint got them (a file path, the shipped ECB snapshot,
    the live service). `missing` explains currencies the provider knows it lacks.
    A table may be followed by the next configured provider's (`supplement`), loaded
    when a pair is first missing here: `rate`, `convert` and `common_values` take each
    pair from the first table that has it, and `for_pair` says which one that is.
    """

    base: str
    date: date
    source: str
    provider: str
    table: dict[str, Decimal]
    missing: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    per_unit: bool = False
    _queue: "_Providers | None" = field(default=None, repr=False, compare=False)
    _after: "Rates | None | bool" = field(default=False, repr=False, compare=False)
    _found: dict = field(default_factory=dict, repr=False, compare=False)  # currencies → the table that has them

    def has(self, code: str) -> bool:
        return code == self.base or code in self.table

    def _quote(self, code: str) -> Decimal:
        """The table's number for `code` (1 for the base)."""
        if code == self.base:
            return Decimal(1)
        return self.table[code]

    def supplement(self) -> Rates | None:
        """The next configured provider's table, for pairs this one lacks; None when none is left."""
        if self._after is False:
            self._after = self._queue.next_rates() if self._queue is not None else None
        return self._after

    def tables(self) -> list[Rates]:
        """This table and every one after it, loading them all."""
        found, table = [], self
        while table is not None:
            found.append(table)
            table = table.supplement()
        return found

    def for_pair(self, *codes: str) -> Rates:
        """The first table, this one or a supplement, that has every currency in `codes`."""
        found = self._found.get(codes)
        if found is not None:
            return found
        table: Rates | None = self
        consulted = []
        while table is not None:
            if all(code == table.base or code in table.table for code in codes):
                self._found[codes] = table
                return table
            consulted.append(table)
            table = table.supplement()
        lacking = [(t, [c for c in dict.fromkeys(codes) if not t.has(c)]) for t in consulted]
        nowhere = [c for c in dict.fromkeys(codes) if all(c in missing for _t, missing in lacking)]
        code = nowhere[0] if nowhere else lacking[-1][1][0]
        if len(consulted) == 1:
            said = f"in the {self.provider} ({self.describe()}): {self._why(code)}"
        else:
            said = "; ".join(
                f"the {t.provider} ({t.describe()}): no "
                + " and no ".join(f"{c} ({t._why(c)})" if c in t.missing else c for c in missing)
                for t, missing in lacking
            )
            said = f"in any one table of the rates in use: {said}"
        what = f"for {code}" if nowhere or len(consulted) == 1 else f"between {' and '.join(dict.fromkeys(codes))}"
        raise MissingRate(f"no exchange rate {what} {said}; {PIN_HINT.format(code=code)}", code)

    def _why(self, code: str) -> str:
        return self.missing.get(code) or f"it has no {code} rate"

    def rate(self, from_cur: str, to_cur: str) -> Decimal:
        """How many `to_cur` one `from_cur` buys, crossed through the base currency of the table that has both."""
        if from_cur == to_cur:
            return Decimal(1)
        table = self.for_pair(from_cur, to_cur)
        if table.per_unit:
            return table._quote(from_cur) / table._quote(to_cur)
        return table._quote(to_cur) / table._quote(from_cur)

    def convert(self, amount: Decimal, from_cur: str, to_cur: str) -> Decimal:
        """`amount` in `to_cur`: for showing and suggesting; compare amounts with `common_values`."""
        return amount * self.rate(from_cur, to_cur)

    def convert_for_comparing(self, amount: Decimal, from_cur: str, to_cur: str) -> Decimal:
        """`amount` in `to_cur`, multiplied before it is divided and with CONVERT_DIGITS digits:
        a conversion whose true value ends (4814.68 RUB at 92.59 is 52 USD) comes out exactly,
        so a price at exactly twice a median is not flagged on the 28th digit of `1 / 92.59`."""
        if from_cur == to_cur:
            return amount
        table = self.for_pair(from_cur, to_cur)
        q_from, q_to = table._quote(from_cur), table._quote(to_cur)
        with localcontext(prec=CONVERT_DIGITS):
            return amount * q_from / q_to if table.per_unit else amount * q_to / q_from

    def common_values(self, *amounts: tuple[Decimal, str]) -> list[Decimal]:
        """The amounts, each `(amount, currency)`, worth for worth in one unit, exactly.

        The unit is not named (it is the base of the table that has every currency, scaled by
        that table's numbers), so the values are for comparing with each other only: ratios and
        differences between them are those of the money. Only multiplications are done, in
        `exact()`, so nothing is rounded: a price exactly at a limit compares as exactly at it.
        """
        codes = [code for _amount, code in amounts]
        table = self.for_pair(*codes)
        quotes = [table._quote(code) for code in codes]
        with exact():
            if table.per_unit:  # 1 code = quote base: worth in the base is amount × quote
                return [amount * quote for (amount, _code), quote in zip(amounts, quotes)]
            # 1 base = quote code: worth is amount / quote, scaled by the product of every quote
            values = []
            for i, (amount, _code) in enumerate(amounts):
                value = amount
                for j, quote in enumerate(quotes):
                    if j != i:
                        value *= quote
                values.append(value)
            return values

    def describe(self) -> str:
        return f"{self.source}, {self.date.isoformat()}"


def exact():
    """A decimal context in which sums and products of prices and rates are exact.

    Decimal's default 28 digits round `1 / 92.59`; multiplications and additions of numbers
    with fewer than EXACT_DIGITS digits in all are exact here (divisions still round: do not
    divide in it). Comparing the results is then comparing the money.
    """
    return localcontext(prec=EXACT_DIGITS)


# ---- configuration -----------------------------------------------------------------


def command_line_rates(rates: str | None) -> str | None:
    """`--rates` as given on the command line: files there are relative to where the command runs,
    not to the config file, so they are made absolute here."""
    if rates is None:
        return None
    from pathlib import Path

    names = [part.strip() for part in rates.split(",") if part.strip()]
    return ",".join(n if n.lower() in BUILT_IN else str(Path(n).expanduser().resolve()) for n in names)


def provider_names(config: Any) -> list[str]:
    """The configured providers, in order. A string may list several, comma-separated."""
    value = None
    if config is not None:
        try:
            value = config.get("rates")
        except KeyError:
            value = None
    if value is None or value == "" or value == []:
        return list(DEFAULT_PROVIDERS)
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        names += [part.strip() for part in str(item).split(",") if part.strip()]
    return names or list(DEFAULT_PROVIDERS)


def get_rates(ctx: Any) -> Rates:
    """The run's rates, built once per run; raises RatesError when no provider works."""
    outcome = ctx.run.memo("listing_lint.money.rates", lambda: _outcome(lambda: load_rates(ctx.config)))
    if isinstance(outcome, RatesError):
        raise outcome
    return outcome


def _outcome(build: Callable[[], Rates]) -> Rates | RatesError:
    # The failure is remembered too, so a run without rates does not retry the network per listing.
    try:
        return build()
    except RatesError as exc:
        return exc


def load_rates(config: Any, warn: Callable[[str], None] | None = None) -> Rates:
    """The first configured provider that works, followed by the others (loaded when needed).

    Each provider that fails before it is named in a warning with the date of the rates used
    instead; one that fails later, when a pair sent the run to it, is named in a warning too.
    """
    queue = _Providers(provider_names(config), config, warn or _stderr_warning)
    rates = queue.next_rates()
    if rates is None:
        raise RatesError("no exchange rates available: " + "; ".join(queue.failures))
    return rates


class _Providers:
    """The configured providers not loaded yet, in order."""

    def __init__(self, names: list[str], config: Any, warn: Callable[[str], None]) -> None:
        self.names = list(names)
        self.config = config
        self.warn = warn
        self.failures: list[str] = []
        self.first: Rates | None = None

    def next_rates(self) -> Rates | None:
        failed_before = len(self.failures)
        while self.names:
            name = self.names.pop(0)
            try:
                rates = _load_one(name, self.config)
            except ProviderFailed as exc:
                self.failures.append(f"{_label(name)}: {exc}")
                continue
            rates._queue = self
            if self.first is None:
                self.first = rates
            else:
                rates.warnings = self.first.warnings  # one list of warnings for the run
            failed = self.failures[failed_before:]
            if failed:
                self._warn(
                    f"{'; '.join(failed)}; using the {rates.provider} instead "
                    f"({rates.source}, rates dated {rates.date.isoformat()})"
                )
            return rates
        if self.first is not None and len(self.failures) > failed_before:
            self._warn("; ".join(self.failures[failed_before:]))
        return None

    def _warn(self, note: str) -> None:
        if self.first is not None:
            self.first.warnings.append(note)
        self.warn(note)


def _stderr_warning(message: str) -> None:
    print(f"listing-lint: warning: {message}", file=sys.stderr)


LABELS = {
    "ecb": "ECB reference rates",
    "cbr": "Bank of Russia rates shipped with listing-lint",
    "live": "live rates (forex-python)",
    "cbr-live": "live Bank of Russia rates (cbr.ru)",
}


def _label(name: str) -> str:
    return LABELS.get(name.lower(), f"rates file {name}")


def _load_one(name: str, config: Any) -> Rates:
    key = name.lower()
    if key == "ecb":
        from listing_lint.money.providers import load_ecb

        return load_ecb()
    if key == "live":
        from listing_lint.money.providers import load_live

        return load_live(LIVE_TIMEOUT_SECONDS)
    if key == "cbr":
        from listing_lint.money.cbr import load_cbr

        return load_cbr()
    if key == "cbr-live":
        from listing_lint.money.cbr import load_cbr_live

        return load_cbr_live(LIVE_TIMEOUT_SECONDS)
    from listing_lint.money.rates_file import load_rates_file

    path = config.resolve(name) if config is not None and hasattr(config, "resolve") else Path(name)
    return load_rates_file(path, shown=name)


def positive_rate(text: str, where: str) -> Decimal:
    """A rate from its text; rejects what is not a positive finite number."""
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        raise ProviderFailed(f"{where}: '{text}' is not a number") from None
    if not value.is_finite() or value <= 0:
        raise ProviderFailed(f"{where}: the rate must be a positive number, not '{text}'")
    return value
