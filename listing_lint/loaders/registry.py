"""Readers by name: the `listing_lint.readers` entry-point group, built-in readers included.

The door a third-party reader uses is the one the built-in readers use (see pyproject.toml).
"""

from __future__ import annotations

from functools import lru_cache

from listing_lint.errors import LoadError, PluginError
from listing_lint.loaders.reader import Probe, Reader

ENTRY_POINT_GROUP = "listing_lint.readers"


@lru_cache(maxsize=1)
def readers() -> dict[str, Reader]:
    """Every installed reader by name, instantiated once."""
    from listing_lint.registry import load_entry_points

    found: dict[str, Reader] = {}
    origins: dict[str, str] = {}
    for ep, cls, origin in load_entry_points(ENTRY_POINT_GROUP, "reader"):
        if not (isinstance(cls, type) and issubclass(cls, Reader)) or not cls.name or not cls.containers:
            raise PluginError(f"{origin} is not a listing-lint reader (a Reader subclass with a name and containers)")
        if cls.name != ep.name:
            raise PluginError(f"{origin}: the entry point must be named after the reader's name '{cls.name}'")
        if cls.name in found and type(found[cls.name]) is not cls:
            raise PluginError(f"reader name {cls.name} is declared twice: by {origins[cls.name]} and by {origin}")
        found[cls.name] = cls()
        origins[cls.name] = origin
    return found


def names() -> list[str]:
    return sorted(readers())


def choose(probe: Probe) -> Reader:
    """The reader for a file: the one named in settings, else the one most sure of its content."""
    from listing_lint.loaders.encoding import READABLE_SUFFIXES

    available = readers()
    wanted = probe.settings.input_format
    if wanted:
        if wanted not in available:
            from listing_lint.suggest import closest

            hint = closest(wanted, available)
            raise LoadError(f"input format '{wanted}' is not one listing-lint reads"
                            + (f" (did you mean '{hint}'?)" if hint else "")
                            + f"; it reads: {', '.join(sorted(available))}", probe.path)
        return available[wanted]
    container = probe.container
    if container == "unknown":
        raise LoadError(f"listing-lint cannot tell what kind of file this is; it reads {', '.join(READABLE_SUFFIXES)} "
                        f"files ({', '.join(sorted(available))}); name the format with `input_format:`", probe.path)
    candidates = [r for r in available.values() if container in r.containers]
    if not candidates:
        raise LoadError(f"no installed reader reads {container} files; installed: {', '.join(sorted(available))}",
                        probe.path)
    scored = sorted(((r.detect(probe), probe.suffix in r.suffixes, r.name, r) for r in candidates),
                    key=lambda t: (-t[0], not t[1], t[2]))
    best = scored[0]
    if best[0] <= 0:
        fallback = FALLBACK.get(container)
        if fallback in available:
            return available[fallback]  # its own reading says precisely what is missing
        raise LoadError(f"this {container} file is in no format listing-lint reads "
                        f"({', '.join(sorted(r.name for r in candidates))})", probe.path)
    return best[3]


# Which reader explains a file of a kind that no reader recognises: the canonical ones,
# whose errors ("CSV has no `id` column", "not a catalog") say what a catalog needs.
FALLBACK = {"table": "csv", "yaml": "yaml", "json": "json", "xml": "xml", "workbook": "table"}
