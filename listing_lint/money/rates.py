"""Exchange rates: one `Rates` table, from the first configured provider that works.

Providers, named in the `rates` setting (a string or a list, tried in order):
- a path: a rates file pinned in the seller's repo, YAML (`date`, `source`, `base`,
  `rates: {RUB: 92.59}` meaning 1 base = 92.59 RUB) or CSV (`base,quote,rate,date`).
  Reproducible, so it is what CI should use.
- `ecb`: the European Central Bank reference rates shipped with listing-lint
  (`data/ecb_rates.csv`, refreshed by `scripts/refresh_ecb_rates.py`). Offline. The
  default when `rates` is not set.
- `live`: today's rates through forex-python (needs the network; opt-in).

A provider that fails (no network, service down, timeout, unreadable file) is
reported by name with the reason, and the next one is used with a warning naming
the date of its rates; when none is left the run stops with `RatesError` (exit 2).
A currency a provider lacks is a `MissingRate` that says so and points to the rates
file: never a guessed rate.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable

from listing_lint.errors import UserError

LIVE_TIMEOUT_SECONDS = 10.0
DEFAULT_PROVIDERS = ("ecb",)
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
    """A table of rates against one base: 1 `base` = `table[code]` code.

    `source` is who published the rates (Bank of Russia, European Central Bank),
    `provider` where listing-lint got them (a file path, the shipped ECB snapshot,
    the live service). `missing` explains currencies the provider knows it lacks.
    """

    base: str
    date: date
    source: str
    provider: str
    table: dict[str, Decimal]
    missing: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def has(self, code: str) -> bool:
        return code == self.base or code in self.table

    def _per_base(self, code: str) -> Decimal:
        if code == self.base:
            return Decimal(1)
        if code in self.table:
            return self.table[code]
        why = self.missing.get(code) or f"it has no {code} rate"
        raise MissingRate(
            f"no exchange rate for {code} in the {self.provider} ({self.source}, {self.date.isoformat()}): "
            f"{why}; {PIN_HINT.format(code=code)}",
            code,
        )

    def rate(self, from_cur: str, to_cur: str) -> Decimal:
        """How many `to_cur` one `from_cur` buys, crossed through the base currency."""
        if from_cur == to_cur:
            return Decimal(1)
        return self._per_base(to_cur) / self._per_base(from_cur)

    def convert(self, amount: Decimal, from_cur: str, to_cur: str) -> Decimal:
        return amount * self.rate(from_cur, to_cur)

    def describe(self) -> str:
        return f"{self.source}, {self.date.isoformat()}"


# ---- configuration -----------------------------------------------------------------


def command_line_rates(rates: str | None) -> str | None:
    """`--rates` as given on the command line: files there are relative to where the command runs,
    not to the config file, so they are made absolute here."""
    if rates is None:
        return None
    from pathlib import Path

    names = [part.strip() for part in rates.split(",") if part.strip()]
    return ",".join(n if n.lower() in ("ecb", "live") else str(Path(n).expanduser().resolve()) for n in names)


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
    """Try each configured provider in order; warn about each fallback."""
    warn = warn or _stderr_warning
    failures: list[str] = []
    for name in provider_names(config):
        label = _label(name, config)
        try:
            rates = _load_one(name, config)
        except ProviderFailed as exc:
            failures.append(f"{label}: {exc}")
            continue
        if failures:
            note = (
                f"{'; '.join(failures)}; using the {rates.provider} instead "
                f"({rates.source}, rates dated {rates.date.isoformat()})"
            )
            rates.warnings.append(note)
            warn(note)
        return rates
    raise RatesError("no exchange rates available: " + "; ".join(failures))


def _stderr_warning(message: str) -> None:
    print(f"listing-lint: warning: {message}", file=sys.stderr)


def _label(name: str, config: Any) -> str:
    if name.lower() == "ecb":
        return "ECB reference rates"
    if name.lower() == "live":
        return "live rates (forex-python)"
    return f"rates file {name}"


def _load_one(name: str, config: Any) -> Rates:
    key = name.lower()
    if key == "ecb":
        from listing_lint.money.providers import load_ecb

        return load_ecb()
    if key == "live":
        from listing_lint.money.providers import load_live

        return load_live(LIVE_TIMEOUT_SECONDS)
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
