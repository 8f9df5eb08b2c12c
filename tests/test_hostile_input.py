"""Hostile and unlucky input, one case per way it used to go wrong (issue 13): no rule crashes,
no run hangs or is lost; each problem is a finding or a `path[:line]: message`."""

from __future__ import annotations

import json

import pytest

CATALOG = """source_locale: ru_RU
target_locales: [en_US]
listings:
{listings}"""
LISTING = """  - id: {id}
    title: {{ru: "Платок шерсть", en: "{title}"}}
    description: {{ru: "Платок шерсть", en: "Wool shawl"}}
    price: {price}
{extra}"""


def catalog(tmp_path, *listings: dict, name: str = "c.yaml"):
    body = "".join(LISTING.format(**{"id": f"A{i}", "title": "Wool shawl", "price": "4500 RUB", "extra": "", **l})
                   for i, l in enumerate(listings, 1))
    path = tmp_path / name
    path.write_text(CATALOG.format(listings=body), encoding="utf-8")
    return path


def findings(cli, *args, select=("--extend-select", "ALL")):
    result = cli("check", "--format", "json", "--exit-zero", *select, *args)
    assert "internal error" not in result.stderr, result.stderr
    return result, json.loads(result.stdout)


@pytest.mark.parametrize("price, extra", [
    ("9999999999999999999999999999 TRY", ""),
    ("4500 RUB", "    prices: {USD: 1000000000000000000000000000}\n"),
    ("99999999999999999999999999999999999999999999.5 USD", ""),
    ("4500 RUB", "    prices: {USD: 0.0000000000000000000000000000000000001}\n"),
    ("4500 RUB", "    prices: {USD: 99999999999999.99}\n"),
])
def test_an_absurd_amount_is_a_c006_finding_not_a_crash(cli, tmp_path, price, extra):
    path = catalog(tmp_path, {"price": price, "extra": extra}, {})
    result, found = findings(cli, "--config", _config(tmp_path, "marketplace: aliexpress\ncomparables: []\n"), path)
    codes = {f["code"] for f in found if f["listing_id"] == "A1"}
    assert result.exit_code == 0
    if "99999999999999.99" not in extra:
        assert "C006" in codes


def test_an_absurd_amount_is_said_as_one(cli, tmp_path):
    path = catalog(tmp_path, {"price": "9999999999999999999999999999 TRY"})
    _, found = findings(cli, path)
    [c006] = [f for f in found if f["code"] == "C006"]
    assert "28 digits" in c006["message"] and c006["data"]["problem"] == "absurd-amount"


def test_money_rounding_never_overflows_the_context():
    from decimal import Decimal

    from listing_lint.money.amount import format_amount, format_rate, rounded

    assert rounded(Decimal("9" * 40 + ".555"), 2) == Decimal("9" * 40 + ".56")
    assert format_amount(Decimal("1E+60"), "USD").endswith(".00")
    assert format_rate(Decimal("1E+45"))


@pytest.mark.parametrize("title", ["Shawl ½ шерсть", "Shawl ² шерсть Ⅻ", "½ ² Ⅻ ① Платок", "Ⅻ"])
def test_number_like_words_beside_another_script(cli, tmp_path, title):
    # `½`, `²`, `Ⅻ` match as word characters but hold no letter (no script): T003/T004 sorted None.
    path = catalog(tmp_path, {"title": title})
    _, found = findings(cli, path, select=("--select", "T003,T004"))
    assert all(f["code"] in ("T003", "T004") for f in found)


def test_language_check_of_scriptless_words():
    from listing_lint.language.identify import LanguageIdentifier

    identifier = LanguageIdentifier(["en", "ru"])
    for text in ("Shawl ½ шерсть", "½ ² Ⅻ", "Ⅻ Платок шерсть ²"):
        identifier.check(text, "en")


def _config(tmp_path, text: str) -> str:
    path = tmp_path / "listing-lint.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


# ---- file names, pipes and streams ------------------------------------------------------

