"""Errors that end in a clear message and exit status 2, never a traceback."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A problem with input the user gave: reported as `path[:line]: message`."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column if line else None

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + (f":{self.column}" if self.column else "") + ": "
        return where + self.message


class ConfigError(UserError):
    pass


class LoadError(UserError):
    """A catalog file that cannot be read as a catalog."""


class NotACatalog(LoadError):
    """A well-formed YAML file that is not a catalog (a CI config, say)."""


class PluginError(UserError):
    pass
