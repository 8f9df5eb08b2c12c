"""Regenerate the generated parts of README.md from the code: the rules reference
(each rule's docs, exactly what `listing-lint rule CODE` prints) and the config reference.

    python scripts/gen_docs.py          # rewrite README.md
    python scripts/gen_docs.py --check  # exit 1 if README.md is out of date (tests do this)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def rules_section() -> str:
    from listing_lint.registry import discover
    from listing_lint.rule import FAMILIES

    rules = discover()
    out = ["| code | name | family | severity | on by default | what it flags |", "|---|---|---|---|---|---|"]
    for code in sorted(rules):
        cls = rules[code]
        on = "yes" if cls.enabled_by_default else "no"
        out.append(f"| [{code}](#{code.lower()}-{cls.name}) | `{cls.name}` | {FAMILIES.get(cls.family(), '')} | {cls.severity} | {on} | {cls.summary()} |")
    for code in sorted(rules):
        cls = rules[code]
        body = re.sub(r"^## ", "#### ", cls.doc(), flags=re.M)
        out += ["", f"### {code} {cls.name}", "", body]
    return "\n".join(out)


def settings_section() -> str:
    from listing_lint.config import SETTINGS

    out = ["| key | default | meaning |", "|---|---|---|"]
    for name, s in SETTINGS.items():
        default = "none" if s.default is None else f"`{s.default}`"
        out.append(f"| `{name}` | {default} | {s.help} |")
    return "\n".join(out)


SECTIONS = {"rules": rules_section, "settings": settings_section}


def render(text: str) -> str:
    for name, build in SECTIONS.items():
        begin, end = f"<!-- begin generated: {name} -->", f"<!-- end generated: {name} -->"
        if text.count(begin) != 1 or text.count(end) != 1:
            raise SystemExit(f"README.md must hold the markers {begin} and {end} once each")
        pattern = re.compile(rf"{re.escape(begin)}\n.*?{re.escape(end)}|{re.escape(begin)}{re.escape(end)}", re.S)
        text = pattern.sub(lambda m: f"{begin}\n{build()}\n{end}", text)
    return text


def main() -> int:
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in sys.argv:
        if fresh != current:
            print("README.md is out of date: run python scripts/gen_docs.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
