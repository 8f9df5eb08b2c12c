"""Prices judged the way a buyer compares them: per unit, against the items most like the listing,
from any price source (a rival's Google feed, a Merchant Center benchmark export).

Catalogs and comparables here are written like the real cases that went wrong: 1 l
professional refills against 50 ml tubes, sets of 3 against single items, a seller's own
Russian category text against Google's taxonomy, one category lumping unlike products.
"""

from __future__ import annotations

import json

import pytest

RATES = 'date: 2026-11-20\nsource: Test Bank\nbase: USD\nrates: {RUB: "100", EUR: "0.5", AED: "3.6725", SAR: "3.75"}\n'
HEADER = "id,category,title,price,currency,gtin,brand,mpn\n"
# Hand creams in 50 ml tubes, 8.00–12.00 USD: 16–24 USD per 100 ml, median 20.00.
TUBES = [(f"T{k}", f"Hand cream {flavour} 50 ml", price) for k, (flavour, price) in enumerate(
    [("shea", "8.00"), ("rose", "9.00"), ("aloe", "10.00"), ("argan", "10.00"), ("lemon", "11.00"), ("oat", "12.00")])]


def comparables_csv(rows, category="beauty/hand cream"):
    return HEADER + "".join(f"{i},{category},{t},{p},USD,,,\n" for i, t, p in rows)


