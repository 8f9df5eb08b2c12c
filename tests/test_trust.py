"""A repository's own code (config `plugins:`) runs only when the user allows it (README, "Guarantees")."""

from __future__ import annotations

import pytest

EVIL = '''
from pathlib import Path
Path(__file__).with_name("RAN").write_text("the repository's code ran")

from listing_lint.rule import ListingRule


class Planted(ListingRule):
    """A rule shipped in a repository.

    ## What it does
    x
    ## Why it matters
    x
    ## Example
    x
    ## How to fix
    x
    """
    code = "X990"
    name = "planted"

    def check(self, listing, ctx):
        return []
'''
CATALOG = 'listings:\n  - {id: A1, title: {ru: "Шарф"}, price: 1 RUB}\n  - {id: A1, title: {ru: "Шарф"}, price: 1 RUB}\n'


@pytest.fixture(params=["yaml", "pyproject"])
def cloned(request, tmp_path, monkeypatch):
    """A repository just cloned: a config naming a plugin, found upward from a subdirectory."""
    (tmp_path / "lint").mkdir()
    (tmp_path / "lint" / "planted.py").write_text(EVIL, encoding="utf-8")
    if request.param == "yaml":
        (tmp_path / ".listing-lint.yaml").write_text("source_locale: ru_RU\nplugins: [lint/planted.py]\n")
    else:
        (tmp_path / "pyproject.toml").write_text('[tool.listing-lint]\nsource_locale = "ru_RU"\n'
                                                 'plugins = ["lint/planted.py"]\n')
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "catalogs" / "shop.yaml").write_text(CATALOG, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "catalogs")
    monkeypatch.delenv("LISTING_LINT_ALLOW_PLUGINS", raising=False)
    return tmp_path


@pytest.mark.parametrize("command", [
    ("check", "shop.yaml"), ("check", "--fix", "shop.yaml"), ("rules",), ("rule", "L002"), ("check", "--show-settings"),
])
def test_a_config_found_upward_runs_no_code(cli, cloned, command, monkeypatch):
    result = cli(*command)
    assert not (cloned / "lint" / "RAN").exists()
    assert result.stderr.count("plugins not loaded: lint/planted.py") == 1
    assert "--allow-plugins" in result.stderr and "LISTING_LINT_ALLOW_PLUGINS=1" in result.stderr
    assert "X990" not in result.stdout
    if command[0] == "check" and "--show-settings" not in command:
        assert result.exit_code == 1 and result.stdout.count(" L002 ") == 2  # the run is otherwise the same


def test_in_a_pre_commit_hook_too(cli, cloned, monkeypatch):
    monkeypatch.setenv("PRE_COMMIT", "1")
    result = cli("check", "shop.yaml")
    assert not (cloned / "lint" / "RAN").exists() and "plugins not loaded" in result.stderr


@pytest.mark.parametrize("how", ["flag", "env", "config"])
def test_plugins_load_when_allowed(cli, cloned, monkeypatch, how):
    args = ["rules"]
    if how == "flag":
        args.append("--allow-plugins")
    elif how == "env":
        monkeypatch.setenv("LISTING_LINT_ALLOW_PLUGINS", "1")
    else:
        name = ".listing-lint.yaml" if (cloned / ".listing-lint.yaml").exists() else "pyproject.toml"
        args += ["--config", str(cloned / name)]
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert (cloned / "lint" / "RAN").exists() and "X990" in result.stdout
    assert "plugins not loaded" not in result.stderr


def test_a_config_selecting_a_plugin_rule_says_why_it_is_missing(cli, cloned):
    config = cloned / ".listing-lint.yaml"  # in the pyproject variant, found before pyproject.toml
    config.write_text("source_locale: ru_RU\nplugins: [lint/planted.py]\nextend-select: [X990]\n")
    result = cli("check", "shop.yaml")
    assert result.exit_code == 2 and not (cloned / "lint" / "RAN").exists()
    assert "no rule matches 'X990'" in result.stderr
    assert "it may come from the plugins not loaded, lint/planted.py; allow them with --allow-plugins" in result.stderr
