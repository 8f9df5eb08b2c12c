"""The quantity parser: what titles, descriptions and fields say a listing sells, and what they do not.

Table-driven: (text, dimension, amount) with amount in the base unit (ml, g, pieces) as a string,
and (text, None, None) for texts that state no quantity or state it unclearly. A false alarm
(a size read as a quantity) costs more than a miss, so the negative cases matter as much.
"""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal

import pytest

from listing_lint import quantity as Q
from listing_lint.quantity import Quantity, quantities_in_text, quantity_in_text, quantity_of_value

V, M, C = "volume", "mass", "count"
FL_OZ = Decimal("29.5735295625")
OZ = Decimal("28.349523125")
LB = Decimal("453.59237")

CASES = [
    # --- ru ---------------------------------------------------------------------------------
    ("Крем для рук 50 мл", V, "50"),
    ("Крем для рук 50мл", V, "50"),
    ("Вода питьевая 1 л", V, "1000"),
    ("Масло подсолнечное 1,5 л", V, "1500"),
    ("Масло подсолнечное 1.5 л", V, "1500"),
    ("Шампунь 1 000 мл", V, "1000"),
    ("Шампунь 1\u00a0000\u00a0мл", V, "1000"),
    ("Сок 0,2 л", V, "200"),
    ("Вода 5 литров", V, "5000"),
    ("Гречка 100 г", M, "100"),
    ("Гречка 100г", M, "100"),
    ("Мука 2,5 кг", M, "2500"),
    ("Сахар 1 кг", M, "1000"),
    ("Чай 100 гр.", M, "100"),
    ("Конфеты 250 грамм", M, "250"),
    ("Витамин C 500 мг", M, "0.5"),
    ("Носки 3 шт", C, "3"),
    ("Носки 3 шт.", C, "3"),
    ("Носки 3шт", C, "3"),
    ("Полотенца набор из 3", C, "3"),
    ("Полотенца, набор 3 шт", C, "3"),
    ("Салфетки 10 шт. в упаковке", C, "10"),
    ("Крем 1 шт", C, "1"),
    ("Носки мужские, 5 пар", C, "5"),
    ("Пиво 6 банок", C, "6"),
    ("Пиво 6 банок по 0,5 л", V, "3000"),
    ("Набор из 3 кремов по 50 мл", V, "150"),
    ("Пиво 0,5 л х 6 шт", V, "3000"),  # Cyrillic х
    ("Крем 2 х 50 мл", V, "100"),
    ("Крем 3 шт × 50 мл", V, "150"),
    ("Крем 50 мл, 1 шт", V, "50"),
    ("Торт 1,5 кг (1500 г)", M, "1500"),
    ("Масло 1 л / 1000 мл", V, "1000"),
    ("Шампунь 2 в 1 250 мл", V, "250"),
    ("Кофе 3 в 1, 20 пакетиков", C, "20"),
    ("Вес нетто 500 г", M, "500"),
    ("Масса нетто: 200 г. Энергетическая ценность на 100 г: 250 ккал", M, "200"),
    ("Подгузники 4 размер 9-14 кг 66 шт", C, "66"),  # a range is never what is sold
    ("Туалетная бумага 2-слойная 4 рулона", C, "4"),
    ("Пиво светлое 4,5% 0,5 л", V, "500"),
    ("Шоколад 90 г x 20 шт", M, "1800"),
    ("Гантели 2 x 5 кг", M, "10000"),
    ("Моторное масло 5W-30 4 л", V, "4000"),
    ("Упаковка: 12 банок по 330 мл. Срок годности 12 месяцев. Хранить при t от 0 до 25 °C.", V, "3960"),
    ("Каждая упаковка содержит 10 пакетиков по 2 г. Вес нетто 20 г.", M, "20"),
    ("Плед 125×125 см", None, None),
    ("Размер 50х70 см", None, None),
    ("Рост 180 см", None, None),
    ("Платье размер 42", None, None),
    ("Павлопосадский платок, 4500 руб", None, None),
    ("Коллекция 2024 г.", None, None),
    ("Зима 2023г", None, None),
    ("Бумага А4 80 г/м2", None, None),
    ("Кастрюля на 3 л", None, None),
    ("Крышка для 3 л банки", None, None),
    ("Шампунь для волос 250 мл", V, "250"),
    ("Мотор 150 л.с.", None, None),
    ("Нагрузка до 120 кг", None, None),
    ("Заказ от 10 шт", None, None),
    ("Крем 50/100 мл", None, None),
    ("Доза 1-2 г", None, None),
    ("Чай 40 г, 20 пакетиков", None, None),  # 20 × 2 g or 20 × 40 g: unclear
    ("Вес упаковки 200 г", None, None),
    ("Крем 50 мл и лосьон 100 мл", None, None),
    ("Мёд 500 г (400 мл)", None, None),
    ("Смартфон 6/128 ГБ", None, None),
    ("Пауэрбанк 10000 мАч", None, None),
    ("Шапка, обхват 56-58 см", None, None),
    ("Павлопосадский платок, шерсть", None, None),
    # what a container or an appliance holds or carries is not what is sold
    ("Кружка 300 мл", None, None),
    ("Термос 1 л", None, None),
    ("Чайник электрический 1,7 л", None, None),
    ("Рюкзак 30 л", None, None),
    ("Холодильник 300 л", None, None),
    ("Стиральная машина, загрузка 7 кг", None, None),
    ("Бутылка для воды 0,5 л", None, None),
    ("Вода в бутылке 0,5 л", V, "500"),
    ("Суп в кружке 30 г", M, "30"),
    ("Шампунь 2 в 1", None, None),
    # --- en ---------------------------------------------------------------------------------
    ("Hand cream 300ml", V, "300"),
    ("Shampoo 750 ML", V, "750"),
    ("Cola 0.33 L", V, "330"),
    ("Water 1.5 l", V, "1500"),
    ("Water 1.5 liters", V, "1500"),
    ("Lotion 2 x 50 ml", V, "100"),
    ("Lotion 2x50ml", V, "100"),
    ("Lotion 50 ml x 2", V, "100"),
    ("Lotion 50mlx2", V, "100"),
    ("Beer 6 × 330 ml", V, "1980"),
    ("Coca-Cola 24 × 330 ml", V, "7920"),
    ("Coca-Cola 24 × 330 ml (24 cans)", V, "7920"),
    ("Shampoo 12 fl oz", V, str(12 * FL_OZ)),
    ("Shampoo 12 fl. oz.", V, str(12 * FL_OZ)),
    ("Shampoo 12 FL OZ", V, str(12 * FL_OZ)),
    ("Milk 1 gallon", V, "3785.411784"),
    ("Coke 12 fl oz (355 ml)", V, "355"),
    ("Perfume 3.4 oz / 100 ml", V, "100"),  # a bare oz beside millilitres is a fluid ounce
    ("Coca-Cola, 12 fl oz (Pack of 12)", V, str(144 * FL_OZ)),
    ("Pepsi 6-pack 330 ml", V, "1980"),
    ("Sparkling water, Pack of 6, 500 ml", V, "3000"),
    ("Cola 330 ml cans, 24 pack", V, "7920"),
    ("Perfume 50 ml + 15 ml gift", V, "65"),
    ("Shampoo 250 ml + Conditioner 200 ml", V, "450"),
    ("Set of 3 creams, 50 ml each", V, "150"),
    ("Pack of 2 bottles of 500 ml", V, "1000"),
    ("Chanel No 5 50 ml", V, "50"),
    ("Chanel №5 50 ml", V, "50"),
    ("Sunscreen SPF 50 50 ml", V, "50"),
    ("Nutella 2 x 750 g + 1 x 350 g", M, "1850"),
    ("Chips 200g", M, "200"),
    ("Raffaello 150g", M, "150"),
    ("RAFFAELLO 150 GR", M, "150"),
    ("Flour 2.5 kg", M, "2500"),
    ("Flour 2.5kg", M, "2500"),
    ("Pasta 500 gr", M, "500"),
    ("Nuts 250 grams", M, "250"),
    ("Coffee 16 oz", M, str(16 * OZ)),
    ("Coffee 1 lb", M, str(LB)),
    ("Coffee 2 lbs", M, str(2 * LB)),
    ("Net wt. 16 oz (454 g)", M, "454"),
    ("Chips 3 x 100g", M, "300"),
    ("Sugar 1 kg x 10", M, "10000"),
    ("Chocolate 100g x 3 pcs", M, "300"),
    ("Saffron 5g", M, "5"),
    ("Towels set of 3", C, "3"),
    ("Socks 3-pack", C, "3"),
    ("Cola pack of 6", C, "6"),
    ("Beer 6 pack", C, "6"),
    ("Brushes 12 pcs", C, "12"),
    ("Brushes 12pcs", C, "12"),
    ("Brushes 12 pieces", C, "12"),
    ("AA batteries x12", C, "12"),
    ("Cola × 12", C, "12"),
    ("Men's socks, 6 Pair", C, "6"),
    ("Vitamins, 60 Count", C, "60"),
    ("Paper towels 6 rolls", C, "6"),
    ("A4 paper 80 g/m², 500 sheets", C, "500"),
    ("Box of 12", C, "12"),
    ("iPhone 15 case, 2 pcs", C, "2"),
    ("Motor oil 5W-30, 5 quart", V, "4731.76473"),
    ("Coca-Cola 330 ml can x 24", V, "7920"),
    ("Pack contains 6 bottles, 500 ml each", V, "3000"),
    ("Tea 25 bags × 2 g", M, "50"),
    ("Pack of 2, 16 oz", M, str(32 * OZ)),
    ("Pampers Size 4, 120 Count", C, "120"),
    ("Blanket 89 x 89 cm", None, None),
    ("Fits dogs up to 30 lb", None, None),
    ("Engine oil 1 l for 2.0 l engine", V, "1000"),
    ("Dress XL", None, None),
    ("Shoes EU 38", None, None),
    ("Case for iPhone 15", None, None),
    ("Samsung Galaxy S23 5G", None, None),
    ("TV 4K UHD 55 inch", None, None),
    ("Camera 1080p", None, None),
    ("USB 3.0 hub", None, None),
    ("Shampoo 2 in 1", None, None),
    ("5G router", None, None),
    ("Router 5g wifi", None, None),
    ("T-shirt 100% cotton", None, None),
    ("Sunscreen SPF 50", None, None),
    ("24K gold plated ring", None, None),
    ("925 silver ring", None, None),
    ("Apple Watch Series 7", None, None),
    ("Apple Watch Series 7 45 mm", None, None),
    ("Calendar 2024", None, None),
    ("Part PH-1250-RS", None, None),
    ("Chanel №5", None, None),
    ("Dress x-small", None, None),
    ("Battery life 12h", None, None),
    ("Support 24/7", None, None),
    ("Charger 220 V", None, None),
    ("Heater 1000 W", None, None),
    ("Power bank 10000 mAh", None, None),
    ("SSD 256 GB", None, None),
    ("Cable 1.5 m", None, None),
    ("Drill bit 3 mm", None, None),
    ("50% off", None, None),
    ("Rated 4.8/5 stars", None, None),
    ("Xiaomi 8G+128G", None, None),
    ("Lid for 3 l jar", None, None),
    ("Backpack, load up to 5 kg", None, None),
    ("Cream 50-100 ml", None, None),
    ("Cream 30 ml or 50 ml", None, None),
    ("Tea 40 g, 20 bags", None, None),
    ("Vitamin C 500 mg, 60 capsules", None, None),
    ("Cola 24 330 ml", None, None),  # 24 cans of 330 ml, or a model number? unclear
    ("Energy per 100 g: 500 kcal", None, None),
    ("Shipping weight 1.2 kg", None, None),
    ("Diamond ring 1 ct", None, None),
    ("Leather Series 7 bag", None, None),
    ("Kit PCIe x16", None, None),
    ("Photo frame 10 x 15 cm", None, None),
    ("Buy 2 get 1 free", None, None),
    ("Shampoo 250 ml, conditioner 200 ml", None, None),
    ("Espresso machine 15 bar", None, None),
    ("Nike Air Max 270", None, None),
    ("2 piece swimsuit", None, None),
    ("Women 2XL dress", None, None),
    ("Bottle 1,5 x 2 l", None, None),
    ("Lotion 50 ml, 2 pcs", None, None),  # a count beside a volume without a multipack's sign
    ("Set of 3, 50 ml", None, None),  # three of 50 ml, or 50 ml in all?
    ("Water bottle 750 ml", None, None),
    ("Travel mug 350 ml", None, None),
    ("Kettle 1.7 l, 2200 W", None, None),
    ("Mugshot 50 ml", V, "50"),  # `mug` only as a whole word
    ("Max load 5 kg", None, None),
    ("Download 5 kg", M, "5000"),
    # --- de ---------------------------------------------------------------------------------
    ("Wasser 1,5 Liter", V, "1500"),
    ("Milch 5 dl", V, "500"),
    ("Bier 6er Pack", C, "6"),
    ("Bier 6er-Pack", C, "6"),
    ("Gläser 6er-Set", C, "6"),
    ("Gläser Set mit 3", C, "3"),
    ("Packung mit 10", C, "10"),
    ("Handtücher 3 Stück", C, "3"),
    ("Kapseln 30 Stk.", C, "30"),
    ("Socken 5 Paar", C, "5"),
    ("Shampoo 3 Stück je 50 ml", V, "150"),
    ("Wasser 6 Flaschen à 0,5 l", V, "3000"),
    ("Bier 6 x 0,5 l", V, "3000"),
    ("Bier 0,5 l 6er Pack", V, "3000"),
    ("Cola Dosen 24 x 0,33 l", V, "7920"),
    ("Kaffee 500 Gramm", M, "500"),
    ("Zucker 1 Kilogramm", M, "1000"),
    ("Gewicht ca. 500 g", M, "500"),
    ("Größe 42", None, None),
    ("Tisch 120 x 80 cm", None, None),
    ("Rabatt ab 3 Stück", None, None),
    ("Versandgewicht 2 kg", None, None),
    ("Nährwerte je 100 g", None, None),
    # --- fr ---------------------------------------------------------------------------------
    ("Eau minérale 1 litre", V, "1000"),
    ("Vin rouge 75 cl", V, "750"),
    ("Lait 2 litres", V, "2000"),
    ("Crème visage 50 ml", V, "50"),
    ("Chocolat 200 grammes", M, "200"),
    ("Chaussettes lot de 3", C, "3"),
    ("Serviettes 12 pièces", C, "12"),
    ("Coffret de 4", C, "4"),
    ("Lot de 3 flacons de 100 ml", V, "300"),
    ("Lot de 6 x 33 cl", V, "1980"),
    ("Pack de 6 bouteilles de 1,5 l", V, "9000"),
    ("Taille 38", None, None),
    ("Table 120 x 60 cm", None, None),
    ("Crème de jour 24h", None, None),
    # --- es ---------------------------------------------------------------------------------
    ("Agua 2 litros", V, "2000"),
    ("Aceite de oliva 1 litro", V, "1000"),
    ("Café 250 gramos", M, "250"),
    ("Arroz 1 kilo", M, "1000"),
    ("Servilletas paquete de 6", C, "6"),
    ("Juego de 3 sartenes", C, "3"),
    ("Toallas 4 unidades", C, "4"),
    ("Set de 3 piezas", C, "3"),
    ("2 botellas de 1 litro", V, "2000"),
    ("Pack de 6 latas de 330 ml", V, "1980"),
    ("Crema 24 horas de 50 ml", V, "50"),
    ("Talla M", None, None),
    ("Mesa 90 x 90 cm", None, None),
    ("Envío desde 2 kg", None, None),
    # --- zh ---------------------------------------------------------------------------------
    ("可乐 330 毫升", V, "330"),
    ("矿泉水 1升", V, "1000"),
    ("矿泉水 1.5升", V, "1500"),
    ("护手霜 50ml", V, "50"),
    ("全新升级 2升", V, "2000"),
    ("矿泉水 １．５Ｌ", V, "1500"),  # fullwidth
    ("大米 500 克", M, "500"),
    ("大米 1 千克", M, "1000"),
    ("大米 1 公斤", M, "1000"),
    ("大米 2斤", M, "1000"),
    ("大米 五斤装", M, "2500"),
    ("啤酒 24罐", C, "24"),
    ("床品 3件", C, "3"),
    ("面膜 5片", C, "5"),
    ("饮料 6瓶", C, "6"),
    ("床品三件套", C, "3"),
    ("两瓶装", C, "2"),
    ("十片装面膜", C, "10"),
    ("面膜 10片装 25ml", V, "250"),  # ten 25 ml masks
    ("可乐 330ml*24罐", V, "7920"),
    ("2瓶装 500ml", V, "1000"),
    ("牛奶 250ml×12盒", V, "3000"),
    ("薯片 100g*3袋", M, "300"),
    ("钻石 1克拉", None, None),
    ("第2件半价", None, None),
    ("满2件减10元", None, None),
    ("2件8折", None, None),
    ("3件起批", None, None),
    ("一件代发", None, None),
    ("会员3个月", None, None),
    ("8G+128G 手机", None, None),
    ("每100克含能量 2000千焦", None, None),
    ("面霜 50~100ml", None, None),
    ("买2送1", None, None),
    ("尺寸 30x40cm", None, None),
    ("保温杯 500ml", None, None),
    ("不锈钢保温杯 500ml", None, None),
    ("火锅底料 500g", M, "500"),  # a hot-pot soup base: the pot word holds no mass
    ("买一送一", None, None),
    # --- ja ---------------------------------------------------------------------------------
    ("お茶 2L×6本", V, "12000"),
    ("ミネラルウォーター 500ml×24本", V, "12000"),
    ("ビール 350ml×6缶", V, "2100"),
    ("お茶 500mlペットボトル×24本", V, "12000"),
    ("化粧水 ２００ｍｌ", V, "200"),
    ("お米 5kg", M, "5000"),
    ("お米 5キロ", M, "5000"),
    ("ハンドクリーム 50g", M, "50"),
    ("マスク 50枚入", C, "50"),
    ("タオル 3枚セット", C, "3"),
    ("電池 12個入り", C, "12"),
    ("ボールペン 10本", C, "10"),
    ("靴下 3足セット", C, "3"),
    ("大きいサイズ 3L レディース", None, None),
    ("2個目半額", None, None),
    ("ランニング 5キロメートル", None, None),
    ("水筒 500ml", None, None),
    # --- ar ---------------------------------------------------------------------------------
    ("عطر ٥٠ مل", V, "50"),
    ("عطر ۵۰ مل", V, "50"),  # Persian digits
    ("زيت 1 لتر", V, "1000"),
    ("عصير ١٫٥ لتر", V, "1500"),
    ("عصير 6 × 200 مل", V, "1200"),
    ("أرز 500 غ", M, "500"),
    ("أرز 500 غرام", M, "500"),
    ("قهوة ٢٥٠ جرام", M, "250"),
    ("أرز 1 كغ", M, "1000"),
    ("أرز 1 كجم", M, "1000"),
    ("مناديل ١٢ قطعة", C, "12"),
    ("مجموعة من 3", C, "3"),
    ("مقاس 42", None, None),
    ("طاولة 120 × 60 سم", None, None),
    # --- empty and odd ----------------------------------------------------------------------
    ("", None, None),
    ("   ", None, None),
    ("0 ml", None, None),
    ("12345678901234567890 ml", None, None),
]


