"""Write fixtures/made_in_russia/catalog.csv from catalog.yaml, so the two stay twins.

    python scripts/make_demo_csv.py            # rewrite catalog.csv
    python scripts/make_demo_csv.py --check    # exit 1 if catalog.csv is out of date

The YAML is read with PyYAML's BaseLoader: every scalar stays the text the seller wrote
(`48.60` stays `48.60`, never the float 48.6). A key written twice in one listing (the
planted L004 defect) cannot be expressed in CSV; the row holds the value YAML keeps (the last).
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import yaml

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "made_in_russia"

# Column order of issue 2, then the attribute and identifier columns, then the misspelt
# fields of the planted L003 listings (filled only on their rows).
BASE_COLUMNS = ["id", "category", "title.ru", "title.en", "description.ru", "description.en",
                "price", "currency", "prices.USD"]
TAIL_COLUMNS = ["brand", "gtin", "mpn", "lint_ignore"]


def flatten(listing: dict) -> dict[str, str]:
    row: dict[str, str] = {}
    for key, value in listing.items():
        if key == "price" and isinstance(value, dict):
            # `{amount, currency}` becomes the CSV amount + currency pair
            row["price"] = value["amount"]
            row["currency"] = value["currency"]
        elif key == "lint_ignore" and isinstance(value, list):
            row[key] = ", ".join(value)
        elif isinstance(value, dict):
            for sub, text in value.items():
                row[f"{key}.{sub}"] = text
        else:
            row[key] = value
    return row


def columns(rows: list[dict[str, str]]) -> list[str]:
    seen = [c for row in rows for c in row]
    attributes = sorted({c for c in seen if c.startswith("attributes.")},
                        key=lambda c: (c != "attributes.material", c))
    known = set(BASE_COLUMNS) | set(TAIL_COLUMNS) | set(attributes)
    unknown = list(dict.fromkeys(c for c in seen if c not in known))
    return BASE_COLUMNS + attributes + TAIL_COLUMNS + unknown


def render(yaml_path: Path) -> str:
    data = yaml.load(yaml_path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    rows = [flatten(listing) for listing in data["listings"]]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(rows), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str]) -> int:
    text = render(DEMO / "catalog.yaml")
    target = DEMO / "catalog.csv"
    if "--check" in argv:
        if target.read_text(encoding="utf-8") != text:
            print(f"{target} is out of date: run python scripts/make_demo_csv.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
