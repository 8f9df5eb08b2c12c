"""What a reader is: the one place that turns one kind of file into located listings.

Every reader, built in or third party, produces the same `Catalog` of `Listing`s whose
values are `Scalar`s with their `path:line:column`, so no rule knows a file format.
Readers register through the `listing_lint.readers` entry-point group (the built-in
ones too); the file's content picks the reader (`detect`), config `input_format:` or
`--input-format` names one outright.

A reader sees a `Probe` (the file's bytes, decoded text and the cheap facts other
readers also need, each computed once) and `ReadSettings` (the config that concerns
reading: column map, currency, sheet, header row, the language of the file's texts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import Any, ClassVar

from listing_lint.model import Catalog

# The physical kinds of file a reader can sit on; `Probe.container` says which one a file is.
CONTAINERS = ("yaml", "json", "xml", "table", "workbook", "parquet")

UNDETERMINED = "und"  # the text key of a one-language file whose language no setting names (BCP 47)


def file_size(value: Any) -> int | None:
    """`max_file_size` as bytes: a whole number, or `500 MB`, `2 GB` (checked by config)."""
    import re

    if value is None:
        return None
    if isinstance(value, int):
        return value
    m = re.fullmatch(r"\s*(\d+)\s*([KMGT]?B)?\s*", str(value), re.IGNORECASE)
    if m is None:
        return None
    unit = {"": 1, "B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}[(m.group(2) or "").upper()]
    return int(m.group(1)) * unit


@dataclass(frozen=True)
class ReadSettings:
    """The settings that decide how a file is read (config keys of the same names)."""

    input_format: str | None = None
    encoding: str | None = None
    columns: dict[str, str | None] = field(default_factory=dict)  # header as written → field (None: ignore)
    ignore_columns: tuple[str, ...] = ()  # names or globs (`Meta: *`, `*`) of columns not to read
    currency: str | None = None  # the currency of prices written without one
    sheet: str | int | None = None  # a workbook's sheet: its name, or its position from 1
    header_row: int | None = None  # the row (from 1) holding the column names; found when None
    locale: str | None = None  # the locale the file's texts are written in (one-language feeds)
    base_dir: str | None = None  # where relative paths in these settings are resolved
    max_file_size: int | None = None  # bytes; larger files are refused (None: loaders.DEFAULT_MAX_FILE_SIZE)

    @property
    def language(self) -> str:
        """The text key for this file's one language (`ru` for `ru_RU`)."""
        from listing_lint.model import locale_language

        return locale_language(self.locale) if self.locale else UNDETERMINED

    @classmethod
    def from_config(cls, config: Any, **overrides: Any) -> "ReadSettings":
        def get(key: str) -> Any:
            try:
                return config.get(key)
            except KeyError:
                return None

        values = {
            "input_format": get("input_format"),
            "encoding": get("encoding"),
            "columns": dict(get("columns") or {}),
            "ignore_columns": tuple(str(c) for c in (get("ignore_columns") or ())),
            "currency": get("currency"),
            "sheet": get("sheet"),
            "header_row": get("header_row"),
            "locale": get("source_locale"),
            "base_dir": str(config.base_dir) if getattr(config, "path", None) is not None else None,
            "max_file_size": file_size(get("max_file_size")),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


class Probe:
    """A file about to be read: its bytes, and what detection needs, each worked out once."""

    def __init__(self, path: str, data: bytes, settings: ReadSettings) -> None:
        self.path = path
        self.data = data
        self.settings = settings

    @property
    def suffix(self) -> str:
        return PurePath(self.path).suffix.lower()

    @cached_property
    def container(self) -> str:
        from listing_lint.loaders.encoding import container_of

        return container_of(self.data, self.suffix)

    @cached_property
    def decoded(self):
        """(text, encoding, bom) of a text file; raises LoadError naming the line of a bad byte."""
        from listing_lint.loaders.encoding import decode_file

        return decode_file(self.data, self.path, self.container, self.settings.encoding)

    @property
    def text(self) -> str:
        return self.decoded.text

    @cached_property
    def xml_root(self) -> tuple[str, frozenset[str]] | None:
        """The root element's name and the namespace URIs declared on it, for XML files."""
        from listing_lint.loaders.xml import root_element

        return root_element(self.text) if self.container == "xml" else None

    @cached_property
    def table(self):
        """The rows of a CSV/TSV text or of a workbook's sheet (see `loaders.table`)."""
        from listing_lint.loaders.table import open_table

        return open_table(self)


class Reader:
    """A file format. Subclasses set `name`, `summary`, `container` and implement both methods."""

    name: ClassVar[str] = ""  # kebab-case, what `input_format:` names (`gmc-xml`)
    summary: ClassVar[str] = ""  # what sellers call the format (`Google Merchant Center XML feed`)
    containers: ClassVar[tuple[str, ...]] = ()  # the kinds of file (CONTAINERS) it reads
    suffixes: ClassVar[tuple[str, ...]] = ()  # extensions that make it the likelier reader on a tie
    editable: ClassVar[bool] = True  # whether fixes can be written back as text edits
    # Whether a variant that leaves out its title takes its product's (`loaders.variants`): yes in
    # our own formats; formats whose spec asks every item for a title (Merchant Center, YML) say no.
    variants_inherit: ClassVar[bool] = False
    # False where the format writes prices with no currency at all (the shop's is config `currency:`).
    prices_carry_currency: ClassVar[bool] = True

    def detect(self, probe: Probe) -> int:
        """How sure this reader is that it reads the file: 0 (not at all) to 100.

        Only called for files of one of its `containers`; the highest score reads the file.
        """
        raise NotImplementedError

    def read(self, probe: Probe) -> Catalog:
        raise NotImplementedError

    def make_source(self, probe: Probe):
        """The file as read: text, encoding and how to write it back."""
        from listing_lint.model import Source

        if probe.container == "workbook":
            return Source(probe.path, "", self.name, "binary", b"", False,
                          "a workbook is not edited by --fix; correct the cell in the spreadsheet", probe.settings,
                          self.prices_carry_currency)
        decoded = probe.decoded
        return Source(probe.path, decoded.text, self.name, decoded.encoding, decoded.bom, self.editable,
                      None if self.editable else f"{self.summary} files are not edited by --fix", probe.settings,
                      self.prices_carry_currency)

    def make_catalog(self, probe: Probe, listings, **fields: Any) -> Catalog:
        source = self.make_source(probe)
        fields.setdefault("currency", probe.settings.currency)
        return Catalog(path=probe.path, listings=listings, text=source.text, format=self.name,
                       sources={probe.path: source}, **fields)
