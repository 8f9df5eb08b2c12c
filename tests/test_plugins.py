"""Third-party rules through the `listing_lint.rules` entry-point group, for real.

A throwaway distribution (its module plus a `.dist-info` with `entry_points.txt`) is
put on the path of a fresh interpreter, so discovery goes through importlib.metadata
exactly as it does for an installed plugin.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

PLUGIN = textwrap.dedent('''
    from listing_lint.rule import ListingRule, Option, Problem


    class NoEmoji(ListingRule):
        """Titles must not contain emoji.

        ## What it does
        Flags emoji in titles.

        ## Why it matters
        Marketplaces strip them.

        ## Example
        `title: {en: "Scarf 🧣"}` fails; `title: {en: "Scarf"}` passes.

        ## How to fix
        Delete the emoji.
        """

        code = "Z100"
        name = "no-emoji"
        severity = "warning"
        options = (Option("codepoint_from", 0x1F300, "first code point counted as emoji"),)

        def check(self, listing, ctx):
            for key, scalar in listing.texts("title").items():
                if any(ord(ch) >= self.opts["codepoint_from"] for ch in scalar.text):
                    yield Problem(f"emoji in the {key} title", field=f"title.{key}", data={"locale": key})
''')


def _distribution(tmp_path, name: str, module: str, entry_points: str) -> dict[str, str]:
    """A throwaway installed distribution `name` (one module, its entry points); the env to see it."""
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / f"{name}.py").write_text(module, encoding="utf-8")
    info = site / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry_points)
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}


@pytest.fixture
def plugin_env(tmp_path):
    env = _distribution(tmp_path, "lintplug", PLUGIN, "[listing_lint.rules]\nZ100 = lintplug:NoEmoji\n")
    (tmp_path / "cat.yaml").write_text(
        "listings:\n  - {id: A1, title: {ru: \"Шарф\", en: \"Scarf 🧣\"}, price: 1 RUB}\n", encoding="utf-8"
    )
    return tmp_path, env


def _run(env, cwd, *args):
    return subprocess.run([sys.executable, "-m", "listing_lint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_entry_point_rule_is_listed_documented_and_run(plugin_env):
    cwd, env = plugin_env
    listed = _run(env, cwd, "rules")
    assert any(line.split()[:2] == ["Z100", "no-emoji"] for line in listed.stdout.splitlines()), listed.stderr
    doc = _run(env, cwd, "rule", "no-emoji").stdout
    assert "## How to fix" in doc and "| `codepoint_from` | `127744` |" in doc
    checked = _run(env, cwd, "check", "--select", "Z100", "cat.yaml")
    assert checked.returncode == 0  # a warning does not fail the run
    assert checked.stdout.startswith("cat.yaml:2:38: Z100 [warning] emoji in the en title (listing A1, title.en)")


def test_entry_point_rule_options_from_config(plugin_env):
    cwd, env = plugin_env
    (cwd / ".listing-lint.yaml").write_text("rules:\n  Z100: {codepoint_from: 1114111, severity: error}\n")
    assert _run(env, cwd, "check", "--select", "Z100", "cat.yaml").stdout.endswith(": no problems.\n")


def test_broken_entry_point_is_a_clear_error(plugin_env):
    cwd, env = plugin_env
    (cwd / "site" / "lintplug-1.0.dist-info" / "entry_points.txt").write_text("[listing_lint.rules]\nZ100 = lintplug:Missing\n")
    result = _run(env, cwd, "check", "cat.yaml")
    assert result.returncode == 2
    assert "cannot load rule entry point 'Z100 = lintplug:Missing'" in result.stderr
    assert "Traceback" not in result.stderr


def test_builtin_rules_come_through_the_same_group():
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="listing_lint.rules")}
    assert {"L001", "L002", "L003", "L004"} <= names


READER = textwrap.dedent('''
    """A seller's ERP export, `Artikelnummer;Bezeichnung;VK-Preis`: a reader of our own."""
    from listing_lint.loaders.table import TableReader


    class ErpExport(TableReader):
        name = "erp-export"
        summary = "ERP article export"
        suffixes = (".csv",)
        known_columns = ("Artikelnummer", "Bezeichnung", "VK-Preis", "Lager")
        FIELDS = {"artikelnummer": "id", "bezeichnung": "title", "vk-preis": "price"}

        def header_score(self, names):
            return 90 if {"artikelnummer", "bezeichnung"} <= set(names) else 0

        def field_for(self, name, written, settings):
            return self.FIELDS.get(name)
''')


@pytest.fixture
def reader_env(tmp_path):
    env = _distribution(tmp_path, "erpreader", READER, "[listing_lint.readers]\nerp-export = erpreader:ErpExport\n")
    (tmp_path / "export.csv").write_text(
        "Artikelnummer;Bezeichnung;VK-Preis;Lager;Farbe\nDE-1;Wollschal  rot;49,90 EUR;3;rot\n", encoding="utf-8")
    (tmp_path / ".listing-lint.yaml").write_text("source_locale: de_DE\n", encoding="utf-8")
    return tmp_path, env


def test_entry_point_reader_is_listed_detected_and_located(reader_env):
    cwd, env = reader_env
    listed = _run(env, cwd, "formats")
    assert any(line.split()[:1] == ["erp-export"] for line in listed.stdout.splitlines()), listed.stderr
    checked = _run(env, cwd, "check", "--select", "L003,L005", "--format", "json", "export.csv")
    import json

    found = sorted((f["code"], f["line"], f["column"], f["field"]) for f in json.loads(checked.stdout))
    # Its title went under the file's language (de); the unknown column is reported once, at its header cell.
    assert found == [("L003", 1, 42, "Farbe"), ("L005", 2, 6, "title.de")], checked.stderr


def test_builtin_readers_come_through_the_same_group():
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="listing_lint.readers")}
    assert {"yaml", "csv", "gmc-xml", "yml", "shopify", "table"} <= names


def test_broken_reader_entry_point_is_a_clear_error(reader_env):
    cwd, env = reader_env
    (cwd / "site" / "erpreader-1.0.dist-info" / "entry_points.txt").write_text(
        "[listing_lint.readers]\nerp-export = erpreader:Missing\n")
    result = _run(env, cwd, "check", "export.csv")
    assert result.returncode == 2
    assert "cannot load reader entry point 'erp-export = erpreader:Missing'" in result.stderr
    assert "Traceback" not in result.stderr
