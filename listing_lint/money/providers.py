"""The offline ECB snapshot, live rates through forex-python, and reading a shipped snapshot."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

from listing_lint.money.rates import ProviderFailed, Rates, positive_rate

ECB_SOURCE = "European Central Bank"
LIVE_SOURCE = "theratesapi.com via forex-python"


def _package_text(name: str) -> str:
    from importlib.resources import files

    try:
        return files("listing_lint.money").joinpath(name).read_text(encoding="utf-8")
    except (OSError, FileNotFoundError) as exc:
        raise ProviderFailed(f"the shipped snapshot is missing ({exc}); reinstall listing-lint") from None


def snapshot_rows(name: str, columns: str):
    """(where, cells) of each row of a snapshot shipped as package data, past `#` comments and the header."""
    text = _package_text(name)
    width = len(columns.split(","))
    shown = name.rsplit("/", 1)[-1]
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith(columns.split(",")[0] + ","):
            continue
        cells = [part.strip() for part in line.split(",")]
        if len(cells) != width:
            raise ProviderFailed(f"{shown}:{number}: expected {columns}")
        yield f"{shown}:{number}", cells


def load_ecb() -> Rates:
    """The ECB reference rates shipped as package data, dated by their last publication day."""
    rows = []
    for where, (code, rate, day) in snapshot_rows("data/ecb_rates.csv", "currency,rate,date"):
        rows.append((code, positive_rate(rate, where), date.fromisoformat(day)))
    newest = max(day for _code, _rate, day in rows)
    table = {code: rate for code, rate, day in rows if day == newest}
    missing = {
        code: f"the ECB has published no {code} rate since {day.isoformat()}"
        for code, _rate, day in rows
        if day != newest
    }
    return Rates("EUR", newest, ECB_SOURCE, "ECB reference rates shipped with listing-lint", table, missing)


def load_live(timeout: float, today: date | None = None) -> Rates:
    """Today's rates from forex-python's service, given up on after `timeout` seconds.

    forex-python calls the network without a timeout, so the call runs in a daemon
    thread that is abandoned when it does not finish in time.
    """
    try:
        from forex_python.converter import CurrencyRates, RatesNotAvailableError
    except ImportError:
        raise ProviderFailed("forex-python is not installed (pip install forex-python)") from None
    outcome: dict[str, object] = {}

    def fetch() -> None:
        try:
            outcome["rates"] = CurrencyRates(force_decimal=True).get_rates("EUR")
        except BaseException as exc:  # handed to the caller, which turns it into words
            outcome["error"] = exc

    worker = threading.Thread(target=fetch, name="listing-lint-live-rates", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise ProviderFailed(f"the rates service did not answer within {timeout:g} seconds")
    error = outcome.get("error")
    if error is not None:
        raise ProviderFailed(_why(error, RatesNotAvailableError))
    raw = outcome.get("rates")
    if not isinstance(raw, dict) or not raw:
        raise ProviderFailed("the rates service answered with no rates")
    table: dict[str, Decimal] = {}
    for code, value in raw.items():
        if isinstance(value, float):  # forex-python with force_decimal never gives floats; refuse if it does
            raise ProviderFailed("the rates service gave binary floating-point rates")
        table[str(code).upper()] = positive_rate(str(value), "live rates")
    table.pop("EUR", None)
    from listing_lint.money.today import today as run_today

    return Rates("EUR", today or run_today(), LIVE_SOURCE, "live rates (forex-python)", table)


def _why(error: BaseException, not_available: type) -> str:
    if isinstance(error, not_available):
        return f"the rates service is not available ({error})"
    try:
        import requests
    except ImportError:  # forex-python depends on requests, so this is not expected
        requests = None
    if requests is not None:
        if isinstance(error, requests.exceptions.Timeout):
            return "the rates service timed out"
        if isinstance(error, requests.exceptions.ConnectionError):
            return "cannot connect to the rates service (no network?)"
        if isinstance(error, requests.exceptions.RequestException):
            return f"the request failed ({type(error).__name__})"
    if isinstance(error, ValueError):
        return "the rates service gave an answer that is not rates"
    return f"{type(error).__name__}: {error}"