FORMATS = ("text", "json", "json-lines", "sarif", "github", "junit")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("to_file", [False, True])
def test_a_file_name_that_is_not_utf8(cli, tmp_path, fmt, to_file):
    import os

    name = os.fsdecode(b"bad\xffname.yaml")
    path = catalog(tmp_path, {"price": "4500 RUB"}, name=name)
    out = tmp_path / "report.out"
    result = cli("check", "--format", fmt, "--exit-zero", *(["--output", out] if to_file else []), path, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8") if to_file else result.stdout
    assert "C003" in text
    if fmt == "sarif":
        assert '"uri": "bad%FFname.yaml"' in text
    elif fmt in ("json", "json-lines"):
        first = json.loads(text.splitlines()[0] if fmt == "json-lines" else text)
        assert (first if fmt == "json-lines" else first[0])["path"] == str(path)  # reads back as the same name
    else:
        assert "bad\\xffname.yaml" in text


CONTROL = """source_locale: ru_RU
target_locales: [en_US]
listings:
  - id: "X\\e[31mRED\\a"
    title: {ru: "Платок шерсть", en: "Wool \\e]0;pwned\\a shawl шерсть"}
    "\\e[2Jkey": 1
    price: 4500 RUB
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_of_the_catalog_never_reach_the_output_raw(cli, tmp_path, fmt):
    path = tmp_path / "c.yaml"
    path.write_text(CONTROL, encoding="utf-8")
    result = cli("check", "--format", fmt, "--exit-zero", path, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    if fmt in ("text", "github"):
        assert "X\\x1b[31mRED\\x07" in result.stdout
    if fmt == "json":
        assert {f["listing_id"] for f in json.loads(result.stdout)} == {"X\x1b[31mRED\x07"}
    if fmt == "junit":
        import xml.dom.minidom

        xml.dom.minidom.parseString(result.stdout.encode("utf-8"))


def test_control_characters_in_error_messages(cli, tmp_path):
    path = tmp_path / "c\x1bx.yaml"
    path.write_text("listings: [", encoding="utf-8")
    result = cli("check", path)
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "c\\x1bx.yaml" in result.stderr


def test_stdin_closed(monkeypatch, capsys):
    import sys

    from listing_lint.cli import main

    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(SystemExit) as exit:
        main(["check", "-"])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert "standard input is closed" in err and "internal error" not in err


class _ClosedPipe:
    """stdout whose reader has gone (`| head -1`): the first write raises BrokenPipeError."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        import io

        raise io.UnsupportedOperation("no file descriptor")


@pytest.mark.parametrize("args", [["rules"], ["formats"], ["check", "--format", "json", "--exit-zero", "DEMO"]])
def test_a_closed_output_pipe_is_a_normal_end(monkeypatch, capsys, args):
    import sys

    from listing_lint.cli import EXIT_PIPE_CLOSED, main
    from tests.conftest import DEMO

    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    with pytest.raises(SystemExit) as exit:
        main([str(DEMO / "catalog.yaml") if a == "DEMO" else a for a in args])
    assert exit.value.code == EXIT_PIPE_CLOSED == 141
    assert capsys.readouterr().err == ""


def test_rules_into_a_pipe_closed_early():
    """The real thing, through a pipe; the in-process tests above hold the status exactly."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "listing_lint", "rules"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # before it writes anything
    err = proc.stderr.read().decode()
    assert proc.wait() in (0, 141) and err == ""


# ---- malformed baseline and config -------------------------------------------------------

@pytest.mark.parametrize("content, says", [
    (b'{"c.yaml": ["x"]}', "not a listing-lint baseline"),
    (b'{"version": 1, "suppressions": {"c.yaml": ["x"]}}', "suppressions.c.yaml must map listing ids"),
    (b'{"version": 1, "suppressions": {"c.yaml": {"A1": ["C003"]}}}', "suppressions.c.yaml.A1 must map rule codes"),
    (b'{"version": 1, "suppressions": {"c.yaml": {"A1": {"C003": true}}}}', "must be a whole number"),
    (b'\xff\xfe{\x00}\x00', "not UTF-8"),
    (b'[1, 2]', "not a listing-lint baseline"),
])
def test_a_malformed_baseline_is_an_error_naming_the_file(cli, tmp_path, content, says):
    path = catalog(tmp_path, {})
    baseline = tmp_path / "baseline.json"
    baseline.write_bytes(content)
    result = cli("check", "--baseline", baseline, path)
    assert result.exit_code == 2
    assert says in result.stderr and str(baseline) in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize("config, says", [
    ("comparables: [5]\n", "'comparables' entry 1 must be a string or a mapping"),
    ("rules: {T010: {title_max: x}}\n", "rules.T010.title_max must be a whole number"),
    ("rules: {T010: {description_max: [1]}}\n", "rules.T010.description_max must be a whole number"),
    ("rules: {P001: {factor: .nan}}\n", "rules.P001.factor must be a finite number"),
    ("target_locales: [{en: US}]\n", "'target_locales' entry 1 must be a string"),
    ("keep_terms: [[1]]\n", "'keep_terms' entry 1 must be a string"),
    ("max_file_size: lots\n", "'max_file_size' must be a size"),
])
def test_a_config_value_of_the_wrong_type_is_a_config_error(cli, tmp_path, config, says):
    path = catalog(tmp_path, {})
    result = cli("check", "--config", _config(tmp_path, config), path)
    assert result.exit_code == 2, result.stdout
    assert says in result.stderr and "listing-lint.yaml" in result.stderr and "internal error" not in result.stderr


def test_numbers_where_terms_are_wanted_are_their_text(cli, tmp_path):
    path = catalog(tmp_path, {})
    result = cli("check", "--exit-zero", "--config", _config(tmp_path, "keep_terms: [501]\n"), path)
    assert result.exit_code == 0, result.stderr


# ---- what is read: regular files only, within a size, and every one that can be ----------

def test_a_fifo_named_is_refused_without_blocking(cli, tmp_path):
    import os

    good = catalog(tmp_path, {})
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # nothing ever writes it: opening it to read would block for good
    result = cli("check", "--format", "json", "--exit-zero", fifo, good)
    assert result.exit_code == 2
    assert f"{fifo}: not a regular file (a named pipe)" in result.stderr
    assert {f["path"] for f in json.loads(result.stdout)} == {str(good)}


def test_a_symlink_to_a_device_is_refused(cli, tmp_path):
    good = catalog(tmp_path, {})
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    result = cli("check", "--format", "json", "--exit-zero", zero, good)
    assert result.exit_code == 2
    assert f"{zero}: not a regular file (a character device)" in result.stderr
    assert json.loads(result.stdout)


def test_a_file_over_max_file_size_is_refused_saying_so(cli, tmp_path):
    small = catalog(tmp_path, {}, name="small.yaml")
    big = catalog(tmp_path, *[{}] * 30, name="big.yaml")
    limit = (small.stat().st_size + big.stat().st_size) // 2
    result = cli("check", "--format", "json", "--exit-zero", "--config", _config(tmp_path, f"max_file_size: {limit}\n"),
                 big, small)
    assert result.exit_code == 2
    assert f"{big}: file is larger than max_file_size" in result.stderr and "raise `max_file_size`" in result.stderr
    assert {f["path"] for f in json.loads(result.stdout)} == {str(small)}


def test_the_default_size_limit_is_far_above_any_catalog():
    from listing_lint.loaders import DEFAULT_MAX_FILE_SIZE
    from listing_lint.loaders.reader import file_size

    assert DEFAULT_MAX_FILE_SIZE == file_size("2 GB") == 2 * 1024**3
    assert file_size("500 MB") == 500 * 1024**2 and file_size(1000) == 1000 and file_size("x") is None


def _deny(monkeypatch, denied):
    """Make `denied` paths unreadable, as mode 000 makes them for anyone but root: the checks
    that run as root in CI too (os.access for click's check, os.open, os.scandir for folders)."""
    import os

    denied = {str(p) for p in denied}
    real_access, real_open, real_scandir = os.access, os.open, os.scandir

    def access(path, mode, *a, **k):
        return False if str(path) in denied else real_access(path, mode, *a, **k)

    def open_(path, flags, *a, **k):
        if str(path) in denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *a, **k)

    def scandir(path="."):
        if str(path) in denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_file_is_a_message_and_the_others_are_linted(cli, tmp_path, monkeypatch):
    good = catalog(tmp_path, {}, name="good.yaml")
    locked = catalog(tmp_path, {}, name="locked.yaml")
    _deny(monkeypatch, [locked])
    result = cli("check", "--format", "json", "--exit-zero", locked, good)
    assert result.exit_code == 2
    assert f"{locked}: cannot read file: Permission denied" in result.stderr
    assert "Usage:" not in result.stderr
    assert {f["path"] for f in json.loads(result.stdout)} == {str(good)}


def test_an_unreadable_subdirectory_is_reported(cli, tmp_path, monkeypatch):
    (tmp_path / "shop" / "locked").mkdir(parents=True)
    good = catalog(tmp_path / "shop", {}, name="good.yaml")
    catalog(tmp_path / "shop" / "locked", {}, name="hidden.yaml")
    _deny(monkeypatch, [tmp_path / "shop" / "locked"])
    result = cli("check", "--format", "json", "--exit-zero", tmp_path / "shop")
    assert result.exit_code == 2
    assert f"{tmp_path / 'shop' / 'locked'}: cannot read directory: Permission denied" in result.stderr
    assert {f["path"] for f in json.loads(result.stdout)} == {str(good)}


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
                    reason="root reads mode-000 files; the monkeypatched tests above cover root")
