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


@pytest.fixture
def plugin_env(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "lintplug.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "lintplug-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: lintplug\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[listing_lint.rules]\nZ100 = lintplug:NoEmoji\n")
    (tmp_path / "cat.yaml").write_text(
        "listings:\n  - {id: A1, title: {ru: \"Шарф\", en: \"Scarf 🧣\"}, price: 1 RUB}\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
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
    assert _run(env, cwd, "check", "--select", "Z100", "cat.yaml").stdout == ""


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
