"""Replace a file all at once: write a temporary file beside it, then rename it over.

A reader (or a crash) sees the old file or the new one, never half of each; the
rename stays on one file system because the temporary file is in the same directory.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


def replace_file(target: Path, data: bytes, before_rename: Callable[[], None] | None = None) -> None:
    """Write `data` to `target`, keeping its permission bits (new files get 0644).

    `before_rename` runs just before the rename and may raise to abandon the write.
    """
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if before_rename is not None:
            before_rename()
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
