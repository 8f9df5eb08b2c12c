"""Read catalog files into `Catalog`s: YAML and CSV, each value with its location.

`load_catalog(path)` picks the loader by extension; `read_text` decodes bytes and
turns a bad encoding into a `LoadError` that names the line.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

from listing_lint.errors import LoadError
from listing_lint.model import Catalog

CATALOG_SUFFIXES = (".yaml", ".yml", ".csv")

# Keys a listing may carry. Anything else is reported by L003 with the closest name.
LISTING_KEYS = (
    "id", "category", "title", "description", "price", "currency", "prices",
    "attributes", "brand", "gtin", "mpn", "images", "url", "lint_ignore",
)
CATALOG_KEYS = ("source_locale", "target_locales", "listings")


def decode(data: bytes, path: str) -> str:
    # A workbook saved under a .csv name (or renamed) would otherwise be "not UTF-8 text"
    # at some byte, which sends the seller looking for an encoding problem.
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise LoadError("this is a spreadsheet workbook, not a CSV file: export it as 'CSV UTF-8'", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LoadError(
            f"file is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8 and run again",
            path,
            line,
        ) from None


@contextmanager
def _gc_paused():
    # A loader makes hundreds of thousands of small objects that all live on; the cyclic
    # collector would rescan them again and again (it doubled load times on large catalogs).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_text(text: str, path: str, fmt: str) -> Catalog:
    with _gc_paused():
        if fmt == "csv":
            from listing_lint.loaders.csv_loader import load_csv

            return load_csv(text, path)
        from listing_lint.loaders.yaml_loader import load_yaml

        return load_yaml(text, path)


def format_of(path: str) -> str:
    return "csv" if path.lower().endswith(".csv") else "yaml"


def load_catalog(path: str | Path) -> Catalog:
    path = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise LoadError("no such file", path) from None
    except IsADirectoryError:
        raise LoadError("is a directory", path) from None
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror}", path) from None
    return load_text(decode(data, path), path, format_of(path))
