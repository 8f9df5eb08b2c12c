"""--fix and --diff: edits at exact ranges, every other byte kept, safe writes, honest exit status."""

from __future__ import annotations

import codecs
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import DEMO

ODD = """\
# Seller's catalog — comments, odd spacing and quoting must survive a fix.
source_locale:   ru_RU     # trailing comment
target_locales: [ en_US ]
listings:
  # first listing
  - id:    A1
    title: {ru: "Платок  шерстяной ", en: '  Wool   shawl'}   # keep me
    description:
      ru: Тёплый  платок   # plain scalar, comment after
      en: "A \\"warm\\"  shawl"
    price:    4500 RUB

  - {id: A2, title: {ru: "Шарф", en: "Scarf\\tred"}, price: 100 RUB}
  - id: A3
    title:
      ru: >-
        Складной  текст
      en: "Tidy"
    price: 700 RUB
"""
SELECT = ("--select", "L001,L002,L003,L004,L005")


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".listing-lint.yaml").write_text("source_locale: ru_RU\ntarget_locales: [en_US]\n", encoding="utf-8")
    return tmp_path


def _edits(path: Path):
    """The edits the engine proposes for `path`, read from a plain run."""
    from listing_lint.config import load_config
    from listing_lint.engine import Input, run
    from listing_lint.registry import discover
    from listing_lint.selection import Selection

    config = load_config(None, discover_from=path.parent).with_overrides(select=list(SELECT[1].split(",")))
    result = run([Input(str(path))], Selection(discover(), config))
    return sorted((e for fix in result.fixes.values() if fix.safe for e in fix.edits), key=lambda e: e.start), result


def test_fix_keeps_every_untouched_byte(cli, here):
    path = here / "catalog.yaml"
    path.write_bytes(ODD.encode("utf-8"))
    edits, _ = _edits(path)
    assert len(edits) >= 4, "the catalog has stray spaces in three fixable texts"
    result = cli("check", *SELECT, "--fix", path)
    assert result.exit_code == 0, result.stderr
    assert "Fixed 3 problems" in result.stderr
    new = path.read_text(encoding="utf-8")
    # Walk the old text and the new one together: outside the edited ranges they are identical.
    pos = shift = 0
    for edit in edits:
        assert new[pos + shift: edit.start + shift] == ODD[pos: edit.start]
        assert ODD[edit.start: edit.end].strip(" \t") == "" and edit.text in ("", " ")
        shift += len(edit.text) - (edit.end - edit.start)
        pos = edit.end
    assert new[pos + shift:] == ODD[pos:]
    assert 'title: {ru: "Платок шерстяной", en: \'Wool shawl\'}   # keep me' in new
    assert "ru: Тёплый платок   # plain scalar, comment after" in new
    # Escaped and folded texts are not edited: their source is not their text.
    assert 'en: "A \\"warm\\"  shawl"' in new and "Складной  текст" in new
    again = cli("check", *SELECT, "--format", "json", path)
    left = {(f["listing_id"], f["field"], f["data"]["fixable"]) for f in json.loads(again.stdout)}
    assert left == {("A1", "description.en", False), ("A2", "title.en", False), ("A3", "title.ru", False)}


def test_fix_keeps_bom_crlf_and_mode_in_csv(cli, here):
    path = here / "catalog.csv"
    data = codecs.BOM_UTF8 + 'id,title.ru,title.en,price\r\nA1,"Шарф  красный",Red scarf ,100 RUB\r\n'.encode("utf-8")
    path.write_bytes(data)
    os.chmod(path, 0o640)
    result = cli("check", *SELECT, "--fix", path)
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == codecs.BOM_UTF8 + 'id,title.ru,title.en,price\r\nA1,"Шарф красный",Red scarf,100 RUB\r\n'.encode("utf-8")
    assert path.stat().st_mode & 0o777 == 0o640


def test_diff_prints_and_writes_nothing(cli, here):
    path = here / "catalog.yaml"
    path.write_text(ODD, encoding="utf-8")
    result = cli("check", *SELECT, "--diff", "catalog.yaml")
    assert result.exit_code == 1  # there is something to fix
    assert path.read_text(encoding="utf-8") == ODD
    assert result.stdout.startswith("--- a/catalog.yaml\n+++ b/catalog.yaml\n")
    assert '-    title: {ru: "Платок  шерстяной ", en: \'  Wool   shawl\'}   # keep me' in result.stdout
    assert '+    title: {ru: "Платок шерстяной", en: \'Wool shawl\'}   # keep me' in result.stdout
    clean = here / "clean.yaml"
    clean.write_text("listings:\n  - {id: A1, title: {ru: \"Шарф\"}, price: 1 RUB}\n", encoding="utf-8")
    nothing = cli("check", *SELECT, "--diff", clean)
    assert nothing.exit_code == 0 and nothing.stdout == ""


