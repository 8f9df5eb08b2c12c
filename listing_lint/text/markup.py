"""HTML tags, placeholders, URLs and e-mail addresses in listing text.

Translators (and machine translation) drop closing tags, translate placeholder
names and "localise" links; each of these breaks the page a buyer sees.

Only the names of HTML elements make a tag: `<FABRIC SOFTENER>` or `<Note: fragile>`
is text a buyer reads. A tag's attributes must survive translation too, names and
values, except the values that are text a buyer reads (`alt`, `title`, ...) or that
name the language (`lang`, `dir`).
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter

URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'«»]+[^\s<>\"'«».,;:!?)\]]")
# The lookbehind starts a match only where a run of address characters starts: `\b` alone let
# every `-` of `a-a-a…` start a new scan of the whole run (quadratic; 46 s on 60 KB).
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]++)*\.[A-Za-z]{2,}\b")
# `<name ...>`, `</name>`, `<name/>`; quoted attribute values may hold `>`. Whether it is a
# tag at all is up to its name: see is_tag. The group is atomic: a quoted value read as
# quoted is never re-read character by character (that would backtrack exponentially).
_TAG_SHAPE_RE = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9]*(?::[A-Za-z][\w.-]*)?)\b((?>\"[^\"<]*\"|'[^'<]*'|[^<>])*?)(/?)\s*>")
_ATTRIBUTE_RE = re.compile(r"([^\s\"'<>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
# printf placeholders: `%s`, `%d`, with flags, width or precision (`%'d`, `%.2f`, `%05d`),
# numbered (`%2$d`) or named (`%(size)s`). After a digit `%` is a percent sign (`100%silk`).
_PRINTF = r"(?<!\d)%(?:\((?P<name>[\w.]+)\)|(?P<index>\d+)\$)?(?:[-+0#']+\d*(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)?[sdif]"
# {name}, {{name}}, {0} and printf placeholders: template slots filled in by the shop software.
PLACEHOLDER_RE = re.compile(r"\{\{\s*[\w.]+\s*\}\}|\{[\w.]*\}|" + _PRINTF)
# Elements that never have a closing tag.
VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
# The elements of HTML, and the obsolete ones shop editors still write.
HTML_ELEMENTS = VOID_TAGS | frozenset(
    "a abbr address article aside audio b bdi bdo blockquote body button canvas caption cite code colgroup "
    "data datalist dd del details dfn dialog div dl dt em fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 head header hgroup html i iframe ins kbd label legend li main map mark menu meter "
    "nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script "
    "search section select slot small span strong style sub summary sup svg table tbody td template "
    "textarea tfoot th thead time title tr u ul var video "
    "acronym big center font frame frameset marquee nobr strike tt".split())
# Attribute values a translation rightly changes: text a buyer reads or hears, and the language.
TRANSLATED_ATTRIBUTES = frozenset(
    "alt title placeholder label abbr content download value aria-label aria-description "
    "aria-placeholder aria-roledescription aria-valuetext lang xml:lang hreflang dir".split())


def is_tag(name: str) -> bool:
    """An HTML element name (`p`, `B`), or a namespaced one (`o:p` from Word)."""
    return name.lower() in HTML_ELEMENTS or ":" in name


def _tag_matches(text: str):
    return (m for m in _TAG_SHAPE_RE.finditer(text) if is_tag(m.group(2)))


def _attributes(body: str) -> list[tuple[str, str | None]]:
    """(name lower-cased, value with entities decoded, or None when it has none) of a tag's attributes."""
    found = []
    for m in _ATTRIBUTE_RE.finditer(body):
        value = next((v for v in m.group(2, 3, 4) if v is not None), None)
        found.append((m.group(1).lower(), None if value is None else html.unescape(value)))
    return found


def tags(text: str) -> Counter:
    """Tags as `<b>` / `</b>` (names lower-cased), and each attribute of an opening tag as
    `<a href="/shop">`, or `<img alt>` where its value may change in translation or is a
    URL (URLs are compared as URLs)."""
    found: Counter = Counter()
    for m in _tag_matches(text):
        closing, name = m.group(1), m.group(2).lower()
        found[f"<{closing}{name}>"] += 1
        if closing:
            continue
        for attribute, value in _attributes(m.group(3)):
            if value is None or attribute in TRANSLATED_ATTRIBUTES or URL_RE.fullmatch(value):
                found[f"<{name} {attribute}>"] += 1
            else:
                found[f'<{name} {attribute}="{value}">'] += 1
    return found


def placeholders(text: str) -> list[tuple[str, str]]:
    """(key, as shown) of each placeholder. printf placeholders are filled by argument, so
    their key is the argument's number: `%s` then `%d` are `%1$s` and `%2$d`, the same
    as `%2$d` then `%1$s` in a translation that reorders them."""
    matches = list(PLACEHOLDER_RE.finditer(text))
    unnumbered = sum(map(_unnumbered, matches))
    found, n = [], 0
    for m in matches:
        written = m.group()
        if not _unnumbered(m):
            found.append((written, written))
            continue
        n += 1
        found.append((f"%{n}${written[1:]}", written if unnumbered == 1 else f"{written} (placeholder {n})"))
    return found


def _unnumbered(m: re.Match) -> bool:
    return m.group().startswith("%") and not (m.group("name") or m.group("index"))


def markup_items(text: str) -> Counter:
    """Everything that must survive translation unchanged: tags and their attributes,
    placeholders (printf ones by argument, see placeholders), URLs, e-mails."""
    items = tags(text)
    without_tags = strip_tags(text)
    items.update(key for key, _ in placeholders(text))
    items.update(URL_RE.findall(text))
    items.update(EMAIL_RE.findall(without_tags))
    return items


def unbalanced_tags(text: str) -> list[str]:
    """Tags opened and never closed, or closed without being opened, in reading order."""
    problems: list[str] = []
    stack: list[str] = []
    for m in _tag_matches(text):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(4)
        if name in VOID_TAGS or self_closing:
            continue
        if not closing:
            stack.append(name)
        elif name in stack:
            while stack[-1] != name:  # tags opened inside and not closed before this one
                problems.append(f"<{stack.pop()}> is never closed")
            stack.pop()
        else:
            problems.append(f"</{name}> closes a tag that was never opened")
    problems.extend(f"<{name}> is never closed" for name in reversed(stack))
    return problems


def strip_tags(text: str) -> str:
    """`text` with each tag replaced by a space; angle brackets around anything else stay."""
    return _TAG_SHAPE_RE.sub(lambda m: " " if is_tag(m.group(2)) else m.group(), text)


@functools.lru_cache(maxsize=8192)  # each text is asked for by several rules in turn
def visible_text(text: str) -> str:
    """What a buyer reads: tags, URLs, e-mails and placeholders replaced by spaces, entities decoded."""
    text = URL_RE.sub(" ", text)
    text = EMAIL_RE.sub(" ", text)
    text = strip_tags(text)
    text = PLACEHOLDER_RE.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return text
