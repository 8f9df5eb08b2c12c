"""What --fix promises (README "Guarantees", "--fix"): a fix is kept only when the fixed text proves it,
a file is replaced only if nobody touched it, and a file the user protected is left alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from listing_lint.testing import check_fix

RATES = Path(__file__).parent / "rule_cases" / "C0_rates.csv"
HEAD = "source_locale: ru_RU\ntarget_locales: [en_US]\nlistings:\n  - id: A1\n    title: {ru: \"Шарф\"}\n    price: 5900 RUB\n"


@pytest.mark.parametrize("prices, fixed", [
    ("    prices:\n      USD:\n", "    prices:\n      USD: 63.72\n"),
    ("    prices: {USD: ~}\n", "    prices: {USD: 63.72}\n"),
    ("    prices: {USD: , EUR: 54.17}\n", "    prices: {USD: 63.72, EUR: 54.17}\n"),
    ("    prices:\n      USD: null   # to do\n      EUR: 54.17\n", "    prices:\n      USD: 63.72   # to do\n      EUR: 54.17\n"),
    ("    prices:\n      USD: ''\n", "    prices:\n      USD: 63.72\n"),
])
def test_an_empty_market_price_is_filled_once(cli, tmp_path, prices, fixed):
    path = tmp_path / "catalog.yaml"
    path.write_text(HEAD + prices, encoding="utf-8")
    result = cli("check", "--select", "C003,L004", "--rates", RATES, "--fix", "--unsafe-fixes", path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Fixed 1 problem (1 C003)" in result.stderr
    assert path.read_text(encoding="utf-8") == HEAD + fixed


@pytest.mark.parametrize("prices", ["    prices:\n      USD:\n", "    prices: {USD: ~}\n"])
def test_fix_check_helper_holds_on_an_empty_price(prices):
    out = check_fix(HEAD + prices, config_values={"rates": str(RATES)}, select=["C003", "L004"])
    assert out[False]["fixed"] == {} and out[True]["fixed"] == {"C003": 1}
    assert [f["code"] for f in out[True]["after"]] == []


NOT_A_FIX = '''
from listing_lint.rule import Edit, Fix, ListingRule, Problem


class Shout(ListingRule):
    """A title not in capitals (test rule whose fixes do not do their job).

    ## What it does
    Test rule.
    ## Why it matters
    Test rule.
    ## Example
    None.
    ## How to fix
    None.
    """

    code = "X902"
    name = "not-shouting"
    severity = "error"

    def check(self, listing, ctx):
        title = listing.node.items["title"].items["ru"]
        if not title.text.isupper():
            if listing.id == "A1":  # adds a space: the title is still not in capitals
                edit = Edit(title.end, title.end, " ")
            else:  # writes the key a second time: the file loads, with a duplicate key
                edit = Edit(title.end + 1, title.end + 1, ', ru: "ШАРФ"')
            yield Problem("not shouting", field="title.ru", fix=Fix((edit,), "shout"))
'''


def test_a_fix_that_does_not_remove_its_finding_is_not_applied(cli, tmp_path):
    (tmp_path / "plugin.py").write_text(NOT_A_FIX, encoding="utf-8")
    config = tmp_path / "lint.yaml"
    config.write_text("plugins: [plugin.py]\n", encoding="utf-8")
    path = tmp_path / "catalog.yaml"
    text = ('source_locale: ru_RU\nlistings:\n  - {id: A1, title: {ru: "Шарф"}, price: 1 RUB}\n'
            '  - {id: A2, title: {ru: "Шарф"}, price: 1 RUB}\n')
    path.write_text(text, encoding="utf-8")
    result = cli("check", "--config", config, "--select", "X902,L004", "--fix", path)
    assert path.read_text(encoding="utf-8") == text  # neither fix proved itself
    assert "Fixed" not in result.stderr
    assert result.exit_code == 1 and result.stdout.count(" X902 ") == 2 and " L004 " not in result.stdout


def test_apply_edits_never_applies_a_duplicate_edit():
    from listing_lint.fixes import choose
    from listing_lint.model import Finding
    from listing_lint.rule import Edit, Fix

    same = Fix((Edit(5, 5, "USD: 1\n"),), "fill")
    a = (Finding("C003", "x", "error", "m", "c.yaml", 1, 1, "A1", "prices.USD"), same)
    b = (Finding("C003", "x", "error", "m2", "c.yaml", 2, 1, "A1", "prices.USD"), same)
    assert len(choose([a, b], 10, unsafe=True)) == 1


# --- writing: nobody's edit is lost, nothing the user protected is replaced -------------------------

CATALOG = 'source_locale: ru_RU\nlistings:\n  - {id: A1, title: {ru: "Шарф  красный"}, price: 1 RUB}\n'
FIXED = CATALOG.replace("Шарф  красный", "Шарф красный")
L005 = ("--select", "L005")


@pytest.fixture
def catalog(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "catalog.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    return path


def test_an_edit_saved_after_the_last_read_is_not_lost(cli, catalog, monkeypatch):
    # The seller's editor saves right after listing-lint has read the file for the last time
    # before replacing it: the identity check (size, times, inode) that comes after catches it.
    real = Path.read_bytes
    reads = []
    edited = CATALOG + "  - {id: A2, title: {ru: \"Новое\"}, price: 2 RUB}\n"

    def read_then_editor_saves(self):
        import sys

        data = real(self)
        if sys._getframe(1).f_code.co_name == "unchanged":  # write_atomic's last read before the rename
            reads.append(self)
            with open(catalog, "a", encoding="utf-8") as handle:
                handle.write(edited[len(CATALOG):])
        return data

    monkeypatch.setattr(Path, "read_bytes", read_then_editor_saves)
    result = cli("check", *L005, "--fix", catalog)
    assert reads == [catalog.resolve()]
    assert catalog.read_text(encoding="utf-8") == edited
    assert result.exit_code == 2 and "changed while it was being fixed" in result.stderr


def test_a_read_only_file_is_refused(cli, catalog):
    os.chmod(catalog, 0o444)  # tests run as root too, where the file is writable: the mode decides
    result = cli("check", *L005, "--fix", catalog)
    assert result.exit_code == 2
    assert f"{catalog}: read-only file (mode 0444); not fixed" in result.stderr
    assert catalog.read_text(encoding="utf-8") == CATALOG and catalog.stat().st_mode & 0o777 == 0o444
    assert "Fixed" not in result.stderr and " L005 " in result.stdout  # the report describes the file as it is


def test_a_hard_linked_file_is_refused_or_written_through_with_fix_in_place(cli, catalog, tmp_path):
    other = tmp_path / "published.yaml"
    os.link(catalog, other)
    refused = cli("check", *L005, "--fix", catalog)
    assert refused.exit_code == 2 and "has 2 hard links" in refused.stderr and "--fix-in-place" in refused.stderr
    assert catalog.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == CATALOG
    inode = catalog.stat().st_ino
    written = cli("check", *L005, "--fix", "--fix-in-place", catalog)
    assert written.exit_code == 0, written.stderr
    assert catalog.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == FIXED
    assert catalog.stat().st_ino == other.stat().st_ino == inode and catalog.stat().st_nlink == 2


def test_mode_owner_and_extended_attributes_are_kept(cli, catalog):
    os.chmod(catalog, 0o640)
    try:
        os.setxattr(catalog, "user.origin", b"supplier-42")
    except (AttributeError, OSError):
        pytest.skip("no user extended attributes on this file system")
    owner = (1234, 4321) if os.geteuid() == 0 else None
    if owner:
        os.chown(catalog, *owner)
    inode = catalog.stat().st_ino
    result = cli("check", *L005, "--fix", catalog)
    assert result.exit_code == 0, result.stderr
    assert catalog.read_text(encoding="utf-8") == FIXED
    st = catalog.stat()
    assert st.st_ino != inode  # replaced (atomically), not written over
    assert st.st_mode & 0o7777 == 0o640 and os.getxattr(catalog, "user.origin") == b"supplier-42"
    if owner:
        assert (st.st_uid, st.st_gid) == owner


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(cli, catalog, tmp_path):
    dead = tmp_path / f".catalog.yaml.listing-lint-{_dead_pid()}.tmp"
    live = tmp_path / f".catalog.yaml.listing-lint-{os.getppid()}.tmp"  # a run still going: not touched
    stranger = tmp_path / f".notes.yaml.listing-lint-{_dead_pid()}.tmp"  # not beside a file of this run
    for planted in (dead, live, stranger):
        planted.write_bytes(b"half a catalog")
    result = cli("check", *L005, "--fix", catalog)
    assert result.exit_code == 0, result.stderr
    assert not dead.exists() and live.exists() and stranger.exists()
    assert f"{dead}: removed, a temporary file left by an interrupted --fix run" in result.stderr
    assert catalog.read_text(encoding="utf-8") == FIXED


KILLED_WHILE_WRITING = """
import os, signal, sys
from pathlib import Path
from listing_lint.atomic_write import replace_file

