"""Apply fixes as text edits at exact source ranges, then write files safely.

Only the characters a fix names change: comments, key order, quoting and layout
elsewhere survive byte for byte, which is why a fix never re-dumps the YAML.
A fixed text must still load as a catalog before it is kept, a file that failed to
load is never touched, and a file that changed on disk since it was read is refused.
"""

from __future__ import annotations

import bisect
import codecs
import dataclasses
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from listing_lint.atomic_write import replace_file
from listing_lint.errors import LoadError, UserError
from listing_lint.model import Finding, Source
from listing_lint.rule import Edit, Fix


@dataclass
class FileFixes:
    """What fixing did to one file: its text as read, its text now, and the fixes applied."""

    path: str
    original: str
    text: str
    applied: list[tuple[Finding, Fix]] = field(default_factory=list)
    source: Source | None = None  # encoding and byte-order mark to write it back with

    @property
    def changed(self) -> bool:
        return self.text != self.original


def apply_edits(text: str, edits: list[Edit]) -> str:
    """`text` with non-overlapping edits applied (edits may come in any order)."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"edit {edit} overlaps another or lies outside the text")
        out.append(text[pos:edit.start])
        out.append(edit.text)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def choose(fixes: list[tuple[Finding, Fix]], text_length: int, unsafe: bool) -> list[tuple[Finding, Fix]]:
    """The fixes to apply in one pass: allowed ones whose edits touch no edit already chosen.

    A fix left out for overlapping is tried again on the next pass, against the new text.
    """
    chosen: list[tuple[Finding, Fix]] = []
    taken = _Spans()
    for finding, fix in sorted(fixes, key=lambda ff: ff[0].sort_key()):
        if not fix.safe and not unsafe:
            continue
        spans = sorted((e.start, e.end) for e in fix.edits)
        if any(s > e or s < 0 or e > text_length for s, e in spans):
            continue
        if any(_touch(spans[i], spans[i + 1]) for i in range(len(spans) - 1)) or any(taken.touches(s) for s in spans):
            continue
        chosen.append((finding, fix))
        for span in spans:
            taken.add(span)
    return chosen


def _touch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # Ranges sharing a character fight; so do two edits at one point if either inserts.
    return (a[0] < b[1] and b[0] < a[1]) or (a[0] == b[0] and (a[0] == a[1] or b[0] == b[1]))


class _Spans:
    """Chosen edit ranges, kept sorted; none touches another, so a new range need only
    be checked against its two neighbours (thousands of fixes in one file stay fast)."""

    def __init__(self) -> None:
        self.items: list[tuple[int, int]] = []

    def touches(self, span: tuple[int, int]) -> bool:
        i = bisect.bisect_left(self.items, span)
        return any(_touch(span, self.items[j]) for j in (i - 1, i) if 0 <= j < len(self.items))

    def add(self, span: tuple[int, int]) -> None:
        bisect.insort(self.items, span)


def encoded(source: Source, text: str) -> bytes | None:
    """The bytes of a fixed text in its file's own encoding, or None when that encoding cannot hold it
    (a fix putting `é` into a cp1251 file)."""
    try:
        return source.bom + text.encode(source.encoding)
    except UnicodeEncodeError:
        return None


def still_loads(source: Source, text: str) -> str | None:
    """None when the fixed text still reads as a catalog, the way its file was read; else why not."""
    from listing_lint.loaders import load_file

    data = encoded(source, text)
    if data is None:
        return f"the file's encoding {source.encoding} cannot hold the fixed text"
    try:
        load_file(source.path, source.settings, data=data)
    except LoadError as exc:
        return exc.message
    return None


def unified_diff(path: str, before: str, after: str, context: int = 3) -> str:
    """A unified diff, as `diff -u` and `git apply` read it."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # Fixes change a few lines here and there: lines pair up by position, or line up again a few
    # lines after each change. difflib's search over the whole of a large catalog is quadratic.
    matcher.opcodes = _aligned_opcodes(a, b) if len(a) == len(b) else _windowed_opcodes(a, b)
    name = Path(path).as_posix()
    out = []
    for group in matcher.get_grouped_opcodes(context):
        if not out:
            out += [f"--- a/{name}\n", f"+++ b/{name}\n"]
        out.append(f"@@ -{_hunk_range(group[0][1], group[-1][2])} +{_hunk_range(group[0][3], group[-1][4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [" " + line for line in a[i1:i2]]
                continue
            out += ["-" + line for line in a[i1:i2]]
            out += ["+" + line for line in b[j1:j2]]
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in out)


