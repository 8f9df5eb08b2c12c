"""Read files into `Catalog`s, each value with its location: the load stage of a run.

`load_file(path, settings)` reads one file with the reader its content calls for
(see `loaders.registry`); `load_feeds` joins one feed per market into one catalog.
Every reader gives the same located listing model (`listing_lint.model`), so rules
never know which file format a value came from.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

from listing_lint.errors import LoadError
from listing_lint.loaders.encoding import READABLE_SUFFIXES
from listing_lint.loaders.reader import Probe, ReadSettings
from listing_lint.model import Catalog

CATALOG_SUFFIXES = READABLE_SUFFIXES

# Keys a listing may carry. Anything else is reported by L003 with the closest name.
LISTING_KEYS = (
    "id", "group_id", "category", "title", "description", "price", "currency", "sale_price", "prices",
    "quantity", "unit", "attributes", "brand", "gtin", "mpn", "images", "url", "lint_ignore",
)
CATALOG_KEYS = ("source_locale", "target_locales", "listings")


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


def read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise LoadError("no such file", path) from None
    except IsADirectoryError:
        raise LoadError("is a directory", path) from None
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror}", path) from None


def load_file(path: str | Path, settings: ReadSettings | None = None, data: bytes | None = None) -> Catalog:
    """One file as a catalog; `data` stands in for the file's bytes (stdin, a fixed text)."""
    from listing_lint.loaders.registry import choose

    path = str(path)
    probe = Probe(path, read_bytes(path) if data is None else data, settings or ReadSettings())
    with _gc_paused():
        reader = choose(probe)
        catalog = reader.read(probe)
        if reader.variants_inherit:
            from listing_lint.loaders.variants import share_product_values

            share_product_values(catalog)
    return catalog


def load_catalog(path: str | Path, settings: ReadSettings | None = None) -> Catalog:
    return load_file(path, settings)


def load_text(text: str, path: str, fmt: str | None = None, settings: ReadSettings | None = None) -> Catalog:
    """A catalog from text already decoded (tests, fixes); `fmt` names the reader, else the content picks it."""
    import dataclasses

    settings = settings or ReadSettings()
    if fmt:
        settings = dataclasses.replace(settings, input_format=fmt)
    encoding = settings.encoding or "utf-8"
    return load_file(path, dataclasses.replace(settings, encoding=encoding), data=text.encode(encoding))


def decode(data: bytes, path: str) -> str:
    """Bytes of a UTF-8 text file (a byte-order mark is fine); a LoadError names the line of a bad byte."""
    from listing_lint.loaders.encoding import WORKBOOK_MAGIC, decode_file

    if data.startswith(WORKBOOK_MAGIC):
        raise LoadError("this is a spreadsheet workbook, not a text file: export it as 'CSV UTF-8'", path)
    return decode_file(data, path, "yaml").text