def test_mode_000_for_real(cli, tmp_path):
    good = catalog(tmp_path, {}, name="good.yaml")
    locked = catalog(tmp_path, {}, name="locked.yaml")
    (tmp_path / "dir").mkdir()
    catalog(tmp_path / "dir", {}, name="x.yaml")
    locked.chmod(0)
    (tmp_path / "dir").chmod(0)
    try:
        result = cli("check", "--format", "json", "--exit-zero", locked, good, tmp_path / "dir")
    finally:
        (tmp_path / "dir").chmod(0o755)
    assert result.exit_code == 2
    assert "cannot read file" in result.stderr and "cannot read directory" in result.stderr
    assert {f["path"] for f in json.loads(result.stdout)} == {str(good)}


def test_thousands_of_listings_with_one_id_make_a_report_of_linear_size(tmp_path):
    """8,000 listings with one id once gave 1.27 GB of JSON (each message named every other line).
    Each listing is reported once, its message naming the count and the first place, and a few
    more; benchmarks/duplicate_ids.py prints the time and memory."""
    from listing_lint.loaders import load_file
    from listing_lint_rules.structure.duplicate_id import DATA_LINES, DuplicateId

    n = 8000
    lines = ["source_locale: ru_RU", "target_locales: [en_US]", "listings:"]
    lines += [f"  - {{id: SAME, price: {4000 + i} RUB}}" for i in range(n)]
    path = tmp_path / "same.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = list(DuplicateId().check_catalog(load_file(path), None))
    assert len(problems) == n
    first = 4
    assert all(p.data["count"] == n and len(p.data["lines"]) == DATA_LINES for p in problems)
    assert all(f"line {first}," in p.message or f"line {first} " in p.message for p in problems[1:])
    assert max(len(p.message) for p in problems) < 120


