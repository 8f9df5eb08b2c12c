"""Every reader's throughput on the same listings, next to the canonical YAML and CSV loaders.

    python benchmarks/reader_speed.py [--listings 20000] [--repeat 3]

The same N listings (id, Russian or English title and description, price, brand, gtin,
category) are written in each format the readers take; each file is read with
`load_file` (detection included, as a run does) and the best of `--repeat` runs is
printed as listings per second, with its ratio to the canonical YAML loader. The issue's
floor: no reader slower than the YAML loader (ratio ≥ 1.00).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr


def _items(n: int):
    for i in range(n):
        yield {
            "id": f"RU-{i:06d}",
            "ru": f"Павлопосадский платок «Роза» {i}, шерсть, 125×125 см",
            "en": f"Pavlovo Posad wool shawl Rose {i}, 125 x 125 cm",
            "desc_ru": f"<p>Платок из чистой шерсти с шёлковой бахромой, номер {i}.</p>",
            "price": f"{4500 + i % 900}.00",
            "usd": f"{48 + i % 20}.60",
            "gtin": f"{4607033184200 + i}",
            "brand": "Posad Heritage",
            "category": "Аксессуары/Платки",
        }


def _csv_cell(text: str, delimiter: str = ",") -> str:
    if any(c in text for c in (delimiter, '"', "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


def _table(header: list[str], rows, delimiter: str = ",") -> str:
    lines = [delimiter.join(header)]
    lines += [delimiter.join(_csv_cell(str(v), delimiter) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def write_all(n: int, d: Path) -> dict[str, tuple[Path, dict]]:
    items = list(_items(n))
    files: dict[str, tuple[Path, dict]] = {}
    ru = {"source_locale": "ru_RU"}

    lines = ["source_locale: ru_RU", "target_locales: [en_US]", "listings:"]
    for it in items:
        lines.append(f'  - {{id: {it["id"]}, category: "{it["category"]}", title: {{ru: "{it["ru"]}", en: "{it["en"]}"}}, '
                     f'description: {{ru: "{it["desc_ru"]}"}}, price: {it["price"]} RUB, prices: {{USD: {it["usd"]}}}, '
                     f'brand: {it["brand"]}, gtin: "{it["gtin"]}"}}')
    (d / "canonical.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    files["yaml"] = (d / "canonical.yaml", {})

    header = ["id", "category", "title.ru", "title.en", "description.ru", "price", "prices.USD", "brand", "gtin"]
    rows = [[it["id"], it["category"], it["ru"], it["en"], it["desc_ru"], f'{it["price"]} RUB', it["usd"],
             it["brand"], it["gtin"]] for it in items]
    (d / "canonical.csv").write_text(_table(header, rows), encoding="utf-8")
    files["csv"] = (d / "canonical.csv", {})

    offers = "\n".join(
        f'      <offer id={quoteattr(it["id"])} available="true">\n'
        f'        <name>{escape(it["ru"])}</name>\n'
        f'        <description><![CDATA[{it["desc_ru"]}]]></description>\n'
        f'        <price>{it["price"]}</price>\n        <currencyId>RUR</currencyId>\n'
        f'        <categoryId>2</categoryId>\n        <vendor>{it["brand"]}</vendor>\n'
        f'        <barcode>{it["gtin"]}</barcode>\n      </offer>' for it in items)
    yml = ('<?xml version="1.0" encoding="windows-1251"?>\n<!DOCTYPE yml_catalog SYSTEM "shops.dtd">\n'
           '<yml_catalog date="2026-11-20 10:00">\n  <shop>\n    <name>Shop</name>\n'
           '    <currencies><currency id="RUR" rate="1"/></currencies>\n'
           '    <categories>\n      <category id="1">Аксессуары</category>\n'
           '      <category id="2" parentId="1">Платки</category>\n    </categories>\n'
           f'    <offers>\n{offers}\n    </offers>\n  </shop>\n</yml_catalog>\n')
    (d / "shop.yml.xml").write_bytes(yml.encode("cp1251", "xmlcharrefreplace"))  # × becomes &#215;
    files["yml"] = (d / "shop.yml.xml", ru)

    entries = "\n".join(
        f'    <item>\n      <g:id>{it["id"]}</g:id>\n      <title>{escape(it["en"])}</title>\n'
        f'      <description>{escape(it["desc_ru"])}</description>\n      <link>https://shop.example/{it["id"]}</link>\n'
        f'      <g:price>{it["usd"]} USD</g:price>\n      <g:brand>{it["brand"]}</g:brand>\n'
        f'      <g:gtin>{it["gtin"]}</g:gtin>\n      <g:condition>new</g:condition>\n    </item>' for it in items)
    rss = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n'
           f'  <channel>\n    <title>Shop</title>\n    <link>https://shop.example</link>\n{entries}\n  </channel>\n</rss>\n')
    (d / "google.xml").write_text(rss, encoding="utf-8")
    files["gmc-xml"] = (d / "google.xml", {"source_locale": "en_US"})

    header = ["id", "title", "description", "link", "price", "brand", "gtin", "condition"]
    rows = [[it["id"], it["en"], it["desc_ru"], f'https://shop.example/{it["id"]}', f'{it["usd"]} USD', it["brand"],
             it["gtin"], "new"] for it in items]
    (d / "google.tsv").write_text(_table(header, rows, "\t"), encoding="utf-8")
    files["gmc-tsv"] = (d / "google.tsv", {"source_locale": "en_US"})

    header = ["Handle", "Title", "Body (HTML)", "Vendor", "Type", "Published", "Option1 Name", "Option1 Value",
              "Variant SKU", "Variant Price", "Variant Barcode", "Status"]
    rows = [[f"shawl-{it['id'].lower()}", it["en"], it["desc_ru"], it["brand"], "Shawls", "TRUE", "Title",
             "Default Title", it["id"], it["usd"], it["gtin"], "active"] for it in items]
    (d / "shopify.csv").write_text(_table(header, rows), encoding="utf-8")
    files["shopify"] = (d / "shopify.csv", {"source_locale": "en_US", "currency": "USD"})

    header = ["ID", "Type", "SKU", "Name", "Published", "Short description", "Description", "Regular price",
              "Categories"]
    rows = [[str(i + 1), "simple", it["id"], it["en"], "1", "", it["desc_ru"], it["usd"], "Accessories > Shawls"]
            for i, it in enumerate(items)]
    (d / "woo.csv").write_text(_table(header, rows), encoding="utf-8")
    files["woocommerce"] = (d / "woo.csv", {"source_locale": "en_US", "currency": "USD"})

    header = ["Артикул*", "Название товара", "Цена, руб.*", "Бренд", "Штрихкод"]
    # cp1251 has no ×: a Russian Excel export writes the letter x.
    rows = [[it["id"], it["ru"].replace("×", "x"), it["price"].replace(".", ","), it["brand"], it["gtin"]] for it in items]
    (d / "mapped.csv").write_bytes(_table(header, rows, ";").encode("cp1251"))
    columns = {"Артикул*": "id", "Название товара": "title", "Цена, руб.*": "price", "Бренд": "brand", "Штрихкод": "gtin"}
    files["table (cp1251, column map)"] = (d / "mapped.csv", {**ru, "columns": columns, "currency": "RUB"})

    products = [{"id": i, "handle": f"shawl-{it['id'].lower()}", "title": it["en"], "body_html": it["desc_ru"],
                 "vendor": it["brand"], "product_type": "Shawls",
                 "variants": [{"id": 10 * i, "sku": it["id"], "price": it["usd"], "barcode": it["gtin"]}]}
                for i, it in enumerate(items)]
    (d / "products.json").write_text(json.dumps({"products": products}, ensure_ascii=False, indent=1), encoding="utf-8")
    files["json (Shopify API)"] = (d / "products.json", {"source_locale": "en_US", "currency": "USD"})

    try:
        from openpyxl import Workbook
    except ImportError:
        return files
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Товары")
    sheet.append(["Шаблон для загрузки товаров"])
    sheet.append(list(columns))
    for it in items:
        sheet.append([it["id"], it["ru"], float(it["price"]), it["brand"], it["gtin"]])  # a workbook stores doubles
    book.save(d / "ozon.xlsx")
    files["table (xlsx, column map)"] = (d / "ozon.xlsx", {**ru, "columns": columns, "currency": "RUB"})
    return files


def main() -> None:
    from listing_lint.loaders import load_file
    from listing_lint.loaders.reader import ReadSettings

    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = write_all(args.listings, Path(tmp))
        baseline = None
        print(f"{args.listings} listings per file, best of {args.repeat}:")
        for label, (path, settings) in files.items():
            options = ReadSettings(columns=settings.get("columns", {}), currency=settings.get("currency"),
                                   locale=settings.get("source_locale"))
            best = float("inf")
            for _ in range(args.repeat):
                start = time.perf_counter()
                catalog = load_file(path, options)
                best = min(best, time.perf_counter() - start)
            assert len(catalog.listings) == args.listings, (label, len(catalog.listings))
            rate = args.listings / best
            baseline = baseline or rate
            print(f"  {label:28s} {catalog.format:12s} {rate:10,.0f} listings/s  ({rate / baseline:.2f}× YAML)")


if __name__ == "__main__":
    main()
