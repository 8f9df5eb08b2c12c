"""HTML tags, placeholders, URLs and e-mail addresses in listing text.

Translators (and machine translation) drop closing tags, translate placeholder
names and "localise" links; each of these breaks the page a buyer sees.
"""

from __future__ import annotations

import re
from collections import Counter

URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'«»]+[^\s<>\"'«».,;:!?)\]]")
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")
# {name}, {{name}}, {0}, %s, %(name)s, %1$s: template slots filled in by the shop software.
PLACEHOLDER_RE = re.compile(r"\{\{\s*[\w.]+\s*\}\}|\{[\w.]*\}|%\([\w.]+\)[sdif]|%\d+\$[sdif]|%[sd]")
# Elements that never have a closing tag.
VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())


def tags(text: str) -> Counter:
    """Tags as `<b>` / `</b>`, names lower-cased, attributes left out (they are compared as URLs)."""
    found: Counter = Counter()
    for m in TAG_RE.finditer(text):
        closing, name = m.group(1), m.group(2).lower()
        found[f"<{closing}{name}>"] += 1
    return found


def markup_items(text: str) -> Counter:
    """Everything that must survive translation unchanged: tags, placeholders, URLs, e-mails."""
    items = tags(text)
    without_tags = TAG_RE.sub(" ", text)
    items.update(PLACEHOLDER_RE.findall(text))
    items.update(URL_RE.findall(text))
    items.update(EMAIL_RE.findall(without_tags))
    return items


def unbalanced_tags(text: str) -> list[str]:
    """Tags opened and never closed, or closed without being opened, in reading order."""
    problems: list[str] = []
    stack: list[str] = []
    for m in TAG_RE.finditer(text):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
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


def visible_text(text: str) -> str:
    """What a buyer reads: tags, URLs, e-mails and placeholders replaced by spaces, entities decoded."""
    import html

    text = URL_RE.sub(" ", text)
    text = EMAIL_RE.sub(" ", text)
    text = TAG_RE.sub(" ", text)
    text = PLACEHOLDER_RE.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return text
