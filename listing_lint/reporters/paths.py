"""How CI formats name files: relative to where the run started, with forward slashes.

Code-scanning dashboards and annotation tools match a result to a file in the
repository by its relative path; an absolute path or a backslash matches nothing.
"""

from __future__ import annotations

from pathlib import Path, PureWindowsPath


def display_path(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_posix()
    return PureWindowsPath(str(p)).as_posix().removeprefix("./") if "\\" in str(p) else p.as_posix()


def listing_context(listing_id: str | None, field: str | None) -> str:
    """` (listing ID, field)` for messages that travel without their other columns."""
    parts = [p for p in (f"listing {listing_id}" if listing_id else None, field) if p]
    return f" ({', '.join(parts)})" if parts else ""
