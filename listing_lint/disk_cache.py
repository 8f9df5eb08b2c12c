"""Tables worth building once per install, kept as JSON in the user's cache directory.

Some analysis tables are pure functions of a library's data (babel's currency names per
language): building them costs a run a third of a second, reading them a millisecond.
They live beside the unpacked language model (`language.model_cache.cache_dir`), keyed
by what they are built from; a missing, unreadable or unwritable cache only means the
table is built in memory, as without one.
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable


def cached_json(kind: str, key: str, build: Callable[[], Any]) -> Any:
    """`build()`'s JSON-ready value, read from the cache when it holds one for `key`."""
    from listing_lint.language.model_cache import cache_dir

    base = cache_dir()
    if base is None:
        return build()
    path = base / "tables" / kind / f"{_safe(key)}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_suffix(f".{os.getpid()}.tmp")
        staging.write_text(json.dumps(value, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(staging, path)  # a reader sees the whole table or none
    except OSError:
        pass
    return value


def _safe(key: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in key)


def installed() -> list[tuple[str, int | None]]:
    """Every installed distribution with its version (`Babel-2.16.0.dist-info`) and when its
    entry points were written: what changes when anything is installed, upgraded or removed.
    One directory listing per path entry; importlib.metadata takes ten times as long."""
    import sys

    found = []
    for entry in sys.path:
        try:
            names = sorted(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
        for name in names:
            try:
                stamp = os.stat(os.path.join(entry or ".", name, "entry_points.txt")).st_mtime_ns
            except OSError:
                stamp = None
            found.append((name, stamp))
    return found
