"""Apply fixes as text edits at exact source ranges, then write files safely.

Only the characters a fix names change: comments, key order, quoting and layout
elsewhere survive byte for byte, which is why a fix never re-dumps the YAML.
A fixed text must still load as a catalog before it is kept, a file that failed to
load is never touched, and a file that changed on disk since it was read is refused.
"""

from __future__ import annotations

import codecs
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from listing_lint.atomic_write import replace_file
from listing_lint.errors import LoadError
from listing_lint.model import Finding
from listing_lint.rule import Edit, Fix


@dataclass
class FileFixes:
    """What fixing did to one file: its text as read, its text now, and the fixes applied."""

    path: str
    original: str
    text: str
    applied: list[tuple[Finding, Fix]] = field(default_factory=list)

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
    taken: list[tuple[int, int]] = []
    for finding, fix in sorted(fixes, key=lambda ff: ff[0].sort_key()):
        if not fix.safe and not unsafe:
            continue
        spans = [(e.start, e.end) for e in fix.edits]
        if any(s > e or s < 0 or e > text_length for s, e in spans):
            continue
        if _overlaps(spans) or any(_touch(a, b) for a in spans for b in taken):
            continue
        chosen.append((finding, fix))
        taken.extend(spans)
    return chosen


def _touch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # Ranges sharing a character fight; so do two edits at one point if either inserts.
    return (a[0] < b[1] and b[0] < a[1]) or (a[0] == b[0] and (a[0] == a[1] or b[0] == b[1]))


def _overlaps(spans: list[tuple[int, int]]) -> bool:
    ordered = sorted(spans)
    return any(ordered[i][1] > ordered[i + 1][0] for i in range(len(ordered) - 1))


def still_loads(text: str, path: str) -> str | None:
    """None when the fixed text still loads as a catalog, else why not."""
    from listing_lint.loaders import format_of, load_text

    try:
        load_text(text, path, format_of(path))
    except LoadError as exc:
        return exc.message
    return None


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{Path(path).as_posix()}", tofile=f"b/{Path(path).as_posix()}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


class FileChanged(Exception):
    pass


MAX_PASSES = 10


def fix_until_stable(inputs, selection, result, unsafe: bool):
    """Apply fixes, re-lint the fixed texts in memory, repeat while fixes still apply.

    Returns the run over the final texts and {path: FileFixes} for every file that
    had a fix applied. Nothing is written here.
    """
    from listing_lint.engine import Input, run

    files: dict[str, FileFixes] = {}
    texts = {c.path: c.text for c in result.catalogs}
    for _ in range(MAX_PASSES):
        by_path: dict[str, list[tuple[Finding, Fix]]] = {}
        for finding, fix in result.fixes.items():
            if finding.path in texts:  # a file that failed to load is never fixed
                by_path.setdefault(finding.path, []).append((finding, fix))
        progressed = False
        for path, fixes in sorted(by_path.items()):
            text = texts[path]
            chosen = choose(fixes, len(text), unsafe)
            if not chosen:
                continue
            new_text = apply_edits(text, [e for _, fix in chosen for e in fix.edits])
            if new_text == text or still_loads(new_text, path) is not None:
                continue
            entry = files.setdefault(path, FileFixes(path, text, text))
            entry.text = new_text
            entry.applied.extend(chosen)
            texts[path] = new_text
            progressed = True
        if not progressed:
            break
        relint = [Input(i.path, text=files[i.path].text if i.path in files else i.text, explicit=i.explicit)
                  for i in inputs]
        result = run(relint, selection)
    return result, files


def write_atomic(path: str, original: str, text: str) -> None:
    """Replace the file with `text` if it still holds `original`; a BOM and the file mode are kept.

    The new text goes to a temporary file in the same directory, which is then renamed
    over the old one, so a reader sees the old file or the new one, never half of each.
    """
    target = Path(os.path.realpath(path))  # through a symlink, not over it
    data = target.read_bytes()
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        current = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        current = None
    if current != original:
        raise FileChanged(f"{path}: the file changed since it was read; not fixed, run again")

    def unchanged() -> None:
        # Checked again at the last moment: an editor may have saved while we wrote.
        if target.read_bytes() != data:
            raise FileChanged(f"{path}: the file changed while it was being fixed; not fixed, run again")

    replace_file(target, (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"), unchanged)
