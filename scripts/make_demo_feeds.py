"""Write fixtures/made_in_russia_feeds/: the demo storefront as one feed per market.

    python scripts/make_demo_feeds.py            # rewrite the feeds
    python scripts/make_demo_feeds.py --check    # exit 1 if a written file is out of date

The Russian and English texts, the RUB and USD prices, brands, GTINs, MPNs and attributes
come from the demo catalog (fixtures/made_in_russia/catalog.yaml); the German texts and
EUR prices from german.yaml next to the feeds. Both are read with PyYAML's BaseLoader, so
every amount stays the text the seller wrote (`48.60`, never the float 48.6). The XML is
written from string templates, every text escaped (`xml.sax.saxutils`), never re-parsed.

Written:
  shop_ru.yml      the Russian shop's Yandex Market YML feed, windows-1251: characters the
                   encoding lacks are character references (`125&#215;125 см`, `&#8381;`)
  google_us.xml    the English Google Merchant Center RSS 2.0 feed, prices in USD
  google_de.tsv    the German Google Merchant Center text feed (tab-separated), prices in EUR
  comparables.csv  the demo's comparables with their categories renamed to the shop's
                   category tree (`Аксессуары/Платки`): comparables match by category

The demo catalog's own planted defects come with the listings chosen (LISTINGS); the
feeds' own defects are planted here (the PLANTED_* constants), never in german.yaml.
EXPECTED.md explains each one.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "fixtures" / "made_in_russia"
FEEDS = ROOT / "fixtures" / "made_in_russia_feeds"

SITE = "https://madeinrussia.example"
FEED_DATE = "2026-11-20T09:00+03:00"

# The demo listings the feeds hold, in feed order: every category, the demo's defects that
# make sense in a feed, and correct listings around them.
LISTINGS = (
    "RU-SHAWL-001", "RU-SHAWL-003", "RU-SHAWL-004", "RU-SHAWL-005", "RU-SHAWL-006", "RU-SHAWL-007",
    "RU-SHAWL-009", "RU-SHAWL-010",
    "RU-SCARF-001", "RU-SCARF-002", "RU-SCARF-004",
    "RU-VAL-001", "RU-VAL-002", "RU-VAL-003", "RU-VAL-007",
    "RU-COAT-001", "RU-COAT-002", "RU-COAT-003", "RU-COAT-004",
    "RU-DRESS-001", "RU-DRESS-005", "RU-DRESS-007",
    "RU-HAT-003", "RU-HAT-006",
    "RU-JEW-001", "RU-JEW-003",
)

# Planted in the feeds (the demo catalog's own defects come with LISTINGS):
# en_US: items the home shop withdrew but the US feed still sells, after the listing they
# followed (L007: no source listing).
PLANTED_US_ONLY = {"RU-SHAWL-002": "RU-SHAWL-001"}
# de_DE: offers never added to the German feed (T001 for de_DE, at the offer's id in the YML).
PLANTED_NOT_IN_DE = ("RU-JEW-003",)
# de_DE: an item added a second time at the end of the feed, with another title and price
# (L007: repeated; only the first is joined).
PLANTED_DE_REPEATED = {"RU-DRESS-001": ("Hemdblusenkleid aus Leinen, weiß", "47.90 EUR")}
# de_DE: the price left in roubles (C003: no EUR price for the de_DE market).
PLANTED_DE_PRICE = {"RU-SHAWL-007": "4200.00 RUB"}
# de_DE: the title copied from the US feed, never translated (T003: English, not German).
PLANTED_DE_TITLE_FROM_US = ("RU-HAT-006",)
# de_DE header: a misspelt column (L003, once at its header cell; Google ignores the column).
PLANTED_DE_HEADER = {"availability": "availabilty"}

# The shop's <categories> tree: id, parent id, name, and the demo category it stands for.
CATEGORIES = (
    ("1", None, "Аксессуары", None),
    ("11", "1", "Платки", "accessories/shawls"),
    ("12", "1", "Шарфы", "accessories/scarves"),
    ("13", "1", "Головные уборы", "accessories/hats"),
    ("14", "1", "Украшения", "accessories/jewelry"),
    ("2", None, "Обувь", None),
    ("21", "2", "Валенки", "footwear/valenki"),
    ("3", None, "Женская одежда", None),
    ("31", "3", "Пальто", "women/coats"),
    ("32", "3", "Платья", "women/dresses"),
)
# The demo's attribute values (English) as the Russian shop writes its <param>s.
MATERIAL_RU = {"wool": "шерсть", "merino wool": "шерсть мериноса", "goat down": "козий пух", "silk": "шёлк",
               "linen": "лён", "sheepskin": "овчина", "cashmere": "кашемир", "porcelain": "фарфор"}
COLOR_RU = {"red": "красный", "blue": "синий", "black": "чёрный", "white": "белый", "orange": "оранжевый",
            "grey": "серый", "beige": "бежевый", "camel": "верблюжий"}
SIZE_RE = re.compile(r"(\d+)×(\d+) см")

DE_COLUMNS = ("id", "title", "description", "link", "image_link", "availability", "condition", "price",
              "brand", "gtin", "mpn")


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def rub_amount(listing: dict) -> str:
    """The amount of the demo's RUB price, however the listing writes it."""
    price = listing["price"]
    if isinstance(price, dict):
        amount, currency = price["amount"], price["currency"]
    elif "currency" in listing:
        amount, currency = price, listing["currency"]
    else:
        amount, _, currency = price.partition(" ")
    if currency != "RUB":
        raise SystemExit(f"{listing['id']}: the feeds need a RUB price, not {price!r}")
    return amount


