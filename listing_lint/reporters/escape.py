"""Text from a catalog made safe to print: control characters and undecodable file names.

A catalog may hold any character: YAML's `"\\e"` and `"\\a"` escapes put ESC and BEL in an id,
a key or a text, and a file name may hold bytes that are not UTF-8 (Python keeps them as lone
surrogates, `\\udcff`). Raw, the first would reach the terminal (or a CI log, which reads ANSI
escapes too) as commands, and the second cannot be written as UTF-8 at all: the whole report
would be lost. They are shown as escapes instead: `\\x1b`, `\\x07`, `\\xff`.
JSON needs none of this for control characters (it escapes them itself); its lone surrogates
are written as the JSON escape `\\udcff`, which reads back as the same file name.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 and C1 controls and DEL, and any surrogate.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSAFE_KEEP_LINES = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped(m: re.Match) -> str:
    ch = m.group(0)
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep_newlines: bool = False) -> str:
    """`text` with control characters and undecodable bytes as escapes (`\\x1b`, `\\xff`)."""
    pattern = _UNSAFE_KEEP_LINES if keep_newlines else _UNSAFE
    return pattern.sub(_escaped, text) if pattern.search(text) else text


def safe_output(text: str, fmt: str) -> str:
    """A whole report made writable as UTF-8: what is left after each format escaped its values."""
    if fmt in ("json", "json-lines", "sarif"):
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    if fmt == "junit":  # XML 1.0 cannot hold these characters at all, even as references
        return _XML_UNSAFE.sub(_escaped, text)
    return _SURROGATE.sub(_escaped, text)


def uri_bytes(path: str) -> bytes:
    """A path as the bytes it names, for percent-encoding into a URI (`bad%FFname.yaml`)."""
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogatepass")