@pytest.fixture
def shop(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rates.yaml").write_text(RATES, encoding="utf-8")

    def check(listings: str, comparables: str | dict[str, str], config: str = "", select: str = "P"):
        files = comparables if isinstance(comparables, dict) else {"comparables.csv": comparables}
        for name, text in files.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
        names = ", ".join(files) if "comparables:" not in config else None
        (tmp_path / ".listing-lint.yaml").write_text(
            "source_locale: ru_RU\ntarget_locales: [en_US]\nrates: rates.yaml\n"
            + (f"comparables: [{names}]\n" if names else "") + config, encoding="utf-8")
        (tmp_path / "catalog.yaml").write_text("listings:\n" + listings, encoding="utf-8")
        result = cli("check", "--select", select, "--format", "json", "--exit-zero", "catalog.yaml")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return check


def one(findings, code=None):
    found = [f for f in findings if code is None or f["code"] == code]
    assert len(found) == 1, found
    return found[0]


def test_a_one_litre_refill_is_not_overpriced_against_50_ml_tubes(shop):
    # 1 l for 150.00 USD is 15.00 USD per 100 ml: cheaper per ml than any tube, though 15× a tube's price.
    refill = ('  - {id: R1, category: beauty/hand cream, title: {ru: "Крем для рук ши, 1 л", '
              'en: "Hand cream shea, professional refill 1 l"}, price: 15000 RUB, prices: {USD: 150.00}}\n')
    assert shop(refill, comparables_csv(TUBES)) == []


def test_a_tube_at_three_times_the_median_per_ml_is_overpriced_and_says_per_what(shop):
    tube = ('  - {id: R2, category: beauty/hand cream, title: {ru: "Крем для рук с розой, 50 мл", '
            'en: "Hand cream rose 50 ml"}, price: 3000 RUB, prices: {USD: 30.00}}\n')
    f = one(shop(tube, comparables_csv(TUBES)))
    assert f["code"] == "P001"
    assert f["message"].startswith("price 60.00 USD per 100 ml (50 ml for 30.00 USD) is 3.0× the median "
                                   "20.00 USD per 100 ml of 6 comparable items in beauty/hand cream")
    assert (f["data"]["per"], f["data"]["quantity"], f["data"]["item_price"]) == ("100 ml", "50 ml", "30.00")
    assert f["data"]["median"] == "20.00" and f["data"]["mad"] == "2.00"


def test_the_quantity_field_wins_over_the_title(shop):
    # The title says 50 ml, the seller's `quantity:` says it is the 500 ml bottle: judged per ml of 500.
    listing = ('  - {id: R3, category: beauty/hand cream, title: {ru: "Крем для рук, 50 мл", en: "Hand cream 50 ml"}, '
               'quantity: "500", unit: ml, price: 6000 RUB, prices: {USD: 60.00}}\n')
    assert shop(listing, comparables_csv(TUBES)) == []  # 12.00 USD per 100 ml


def test_a_set_of_three_is_judged_per_piece(shop):
    scarves = [(f"S{k}", f"Wool scarf {c}", p) for k, (c, p) in
               enumerate([("red", "20.00"), ("blue", "22.00"), ("grey", "24.00"), ("green", "26.00"), ("black", "28.00")])]
    fair = ('  - {id: SET-1, category: accessories/scarves, title: {ru: "Набор из 3 шерстяных шарфов", '
            'en: "Set of 3 wool scarves"}, price: 7200 RUB, prices: {USD: 72.00}}\n')
    assert shop(fair, comparables_csv(scarves, "accessories/scarves")) == []  # 24.00 USD a piece
    steep = fair.replace("SET-1", "SET-2").replace("7200 RUB", "16200 RUB").replace("72.00", "162.00")
    f = one(shop(steep, comparables_csv(scarves, "accessories/scarves")))
    assert f["code"] == "P001" and f["data"]["per"] == "piece" and f["data"]["quantity"] == "3 pieces"
    assert "price 54.00 USD per piece (3 pieces for 162.00 USD) is 2.3× the median 24.00 USD per piece" in f["message"]


def test_a_category_lumping_unlike_products_compares_like_with_like(shop):
    # One category of ice makers (300 USD) and sneakers (100 USD): a sneaker at 180 USD is
    # compared with sneakers, not found cheap or dear against the category's median.
    items = [(f"I{k}", f"Countertop ice maker {m}", "300.00") for k, m in enumerate("abcdef")]
    items += [(f"N{k}", f"Running sneakers {m}", p) for k, (m, p) in enumerate(
        zip("abcdef", ["90.00", "95.00", "100.00", "100.00", "105.00", "110.00"]))]
    sneaker = ('  - {id: K1, category: home/misc, title: {ru: "Кроссовки для бега", en: "Running sneakers x"}, '
               'price: 21000 RUB, prices: {USD: 210.00}}\n')
    f = one(shop(sneaker, comparables_csv(items, "home/misc")))
    assert f["code"] == "P001" and f["data"]["median"] == "100.00" and f["data"]["count"] == 6
    assert "whose titles are most like this one's" in f["message"]
    # An item like neither is not judged against the lumped category: P003 says why.
    kettle = sneaker.replace("K1", "K2").replace("Кроссовки для бега", "Чайник").replace("Running sneakers x", "Electric kettle")
    f = one(shop(kettle, comparables_csv(items, "home/misc")))
    assert f["code"] == "P003" and "in home/misc" in f["message"]


def test_a_seller_category_matching_no_comparable_category_is_matched_by_title(shop):
    google = "Apparel & Accessories > Clothing Accessories > Scarves & Shawls"
    items = [(f"G{k}", f"Silk scarf {c}", p) for k, (c, p) in
             enumerate([("red", "30.00"), ("blue", "32.00"), ("cream", "34.00"), ("green", "36.00"), ("navy", "38.00")])]
    listing = ('  - {id: SILK-1, category: "Платки/Шёлк", title: {ru: "Шёлковый платок", en: "Silk scarf, hand rolled"}, '
               'price: 12000 RUB, prices: {USD: 120.00}}\n')
    f = one(shop(listing, comparables_csv(items, google)))
    assert f["code"] == "P001" and f["data"]["level"] == "title"
    assert "as none are in Платки/Шёлк" in f["message"]
    # With the category mapped, it is judged within Google's category.
    mapped = shop(listing, comparables_csv(items, google), config=f'category_map: {{"Платки": "{google}"}}\n')
    f = one(mapped)
    assert f["data"]["level"] == "category" and "in apparel & accessories/clothing accessories/scarves & shawls" in f["message"]


def test_comparables_from_a_google_merchant_feed_judge_as_the_same_items_in_csv(shop):
    rows = [(f"G{k}", f"Wool shawl {c}", p) for k, (c, p) in
            enumerate([("red", "24.00"), ("blue", "25.00"), ("grey", "26.00"), ("green", "27.00"), ("black", "28.00"),
                       ("cream", "26.00")])]
    items = "".join(
        f"<item><g:id>{i}</g:id><title>{t}</title><g:price>{p} USD</g:price>"
        "<g:google_product_category>Apparel &amp; Accessories &gt; Shawls</g:google_product_category>"
        f"<link>https://rival.example/{i}</link></item>\n" for i, t, p in rows)
    rss = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">'
           f"<channel><title>Rival</title>\n{items}</channel></rss>\n")
    listings = ('  - {id: A1, category: "Apparel & Accessories > Shawls", title: {ru: "Платок", en: "Wool shawl"}, '
                'price: 9000 RUB, prices: {USD: 90.00}}\n'
                '  - {id: A2, category: "Apparel & Accessories > Shawls", title: {ru: "Красный платок", '
                'en: "Red wool shawl"}, price: 2600 RUB, prices: {USD: 26.00}}\n')
    from_feed = shop(listings, {"rival.xml": rss}, config="comparables: [{path: rival.xml, locale: en_US}]\n",
                     select="P001,P002,P003")
    from_csv = shop(listings, comparables_csv(rows, "Apparel & Accessories > Shawls"), select="P001,P002,P003")
    strip = lambda fs: [(f["code"], f["listing_id"], f["message"], f["data"]["comparables"]) for f in fs]  # noqa: E731
    assert strip(from_feed) == strip(from_csv) and [f["listing_id"] for f in from_feed] == ["A1"]


