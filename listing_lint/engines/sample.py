"""A generated marketplace catalog with planted defects, for the engines' tests and benchmarks.

    write_catalog(path, n)          # a CSV of n listings (`id,group_id,category,gtin,...`)

Texts are short, so a listing is cheap to check and a large catalog is quick to generate.
Every so often a listing is planted wrong, at positions far apart so that a split file
holds the two halves of a defect in different parts: a reused id (L002), one GTIN at two
prices (P004), one Russian title translated two ways (T012), an English title left in
Russian (T004), doubled spaces (L005), a missing price (L001), a variant priced ten times
its siblings (P004). Descriptions hold quoted newlines and escaped quotes, so byte-range
splits fall inside quoted cells too.
"""

from __future__ import annotations

import random
from pathlib import Path

HEADER = "id,group_id,category,gtin,brand,title.ru,title.en,description.ru,description.en,price,prices.USD"
CONFIG = "source_locale: ru_RU\ntarget_locales: [en_US]\nrates: rates.yaml\nmax_rate_age_days: 100000\n"
RATES = 'date: 2026-11-20\nsource: generated\nbase: USD\nrates:\n  RUB: "92.50"\n'

NOUNS = [("Платок", "Shawl"), ("Шарф", "Scarf"), ("Шапка", "Hat"), ("Варежки", "Mittens"), ("Носки", "Socks"),
         ("Кружка", "Mug"), ("Ложка", "Spoon"), ("Матрёшка", "Nesting doll"), ("Валенки", "Felt boots")]
COLOURS = [("красный", "red"), ("синий", "blue"), ("белый", "white"), ("зелёный", "green"), ("серый", "grey")]
EAN_BASE = 460000000000


def gtin(n: int) -> str:
    body = f"{EAN_BASE + n:012d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def rows(n: int, seed: int = 15):
    rnd = random.Random(seed)
    spread = max(n // 3, 1)  # the second half of a planted pair stands this far below the first
    for i in range(n):
        ru_noun, en_noun = NOUNS[i % len(NOUNS)]
        ru_col, en_col = COLOURS[(i // len(NOUNS)) % len(COLOURS)]
        rub = 900 + (i * 37) % 9000
        usd = f"{rub / 92.5:.2f}"
        row = {
            "id": f"MP-{i:07d}", "group_id": "", "category": f"goods/{en_noun.lower().replace(' ', '-')}",
            "gtin": gtin(i), "brand": "Artel",
            "title.ru": f"{ru_noun} {ru_col} {i}", "title.en": f"{en_col.capitalize()} {en_noun.lower()} {i}",
            "description.ru": f"{ru_noun} ручной работы, артикул {i}.",
            "description.en": f"Handmade {en_noun.lower()}, item {i}.",
            "price": f"{rub} RUB", "prices.USD": usd,
        }
        kind = i % 997
        if kind == 11 and i >= spread:  # L002: an id of a listing far above
            row["id"] = f"MP-{i - spread:07d}"
        elif kind == 23 and i >= spread:  # P004: the GTIN of a listing far above, at twice its price
            j = i - spread
            row["gtin"] = gtin(j)
            row["price"] = f"{(900 + (j * 37) % 9000) * 2} RUB"
            row["prices.USD"] = f"{(900 + (j * 37) % 9000) * 2 / 92.5:.2f}"
        elif kind == 31 and i >= spread:  # T012: a title far above, translated another way
            j = i - spread
            ru_j, en_j = NOUNS[j % len(NOUNS)]
            col_j = COLOURS[(j // len(NOUNS)) % len(COLOURS)]
            row["title.ru"] = f"{ru_j} {col_j[0]} {j}"
            row["title.en"] = f"{col_j[1].capitalize()} {en_j.lower()} no. {j}"
        elif kind == 41:  # T004: the English title left half in Russian
            row["title.en"] = f"{en_col.capitalize()} {ru_noun.lower()} {i}"
        elif kind == 53:  # L005: doubled spaces
            row["title.en"] = row["title.en"].replace(" ", "  ", 1)
        elif kind == 67:  # L001: no price
            row["price"] = ""
        elif kind == 79:  # a quoted newline and an escaped quote in a description
            row["description.en"] = f'Handmade {en_noun.lower()},\n"item" {i}.'
        elif kind == 83:  # P004: three variants, the last priced ten times the others
            row["group_id"] = f"G-{i}"
        if kind in (84, 85):
            row["group_id"] = f"G-{i - (kind - 83)}"
            row["title.en"] += " XL" if kind == 85 else " L"
            row["title.ru"] += " XL" if kind == 85 else " L"
            if kind == 85:
                row["price"] = f"{rub * 10} RUB"
                row["prices.USD"] = f"{rub * 10 / 92.5:.2f}"
        if rnd.random() < 0.03:  # a description with a newline, quoted
            row["description.ru"] = row["description.ru"].replace(", ", ",\n") + "\n"
        elif kind != 79:  # most listings have none: a cheap listing to check
            row["description.ru"] = row["description.en"] = ""
        yield row


def _cell(text: str) -> str:
    if any(ch in text for ch in ',"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_catalog(path: str | Path, n: int, seed: int = 15) -> Path:
    """A CSV of `n` generated listings at `path`; its config (`CONFIG`) goes beside it as listing-lint.yaml,
    with the exchange rates its prices were converted at (rates.yaml)."""
    path = Path(path)
    names = HEADER.split(",")
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER + "\n")
        for row in rows(n, seed):
            f.write(",".join(_cell(row[k]) for k in names) + "\n")
    (path.parent / "listing-lint.yaml").write_text(CONFIG, encoding="utf-8")
    (path.parent / "rates.yaml").write_text(RATES, encoding="utf-8")
    return path
