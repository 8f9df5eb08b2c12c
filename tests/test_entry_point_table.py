"""The entry points are read from a table kept between runs, which must stay the installed truth."""

from __future__ import annotations

import sys
from importlib.metadata import entry_points

from listing_lint import registry


def test_the_table_holds_what_importlib_metadata_says():
    for group in ("listing_lint.rules", "listing_lint.readers"):
        expected = sorted((ep.name, ep.value) for ep in entry_points(group=group))
        assert expected, group
        assert sorted((ep.name, ep.value) for ep in registry._entry_points(group)) == expected


def test_a_distribution_installed_later_is_seen(tmp_path, monkeypatch):
    before = {ep.name for ep in registry._entry_points("listing_lint.rules")}
    info = tmp_path / "late_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: late-rules\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[listing_lint.rules]\nZ900 = late_rules:Rule\n")
    monkeypatch.setattr(sys, "path", [*sys.path, str(tmp_path)])
    after = {ep.name: ep.value for ep in registry._entry_points("listing_lint.rules")}
    assert "Z900" not in before and after["Z900"] == "late_rules:Rule"


def test_an_entry_point_loads_its_object():
    ep = registry._EntryPoint("T003", "listing_lint_rules.translation.wrong_language:WrongLanguage [extra]")
    assert ep.load().code == "T003"
