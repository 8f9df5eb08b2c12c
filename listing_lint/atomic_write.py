"""Replace a file all at once: write a temporary file beside it, then rename it over.

A reader (or a crash) sees the old file or the new one, never half of each; the
rename stays on one file system because the temporary file is in the same directory.
The new file gets the old one's permission bits, owner and extended attributes (ACLs
are extended attributes too), as careful editors do; what cannot be kept is refused,
never dropped.

Temporary files are named `.<name>.listing-lint-<pid>.tmp`, so one left by a run that
was killed is recognisable: `remove_orphans` deletes those whose process is gone.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from pathlib import Path
from typing import Callable, Iterable

_TEMP_RE = re.compile(r"^\.(?P<name>.+)\.listing-lint-(?P<pid>\d+)\.tmp$")
_NAME_KEPT = 200  # of the file's name in its temporary file's name: NAME_MAX is 255 bytes


class TargetChanged(Exception):
    """The file was replaced or written by someone else while the new text was prepared."""


class CannotKeep(OSError):
    """Something about the old file (owner, extended attribute) the new file could not be given."""


def identity(st: os.stat_result) -> tuple[int, int, int, int, int]:
    """What changes whenever a file is written, renamed over or has its mode or attributes changed."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def temp_name(target: Path, pid: int | None = None) -> Path:
    return target.with_name(f".{target.name[:_NAME_KEPT]}.listing-lint-{os.getpid() if pid is None else pid}.tmp")


def replace_file(target: Path, data: bytes, before_rename: Callable[[], None] | None = None,
                 expected: tuple | None = None) -> None:
    """Write `data` to `target`, keeping its permission bits, owner and extended attributes
    (new files get 0644).

    `before_rename` runs just before the rename and may raise to abandon the write; then,
    as the very last step, the file's `identity` must still be `expected` (when given),
    else TargetChanged is raised and nothing is replaced.
    """
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    tmp = temp_name(target)
    fd = _create(tmp)
    try:
        try:
            if old is not None:
                _keep_owner(fd, old)
                os.fchmod(fd, old.st_mode & 0o7777)
                _keep_xattrs(target, fd)
            else:
                os.fchmod(fd, 0o644)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if before_rename is not None:
            before_rename()
        if expected is not None:
            try:
                now = identity(os.stat(target))
            except FileNotFoundError:
                now = None
            if now != expected:
                raise TargetChanged(str(target))
            if _exchange(tmp, target):
                _check_swapped_out(tmp, target, expected)
                os.unlink(tmp)  # the old file, swapped out
                _sync_directory(target.parent)
                return
        os.replace(tmp, target)
    except _Kept:
        raise
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _sync_directory(target.parent)


def _check_swapped_out(tmp: Path, target: Path, expected: tuple) -> None:
    """After the exchange, the file now at `tmp` must be the one we checked: an editor that
    saved in the instant between the check and the exchange gets its file put back."""
    if identity(os.lstat(tmp))[:4] == expected[:4]:  # its change time is the exchange's own
        return
    ours = os.lstat(target).st_ino
    _exchange(tmp, target)
    if os.lstat(tmp).st_ino != ours:
        # Yet another save came in between: what is at `tmp` now is someone's text, not ours to delete.
        raise _Kept(str(target), str(tmp))
    raise TargetChanged(str(target))


class _Kept(TargetChanged):
    """TargetChanged, and the temporary file holds someone else's save: it must not be deleted."""


_RENAME_EXCHANGE = 2  # linux/fs.h
_exchange_broken = False


def _exchange(a: Path, b: Path) -> bool:
    """Swap two names atomically (Linux renameat2 RENAME_EXCHANGE); False where the system cannot.

    Unlike a rename, an exchange keeps the file it replaces: it can be checked afterwards, which
    closes the gap between the last check and the rename."""
    global _exchange_broken
    if _exchange_broken or not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        _exchange_broken = True
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        _exchange_broken = True  # a kernel or file system without it: plain renames from now on
        return False
    raise OSError(err, os.strerror(err), str(b))


def write_in_place(target: Path, data: bytes, before_write: Callable[[], None] | None = None,
                   expected: tuple | None = None) -> None:
    """Overwrite `target`'s own contents (every hard link sees them; owner, mode and attributes
    are the file's own). Not atomic: a crash while writing leaves part of the new text."""
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if before_write is not None:
            before_write()
        if expected is not None and identity(os.fstat(fd)) != expected:
            raise TargetChanged(str(target))
        os.lseek(fd, 0, os.SEEK_SET)
        _write_all(fd, data)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_orphans(paths: Iterable[str | Path]) -> list[Path]:
    """Delete the temporary files of `paths` (beside each) left by runs that are no longer
    running (killed while writing); returns what was deleted. One of a live run is kept."""
    wanted: dict[Path, set[str]] = {}
    for path in paths:
        real = Path(os.path.realpath(path))
        wanted.setdefault(real.parent, set()).add(real.name[:_NAME_KEPT])
    removed: list[Path] = []
    for directory, names in sorted(wanted.items()):
        try:
            entries = list(os.scandir(directory))
        except OSError:
            continue
        for entry in entries:
            match = _TEMP_RE.match(entry.name)
            if not match or match["name"] not in names or _running(int(match["pid"])):
                continue
            try:
                if entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except OSError:
                pass  # not ours to remove after all (permissions): left as it is
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this run has written nothing yet: a file with its pid is an earlier run's
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's live process (or a pid we cannot ask about): leave it
    return True


def _create(tmp: Path) -> int:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.open(tmp, flags, 0o600)
    except FileExistsError:
        # Our pid, so not a live run's: one that had our pid and was killed. Take its place.
        os.unlink(tmp)
        return os.open(tmp, flags, 0o600)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _keep_owner(fd: int, old: os.stat_result) -> None:
    if not hasattr(os, "fchown") or (old.st_uid, old.st_gid) == (os.geteuid(), os.getegid()):
        return
    try:
        os.fchown(fd, old.st_uid, old.st_gid)
    except PermissionError:
        try:
            os.fchown(fd, -1, old.st_gid)  # a group we are in: the group at least
        except PermissionError:
            pass
        if os.fstat(fd).st_uid != old.st_uid:
            raise CannotKeep(1, f"the file belongs to user {old.st_uid}; replacing it would make it yours") from None


def _keep_xattrs(source: Path, fd: int) -> None:
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError:
        return  # a file system without extended attributes: there are none to keep
    for name in names:
        try:
            os.setxattr(fd, name, os.getxattr(source, name))
        except OSError as exc:
            raise CannotKeep(exc.errno, f"cannot keep its extended attribute {name} ({exc.strerror})") from None


def _sync_directory(directory: Path) -> None:
    # The rename is durable once the directory is on disk too.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
