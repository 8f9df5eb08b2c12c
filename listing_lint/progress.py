"""Progress on stderr for long runs: files and listings done out of the total, the rate and the time left.

Shown only to a person watching: stderr and stdout are terminals, no `CI`
variable is set, and `--quiet` was not given. It stays silent for the first
seconds, so quick runs (the usual pre-commit hook) never flicker, and it erases
its line when done, so nothing of it is left between the findings.

How many listings a file holds is known only once it is read, so the line gives
the listings of the file being checked out of its total, and the time left is
estimated from the bytes of the files: those done, and the share of the current
file whose listings are done.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Iterable, TextIO

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


def input_size(item) -> int:
    """Bytes an input holds (every feed of a joined catalog), 0 when unknown."""
    if item.data is not None:
        return len(item.data)
    if item.text is not None:
        return len(item.text.encode("utf-8", "replace"))
    total = 0
    for path in (item.feeds.paths if item.feeds is not None else [item.path]):
        try:
            total += os.stat(path).st_size
        except OSError:
            pass
    return total


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class Progress:
    def __init__(self, total_files: int, stream: TextIO | None = None, clock=time.monotonic,
                 inputs: Iterable | None = None) -> None:
        self.total = total_files
        self.stream = stream or sys.stderr
        self.clock = clock
        self.started = clock()
        self.last = 0.0
        self.files = 0
        self.listings = 0
        self.shown = False
        self.sizes: list[int] = []
        self.position: dict[int, int] = {}  # id(input) → its place in the run
        for i, item in enumerate(inputs or ()):
            self.sizes.append(input_size(item))
            self.position[id(item)] = i
        self.current = -1  # place of the input being checked
        self.in_file = 0  # listings it holds
        self.before = 0  # listings of the inputs before it

    def loaded(self, item, listings: int) -> None:
        """An input was read and holds `listings` listings; they are checked next."""
        self.current = self.position.get(id(item), self.current + 1)
        self.in_file = listings
        self.before = self.listings

    def fraction(self) -> float | None:
        """Share of the run's bytes done, or None when the sizes are unknown."""
        total = sum(self.sizes)
        if not total or self.current < 0:
            return None
        done = sum(self.sizes[:self.current])
        if self.in_file:
            share = min(max(self.listings - self.before, 0) / self.in_file, 1.0)
            done += self.sizes[self.current] * share
        return done / total

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        files = f"{self.files}/{self.total} files"
        if self.current >= 0 and self.in_file:
            here = min(self.listings - self.before, self.in_file)
            files = f"file {self.current + 1}/{self.total}, listing {here:,}/{self.in_file:,}"
            if self.before:
                files += f" ({self.listings:,} in all)"
        elif self.listings:
            files += f", {self.listings:,} listings"
        rate = (f"{self.listings / elapsed:,.0f} listings/s" if self.listings
                else f"{self.files / elapsed:,.1f} files/s")
        done = self.fraction()
        left = ""
        if done is not None and 0 < done < 1:
            left = f", about {_duration(elapsed * (1 - done) / done)} left"
        return f"listing-lint: checking... {files}, {rate}{left}"

    def update(self, files: int, listings: int) -> None:
        self.files, self.listings = files, listings
        now = self.clock()
        if now - self.started < DELAY or now - self.last < EVERY:
            return
        self.last = now
        self.stream.write("\r" + self.line(now) + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
