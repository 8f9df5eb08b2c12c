"""Exchange-rate providers: pinned files, the shipped ECB snapshot, live rates with a stubbed network."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest

from listing_lint.config import Config, load_config
from listing_lint.money import MissingRate, Rates, RatesError, get_rates, market_currency
from listing_lint.money import rates as rates_module
from listing_lint.money.providers import load_ecb
from listing_lint.rule import RunState

YAML_RATES = """\
date: 2026-11-20
source: Bank of Russia
base: USD
rates:
  RUB: 92.59
  EUR: "0.9432"
  JPY: 151.38
"""


def _config(tmp_path, rates):
    config = load_config(None)
    return Config({**config.values, "rates": rates}, tmp_path / ".listing-lint.yaml")


class _Ctx:
    def __init__(self, config):
        self.config = config
        self.run = RunState()


def _load(tmp_path, rates, warnings=None):
    return rates_module.load_rates(_config(tmp_path, rates), warn=(warnings.append if warnings is not None else None))


# ---- rates files ---------------------------------------------------------------------


def test_yaml_rates_file_reads_numbers_as_written(tmp_path):
    (tmp_path / "rates.yaml").write_text(YAML_RATES, encoding="utf-8")
    table = _load(tmp_path, "rates.yaml")  # relative to the config file's directory
    assert (table.base, table.date, table.source) == ("USD", date(2026, 11, 20), "Bank of Russia")
    assert table.table["RUB"] == Decimal("92.59")  # not 92.590000000000003...
    assert table.rate("USD", "RUB") == Decimal("92.59")
    assert table.convert(Decimal("4500"), "RUB", "USD").quantize(Decimal("0.01")) == Decimal("48.60")


def test_csv_rates_file(tmp_path):
    (tmp_path / "rates.csv").write_text(
        "base,quote,rate,date\nUSD,RUB,92.59,2026-11-20\nUSD,EUR,0.9432,2026-11-18\n", encoding="utf-8"
    )
    table = _load(tmp_path, "rates.csv")
    assert table.base == "USD" and table.table == {"RUB": Decimal("92.59"), "EUR": Decimal("0.9432")}
    assert table.date == date(2026, 11, 18)  # the oldest row dates the table


def test_cross_rates_go_through_the_base(tmp_path):
    (tmp_path / "rates.yaml").write_text(YAML_RATES, encoding="utf-8")
    table = _load(tmp_path, "rates.yaml")
    rub_eur = table.rate("RUB", "EUR")
    assert rub_eur == Decimal("0.9432") / Decimal("92.59")
    assert isinstance(rub_eur, Decimal)
    assert table.rate("EUR", "EUR") == 1
    assert table.rate("EUR", "RUB") * rub_eur == pytest.approx(Decimal(1))


@pytest.mark.parametrize(
    "text, reason",
    [
        ("date: 2026-11-20\nbase: USD\n", "has no 'rates'"),
        ("date: 20.11.2026\nbase: USD\nrates: {RUB: 92.59}\n", "not YYYY-MM-DD"),
        ("date: 2026-11-20\nbase: USD\nrates: {RUB: -1}\n", "positive"),
        ("date: 2026-11-20\nbase: USD\nrates: {RUB: lots}\n", "'lots' is not a number"),
        ("date: [2026\n", "not valid YAML"),
    ],
)
def test_bad_rates_file_is_explained(tmp_path, text, reason):
    (tmp_path / "rates.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RatesError) as caught:
        _load(tmp_path, "rates.yaml")
    assert "rates file rates.yaml" in str(caught.value) and reason in str(caught.value)


def test_missing_rate_names_currency_and_provider(tmp_path):
    (tmp_path / "rates.yaml").write_text(YAML_RATES, encoding="utf-8")
    table = _load(tmp_path, "rates.yaml")
    with pytest.raises(MissingRate) as caught:
        table.rate("RUB", "KZT")
    assert caught.value.currency == "KZT"
    assert "KZT" in str(caught.value) and "rates file rates.yaml" in str(caught.value)


# ---- the shipped ECB snapshot -----------------------------------------------------------


def test_ecb_snapshot_is_dated_and_says_why_rub_is_missing():
    table = load_ecb()
    assert table.base == "EUR" and table.source == "European Central Bank"
    assert table.rate("EUR", "USD") > 0 and "RUB" not in table.table
    with pytest.raises(MissingRate) as caught:
        table.rate("RUB", "USD")
    message = str(caught.value)
    assert "no RUB rate since 2022-03-01" in message
    assert "rates file" in message and "rates:" in message  # where to pin one


def test_ecb_is_the_default_provider_for_what_it_has(tmp_path):
    table = _load(tmp_path, None)
    assert table.source == "European Central Bank"
    assert table.for_pair("EUR", "USD") is table  # the Bank of Russia is consulted only for what the ECB lacks


def test_refresh_script_writes_last_rate_and_day(tmp_path):
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "scripts" / "refresh_ecb_rates.py"
    spec = importlib.util.spec_from_file_location("refresh_ecb_rates", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    history = tmp_path / "eurofxref-hist.csv"
    history.write_text(
        "Date,USD,RUB,JPY,\n2026-10-30,1.1172,N/A,175.68,\n2022-03-01,1.1162,117.201,128.15,\n", encoding="utf-8"
    )
    out = tmp_path / "ecb_rates.csv"
    assert module.main(["--from", str(history), "--out", str(out)]) == 0
    rows = [line for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert rows == ["currency,rate,date", "JPY,175.68,2026-10-30", "RUB,117.201,2022-03-01", "USD,1.1172,2026-10-30"]


# ---- live rates, network stubbed ------------------------------------------------------------


def _stub_live(monkeypatch, behaviour):
    from forex_python import converter

    monkeypatch.setattr(converter.CurrencyRates, "get_rates", lambda self, base, date_obj=None: behaviour(base))


def test_live_rates_succeed(tmp_path, monkeypatch):
    _stub_live(monkeypatch, lambda base: {"USD": Decimal("1.05"), "GBP": Decimal("0.83")})
    table = _load(tmp_path, "live")
    assert table.base == "EUR" and table.table["USD"] == Decimal("1.05")
    assert table.date == date(2026, 11, 26)  # LISTING_LINT_TODAY, pinned by conftest
    assert "forex-python" in table.source


def test_live_refuses_float_rates(tmp_path, monkeypatch):
    _stub_live(monkeypatch, lambda base: {"USD": 1.05})
    with pytest.raises(RatesError, match="floating-point"):
        _load(tmp_path, "live")


def test_no_network_falls_back_to_the_rates_file_with_a_warning(tmp_path, monkeypatch):
    import requests

    def offline(base):
        raise requests.exceptions.ConnectionError("Name or service not known")

    _stub_live(monkeypatch, offline)
    (tmp_path / "rates.yaml").write_text(YAML_RATES, encoding="utf-8")
    warnings: list[str] = []
    table = _load(tmp_path, ["live", "rates.yaml"], warnings)
    assert table.source == "Bank of Russia"
    assert len(warnings) == 1
    assert "live rates (forex-python): cannot connect" in warnings[0]
    assert "rates dated 2026-11-20" in warnings[0]
    assert table.warnings == warnings


def test_service_down_is_named(tmp_path, monkeypatch):
    from forex_python.converter import RatesNotAvailableError

    def down(base):
        raise RatesNotAvailableError("Currency Rates Source Not Ready")

    _stub_live(monkeypatch, down)
    with pytest.raises(RatesError) as caught:
        _load(tmp_path, "live")
    assert "no exchange rates available" in str(caught.value)
    assert "live rates (forex-python): the rates service is not available" in str(caught.value)


def test_timeout_falls_back_to_ecb(tmp_path, monkeypatch):
    release = threading.Event()

    def hang(base):
        release.wait(5)
        return {"USD": Decimal("1")}

    _stub_live(monkeypatch, hang)
    monkeypatch.setattr(rates_module, "LIVE_TIMEOUT_SECONDS", 0.05)
    warnings: list[str] = []
    try:
        table = _load(tmp_path, "live,ecb", warnings)
    finally:
        release.set()
    assert table.source == "European Central Bank"
    assert "did not answer within 0.05 seconds" in warnings[0]


def test_requests_timeout_is_named(tmp_path, monkeypatch):
    import requests

    def slow(base):
        raise requests.exceptions.ReadTimeout("read timed out")

    _stub_live(monkeypatch, slow)
    with pytest.raises(RatesError, match="timed out"):
        _load(tmp_path, ["live"])


def test_no_provider_left_lists_every_failure(tmp_path, monkeypatch):
    import requests

    _stub_live(monkeypatch, lambda base: (_ for _ in ()).throw(requests.exceptions.ConnectionError()))
    with pytest.raises(RatesError) as caught:
        _load(tmp_path, ["live", "missing.yaml"])
    message = str(caught.value)
    assert "live rates (forex-python)" in message and "rates file missing.yaml: file not found" in message


def test_get_rates_builds_once_per_run_and_remembers_failure(tmp_path, monkeypatch):
    calls = []

    def count(config, warn=None):
        calls.append(1)
        raise RatesError("no exchange rates available: test")

    monkeypatch.setattr(rates_module, "load_rates", count)
    ctx = _Ctx(_config(tmp_path, "ecb"))
    for _ in range(3):
        with pytest.raises(RatesError):
            get_rates(ctx)
    assert len(calls) == 1


def test_rates_string_may_list_providers():
    assert rates_module.provider_names({"rates": "live, rates.yaml"}) == ["live", "rates.yaml"]
    assert rates_module.provider_names({"rates": None}) == ["ecb", "cbr"]


# ---- market currencies -------------------------------------------------------------------------


def test_market_currency_from_territory_and_setting():
    assert market_currency("en_US") == "USD"
    assert market_currency("es_ES") == "EUR"
    assert market_currency("en") == "USD"  # a bare language: its likely territory
    assert market_currency("en_US", {"market_currency": "eur"}) == "EUR"
    assert market_currency("en_GB", {"market_currency": {"en_GB": "EUR"}}) == "EUR"
    assert market_currency("en_US", {"market_currency": {"en": "CAD"}}) == "CAD"
    assert market_currency("de_DE", {"market_currency": {"en_GB": "EUR"}}) == "EUR"


def test_rates_interface():
    table = Rates("USD", date(2026, 11, 20), "Bank of Russia", "rates file x", {"RUB": Decimal("92.59")})
    assert table.rate("RUB", "USD") == 1 / Decimal("92.59")
    assert table.convert(Decimal("92.59"), "USD", "RUB") == Decimal("92.59") * Decimal("92.59")