@pytest.mark.parametrize("listing_price, comparable_price", [
    ("9999999999999999999999999999 RUB", "49.00"),
    ("4500 RUB", "99999999999999999999999999999999"),
    ("4500 RUB", "0.0000000000000000000000000001"),
])
def test_price_rules_on_absurd_amounts(cli, tmp_path, listing_price, comparable_price):
    """P001 and P002 judge prices against comparable items: absurd amounts on either side."""
    import shutil

    from tests.conftest import DEMO

    rows = (DEMO / "comparables.csv").read_text(encoding="utf-8").splitlines()
    rows.append(f"AE-9999,accessories/shawls,Pavlovo Posad wool shawl,{comparable_price},USD,,Posad Heritage,,wool")
    (tmp_path / "comparables.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    shutil.copy(DEMO / "rates.yaml", tmp_path / "rates.yaml")
    config = _config(tmp_path, "source_locale: ru_RU\ntarget_locales: [en_US]\nrates: rates.yaml\n"
                               "comparables: [comparables.csv]\n")
    path = tmp_path / "c.yaml"
    path.write_text(CATALOG.format(listings="".join(
        LISTING.format(id=f"S{i}", title="Pavlovo Posad wool shawl", price=price, extra="    category: accessories/shawls\n")
        for i, price in enumerate([listing_price, "4500 RUB", "4400 RUB"]))), encoding="utf-8")
    result, found = findings(cli, "--config", config, path)
    assert result.exit_code in (0, 2) and "internal error" not in result.stderr
    if listing_price.startswith("9999"):
        assert any(f["code"] == "C006" and f["listing_id"] == "S0" for f in found)


@pytest.mark.parametrize("option", ["--baseline", "--config", "--comparables"])
def test_a_fifo_as_an_input_of_the_run_never_blocks(cli, tmp_path, option):
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # nothing writes it: opening it to read would block for good
    result = cli("check", option, fifo, catalog(tmp_path, {}))
    assert result.exit_code == 2
    assert f"{fifo}:" in result.stderr and "regular file" in result.stderr and "internal error" not in result.stderr


def test_an_unreadable_config_is_a_config_error(cli, tmp_path, monkeypatch):
    from pathlib import Path

    config = Path(_config(tmp_path, "source_locale: ru_RU\n"))
    real = Path.read_text

    def read_text(self, *a, **k):
        if self == config:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *a, **k)

    monkeypatch.setattr(Path, "read_text", read_text)
    result = cli("check", "--config", config, catalog(tmp_path, {}))
    assert result.exit_code == 2 and f"{config}: cannot read config file: Permission denied" in result.stderr