# ------------------------------------------------------------------ YML (windows-1251)

def cp1251_text(text: str) -> str:
    """Escaped for XML; a character windows-1251 lacks (×, ₽) as a character reference."""
    return escape(text).encode("cp1251", "xmlcharrefreplace").decode("cp1251")


def cp1251_cdata(text: str, where: str) -> str:
    """HTML as CDATA, as shops write it; CDATA cannot hold a character reference."""
    try:
        text.encode("cp1251")
    except UnicodeEncodeError as exc:
        raise SystemExit(f"{where}: {text[exc.start]!r} is not in windows-1251 and CDATA cannot escape it") from None
    assert "]]>" not in text, where
    return f"<![CDATA[{text}]]>"


def yml_offer(listing: dict, category_ids: dict[str, str]) -> list[str]:
    lid = listing["id"]
    title, description = listing["title"]["ru"], listing["description"]["ru"]
    attributes = listing["attributes"]
    lines = [
        f"      <offer id={quoteattr(lid)} available=\"true\">",
        f"        <url>{SITE}/catalog/{lid.lower()}</url>",
        f"        <price>{rub_amount(listing)}</price>",
        "        <currencyId>RUR</currencyId>",
        f"        <categoryId>{category_ids[listing['category']]}</categoryId>",
        f"        <picture>{SITE}/img/{lid.lower()}.jpg</picture>",
        f"        <name>{cp1251_text(title)}</name>",
    ]
    if "brand" in listing:
        lines.append(f"        <vendor>{cp1251_text(listing['brand'])}</vendor>")
    if "mpn" in listing:
        lines.append(f"        <vendorCode>{cp1251_text(listing['mpn'])}</vendorCode>")
    body = cp1251_cdata(description, lid) if "<" in description else cp1251_text(description)
    lines.append(f"        <description>{body}</description>")
    if "gtin" in listing:
        lines.append(f"        <barcode>{listing['gtin']}</barcode>")
    lines.append(f"        <param name=\"Материал\">{cp1251_text(MATERIAL_RU[attributes['material']])}</param>")
    lines.append(f"        <param name=\"Цвет\">{cp1251_text(COLOR_RU[attributes['color']])}</param>")
    size = SIZE_RE.search(title) or SIZE_RE.search(description)
    if size:
        lines.append(f"        <param name=\"Размер\" unit=\"см\">{cp1251_text(f'{size[1]}×{size[2]}')}</param>")
    lines.append("      </offer>")
    return lines


def render_yml(listings: list[dict]) -> bytes:
    ids = {demo: cid for cid, _, _, demo in CATEGORIES if demo}
    lines = [
        '<?xml version="1.0" encoding="windows-1251"?>',
        '<!DOCTYPE yml_catalog SYSTEM "shops.dtd">',
        f'<yml_catalog date="{FEED_DATE}">',
        "  <shop>",
        "    <name>Мода. Сделано в России</name>",
        "    <company>ООО «Сделано в России»</company>",
        f"    <url>{SITE}/</url>",
        "    <currencies>",
        '      <currency id="RUR" rate="1"/>',
        "    </currencies>",
        "    <categories>",
    ]
    for cid, parent, name, _ in CATEGORIES:
        parent_attr = f' parentId="{parent}"' if parent else ""
        lines.append(f'      <category id="{cid}"{parent_attr}>{cp1251_text(name)}</category>')
    lines += ["    </categories>", "    <offers>"]
    for listing in listings:
        lines += yml_offer(listing, ids)
    lines += ["    </offers>", "  </shop>", "</yml_catalog>", ""]
    return "\n".join(lines).encode("cp1251")


# ------------------------------------------------------------------ Google RSS (en_US)

def product_type(category: str) -> str:
    """`accessories/shawls` → `Accessories > Shawls`, the spec's product_type form."""
    return " > ".join(part.capitalize() for part in category.split("/"))


