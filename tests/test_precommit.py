"""The pre-commit hook, through the real `pre-commit` client.

The hook repository is a snapshot of this working tree (tracked and new files, as
git sees them) committed into a temporary repository, so the test checks the code
as it is now, not the last commit. pre-commit installs it into its own virtualenv
with pip, which needs the package index (or the local wheel mirror) that the test
extras were installed from.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

BAD = """\
source_locale: ru_RU
target_locales: [en_US]
listings:
  - {id: A1, title: {ru: "Шарф", en: "Scarf"}}
"""
GOOD = BAD.replace('"Scarf"}}', '"Scarf"}, price: 12.96 USD}')  # clean under every rule: no conversion needed
CI_CONFIG = "stages: [test]\ntest:\n  script: [make]\n"  # a YAML file that is not a catalog


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", **extra}
    env.pop("PRE_COMMIT", None)  # in case these tests themselves run under a hook
    return env


def _git(*args: str, cwd: Path, check: bool = True, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=_env(**env), check=check, capture_output=True, text=True,
                          timeout=900)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extras: pip install -e '.[test]'")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout: the hook repository is snapshotted from git's file list")
    listed = _git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=REPO).stdout
    src = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, src / name)
    assert (src / ".pre-commit-hooks.yaml").is_file()
    _git("init", "-q", cwd=src)
    _git("add", "-A", cwd=src)
    _git("commit", "-q", "-m", "snapshot", cwd=src)
    return src, _git("rev-parse", "HEAD", cwd=src).stdout.strip()


@pytest.fixture
def shop(tmp_path) -> Path:
    repo = tmp_path / "shop"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    (repo / "catalog.yaml").write_text(BAD, encoding="utf-8")
    (repo / ".gitlab-ci.yml").write_text(CI_CONFIG, encoding="utf-8")
    return repo


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """pre-commit's cache of hook environments, shared by these tests and nothing else."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=_env(PRE_COMMIT_HOME=str(home)),
                          capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_try_repo_fails_a_bad_catalog_and_passes_a_clean_one(hook_repo, shop, home):
    src, _ = hook_repo
    (shop / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    _git("add", "-A", cwd=shop)
    files = ("--files", "catalog.yaml", ".gitlab-ci.yml", ".pre-commit-config.yaml")
    bad = _pre_commit("try-repo", str(src), "listing-lint", *files, cwd=shop, home=home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "catalog.yaml:4:5: L001 [error] listing has no price" in bad.stdout
    # The CI config and pre-commit's own config came from the hook's file list: skipped quietly.
    assert "not a catalog" not in bad.stdout and "exit code: 2" not in bad.stdout

    (shop / "catalog.yaml").write_text(GOOD, encoding="utf-8")
    _git("add", "-A", cwd=shop)
    good = _pre_commit("try-repo", str(src), "listing-lint", *files, cwd=shop, home=home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


@pytest.mark.slow
def test_installed_hook_blocks_a_commit_with_a_bad_catalog(hook_repo, shop, home):
    src, rev = hook_repo
    (shop / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {src.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: listing-lint\n", encoding="utf-8")
    installed = _pre_commit("install", cwd=shop, home=home)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    _git("add", "-A", cwd=shop)
    refused = _git("commit", "-q", "-m", "bad", cwd=shop, check=False, PRE_COMMIT_HOME=str(home))
    assert refused.returncode != 0, refused.stdout + refused.stderr
    assert "listing has no price" in refused.stdout + refused.stderr
    assert _git("rev-parse", "--verify", "HEAD", cwd=shop, check=False).returncode != 0  # nothing committed

    (shop / "catalog.yaml").write_text(GOOD, encoding="utf-8")
    _git("add", "-A", cwd=shop)
    accepted = _git("commit", "-q", "-m", "good", cwd=shop, check=False, PRE_COMMIT_HOME=str(home))
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_hook_file_list_skips_non_catalog_yaml_quietly(cli, tmp_path, monkeypatch):
    (tmp_path / "catalog.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".gitlab-ci.yml").write_text(CI_CONFIG, encoding="utf-8")
    named = cli("check", "catalog.yaml", ".gitlab-ci.yml", cwd=tmp_path)
    assert named.exit_code == 2 and ".gitlab-ci.yml" in named.stderr  # named by a person: an error
    monkeypatch.setenv("PRE_COMMIT", "1")  # what pre-commit sets for every hook it runs
    hooked = cli("check", "catalog.yaml", ".gitlab-ci.yml", cwd=tmp_path)
    assert hooked.exit_code == 0 and hooked.stderr == ""
    (tmp_path / "catalog.yaml").write_text("listings: [\n", encoding="utf-8")
    broken = cli("check", "catalog.yaml", ".gitlab-ci.yml", cwd=tmp_path)
    assert broken.exit_code == 2 and "catalog.yaml" in broken.stderr  # a broken catalog is never skipped