def test_a_merchant_center_price_benchmark_is_judged_against_alone(shop):
    report = ("offer_id,title,gtin,benchmark_price.amount_micros,benchmark_price.currency_code\n"
              "A1,Wool shawl,4607033184200,26500000,USD\n")
    listing = ('  - {id: A1, gtin: "4607033184200", title: {ru: "Платок", en: "Wool shawl"}, '
               'price: 9000 RUB, prices: {USD: 90.00}}\n')
    f = one(shop(listing, {"benchmarks.csv": report}))
    assert f["code"] == "P001" and f["data"]["level"] == "benchmark" and f["data"]["median"] == "26.50"
    assert "is 3.4× the price 26.50 USD other sellers ask against the Merchant Center price benchmark" in f["message"]


def test_variants_priced_alike_are_judged_once(shop):
    shawls = [(f"G{k}", f"Wool shawl {c}", p) for k, (c, p) in
              enumerate([("red", "24.00"), ("blue", "25.00"), ("grey", "26.00"), ("green", "27.00"), ("black", "28.00")])]
    sizes = "".join(f'  - {{id: "SH-{s}", group_id: SH, category: c/shawls, title: {{ru: "Платок", en: "Wool shawl {s}"}}, '
                    f'price: 9000 RUB, prices: {{USD: 90.00}}}}\n' for s in ("S", "M", "L"))
    f = one(shop(sizes, comparables_csv(shawls, "c/shawls")))
    assert f["listing_id"] == "SH-S" and f["data"]["variants"] == 3 and "for all 3 variants of SH" in f["message"]


def test_the_summary_says_how_many_prices_were_judged(shop, cli):
    shop('  - {id: A1, category: beauty/hand cream, title: {ru: "Крем", en: "Hand cream rose 50 ml"}, price: 1000 RUB}\n'
         '  - {id: A2, category: tools, title: {ru: "Молоток", en: "Hammer"}, price: 1000 RUB}\n', comparables_csv(TUBES))
    text = cli("check", "--select", "P", "catalog.yaml").stdout
    assert "Prices of 1 of 2 listings were judged against comparable items; 1 could not be (P003 says why)." in text


@pytest.mark.parametrize("attributes, title, expected", [
    ({"Объём": "50 мл"}, "Крем для рук с розой", ("volume", "50")),          # what is sold
    ({"Объём": "1,7 л"}, "Электрический чайник", None),                        # a kettle's capacity: one kettle
    ({"unit_pricing_measure": "750ml"}, "Red wine", ("volume", "750")),       # Merchant Center says so outright
    ({"color": "red"}, "Shampoo 250 ml", ("volume", "250")),                  # else the title
])
def test_a_feed_parameter_gives_the_quantity_unless_it_is_a_capacity(attributes, title, expected):
    from listing_lint.comparables.quantities import quantity_from

    found = quantity_from(None, None, attributes, [title], "ru_RU")
    assert (None if found is None else (found.dimension, str(found.amount))) == expected


@pytest.mark.parametrize("price, flagged", [("195.00 SAR", False), ("195.01 SAR", True)])
def test_exactly_twice_the_median_after_conversion_is_not_flagged(shop, price, flagged):
    # 195.00 SAR at 3.75 SAR per USD is exactly 52.00 USD, twice the median 26.00: not over it.
    # Multiplying by a rounded 1 / 3.75 gives 52.00000000000000000000000001, which was flagged.
    shawls = [(f"G{k}", f"Wool shawl {c}", p) for k, (c, p) in
              enumerate([("red", "22.00"), ("blue", "24.00"), ("grey", "26.00"), ("green", "28.00"), ("black", "30.00")])]
    listing = f'  - {{id: E1, category: c/shawls, title: {{ru: "Платок", en: "Wool shawl"}}, price: {price}}}\n'
    found = shop(listing, comparables_csv(shawls, "c/shawls"), select="P001")
    assert bool(found) == flagged, found