def gmc_item(listing: dict) -> list[str]:
    lid = listing["id"]
    lines = [
        "    <item>",
        f"      <g:id>{escape(lid)}</g:id>",
        f"      <title>{escape(listing['title']['en'])}</title>",
        f"      <description>{escape(listing['description']['en'])}</description>",
        f"      <link>{SITE}/en/catalog/{lid.lower()}</link>",
        f"      <g:image_link>{SITE}/img/{lid.lower()}.jpg</g:image_link>",
        f"      <g:price>{listing['prices']['USD']} USD</g:price>",
        "      <g:availability>in_stock</g:availability>",
        "      <g:condition>new</g:condition>",
    ]
    for key in ("brand", "gtin", "mpn"):
        if key in listing:
            lines.append(f"      <g:{key}>{escape(listing[key])}</g:{key}>")
    if "gtin" not in listing and "mpn" not in listing:
        lines.append("      <g:identifier_exists>no</g:identifier_exists>")
    lines += [
        f"      <g:product_type>{escape(product_type(listing['category']))}</g:product_type>",
        f"      <g:color>{escape(listing['attributes']['color'])}</g:color>",
        f"      <g:material>{escape(listing['attributes']['material'])}</g:material>",
        "    </item>",
    ]
    return lines


def render_us(listings: list[dict], demo: dict[str, dict]) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">',
        "  <channel>",
        "    <title>Fashion. Made in Russia</title>",
        f"    <link>{SITE}/en/</link>",
        "    <description>Shawls, valenki, coats, linen dresses, hats and jewellery made in Russia</description>",
    ]
    withdrawn = {after: lid for lid, after in PLANTED_US_ONLY.items()}
    for listing in listings:
        lines += gmc_item(listing)
        if listing["id"] in withdrawn:
            lines += gmc_item(demo[withdrawn[listing["id"]]])
    lines += ["  </channel>", "</rss>", ""]
    return "\n".join(lines).encode("utf-8")


# ------------------------------------------------------------------ Google TSV (de_DE)

def tsv_row(cells: list[str]) -> str:
    for cell in cells:
        if any(ch in cell for ch in "\t\r\n") or cell.startswith('"'):
            raise SystemExit(f"a TSV cell cannot hold {cell!r} unquoted")
    return "\t".join(cells)


def de_row(listing: dict, german: dict, title: str, price: str) -> str:
    lid = listing["id"]
    values = {
        "id": lid, "title": title, "description": german["description"],
        "link": f"{SITE}/de/catalog/{lid.lower()}", "image_link": f"{SITE}/img/{lid.lower()}.jpg",
        "availability": "in_stock", "condition": "new", "price": price,
        **{key: listing.get(key, "") for key in ("brand", "gtin", "mpn")},
    }
    return tsv_row([values[c] for c in DE_COLUMNS])


def render_de(listings: list[dict], german: dict[str, dict]) -> bytes:
    rows = [tsv_row([PLANTED_DE_HEADER.get(c, c) for c in DE_COLUMNS])]
    for listing in listings:
        lid = listing["id"]
        if lid in PLANTED_NOT_IN_DE:
            continue
        title = listing["title"]["en"] if lid in PLANTED_DE_TITLE_FROM_US else german[lid]["title"]
        rows.append(de_row(listing, german[lid], title, PLANTED_DE_PRICE.get(lid, german[lid]["price"])))
    by_id = {listing["id"]: listing for listing in listings}
    for lid, (title, price) in PLANTED_DE_REPEATED.items():
        rows.append(de_row(by_id[lid], german[lid], title, price))
    return ("\n".join(rows) + "\n").encode("utf-8")


# ------------------------------------------------------------------ comparables

def render_comparables(path: Path) -> bytes:
    """The demo's comparables, each category renamed to its path in the shop's tree."""
    names = {cid: name for cid, _, name, _ in CATEGORIES}
    paths = {demo: f"{names[parent]}/{name}" for cid, parent, name, demo in CATEGORIES if demo}
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    column = rows[0].index("category")
    for row in rows[1:]:
        row[column] = paths[row[column]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


# ------------------------------------------------------------------ main

def render() -> dict[str, bytes]:
    demo = {listing["id"]: listing for listing in load(DEMO / "catalog.yaml")["listings"]}
    german = load(FEEDS / "german.yaml")
    listings = [demo[lid] for lid in LISTINGS]
    if set(german) != set(LISTINGS):
        raise SystemExit(f"german.yaml must hold exactly the feeds' listings: "
                         f"missing {sorted(set(LISTINGS) - set(german))}, extra {sorted(set(german) - set(LISTINGS))}")
    return {
        "shop_ru.yml": render_yml(listings),
        "google_us.xml": render_us(listings, demo),
        "google_de.tsv": render_de(listings, german),
        "comparables.csv": render_comparables(DEMO / "comparables.csv"),
    }


def main(argv: list[str]) -> int:
    written = render()
    if "--check" in argv:
        stale = [name for name, data in written.items()
                 if not (FEEDS / name).is_file() or (FEEDS / name).read_bytes() != data]
        for name in stale:
            print(f"{FEEDS / name} is out of date: run python scripts/make_demo_feeds.py", file=sys.stderr)
        return 1 if stale else 0
    for name, data in written.items():
        (FEEDS / name).write_bytes(data)
        print(f"wrote {FEEDS / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
