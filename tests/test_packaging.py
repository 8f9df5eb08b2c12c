"""`rules/` ships as `listing_lint_rules`, never as a top-level `rules` package."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import REPO


def _package_dirs() -> set[str]:
    found = set()
    for root, prefix in ((REPO / "listing_lint", "listing_lint"), (REPO / "rules", "listing_lint_rules")):
        for init in root.rglob("__init__.py"):
            rel = init.parent.relative_to(root)
            found.add(".".join([prefix, *rel.parts]))
    return found


def test_every_package_directory_is_listed_in_pyproject():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    assert _package_dirs() == listed


def test_rules_import_under_their_namespaced_name(tmp_path):
    # From outside the checkout, so the repository's own `rules/` folder is not on the path.
    code = (
        "import importlib.util, listing_lint_rules.structure.missing_field as m\n"
        "print(m.__name__, importlib.util.find_spec('rules') is None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["listing_lint_rules.structure.missing_field", "True"]


@pytest.mark.slow
def test_wheel_ships_rules_as_listing_lint_rules(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("listing_lint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "listing_lint_rules/structure/missing_field.py" in names
    assert not any(n.startswith("rules/") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "L001 = listing_lint_rules.structure.missing_field:MissingField" in text