def _aligned_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    ops: list[tuple[str, int, int, int, int]] = []
    for i, (x, y) in enumerate(zip(a, b)):
        tag = "equal" if x == y else "replace"
        if ops and ops[-1][0] == tag:
            ops[-1] = (tag, ops[-1][1], i + 1, ops[-1][3], i + 1)
        else:
            ops.append((tag, i, i + 1, i, i + 1))
    return ops


WINDOW = 200  # lines difflib compares at a time


def _windowed_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes turning `a` into `b`, found window by window: equal runs are skipped at once,
    and difflib only compares the few lines around each change. Any correct opcodes make a
    diff that applies; these are minimal within a window, and linear in the file."""
    ops: list[tuple[str, int, int, int, int]] = []

    def emit(tag: str, i1: int, i2: int, j1: int, j2: int) -> None:
        if i1 == i2 and j1 == j2:
            return
        if ops and ops[-1][0] == tag:
            ops[-1] = (tag, ops[-1][1], i2, ops[-1][3], j2)
        else:
            ops.append((tag, i1, i2, j1, j2))

    i = j = 0
    while i < len(a) or j < len(b):
        start_i, start_j = i, j
        while i < len(a) and j < len(b) and a[i] == b[j]:
            i, j = i + 1, j + 1
        emit("equal", start_i, i, start_j, j)
        if i == len(a) or j == len(b):
            emit("delete" if j == len(b) else "insert", i, len(a), j, len(b))
            break
        wa, wb = a[i:i + WINDOW], b[j:j + WINDOW]
        window = difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes()
        whole = i + len(wa) == len(a) and j + len(wb) == len(b)
        if not whole:
            # Keep up to the last change the window saw in full: what follows it may line up
            # differently with the lines beyond the window.
            while window and window[-1][0] == "equal":
                window.pop()
            if len(window) > 1:
                window.pop()
        if not window:  # one change wider than the window: take it as it stands
            window = [("replace", 0, len(wa), 0, len(wb))]
        for tag, i1, i2, j1, j2 in window:
            emit(tag, i + i1, i + i2, j + j1, j + j2)
        i, j = i + window[-1][2], j + window[-1][4]
    return ops


def _hunk_range(start: int, stop: int) -> str:
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


class FileChanged(UserError):
    """A file edited by someone else since it was read: fixing it would lose their change."""


MAX_PASSES = 10
# A fix must never add one of these: a key written twice, a field lost or misspelt, an id
# repeated. Any of them means the edit broke the listing, whatever the finding it fixed.
STRUCTURAL = frozenset({"L001", "L002", "L003", "L004"})


def finding_key(finding: Finding) -> tuple:
    """What a finding is about, whatever line it moves to when an edit above it adds lines."""
    return (finding.code, finding.path, finding.listing_id, finding.field)


def fix_until_stable(inputs, selection, result, unsafe: bool, skip: frozenset[str] = frozenset()):
    """Apply fixes, re-lint the fixed texts in memory, repeat while fixes still apply.

    A fix is kept only when the re-linted text proves it: the file still loads, the
    finding it was made for is gone (one fewer finding of that rule on that listing and
    field per fix kept), and no structural finding (L001–L004) appeared on the listings
    it touched. A fix that fails this is never tried again, so a fix that does not solve
    its problem cannot be applied once per pass.

    Returns the run over the final texts and {path: FileFixes} for every file that
    had a fix applied; files in `skip` are left as they are. Nothing is written here.
    """
    files: dict[str, FileFixes] = {}
    # Every file a catalog was read from and a fix can be written to (not workbooks, not stdin).
    sources = {p: src for c in result.catalogs for p, src in c.sources.items() if src.editable and p not in skip}
    texts = {p: src.text for p, src in sources.items()}
    overrides: dict[str, bytes] = {}
    rejected: set[tuple] = set()  # (finding key, fix description) proven not to work
    for _ in range(MAX_PASSES):
        by_path: dict[str, list[tuple[Finding, Fix]]] = {}
        for finding, fix in result.fixes.items():
            if finding.path in texts and (finding_key(finding), fix.description) not in rejected:
                by_path.setdefault(finding.path, []).append((finding, fix))  # a file that failed to load is never fixed
        chosen = {path: choose(fixes, len(texts[path]), unsafe) for path, fixes in sorted(by_path.items())}
        chosen = {path: c for path, c in chosen.items() if c}
        if not chosen:
            break
        accepted, result = _proven(inputs, selection, result, chosen, texts, sources, overrides, rejected)
        if not accepted:
            break
        for path, (new_text, kept) in accepted.items():
            entry = files.setdefault(path, FileFixes(path, texts[path], texts[path], source=sources[path]))
            entry.text = new_text
            entry.applied.extend(kept)
            texts[path] = new_text
            overrides[path] = encoded(sources[path], new_text)
    return result, files


def _proven(inputs, selection, result, chosen, texts, sources, overrides, rejected):
    """The fixes of one pass that the re-linted text proves, {path: (new text, fixes)}, and the run over them.

    Fixes that fail are added to `rejected`; the rest are tried again without them. A file
    that fails again (or whose failure cannot be pinned on a fix) gets none in this pass, so
    each retry drops at least one file and the loop ends.
    """
    from listing_lint.engine import run

    attempt = 0
    while chosen:
        candidates: dict[str, tuple[str, list]] = {}
        for path, fixes in chosen.items():
            new_text = apply_edits(texts[path], [e for _, fix in fixes for e in fix.edits])
            if new_text == texts[path]:
                continue
            if still_loads(sources[path], new_text) is not None:
                # Which one breaks the file: each alone is tried, and the rest go on together.
                good = [ff for ff in fixes if len(fixes) > 1
                        and still_loads(sources[path], apply_edits(texts[path], list(ff[1].edits))) is None]
                rejected.update((finding_key(f), fix.description) for f, fix in fixes if (f, fix) not in good)
                new_text = apply_edits(texts[path], [e for _, fix in good for e in fix.edits])
                if not good or still_loads(sources[path], new_text) is not None:
                    rejected.update((finding_key(f), fix.description) for f, fix in good)
                    continue
                fixes = good
            candidates[path] = (new_text, fixes)
        if not candidates:
            return {}, result
        trial = {**overrides, **{p: encoded(sources[p], t) for p, (t, _) in candidates.items()}}
        relint = [dataclasses.replace(i, text=None, data=None) if i.path in trial else i for i in inputs]
        after = run(relint, selection, overrides=trial)
        failed = _failures(result, after, candidates)
        if not failed:
            return candidates, after
        for path, bad in failed.items():
            if attempt or not bad:
                bad = candidates[path][1]  # cannot tell which fix did it: none of this file's
            rejected.update((finding_key(f), fix.description) for f, fix in bad)
            keep = [(f, fix) for f, fix in candidates[path][1] if (f, fix) not in bad]
            chosen = {**chosen, path: keep}
        chosen = {p: c for p, c in chosen.items() if c and p in candidates}
        attempt += 1
    return {}, result


def _failures(before, after, candidates) -> dict[str, list]:
    """{path: the fixes that did not do their job} for each file whose new text fails the proof;
    an empty list where the file fails but no one fix can be blamed."""
    from collections import Counter

    count_before = Counter(finding_key(f) for f in before.findings)
    count_after = Counter(finding_key(f) for f in after.findings)
    failed: dict[str, list] = {}
    for path, (_, fixes) in candidates.items():
        per_key = Counter(finding_key(f) for f, _ in fixes)
        bad = [(f, fix) for f, fix in fixes
               if count_before[finding_key(f)] - count_after[finding_key(f)] < per_key[finding_key(f)]]
        broken = {key[2] for key, n in count_after.items()
                  if key[0] in STRUCTURAL and key[1] == path and n > count_before[key]}
        if broken:
            blamed = [(f, fix) for f, fix in fixes if f.listing_id in broken or f.listing_id is None]
            if not blamed:
                failed[path] = []
                continue
            bad += [ff for ff in blamed if ff not in bad]
        if bad:
            failed[path] = bad
    return failed


class FileRefused(UserError):
    """A file its owner protected from being replaced (read-only), or that cannot be replaced
    without losing something (its other hard links, its owner, an extended attribute)."""


IN_PLACE_HINT = "pass --fix-in-place to write through the existing file"


def write_atomic(path: str, original: str, text: str, source: Source | None = None, in_place: bool = False) -> None:
    """Replace the file with `text` if it still holds `original`, in the file's own encoding;
    a byte-order mark, the file's mode, owner and extended attributes are kept.

    The new text goes to a temporary file in the same directory, which is then renamed
    over the old one, so a reader sees the old file or the new one, never half of each.
    Just before the rename the file's content and identity (device, inode, size, change
    times) are compared with what was read: an edit saved meanwhile is never lost to a fix.
    A read-only file (no write permission bit) is refused; so is one with other hard
    links, or one whose owner or extended attributes a new file could not be given, unless
    `in_place`: its contents are then overwritten, which every link sees (not atomically).
    """
    from listing_lint.atomic_write import CannotKeep, TargetChanged, identity, replace_file, write_in_place

    target = Path(os.path.realpath(path))  # through a symlink, not over it
    before = os.stat(target)
    if not before.st_mode & 0o222:  # by the mode bits, so that root too leaves it alone
        raise FileRefused(f"read-only file (mode {before.st_mode & 0o777:04o}); not fixed "
                          "(make it writable, such as with chmod u+w, to let --fix change it)", path)
    if not os.access(target, os.W_OK):
        raise FileRefused(f"the file is not writable by you (mode {before.st_mode & 0o777:04o}); not fixed", path)
    linked = before.st_nlink > 1
    if linked and not in_place:
        raise FileRefused(f"the file has {before.st_nlink} hard links; replacing it would leave the other names "
                          f"with the old text, so it is not fixed ({IN_PLACE_HINT})", path)
    data = target.read_bytes()
    if source is None:
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        source = Source(path, original, encoding="utf-8", bom=bom)
    if data != encoded(source, original) or identity(os.stat(target)) != identity(before):
        raise FileChanged("the file changed since it was read; not fixed, run again", path)

    def unchanged() -> None:
        # Checked again at the last moment: an editor may have saved while we wrote. The
        # identity is compared after this, as the very last step before the rename.
        if target.read_bytes() != data:
            raise FileChanged("the file changed while it was being fixed; not fixed, run again", path)

    new = encoded(source, text)
    if new is None:
        raise UserError(f"the fixed text cannot be written in the file's encoding {source.encoding}; not fixed", path)
    try:
        if linked:
            write_in_place(target, new, unchanged, identity(before))
        else:
            try:
                replace_file(target, new, unchanged, identity(before))
            except CannotKeep as exc:
                if not in_place:
                    raise FileRefused(f"{exc.strerror}; not fixed ({IN_PLACE_HINT})", path) from None
                write_in_place(target, new, unchanged, identity(before))
    except TargetChanged:
        raise FileChanged("the file changed while it was being fixed; not fixed, run again", path) from None
