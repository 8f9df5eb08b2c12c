"""Bank of Russia rates: the shipped snapshot, the default `ecb, cbr` chain, the refresh script, cbr-live."""

from __future__ import annotations

import importlib.util
import re
import socket
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import REPO
from listing_lint.config import Config, load_config
from listing_lint.money import MissingRate, RatesError
from listing_lint.money import rates as rates_module
from listing_lint.money.cbr import load_cbr, parse_daily
from listing_lint.money.providers import load_ecb
from listing_lint.money.rates import ProviderFailed

SNAPSHOT = REPO / "listing_lint" / "money" / "data" / "cbr_rates.csv"

# A document shaped like cbr.ru's XML_daily.asp: windows-1251, decimal commas, nominals 1, 10 and 100.
# The numbers are made up for the test.
SAMPLE = """<?xml version="1.0" encoding="windows-1251"?>
<ValCurs Date="28.11.2026" name="Foreign Currency Market">
<Valute ID="R01235"><NumCode>840</NumCode><CharCode>USD</CharCode><Nominal>1</Nominal><Name>Доллар США</Name><Value>80,1234</Value><VunitRate>80,1234</VunitRate></Valute>
<Valute ID="R01239"><NumCode>978</NumCode><CharCode>EUR</CharCode><Nominal>1</Nominal><Name>Евро</Name><Value>93,5000</Value><VunitRate>93,5</VunitRate></Valute>
<Valute ID="R01700J"><NumCode>949</NumCode><CharCode>TRY</CharCode><Nominal>10</Nominal><Name>Турецких лир</Name><Value>18,2377</Value><VunitRate>1,82377</VunitRate></Valute>
<Valute ID="R01335"><NumCode>398</NumCode><CharCode>KZT</CharCode><Nominal>100</Nominal><Name>Казахстанских тенге</Name><Value>15,6902</Value><VunitRate>0,156902</VunitRate></Valute>
</ValCurs>
"""


def _fresh_config(tmp_path) -> Config:
    """What a fresh install sees: the built-in defaults, no `rates` setting."""
    config = load_config(None)
    assert config.get("rates") is None
    return Config(dict(config.values), tmp_path / ".listing-lint.yaml")


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# ---- the shipped snapshot ------------------------------------------------------------------


