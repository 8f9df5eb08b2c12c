"""`listing-lint rates`, invoked directly through click's CliRunner."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from conftest import DEMO
from listing_lint.money.command import rates_command

CONFIG = str(DEMO / "listing-lint.yaml")


def _run(*args, obj=None):
    return CliRunner().invoke(rates_command, [str(a) for a in args], obj=obj)


def test_table_names_source_date_and_base():
    result = _run("--config", CONFIG)
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert "rates file rates.yaml" in first and "Bank of Russia" in first and "2026-11-20" in first
    assert "(6 days old)" in first  # LISTING_LINT_TODAY=2026-11-26, pinned by conftest
    assert "92.59 RUB" in result.stdout


def test_converts_one_amount():
    result = _run("--config", CONFIG, "4500", "RUB", "USD")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "4500 RUB = 48.60 USD"
    assert "1 RUB = 0.0108 USD (Bank of Russia, 2026-11-20" in result.stdout


def test_config_from_the_click_context():
    from listing_lint.config import load_config

    result = _run("100", "USD", "EUR", obj=load_config(DEMO / "listing-lint.yaml"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("100 USD = 94.32 EUR")


def test_rates_option_overrides_config():
    result = _run("--config", CONFIG, "--rates", "ecb")
    assert result.exit_code == 0
    assert "European Central Bank" in result.stdout
    assert "RUB: the ECB has published no RUB rate since 2022-03-01" in result.stdout


def test_missing_rate_exits_2_without_traceback():
    result = _run("--config", CONFIG, "--rates", "ecb", "4500", "RUB", "USD")
    assert result.exit_code == 2
    assert "no RUB rate since 2022-03-01" in result.stderr and "Traceback" not in result.output


def test_no_provider_left_exits_2(tmp_path):
    result = _run("--rates", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "no exchange rates available" in result.stderr and "file not found" in result.stderr


def test_fallback_warns_on_stderr(tmp_path, monkeypatch):
    import requests
    from forex_python import converter

    def offline(self, base, date_obj=None):
        raise requests.exceptions.ConnectionError()

    monkeypatch.setattr(converter.CurrencyRates, "get_rates", offline)
    result = _run("--config", CONFIG, "--rates", f"live,{DEMO / 'rates.yaml'}", "1", "USD", "RUB")
    assert result.exit_code == 0
    assert result.stdout.startswith("1 USD = 92.59 RUB")
    assert "warning: live rates (forex-python): cannot connect" in result.stderr
    assert "rates dated 2026-11-20" in result.stderr


@pytest.mark.parametrize("args, message", [(("4500", "RUB"), "give an amount and two currencies"),
                                           (("lots", "RUB", "USD"), "'lots' is not an amount"),
                                           (("5", "RUR", "USD"), "use RUB")])
def test_bad_arguments(args, message):
    result = _run("--config", CONFIG, *args)
    assert result.exit_code == 2
    assert message in result.output


def test_rates_file_on_the_command_line_is_relative_to_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / ".listing-lint.yaml").write_text("rates: ecb\n", encoding="utf-8")
    monkeypatch.chdir(DEMO)
    result = _run("--config", tmp_path / "cfg" / ".listing-lint.yaml", "--rates", "rates.yaml", "1", "USD", "RUB")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 USD = 92.59 RUB")


def test_importing_money_and_the_command_loads_no_heavy_module():
    import subprocess
    import sys

    code = (
        "import sys, listing_lint.money, listing_lint.money.command;"
        "print(sorted(m for m in ('babel', 'yaml', 'forex_python', 'requests') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("amount", ["1e3", "1.2.3", "0x10", "12abc", "4500-5000", "4500 RUB"])
def test_conversion_refuses_an_amount_it_would_have_to_guess(amount):
    result = _run("--config", CONFIG, amount, "USD", "RUB")
    assert result.exit_code == 2, result.output
    assert f"'{amount}' is not an amount" in result.stderr
    assert result.stdout == ""