def test_write_is_atomic_in_the_same_directory(cli, here, monkeypatch):
    import listing_lint.atomic_write as atomic

    path = here / "catalog.yaml"
    path.write_text(ODD, encoding="utf-8")
    renames = []
    real_replace, real_exchange = os.replace, atomic._exchange
    monkeypatch.setattr(atomic.os, "replace", lambda src, dst: (renames.append((src, dst)), real_replace(src, dst)))
    # Where the system can, the new file is exchanged with the old one (then the old one is checked).
    monkeypatch.setattr(atomic, "_exchange", lambda src, dst: renames.append((src, dst)) or real_exchange(src, dst))
    assert cli("check", *SELECT, "--fix", path).exit_code == 0
    assert len(renames) == 1
    src, dst = map(Path, renames[0])
    assert src.parent == dst.parent == here and dst.name == "catalog.yaml"
    assert sorted(p.name for p in here.iterdir()) == [".listing-lint.yaml", "catalog.yaml"]  # no temp file left


def test_failed_rename_leaves_the_file_whole(cli, here, monkeypatch):
    import listing_lint.atomic_write as atomic

    path = here / "catalog.yaml"
    path.write_text(ODD, encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    monkeypatch.setattr(atomic, "_exchange", fail)
    result = cli("check", *SELECT, "--fix", path)
    assert result.exit_code == 2 and "cannot write" in result.stderr
    assert path.read_text(encoding="utf-8") == ODD
    assert sorted(p.name for p in here.iterdir()) == [".listing-lint.yaml", "catalog.yaml"]


def test_refuses_a_file_changed_since_it_was_read(cli, here, monkeypatch):
    import listing_lint.fixes as fixes

    path = here / "catalog.yaml"
    path.write_text(ODD, encoding="utf-8")
    edited_meanwhile = ODD + "  - {id: A9, title: {ru: \"Новое\"}, price: 1 RUB}\n"
    real = fixes.fix_until_stable

    def seller_saves_meanwhile(*args, **kwargs):
        out = real(*args, **kwargs)
        path.write_text(edited_meanwhile, encoding="utf-8")
        return out

    monkeypatch.setattr(fixes, "fix_until_stable", seller_saves_meanwhile)
    result = cli("check", *SELECT, "--fix", path)
    assert result.exit_code == 2
    assert "changed since it was read" in result.stderr
    assert path.read_text(encoding="utf-8") == edited_meanwhile
    assert "doubled spaces" in result.stdout  # the report describes the file as it is, unfixed


def test_never_writes_a_file_that_failed_to_load(cli, here):
    broken = here / "broken.yaml"
    broken_text = 'listings:\n  - {id: A1, title: {ru: "Шарф  красный"}, price: 1 RUB\n'  # unclosed flow mapping
    broken.write_text(broken_text, encoding="utf-8")
    good = here / "good.yaml"
    good.write_text('listings:\n  - {id: A1, title: {ru: "Шарф  красный"}, price: 1 RUB}\n', encoding="utf-8")
    result = cli("check", *SELECT, "--fix", broken, good)
    assert result.exit_code == 2 and "broken.yaml" in result.stderr
    assert broken.read_text(encoding="utf-8") == broken_text
    assert "Шарф красный" in good.read_text(encoding="utf-8")


def test_exit_status_after_fix_follows_what_is_left(cli, here):
    path = here / "catalog.yaml"
    path.write_text('listings:\n  - {id: A1, title: {ru: "Шарф  красный"}}\n', encoding="utf-8")
    left = cli("check", *SELECT, "--fix", path)
    assert left.exit_code == 1 and "no price" in left.stdout and "L005" not in left.stdout
    path.write_text('listings:\n  - {id: A1, title: {ru: "Шарф  красный"}, price: 1 RUB}\n', encoding="utf-8")
    clean = cli("check", *SELECT, "--fix", path)
    assert clean.exit_code == 0 and clean.stdout == "Checked 1 listing in 1 file: no problems.\n"


PLUGIN = '''
from listing_lint.rule import Edit, Fix, ListingRule, Problem


class FillCurrency(ListingRule):
    """A price without a currency (test rule with an unsafe fix).

    ## What it does
    Test rule.
    ## Why it matters
    Test rule.
    ## Example
    None.
    ## How to fix
    Add the currency.
    """

    code = "X901"
    name = "fill-currency"
    severity = "error"

    def check(self, listing, ctx):
        price = listing.scalar("price")
        if price is not None and price.text.strip().isdigit():
            yield Problem("price has no currency", field="price",
                          fix=Fix((Edit(price.end, price.end, " RUB"),), "assumed RUB at 1 RUB = 1 RUB", safe=False))
'''


def test_unsafe_fixes_need_the_flag_and_say_what_they_did(cli, here):
    (here / "plugin.py").write_text(PLUGIN, encoding="utf-8")
    (here / ".listing-lint.yaml").write_text("source_locale: ru_RU\nplugins: [plugin.py]\n", encoding="utf-8")
    path = here / "catalog.yaml"
    text = 'listings:\n  - {id: A1, title: {ru: "Шарф"}, price: 1200}\n'
    path.write_text(text, encoding="utf-8")
    safe_only = cli("check", "--allow-plugins", "--select", "X901", "--fix", path)
    assert safe_only.exit_code == 1 and path.read_text(encoding="utf-8") == text
    unsafe = cli("check", "--allow-plugins", "--select", "X901", "--fix", "--unsafe-fixes", path)
    assert unsafe.exit_code == 0, unsafe.stdout + unsafe.stderr
    assert path.read_text(encoding="utf-8") == text.replace("1200}", "1200 RUB}")
    assert "assumed RUB at 1 RUB = 1 RUB" in unsafe.stderr


def test_demo_catalog_fixable_findings_disappear(cli, tmp_path, monkeypatch):
    from listing_lint.config import load_config
    from listing_lint.engine import Input, run
    from listing_lint.registry import discover
    from listing_lint.selection import Selection

    demo = tmp_path / "demo"
    shutil.copytree(DEMO, demo)
    monkeypatch.chdir(demo)
    config = load_config(demo / "listing-lint.yaml")

    def fixable():
        result = run([Input("catalog.yaml")], Selection(discover(), config))
        assert not result.errors, result.errors
        return {(f.listing_id, f.code, f.field) for f, fix in result.fixes.items() if fix.safe}

    before = fixable()
    assert {("RU-COAT-006", "C002"), ("RU-SCARF-001", "L005")} <= {(listing, code) for listing, code, _ in before}
    result = cli("check", "--config", "listing-lint.yaml", "--fix", "--format", "json", "catalog.yaml")
    assert result.exit_code in (0, 1), result.stderr
    assert fixable() == set()
    remaining = {(f["listing_id"], f["code"], f["field"]) for f in json.loads(result.stdout)}
    assert not (before & remaining)


def test_overlapping_fixes_wait_for_the_next_pass():
    from listing_lint.fixes import apply_edits, choose
    from listing_lint.model import Finding
    from listing_lint.rule import Edit, Fix

    def finding(line):
        return Finding("X001", "x", "warning", "m", "c.yaml", line, 1)

    first = (finding(1), Fix((Edit(0, 4, "ab"),), "first"))
    clash = (finding(2), Fix((Edit(3, 6, "z"),), "overlaps the first"))
    insert = (finding(3), Fix((Edit(6, 6, "!"),), "touches nothing"))
    risky = (finding(4), Fix((Edit(8, 9, "?"),), "changes meaning", safe=False))
    chosen = choose([clash, insert, risky, first], 10, unsafe=False)
    assert [f.description for _, f in chosen] == ["first", "touches nothing"]
    assert [f.description for _, f in choose([risky], 10, unsafe=True)] == ["changes meaning"]
    assert apply_edits("0123456789", [e for _, f in chosen for e in f.edits]) == "ab45!6789"
    with pytest.raises(ValueError):
        apply_edits("0123456789", [Edit(0, 4, ""), Edit(3, 5, "")])


@pytest.mark.parametrize("before, after", [
    ("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n", "a\nB\nc\nd\ne\nf\ng\nh\ni\nJ\nk\n"),  # two hunks, lines kept
    ("a\nb\nc\n", "a\nb2\nb3\nc\n"),  # a line added
    ("a\nb", "a\nc"),  # no newline at the end
])
def test_diff_reads_like_difflib(before, after):
    import difflib

    from listing_lint.fixes import unified_diff

    expected = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), "a/c.yaml", "b/c.yaml", lineterm="\n")
    )
    assert unified_diff("c.yaml", before, after) == expected