def test_snapshot_is_dated_named_and_quoted_per_unit():
    table = load_cbr()
    assert (table.base, table.source, table.per_unit) == ("RUB", "Bank of Russia", True)
    for code in ("USD", "EUR", "CNY", "KZT", "BYN", "TRY", "AED", "GBP", "JPY"):
        assert table.has(code), code
    rows = [line.split(",") for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    header, rows = rows[0], rows[1:]
    assert header == ["currency", "rate", "nominal", "value", "date"]
    kzt = next(r for r in rows if r[0] == "KZT")
    # 100 tenge are quoted, 1 is kept: the value divided by the nominal, exactly
    assert table.table["KZT"] == Decimal(kzt[3]) / Decimal(kzt[2]) == Decimal(kzt[1])
    assert table.date == date.fromisoformat(kzt[4])


def test_snapshot_header_names_the_day_and_where_the_figures_are_from():
    table = load_cbr()
    comments = "\n".join(line for line in SNAPSHOT.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    assert table.date.isoformat() in comments
    assert table.date.strftime("%d.%m.%Y") in comments or "refresh_cbr_rates.py from" in comments
    assert re.search(r"(https?://|cbr\.ru)", comments)


def test_snapshot_rows_are_checked_against_their_published_value(monkeypatch):
    from listing_lint.money import providers

    typo = SNAPSHOT.read_text(encoding="utf-8").replace(",0.156902,100,", ",0.156903,100,")
    assert typo != SNAPSHOT.read_text(encoding="utf-8")
    monkeypatch.setattr(providers, "_package_text", lambda name: typo)
    with pytest.raises(ProviderFailed, match=r"0\.156903 RUB per unit is not 15\.6902 RUB for 100 units"):
        load_cbr()


# ---- the default chain: ECB, then the Bank of Russia ------------------------------------------------


def test_fresh_config_converts_roubles_offline_and_names_the_bank_of_russia(tmp_path, no_network):
    rates = rates_module.load_rates(_fresh_config(tmp_path), warn=pytest.fail)
    cbr = load_cbr()
    usd, eur = cbr.table["USD"], cbr.table["EUR"]
    assert rates.convert(Decimal("4500"), "RUB", "USD") == Decimal("4500") * (1 / usd)
    assert rates.rate("USD", "RUB") == usd
    assert rates.rate("EUR", "RUB") == eur
    assert rates.rate("RUB", "EUR") == 1 / eur
    for pair in (("RUB", "USD"), ("USD", "RUB"), ("RUB", "EUR"), ("EUR", "RUB")):
        table = rates.for_pair(*pair)
        assert table.source == "Bank of Russia" and table.describe() == f"Bank of Russia, {cbr.date.isoformat()}"


def test_ecb_stays_the_source_for_what_it_has(tmp_path, no_network):
    rates = rates_module.load_rates(_fresh_config(tmp_path))
    ecb = load_ecb()
    assert rates.for_pair("EUR", "USD").source == "European Central Bank"
    assert rates.rate("EUR", "USD") == ecb.table["USD"]
    assert rates.rate("USD", "JPY") == ecb.table["JPY"] / ecb.table["USD"]


def test_cross_rates_through_the_rouble_are_decimal_quotients_of_the_published_rates(tmp_path):
    rates = rates_module.load_rates(_fresh_config(tmp_path))
    cbr = load_cbr()
    usd, kzt = cbr.table["USD"], cbr.table["KZT"]
    kzt_usd = rates.rate("KZT", "USD")  # the ECB has no tenge: crossed through the rouble
    assert isinstance(kzt_usd, Decimal) and kzt_usd == kzt / usd
    assert rates.rate("USD", "KZT") == usd / kzt
    # worth for worth, exactly: `kzt` dollars buy `usd` tenge, with no quotient rounded on the way
    dollars, tenge = rates.common_values((kzt, "USD"), (usd, "KZT"))
    assert dollars == tenge
    more = rates.common_values((kzt, "USD"), (usd + Decimal("0.0001"), "KZT"))
    assert more[1] > more[0]


def test_a_currency_neither_has_names_both(tmp_path):
    rates = rates_module.load_rates(_fresh_config(tmp_path))
    with pytest.raises(MissingRate) as caught:
        rates.rate("RUB", "XOF")
    message = str(caught.value)
    assert caught.value.currency == "XOF"
    assert "ECB reference rates shipped with listing-lint (European Central Bank" in message
    assert "Bank of Russia rates shipped with listing-lint (Bank of Russia" in message
    assert "rates:" in message  # where to pin one
    with pytest.raises(MissingRate) as caught:
        rates.rate("ISK", "RUB")  # each is in one table, no table has both: never mixed
    assert caught.value.currency == "ISK"
    ecb_day = load_ecb().date.isoformat()
    assert f"{ecb_day}): no RUB (the ECB has published no RUB rate since 2022-03-01)" in str(caught.value)
    assert f"(Bank of Russia, {load_cbr().date.isoformat()}): no ISK" in str(caught.value)


def test_a_pinned_file_first_keeps_the_network_out(tmp_path, monkeypatch, no_network):
    from listing_lint.money import providers

    monkeypatch.setattr(providers, "load_live", lambda timeout: pytest.fail("live rates were loaded"))
    (tmp_path / "rates.yaml").write_text(
        "date: 2026-11-20\nsource: Bank of Russia\nbase: USD\nrates: {RUB: \"92.59\"}\n", encoding="utf-8")
    config = Config({**load_config(None).values, "rates": ["rates.yaml", "live", "cbr"]}, tmp_path / "x.yaml")
    rates = rates_module.load_rates(config)
    assert rates.rate("USD", "RUB") == Decimal("92.59")  # from the file; live is not asked


def test_a_later_provider_fills_the_pairs_a_pinned_file_lacks(tmp_path, monkeypatch):
    (tmp_path / "rates.yaml").write_text(
        "date: 2026-11-20\nsource: Bank of Russia\nbase: USD\nrates: {RUB: \"92.59\"}\n", encoding="utf-8")
    config = Config({**load_config(None).values, "rates": "rates.yaml, cbr"}, tmp_path / "x.yaml")
    rates = rates_module.load_rates(config)
    assert rates.rate("USD", "RUB") == Decimal("92.59")
    assert rates.for_pair("KZT", "RUB").provider == "Bank of Russia rates shipped with listing-lint"


def test_rates_command_converts_roubles_on_a_fresh_install(tmp_path, monkeypatch, no_network):
    from click.testing import CliRunner

    from listing_lint.money.command import rates_command

    monkeypatch.chdir(tmp_path)  # no config file here or above
    result = CliRunner().invoke(rates_command, ["4500", "RUB", "USD"])
    assert result.exit_code == 0, result.output
    cbr = load_cbr()
    expected = (Decimal(4500) / cbr.table["USD"]).quantize(Decimal("0.01"))
    first, second = result.stdout.splitlines()
    assert first == f"4500 RUB = {expected} USD"
    assert f"(Bank of Russia, {cbr.date.isoformat()}; Bank of Russia rates shipped with listing-lint)" in second
    from listing_lint.money.amount import format_rate

    table = CliRunner().invoke(rates_command, [])
    assert table.exit_code == 0
    assert table.stdout.startswith("ECB reference rates shipped with listing-lint: European Central Bank")
    assert f"Bank of Russia rates shipped with listing-lint: Bank of Russia, rates of {cbr.date.isoformat()}" in table.stdout
    assert f"  1 KZT = {format_rate(cbr.table['KZT']):>14} RUB" in table.stdout.splitlines()


# ---- C007 treats the snapshot's day like the ECB's ------------------------------------------------------


def _stale(monkeypatch, today: date, listing: str, target: str):
    from listing_lint.testing import lint_text

    monkeypatch.setenv("LISTING_LINT_TODAY", today.isoformat())
    text = f"source_locale: ru_RU\ntarget_locales: [{target}]\nlistings:\n  - {listing}\n"
    return [f for f in lint_text(text, select=["C007"]).findings if f.code == "C007"]


def test_stale_rates_judge_a_rouble_catalog_by_the_bank_of_russia_snapshot(monkeypatch):
    day = load_cbr().date
    listing = "{id: A1, price: 4500 RUB, prices: {USD: 58.60}}"
    assert _stale(monkeypatch, day + timedelta(days=14), listing, "en_US") == []
    (finding,) = _stale(monkeypatch, day + timedelta(days=15), listing, "en_US")
    assert finding.data == {"rate_date": day.isoformat(), "age_days": 15, "max_rate_age_days": 14,
                            "rate_source": "Bank of Russia", "provider": "Bank of Russia rates shipped with listing-lint"}


def test_stale_rates_judge_a_euro_catalog_by_the_ecb_snapshot(monkeypatch):
    day = load_ecb().date
    listing = "{id: A1, price: 45 EUR, prices: {USD: 50.00}}"
    assert _stale(monkeypatch, day + timedelta(days=14), listing, "en_US") == []
    (finding,) = _stale(monkeypatch, day + timedelta(days=15), listing, "en_US")
    assert finding.data["rate_source"] == "European Central Bank" and finding.data["rate_date"] == day.isoformat()


def test_each_stale_table_is_reported_once(monkeypatch):
    from listing_lint.testing import lint_text

    monkeypatch.setenv("LISTING_LINT_TODAY", "2030-01-01")
    text = ("target_locales: [en_US]\nlistings:\n  - {id: A1, price: 4500 RUB, prices: {USD: 58.60}}\n"
            "  - {id: A2, price: 45 EUR, prices: {USD: 50.00}}\n  - {id: A3, price: 3000 RUB, prices: {USD: 39.00}}\n")
    found = [f for f in lint_text(text, select=["C007"]).findings if f.code == "C007"]
    assert sorted(f.data["rate_source"] for f in found) == ["Bank of Russia", "European Central Bank"]


# ---- the refresh script ------------------------------------------------------------------------------


def _script():
    spec = importlib.util.spec_from_file_location("refresh_cbr_rates", REPO / "scripts" / "refresh_cbr_rates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_refresh_script_reads_a_saved_document(tmp_path):
    saved = tmp_path / "XML_daily.asp"
    saved.write_bytes(SAMPLE.encode("windows-1251"))
    out = tmp_path / "cbr_rates.csv"
    assert _script().main(["--from", str(saved), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if not line.startswith("#")]
    assert rows == [
        "currency,rate,nominal,value,date",
        "EUR,93.5000,1,93.5000,2026-11-28",
        "KZT,0.156902,100,15.6902,2026-11-28",  # 100 tenge quoted, 1 kept
        "TRY,1.82377,10,18.2377,2026-11-28",  # 10 lira quoted
        "USD,80.1234,1,80.1234,2026-11-28",
    ]
    assert "XML_daily.asp" in text and "2026-11-28" in text.split("currency,rate")[0]


@pytest.mark.parametrize(
    "document, words",
    [
        (SAMPLE.replace("<Value>80,1234</Value>", "<Value>80.1234</Value>"), "not a rate as cbr.ru writes them"),
        (SAMPLE.replace("<Nominal>100</Nominal>", "<Nominal></Nominal>"), "nominal '' is not a whole number"),
        (SAMPLE.replace("<Nominal>10</Nominal>", "<Nominal>3</Nominal>"), "not an exact rate per unit"),
        (SAMPLE.replace('Date="28.11.2026"', 'Date="2026-11-28"'), "not DD.MM.YYYY"),
        (SAMPLE.replace("<CharCode>USD</CharCode>", "<CharCode>EUR</CharCode>"), "EUR is given twice"),
        ("<html>Service unavailable</html>", "not an XML_daily document"),
    ],
)
def test_refresh_script_refuses_what_is_not_a_daily_document(tmp_path, document, words, capsys):
    saved = tmp_path / "XML_daily.asp"
    saved.write_bytes(document.encode("windows-1251"))
    out = tmp_path / "cbr_rates.csv"
    assert _script().main(["--from", str(saved), "--out", str(out)]) == 1
    assert words in capsys.readouterr().err
    assert not out.exists()


def test_parse_reads_decimal_commas_as_text_never_float():
    day, rates = parse_daily(SAMPLE.encode("windows-1251"))
    assert day == date(2026, 11, 28)
    usd = next(r for r in rates if r.code == "USD")
    assert isinstance(usd.rate, Decimal) and str(usd.rate) == "80.1234"


# ---- cbr-live, network stubbed ----------------------------------------------------------------------


class _Answer:
    def __init__(self, body: bytes):
        self.body = body

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def read(self):
        return self.body


def test_cbr_live_reads_todays_document(tmp_path, monkeypatch):
    import urllib.request

    asked = []

    def answer(request, timeout):
        asked.append((request.full_url, timeout))
        return _Answer(SAMPLE.encode("windows-1251"))

    monkeypatch.setattr(urllib.request, "urlopen", answer)
    config = Config({**load_config(None).values, "rates": "cbr-live"}, tmp_path / "x.yaml")
    rates = rates_module.load_rates(config)
    assert asked == [("https://www.cbr.ru/scripts/XML_daily.asp", rates_module.LIVE_TIMEOUT_SECONDS)]
    assert rates.date == date(2026, 11, 28)  # the document's day, not the clock's
    assert rates.provider == "live Bank of Russia rates (cbr.ru)" and rates.rate("USD", "RUB") == Decimal("80.1234")


def test_cbr_live_offline_falls_back_to_the_snapshot_with_a_warning(tmp_path, monkeypatch):
    import urllib.error
    import urllib.request

    def offline(request, timeout):
        raise urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    warnings: list[str] = []
    config = Config({**load_config(None).values, "rates": ["cbr-live", "cbr"]}, tmp_path / "x.yaml")
    rates = rates_module.load_rates(config, warn=warnings.append)
    assert rates.provider == "Bank of Russia rates shipped with listing-lint"
    (warning,) = warnings
    assert "live Bank of Russia rates (cbr.ru): cannot connect to cbr.ru (no network?)" in warning
    assert f"rates dated {load_cbr().date.isoformat()}" in warning


def test_cbr_live_timeout_is_named(tmp_path, monkeypatch):
    import urllib.request

    def slow(request, timeout):
        raise TimeoutError("timed out")

    monkeypatch.setattr(urllib.request, "urlopen", slow)
    config = Config({**load_config(None).values, "rates": "cbr-live"}, tmp_path / "x.yaml")
    with pytest.raises(RatesError, match="cbr.ru did not answer within 10 seconds"):
        rates_module.load_rates(config)


def test_cbr_names_are_not_taken_for_files_on_the_command_line():
    assert rates_module.command_line_rates("cbr,cbr-live,ECB") == "cbr,cbr-live,ECB"
    assert Path(rates_module.command_line_rates("rates.yaml")).is_absolute()
