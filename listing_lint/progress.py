"""Progress on stderr for long runs: files and listings done, and the rate.

Shown only to a person watching: stderr and stdout are terminals, no `CI`
variable is set, and `--quiet` was not given. It stays silent for the first
seconds, so quick runs (the usual pre-commit hook) never flicker, and it erases
its line when done, so nothing of it is left between the findings.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Iterable, Iterator, TextIO

DELAY = 2.0  # seconds before the first line
EVERY = 0.2  # seconds between redraws


def wanted(quiet: bool, stream: TextIO | None = None, env: dict | None = None) -> bool:
    env = os.environ if env is None else env
    stream = stream or sys.stderr
    if quiet or env.get("CI") or env.get("PRE_COMMIT") or env.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    def __init__(self, total_files: int, stream: TextIO | None = None, clock=time.monotonic) -> None:
        self.total = total_files
        self.stream = stream or sys.stderr
        self.clock = clock
        self.started = clock()
        self.last = 0.0
        self.files = 0
        self.listings = 0
        self.shown = False

    def update(self, files: int, listings: int) -> None:
        self.files, self.listings = files, listings
        now = self.clock()
        if now - self.started < DELAY or now - self.last < EVERY:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-9)
        if listings:
            done = f"{files}/{self.total} files, {listings} listings ({listings / elapsed:,.0f} listings/s)"
        else:
            done = f"{files}/{self.total} files ({files / elapsed:,.1f} files/s)"
        line = f"listing-lint: checking... {done}"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
