"""py3langid's model, unpacked once per install into a cache directory and memory-mapped after.

py3langid ships its model LZMA-compressed (4.6 MB) and unpacks it on every load: about
0.45 s and 68 MB before the first text is judged, on every run, which is most of what a
pre-commit hook costs. Unpacked once into raw arrays in the user's cache directory, a
run maps them instead: the pages are read only as the detector touches them and are
shared by every process on the machine, so a run pays milliseconds and one copy of the
model whatever the locales.

The cache is keyed by the model file's size and modification time, py3langid's version
and the machine's byte order; a cache that is missing, partial or stale is rebuilt, one
that cannot be written is skipped (the model is then unpacked in memory, as before).
`LISTING_LINT_CACHE_DIR` names the directory (default: `$XDG_CACHE_HOME/listing-lint`,
else `~/.cache/listing-lint`); `LISTING_LINT_CACHE_DIR=off` turns it off.
"""

from __future__ import annotations

import json
import mmap
import os
import sys
from pathlib import Path

# name → memoryview format (the DFA, indexed from Python) or None (numpy arrays: the model's matrices)
ARRAYS = (("ptc", None), ("pc", None), ("nextmove", "I"), ("row", "H"), ("out_feat", "i"))


def cache_dir() -> Path | None:
    setting = os.environ.get("LISTING_LINT_CACHE_DIR")
    if setting is not None:
        return None if setting.strip().lower() in ("", "0", "off", "no", "false") else Path(setting).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "listing-lint"


def _key(model_path: Path) -> str:
    # The model file itself, not the package version: importlib.metadata would cost a run 40 ms,
    # and an upgrade that changes the model writes a new file (a new size or time).
    stat = model_path.stat()
    return f"py3langid-{stat.st_size}-{stat.st_mtime_ns}-{sys.byteorder}"


def load_identifier():
    """py3langid's LanguageIdentifier over the whole model (normalised probabilities)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model_path = Path(MODEL_FILE)
    if not model_path.is_absolute():
        model_path = MODEL_DIR / model_path
    base = cache_dir()
    folder = base / _key(model_path) if base is not None else None
    if folder is not None:
        arrays = _read(folder)
        if arrays is None:
            arrays = _build(model_path, folder)
        if arrays is not None:
            ptc, pc, classes, nextmove, row, out_feat = arrays
            return LanguageIdentifier(ptc, pc, classes, nextmove, out_feat, norm_probs=True, tk_row=row)
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _read(folder: Path):
    """The cached arrays, memory-mapped; None when the cache is absent or not whole."""
    import numpy as np

    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        views = {}
        for name, code in ARRAYS:
            with open(folder / f"{name}.bin", "rb") as f:
                size = os.fstat(f.fileno()).st_size
                if size != meta["bytes"][name]:
                    return None
                mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
            views[name] = memoryview(mapped).cast("B").cast(code) if code else mapped
        ptc = np.frombuffer(views["ptc"], dtype=np.float16).reshape(meta["ptc_shape"])
        pc = np.frombuffer(views["pc"], dtype=np.float32)
        return ptc, pc, meta["classes"], views["nextmove"], views["row"], views["out_feat"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _build(model_path: Path, folder: Path):
    """Unpack the model into `folder` (atomically, so a reader never sees half of it); its arrays,
    or None when the folder cannot be written."""
    import numpy as np
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, out_feat = load_model(model_path)
    data = {
        "ptc": np.ascontiguousarray(ptc, dtype=np.float16).tobytes(),
        "pc": np.ascontiguousarray(pc, dtype=np.float32).tobytes(),
        "nextmove": nextmove.tobytes(),
        "row": row.tobytes(),
        "out_feat": np.asarray(out_feat, dtype=np.int32).tobytes(),
    }
    if nextmove.itemsize != 4 or row.itemsize != 2:
        return None  # a model whose arrays are laid out otherwise: unpack in memory every run
    meta = {"classes": list(classes), "ptc_shape": list(ptc.shape), "bytes": {k: len(v) for k, v in data.items()}}
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = folder.parent / f".{folder.name}.{os.getpid()}.tmp"
        staging.mkdir(exist_ok=True)
        for name, blob in data.items():
            (staging / f"{name}.bin").write_bytes(blob)
        (staging / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        try:
            os.replace(staging, folder)
        except OSError:  # another run put it there first: theirs is as good
            _remove(staging)
    except OSError:
        return None
    return _read(folder)


def _remove(path: Path) -> None:
    for child in path.iterdir():
        child.unlink()
    path.rmdir()