@pytest.mark.parametrize(("text", "dimension", "amount"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_quantity_in_text(text, dimension, amount):
    q = quantity_in_text(text)
    if dimension is None:
        assert q is None, f"{text!r} read as {q}"
        return
    assert q is not None, f"{text!r} not read"
    assert (q.dimension, q.amount) == (dimension, Decimal(amount))
    assert isinstance(q.amount, Decimal)
    assert "E" not in str(q.amount)  # plain, never 1.5E+3
    assert q.amount > 0
    assert text[q.start:q.end] == q.text and q.text.strip() == q.text and q.text


def test_the_table_is_wide():
    assert len(CASES) >= 150
    assert sum(1 for c in CASES if c[1] is None) >= 60


SPANS = [
    ("Крем для рук, 2 x 50 мл", "2 x 50 мл"),
    ("Пиво 6 банок по 0,5 л, светлое", "6 банок по 0,5 л"),
    ("Набор из 3 кремов по 50 мл", "Набор из 3 кремов по 50 мл"),
    ("Perfume 50 ml + 15 ml gift", "50 ml + 15 ml"),
    ("Cola 330ml*24罐 整箱", "330ml*24罐"),
    ("Towels, set of 3, cotton", "set of 3"),
    ("عطر ٥٠ مل", "٥٠ مل"),
    ("化粧水 ２００ｍｌ", "２００ｍｌ"),
    ("Шампунь 1\u00a0000\u00a0мл", "1\u00a0000\u00a0мл"),
    ("Coke 12 fl oz (355 ml)", "355 ml"),
]


@pytest.mark.parametrize(("text", "span"), SPANS)
def test_the_span_is_the_text_as_written(text, span):
    q = quantity_in_text(text)
    assert q.text == span
    assert text[q.start:q.end] == span


LOCALES = [
    ("Mehl 1.000 g", "de_DE", M, "1000"),
    ("Mehl 1.000 g", "de", M, "1000"),
    ("Flour 1,000 g", "en_US", M, "1000"),
    ("Flour 1,000 g", "en-GB", M, "1000"),
    ("Мука 1,250 кг", "ru_RU", M, "1250"),
    ("Tea 1.500 kg", "en", M, "1500"),
    ("Sugar 1,000 pcs", "en", C, "1000"),
    ("Вода 0,330 л", None, V, "330"),  # a leading zero is never a thousands group
    ("Tea 1.500 kg", None, None, None),  # 1.5 or 1500: unclear without a locale
    ("Flour 1,000 g", None, None, None),
    ("Sugar 1,000 pcs", None, None, None),
]


@pytest.mark.parametrize(("text", "locale", "dimension", "amount"), LOCALES)
def test_a_single_mark_before_three_digits_is_read_by_the_locale(text, locale, dimension, amount):
    q = quantity_in_text(text, locale)
    if dimension is None:
        assert q is None
    else:
        assert (q.dimension, q.amount) == (dimension, Decimal(amount))


VALUES = [
    ("750ml", None, V, "750"),
    ("1.5 l", None, V, "1500"),
    ("100g", None, M, "100"),
    ("1kg", None, M, "1000"),
    ("12ct", None, C, "12"),
    ("12 ct", None, C, "12"),
    ("16floz", None, V, str(16 * FL_OZ)),
    ("16 oz", None, M, str(16 * OZ)),
    ("1 qt", None, V, "946.352946"),
    ("2 pt", None, V, "946.352946"),
    ("24 шт", None, C, "24"),
    ("0,5 кг", None, M, "500"),
    ("2 x 50 ml", None, V, "100"),
    ("50", "мл", V, "50"),
    ("0,5", "л", V, "500"),
    ("0.5", "L", V, "500"),
    ("6", "шт", C, "6"),
    ("6", "шт.", C, "6"),
    ("200", "г", M, "200"),
    ("1.5", "kg", M, "1500"),
    ("3", "pcs", C, "3"),
    ("12", "ct", C, "12"),
    ("1 000", "мл", V, "1000"),
    ("٥٠", "مل", V, "50"),
    ("50 мл", "мл", V, "50"),  # the value carries its unit too
    ("XL", None, None, None),
    ("42", None, None, None),
    ("5G", None, None, None),
    ("256 GB", None, None, None),
    ("1,5", "шт", None, None),  # no half pieces
    ("abc", "мл", None, None),
    ("50", "см", None, None),
    ("0", "мл", None, None),
    ("", None, None, None),
    (None, None, None, None),
    ("50", "", None, None),
]


@pytest.mark.parametrize(("value", "unit", "dimension", "amount"), VALUES)
def test_quantity_of_value(value, unit, dimension, amount):
    q = quantity_of_value(value, unit)
    if dimension is None:
        assert q is None, q
        return
    assert (q.dimension, q.amount) == (dimension, Decimal(amount))
    if unit and not re.search(r"[^\d., ]", value):  # a number with its unit apart
        assert (q.start, q.end) == (-1, -1)
        assert q.text == f"{value} {unit}"
    else:
        assert value[q.start:q.end] == q.text


def test_a_field_value_is_read_in_its_locale():
    assert quantity_of_value("1.000", "g", "de").amount == 1000
    assert quantity_of_value("1.000", "g", "en").amount == 1
    assert quantity_of_value("1.000", "g") is None


# --- Quantity: unit prices and words --------------------------------------------------------

def test_unit_price_is_per_100_ml_per_kg_per_piece_exactly():
    assert Quantity(V, Decimal(50), "50 ml").unit_price(Decimal("4.50")) == Decimal("9.00")
    assert Quantity(M, Decimal(250), "250 g").unit_price(Decimal("3.00")) == Decimal("12.00")
    assert Quantity(C, Decimal(3), "3 шт").unit_price(Decimal("300")) == Decimal("100")
    pound = quantity_in_text("Coffee 1 lb")
    assert pound.unit_price(Decimal("453.59237")) == Decimal(1000)  # no rounding anywhere
    cola = quantity_in_text("Cola 24 × 330 ml")
    assert cola.unit_price(Decimal("1584")) == Decimal(20)


def test_unit_price_takes_no_float():
    with pytest.raises(TypeError):
        Quantity(V, Decimal(50), "50 ml").unit_price(4.5)


@pytest.mark.parametrize(("text", "dimension", "amount"), [c for c in CASES if c[1] is not None][::7])
def test_unit_price_times_the_amount_gives_the_price_back(text, dimension, amount):
    q = quantity_in_text(text)
    price = Decimal("1234.56")
    per = {V: Decimal(100), M: Decimal(1000), C: Decimal(1)}[dimension]
    back = q.unit_price(price) * q.amount / per
    assert isinstance(q.unit_price(price), Decimal)
    assert abs(back - price) < Decimal("1e-20")


@pytest.mark.parametrize(("text", "per", "shown"), [
    ("Water 1.5 l", "100 ml", "1.5 l"),
    ("Cream 50 ml", "100 ml", "50 ml"),
    ("Cola 24 × 330 ml", "100 ml", "7.92 l"),
    ("Shampoo 16 fl oz", "100 ml", "473.18 ml"),
    ("Flour 2.5 kg", "kg", "2.5 kg"),
    ("Chips 250 g", "kg", "250 g"),
    ("Vitamin 500 mg", "kg", "500 mg"),
    ("Socks 3 pcs", "piece", "3 pieces"),
    ("Крем 1 шт", "piece", "1 piece"),
])
def test_per_and_shown(text, per, shown):
    q = quantity_in_text(text)
    assert (q.per, q.shown) == (per, shown)


def test_quantities_are_frozen_and_compare_by_value():
    q = quantity_in_text("Крем 50 мл")
    assert q == Quantity(V, Decimal(50), "50 мл", 5, 10)
    with pytest.raises(AttributeError):
        q.amount = Decimal(1)  # type: ignore[misc]


def test_quantities_in_text_lists_each_mention():
    found = quantities_in_text("Крем 50 мл и лосьон 100 мл")
    assert [(q.dimension, q.amount, q.text) for q in found] == [(V, 50, "50 мл"), (V, 100, "100 мл")]
    assert quantities_in_text("Платье размер 42") == []
    assert quantities_in_text(None) == []


# --- speed and linear time, without timing anything ----------------------------------------

def test_a_text_without_a_numeral_is_done_after_one_search(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("tokenized a text with no digit")

    monkeypatch.setattr(Q, "_tokens", fail)
    for text in ("Павлопосадский платок, шерсть", "Women's summer dress", "女士 连衣裙", "فستان نسائي", None, ""):
        assert quantity_in_text(text) is None


def _unbounded_nested_repeats(pattern: re.Pattern) -> list[str]:
    """Unbounded backtracking repeats inside unbounded backtracking repeats: the shape of
    catastrophic backtracking. Possessive repeats and atomic groups do not backtrack."""
    from re import _constants as c  # noqa: PLC2701 (the parser Python's own `re` uses)
    from re import _parser

    found: list[str] = []

    def walk(items, inside: bool) -> None:
        for op, av in items:
            if op in (c.MAX_REPEAT, c.MIN_REPEAT):
                lo, hi, sub = av
                unbounded = hi == c.MAXREPEAT
                if unbounded and inside:
                    found.append(str(sub))
                walk(sub, inside or unbounded)
            elif op is c.POSSESSIVE_REPEAT or op is c.ATOMIC_GROUP:
                continue
            elif op is c.SUBPATTERN:
                walk(av[-1], inside)
            elif op is c.BRANCH:
                for branch in av[1]:
                    walk(branch, inside)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                walk(av[1], inside)

    walk(_parser.parse(pattern.pattern, pattern.flags), False)
    return found


def test_no_pattern_nests_unbounded_repeats():
    patterns = {name: value for name, value in vars(Q).items() if isinstance(value, re.Pattern)}
    assert len(patterns) > 15
    for name, pattern in patterns.items():
        assert _unbounded_nested_repeats(pattern) == [], name


def test_the_nesting_check_sees_a_catastrophic_pattern():
    assert _unbounded_nested_repeats(re.compile(r"(?:\d+[.,]?)+ml"))
    assert not _unbounded_nested_repeats(re.compile(r"(?:\d++[.,]?)+ml"))


PATHOLOGICAL = [
    "1." * 30_000,
    "1.1" * 20_000 + " ml",
    "a " * 50_000,
    "a a a " * 10_000 + "1",
    "1 " * 50_000,
    "1 " * 50_000 + "ml",
    "1x" * 50_000,
    "x1 " * 30_000,
    "1" * 100_000 + " ml",
    "1,1," * 25_000,
    "1 000 " * 16_000 + "мл",
    "50 ml " * 16_000,
    "2 x 50 мл + " * 8_000,
    "набор из " * 10_000 + "3",
    "2L " * 30_000,
    "5g " * 30_000,
    "一" * 100_000,
    "三件套" * 30_000,
    "50/" * 30_000 + "100 ml",
    "ab" * 50_000 + " 3 шт",
    "3 " + "слово " * 15_000 + "по 50 мл",
    "50 ml " + "+ " * 40_000 + "15 ml",
    "2 x " * 20_000 + "50 cm",
]


def test_pathological_inputs_of_100_kb_complete():
    # Run apart, so a regression to catastrophic backtracking fails the test instead of hanging CI.
    code = (
        "import sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from tests.test_quantity import PATHOLOGICAL\n"
        "from listing_lint.quantity import measure_spans, quantity_in_text, quantities_in_text, quantity_of_value\n"
        "for text in PATHOLOGICAL:\n"
        "    quantity_in_text(text); quantities_in_text(text); quantity_of_value(text); measure_spans(text)\n"
        "print(len(PATHOLOGICAL))\n"
    )
    from conftest import REPO

    out = subprocess.run([sys.executable, "-c", code, str(REPO)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(len(PATHOLOGICAL))
    assert all(len(text) >= 60_000 for text in PATHOLOGICAL)


def test_pathological_inputs_read_sensibly():
    assert quantity_in_text("50 ml " * 16_000).amount == 50  # one quantity said many times
    assert quantity_in_text("1 " * 50_000 + "ml") is None
    assert quantity_in_text("三件套" * 1000).amount == 3


@pytest.mark.parametrize("text, spans", [
    ("Raffaello 150g", ["150g"]),
    ("SOOTHING GEL 300мл", ["300мл"]),
    ("Size 150 x 220 cm. Wash at 40 degrees.", ["150 x 220 cm"]),
    ("Samsung A52 128 ГБ, зарядка 220 В", ["128 ГБ", "220 В"]),
    ("Крем 2 x 50 мл, 5 шт", ["2 x 50 мл", "5 шт"]),
    ("Термос 1 л", ["1 л"]),  # not what is sold, yet a measure
    ("５００ｍｌ", ["５００ｍｌ"]),
    ("2 в 1 шампунь", []),  # the в of `2 в 1` is no volt
    ("3 бутылки", []),  # a count noun is a word
    ("iPhone 15 Pro, 4500 RUB", []),
    ("", []),
])
def test_measure_spans_find_numbers_with_units_whether_sold_or_not(text, spans):
    from listing_lint.quantity import measure_spans

    assert [text[a:b] for a, b in measure_spans(text)] == spans
