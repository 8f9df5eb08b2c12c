"""Where the report goes and what reaches it: unwritable and dangerous output paths,
load errors in CI formats, stdin decoding, repeated inputs, hook inputs, progress."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pytest

from conftest import DEMO

LOCALES = "source_locale: ru_RU\ntarget_locales: [en_US]\n"
GOOD = LOCALES + 'listings:\n  - {id: A1, title: {ru: "Шарф", en: "Scarf"}, price: 1200 RUB}\n'
WARNED = LOCALES + 'listings:\n  - {id: A1, title: {ru: "Шарф  ", en: "Scarf"}, price: 1200 RUB}\n'
BAD = LOCALES + 'listings:\n  - {id: A1, title: {ru: "Шарф"}}\n'
BROKEN = LOCALES + "listings: [\n  - {id: A1\n"
CSV = "id,title.ru,title.en,price\nA1,Шарф,Scarf,1200 RUB\nA2,Шапка,Hat,\n"


@pytest.fixture
def shop(tmp_path, monkeypatch):
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    (tmp_path / "catalog.yaml").write_text(BAD, encoding="utf-8")
    return tmp_path


# 1. Unwritable output and baseline paths


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_unwritable_output_path_is_a_clear_error(cli, shop, option):
    result = cli("check", "--select", "L", option, "catalog.yaml/out.txt", "catalog.yaml", cwd=shop)
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "listing-lint: cannot write catalog.yaml/out.txt: catalog.yaml is a file, not a folder")
    assert "internal error" not in result.stderr


def test_failed_output_write_leaves_the_old_report_whole(cli, shop, monkeypatch):
    (shop / "report.txt").write_text("old report\n", encoding="utf-8")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", refuse)
    result = cli("check", "--select", "L", "--output", "report.txt", "catalog.yaml", cwd=shop)
    assert result.exit_code == 2
    assert "listing-lint: cannot write report.txt: No space left on device" in result.stderr
    assert (shop / "report.txt").read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in shop.iterdir()) == ["catalog.yaml", "report.txt"]  # no temporary file left


def test_output_is_written(cli, shop):
    result = cli("check", "--select", "L", "--format", "json", "--output", "report.json", "catalog.yaml", cwd=shop)
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads((shop / "report.json").read_text(encoding="utf-8"))[0]["code"] == "L001"


# 2. Never overwrite an input


@pytest.mark.parametrize("option, target", [
    ("--output", "catalog.yaml"), ("--output", "./catalog.yaml"), ("--write-baseline", "catalog.yaml"),
])
def test_refuses_to_write_over_a_catalog_being_checked(cli, shop, option, target):
    result = cli("check", "--select", "L", option, target, "catalog.yaml", cwd=shop)
    assert result.exit_code == 2
    assert f"{option} {target} is the catalog catalog.yaml being checked" in result.stderr
    assert (shop / "catalog.yaml").read_text(encoding="utf-8") == BAD


def test_refuses_to_write_over_a_catalog_found_in_a_directory(cli, shop):
    (shop / "shop").mkdir()
    (shop / "shop" / "c.yaml").write_text(GOOD, encoding="utf-8")
    result = cli("check", "--select", "L", "--output", "shop/c.yaml", "shop", cwd=shop)
    assert result.exit_code == 2 and "refusing to overwrite" in result.stderr
    assert (shop / "shop" / "c.yaml").read_text(encoding="utf-8") == GOOD


# 3. Load errors in CI reports


def test_load_error_keeps_path_line_and_message():
    from listing_lint.engine import Input, run
    from listing_lint.registry import discover
    from listing_lint.selection import Selection
    from listing_lint.config import load_config

    result = run([Input("broken.yaml", text=BROKEN)], Selection(discover(), load_config(None)))
    [error] = result.errors
    assert (error.path, error.line) == ("broken.yaml", 4)
    assert error == f"broken.yaml:4: {error.message}" and error.message.startswith("YAML syntax error")


def test_github_annotates_a_file_that_cannot_be_read(cli, shop):
    (shop / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    result = cli("check", "--select", "L", "--format", "github", "broken.yaml", cwd=shop)
    assert result.exit_code == 2
    assert result.stdout.startswith("::error file=broken.yaml,line=4,title=listing-lint::YAML syntax error")
    assert "broken.yaml:4: YAML syntax error" in result.stderr


def _sarif_errors(validator, doc):
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]


def test_sarif_reports_unreadable_files_as_failed_execution(cli, shop, shared):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    (shop / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    result = cli("check", "--select", "L", "--format", "sarif", "broken.yaml", "catalog.yaml", "missing.csv", cwd=shop)
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert not _sarif_errors(validator, doc)
    [invocation] = doc["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert {n["level"] for n in notes} == {"error"}
    by_uri = {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: n for n in notes}
    assert set(by_uri) == {"broken.yaml", "missing.csv"}
    assert by_uri["broken.yaml"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 4}
    assert by_uri["missing.csv"]["message"]["text"] == "no such file or directory"
    assert doc["runs"][0]["results"]  # the readable catalog is still reported

    clean = json.loads(cli("check", "--select", "L", "--format", "sarif", "--exit-zero", "catalog.yaml", cwd=shop).stdout)
    assert clean["runs"][0]["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    assert not _sarif_errors(validator, clean)


def test_junit_has_an_error_case_per_unreadable_file(cli, shop):
    (shop / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    result = cli("check", "--select", "L", "--format", "junit", "broken.yaml", "missing.csv", cwd=shop)
    assert result.exit_code == 2
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert (root.get("tests"), root.get("errors")) == ("2", "2")
    errors = {c.get("file"): c.find("error") for c in root.iter("testcase")}
    assert set(errors) == {"broken.yaml", "missing.csv"}
    assert "YAML syntax error" in errors["broken.yaml"].get("message")
    assert errors["missing.csv"].text == "missing.csv: no such file or directory"


def test_text_and_json_keep_errors_on_stderr(cli, shop):
    (shop / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    text = cli("check", "--select", "L", "broken.yaml", cwd=shop)
    assert text.stdout == "" and "broken.yaml:4: YAML syntax error" in text.stderr
    as_json = cli("check", "--select", "L", "--format", "json", "broken.yaml", cwd=shop)
    assert json.loads(as_json.stdout) == [] and as_json.exit_code == 2


# 4. JUnit: warnings do not fail a test


def test_junit_warnings_only_pass_with_the_warnings_in_system_out(cli, shop):
    (shop / "catalog.yaml").write_text(WARNED, encoding="utf-8")
    result = cli("check", "--select", "L", "--format", "junit", "catalog.yaml", cwd=shop)
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.get("failures") == "0"
    [case] = root.iter("testcase")
    assert case.find("failure") is None
    assert "[warning]" in case.findtext("system-out")


# 5. Standard input


def test_stdin_csv_with_a_bom_reads_like_the_file(cli, shop):
    (shop / "excel.csv").write_bytes("\ufeff".encode() + CSV.encode("utf-8"))
    from_file = cli("check", "--select", "L", "--format", "json", "excel.csv", cwd=shop)
    piped = cli("check", "--select", "L", "--format", "json", "--stdin-filename", "excel.csv", "-",
                input=(shop / "excel.csv").read_bytes(), cwd=shop)
    assert piped.exit_code == from_file.exit_code == 1, piped.stderr
    assert json.loads(piped.stdout) == json.loads(from_file.stdout)


def test_stdin_in_another_encoding_is_named(cli, shop):
    # YAML is UTF-8 (or UTF-16) by its spec: a cp1251 YAML on stdin is an error naming the byte.
    yaml_text = "- id: A1\n  title: {ru: Шарф}\n  price: 1200 RUB\n"
    piped = cli("check", "--select", "L", "--stdin-filename", "e.yaml", "-", input=yaml_text.encode("cp1251"), cwd=shop)
    assert piped.exit_code == 2
    assert "e.yaml:2: file is not UTF-8 text (byte 0xd8 at offset 23)" in piped.stderr
    # A CSV has no such rule: Russian Excel writes cp1251, and it is read as such.
    shown = cli("show", "--format", "json", "--stdin-filename", "e.csv", "-", input=CSV.encode("cp1251"), cwd=shop)
    assert shown.exit_code == 0, shown.stderr
    read = json.loads(shown.stdout)
    assert read[0]["encoding"] == "cp1251" and read[0]["reader"] == "csv"
    assert read[0]["fields"]["title.ru"]["value"] == "Шарф"


def test_stdin_without_a_name_that_fails_says_how_it_was_read(cli, shop):
    piped = cli("check", "--select", "L", "-", input=CSV, cwd=shop)
    assert piped.exit_code == 2
    assert "(reading standard input as YAML; name it with --stdin-filename x.csv)" in piped.stderr
    named = cli("check", "--select", "L", "--stdin-filename", "x.yaml", "-", input=BROKEN, cwd=shop)
    assert named.exit_code == 2 and "--stdin-filename" not in named.stderr


# 6. The same file twice


@pytest.mark.parametrize("args", [
    ("catalog.yaml", "catalog.yaml"), ("catalog.yaml", "./catalog.yaml"), ("catalog.yaml", "."), (".", "catalog.yaml"),
])
def test_a_file_given_twice_is_checked_once(cli, shop, args):
    once = json.loads(cli("check", "--select", "L", "--format", "json", "catalog.yaml", cwd=shop).stdout)
    twice = json.loads(cli("check", "--select", "L", "--format", "json", *args, cwd=shop).stdout)
    assert len(once) == 1
    assert [(f["code"], f["line"]) for f in twice] == [(f["code"], f["line"]) for f in once]


def test_a_file_named_and_in_its_directory_still_counts_for_the_directory(cli, shop):
    (shop / "ci.yml").write_text("stages: [test]\n", encoding="utf-8")  # YAML, not a catalog
    result = cli("check", "--select", "L", "catalog.yaml", ".", cwd=shop)
    assert result.exit_code == 1
    assert "holds no catalogs" not in result.stderr


# 7. Data files handed over by a hook


def test_hook_skips_files_the_config_names_as_data(cli, tmp_path, monkeypatch):
    demo = tmp_path / "demo"
    shutil.copytree(DEMO, demo)
    data = ("comparables.csv", "rates.yaml")
    monkeypatch.setenv("PRE_COMMIT", "1")
    hooked = cli("check", "--select", "L", "--config", "listing-lint.yaml", "--format", "json", "clean.yaml", *data, cwd=demo)
    assert hooked.exit_code == 0, hooked.stderr
    assert json.loads(hooked.stdout) == []
    monkeypatch.delenv("PRE_COMMIT")
    named = cli("check", "--select", "L", "--config", "listing-lint.yaml", "--format", "json", "comparables.csv", cwd=demo)
    assert named.exit_code != 0  # named by a person outside a hook: linted as asked


# 8. A workbook under a .csv name


@pytest.mark.parametrize("header, message", [
    (b"PK\x03\x04\x14\x00\x06\x00", "the workbook is damaged, or is not a workbook (it is not a readable zip archive)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "this is an Excel 97-2003 workbook (.xls) or a password-protected workbook"),
])
def test_workbook_renamed_to_csv_is_named_as_a_workbook(cli, shop, header, message):
    (shop / "export.csv").write_bytes(header + b"\xfd\x00" * 20)
    result = cli("check", "--select", "L", "export.csv", cwd=shop)
    assert result.exit_code == 2
    assert f"export.csv: {message}" in result.stderr
    assert "save it as .xlsx, or export it as 'CSV UTF-8'" in result.stderr


def test_a_real_workbook_under_a_csv_name_is_read(cli, shop):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["id", "title.ru", "price"])
    book.active.append(["A1", "Шарф  красный", "1200 RUB"])
    book.save(shop / "export.csv")
    result = cli("check", "--select", "L005", "--format", "json", "--exit-zero", "export.csv", cwd=shop)
    assert result.exit_code == 0, result.stderr
    assert [(f["path"], f["line"], f["column"]) for f in json.loads(result.stdout)] == [("export.csv", 2, 2)]


# 9. Progress inside one file


def test_engine_reports_progress_after_each_listing():
    from listing_lint.config import load_config
    from listing_lint.engine import Input, run
    from listing_lint.registry import discover
    from listing_lint.selection import Selection

    three = LOCALES + "listings:\n" + "".join(
        f'  - {{id: A{i}, title: {{ru: "Шарф", en: "Scarf"}}, price: 1200 RUB}}\n' for i in range(3))
    calls = []
    run([Input("a.yaml", text=three), Input("b.yaml", text=GOOD)], Selection(discover(), load_config(None)),
        on_progress=lambda files, listings: calls.append((files, listings)))
    assert calls == [(0, 1), (0, 2), (0, 3), (1, 3), (1, 4), (2, 4)]


def test_cli_progress_moves_within_a_file(cli, shop, monkeypatch):
    seen = []

    class Recorder:
        def __init__(self, total, inputs=()):
            self.total = total

        def loaded(self, item, listings):
            seen.append(("loaded", item.path, listings))

        def update(self, files, listings):
            seen.append((files, listings))

        def done(self):
            seen.append("done")

    monkeypatch.setattr("listing_lint.progress.wanted", lambda quiet: True)
    monkeypatch.setattr("listing_lint.progress.Progress", Recorder)
    (shop / "catalog.yaml").write_text(GOOD + '  - {id: A2, title: {ru: "Шапка", en: "Hat"}, price: 900 RUB}\n',
                                       encoding="utf-8")
    assert cli("check", "--select", "L", "catalog.yaml", cwd=shop).exit_code == 0
    assert seen == [("loaded", "catalog.yaml", 2), (0, 1), (0, 2), (1, 2), "done"]