def test_stdin_is_reported_as_read_and_never_written(cli, here):
    result = cli("check", *SELECT, "--fix", "-", input=ODD)
    assert "not written back to standard input" in result.stderr
    assert "doubled spaces" in result.stdout  # nothing was fixed, so nothing disappears from the report
    diff = cli("check", *SELECT, "--diff", "-", "--stdin-filename", "shop.yaml", input=ODD)
    assert diff.exit_code == 1 and diff.stdout.startswith("--- a/shop.yaml\n")


def test_a_diff_that_adds_lines_all_over_a_large_file_applies_and_is_minimal(tmp_path):
    """Lines added after every 40th line of 20,000: the diff is found window by window (difflib over
    the whole file is quadratic), applies with `patch`, and changes only the added lines."""
    import shutil
    import subprocess

    from listing_lint.fixes import unified_diff

    before = [f"line {i}\n" for i in range(20_000)]
    after = []
    for i, line in enumerate(before):
        after.append(line)
        if i % 40 == 0:
            after.append("  prices: {USD: 1}\n")
    after[after.index("line 7001\n")] = "line 7001 changed\n"
    diff = unified_diff("c.yaml", "".join(before), "".join(after))
    removed = [ln for ln in diff.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    added = [ln for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    assert removed == ["-line 7001"]
    assert len(added) == 500 + 1 and "+line 7001 changed" in added
    if shutil.which("patch") is None:
        return
    (tmp_path / "c.yaml").write_text("".join(before), encoding="utf-8")
    subprocess.run(["patch", "-p1", "-s"], input=diff, text=True, cwd=tmp_path, check=True)
    assert (tmp_path / "c.yaml").read_text(encoding="utf-8") == "".join(after)