target = Path(sys.argv[1])
# Killed after the new text is on disk in the temporary file, before the rename.
replace_file(target, b"new text", lambda: os.kill(os.getpid(), signal.SIGKILL))
"""


def test_sigkill_while_writing_leaves_the_old_file_and_a_named_temp_file(cli, catalog, tmp_path):
    import signal
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-c", KILLED_WHILE_WRITING, str(catalog)], capture_output=True)
    assert child.returncode == -signal.SIGKILL
    assert catalog.read_text(encoding="utf-8") == CATALOG
    (orphan,) = [p for p in tmp_path.iterdir() if p.name.startswith(".catalog.yaml.listing-lint-")]
    assert orphan.name.endswith(".tmp") and orphan.read_bytes() == b"new text"
    result = cli("check", *L005, "--fix", catalog)
    assert result.exit_code == 0 and not orphan.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.yaml"]


def _can_exchange(tmp_path) -> bool:
    import listing_lint.atomic_write as atomic

    a, b = tmp_path / "x.a", tmp_path / "x.b"
    a.write_text("a")
    b.write_text("b")
    done = atomic._exchange(a, b)
    a.unlink()
    b.unlink()
    return done


def test_a_save_between_the_last_check_and_the_rename_is_put_back(cli, catalog, tmp_path, monkeypatch):
    # The gap a plain rename leaves: the editor's file lands after the last check. The exchange
    # swaps it out with the fixed file, sees it is not the file checked, and swaps it back.
    import sys

    import listing_lint.atomic_write as atomic

    if not _can_exchange(tmp_path):
        pytest.skip("no atomic exchange (renameat2) on this system: the gap stays (README, Guarantees)")
    real = atomic.identity
    saved = CATALOG + "  - {id: A2, title: {ru: \"Новое\"}, price: 2 RUB}\n"

    def checked_then_editor_saves(st):
        out = real(st)
        if sys._getframe(1).f_code.co_name == "replace_file":
            side = tmp_path / "catalog.yaml~"
            side.write_text(saved, encoding="utf-8")
            os.replace(side, catalog)
        return out

    monkeypatch.setattr(atomic, "identity", checked_then_editor_saves)
    result = cli("check", *L005, "--fix", catalog)
    assert catalog.read_text(encoding="utf-8") == saved
    assert result.exit_code == 2 and "changed while it was being fixed" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.yaml"]


BREAKS_THE_FILE = '''
from listing_lint.rule import Edit, Fix, ListingRule, Problem


class Quote(ListingRule):
    """Test rule: one fix breaks the YAML, the other one is good.

    ## What it does
    Test rule.
    ## Why it matters
    Test rule.
    ## Example
    None.
    ## How to fix
    None.
    """

    code = "X903"
    name = "needs-brand"
    severity = "error"

    def check(self, listing, ctx):
        if listing.scalar("brand") is None:
            price = listing.scalar("price")
            text = ", brand: {" if listing.id == "A1" else ", brand: Posad"  # A1's edit is not YAML
            yield Problem("no brand", field="brand", fix=Fix((Edit(price.end, price.end, text),), "add a brand"))
'''


def test_a_fix_that_breaks_the_file_does_not_take_the_good_ones_with_it(cli, tmp_path):
    (tmp_path / "plugin.py").write_text(BREAKS_THE_FILE, encoding="utf-8")
    config = tmp_path / "lint.yaml"
    config.write_text("plugins: [plugin.py]\n", encoding="utf-8")
    path = tmp_path / "catalog.yaml"
    path.write_text('source_locale: ru_RU\nlistings:\n  - {id: A1, title: {ru: "Шарф"}, price: 1 RUB}\n'
                    '  - {id: A2, title: {ru: "Шарф"}, price: 1 RUB}\n', encoding="utf-8")
    result = cli("check", "--config", config, "--select", "X903", "--fix", path)
    assert "Fixed 1 problem (1 X903)" in result.stderr
    assert path.read_text(encoding="utf-8").endswith('  - {id: A2, title: {ru: "Шарф"}, price: 1 RUB, brand: Posad}\n')
    assert result.stdout.count(" X903 ") == 1
