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


DEFAULT_MAX_FILE_SIZE = 2 * 1024**3  # far above any real catalog (the largest feeds are a few hundred MB)


def read_bytes(path: str, limit: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """A regular file's bytes, at most `limit` of them (config `max_file_size`).

    Only regular files are read: a FIFO named on the command line would block the run
    forever, and `/dev/zero` (or a symlink to it) would be read until memory ran out.
    The file is opened without blocking and checked after opening, so what is read is what was checked.
    """
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise LoadError("no such file", path) from None
    except IsADirectoryError:
        raise LoadError("is a directory", path) from None
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror}", path) from None
    with os.fdopen(fd, "rb") as file:
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise LoadError("is a directory", path)
            if not stat.S_ISREG(info.st_mode):
                raise LoadError(f"not a regular file ({_kind_of(info.st_mode)}): only regular files are read", path)
            if info.st_size > limit:
                raise LoadError(_too_large(info.st_size, limit), path)
            data = file.read(limit + 1)
        except OSError as exc:
            raise LoadError(f"cannot read file: {exc.strerror}", path) from None
    if len(data) > limit:  # it grew while being read
        raise LoadError(_too_large(len(data), limit), path)
    return data


def _kind_of(mode: int) -> str:
    import stat

    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def _too_large(size: int, limit: int) -> str:
    return (f"file is larger than max_file_size ({size:,} bytes, the limit is {limit:,}); "
            "raise `max_file_size` in the config to read it")


@contextmanager
def _not_too_deep(path: str):
    # Parsers of nested formats recurse: `[[[[…` 200,000 deep in a JSON file is no catalog,
    # and must not end the whole run.
    try:
        yield
    except RecursionError:
        raise LoadError("nested too deeply to be a catalog (lists or mappings inside each other "
                        "thousands of levels deep)", path) from None


def load_file(path: str | Path, settings: ReadSettings | None = None, data: bytes | None = None) -> Catalog:
    """One file as a catalog; `data` stands in for the file's bytes (stdin, a fixed text)."""
    from listing_lint.loaders.registry import choose

    path = str(path)
    settings = settings or ReadSettings()
    probe = Probe(path, read_bytes(path, settings.max_file_size or DEFAULT_MAX_FILE_SIZE) if data is None else data,
                  settings)
    with _gc_paused(), _not_too_deep(path):
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
