"""Ozon's product template (the .xlsx a seller downloads per category and fills in).

The template's sheet `Шаблон` has a title row above the header and notes under it
("Обязательное поле", what to write); required columns end in `*` (`Артикул*`, `Цена, руб.*`).
Columns every category shares are fields (`Артикул` → id, `Название товара` → title,
`Аннотация` → description, `Цена, руб.` → price); each category adds characteristics of
its own (`Материал`, `Российский размер`, hundreds across categories), which are read as
`attributes.<column>` rather than reported as unknown: the template, not the seller, names them.
Prices are in roubles (`руб.` in the header), unless config `currency:` says otherwise.
`Цена, руб.` is what the buyer pays; `Цена до скидки, руб.` is the struck-through price
beside it (`attributes.price_before_discount`), as Shopify's compare-at price is.
`Объединить на одной карточке` groups the sizes and colours of one product card (`group_id`).
"""

from __future__ import annotations

import re

from listing_lint.loaders.reader import Probe, ReadSettings
from listing_lint.loaders.table import PRESET_SCORE, ColumnMap, Table, TableReader, normal_name, split_cell
from listing_lint.model import Catalog, Mapping, Sequence

FIELDS = {
    "артикул": "id",
    "название товара": "title",
    "аннотация": "description",
    "цена, руб.": "price",
    "цена до скидки, руб.": "attributes.price_before_discount",
    "бренд": "brand", "бренд в одежде и обуви": "brand",
    "штрихкод (серийный номер / ean)": "gtin", "штрихкод": "gtin",
    "ссылка на главное фото": "images", "ссылки на дополнительные фото": "images",
    "объединить на одной карточке": "group_id",
    "тип": "category",
    "цвет товара": "attributes.color", "название цвета": "attributes.color_name",
    "российский размер": "attributes.size", "размер производителя": "attributes.manufacturer_size",
    "партномер": "mpn",
}
# Columns of every template that hold no listing data (service and logistics columns, Ozon's answers).
OTHER_COLUMNS = (
    "№", "НДС, %", "Рассрочка", "Баллы за отзывы", "SKU", "Ozon ID", "Включить продвижение",
    "Вес в упаковке, г", "Ширина упаковки, мм", "Высота упаковки, мм", "Длина упаковки, мм",
    "Ссылки на фото 360", "Артикул фото", "Название группы", "#Хештеги", "Rich-контент JSON", "Ключевые слова",
    "Таблица размеров JSON", "Ошибка", "Предупреждение", "Озон.Видео: название", "Озон.Видео: ссылка",
    "Озон.Видео: товары на видео", "Озон.Видеообложка: ссылка",
)
DISTINCTIVE = frozenset(normal_name(n) for n in (
    "Цена до скидки, руб.", "НДС, %", "Штрихкод (Серийный номер / EAN)", "Ссылка на главное фото",
    "Ссылки на дополнительные фото", "Объединить на одной карточке", "Вес в упаковке, г", "Аннотация",
    "Ozon ID", "Рассрочка", "Баллы за отзывы", "Rich-контент JSON", "#Хештеги", "Ширина упаковки, мм",
))
PHOTOS = re.compile(r"[\s,;]+")  # the additional photos' links: one a line, or separated by spaces


class OzonTemplate(TableReader):
    name = "ozon"
    summary = "Ozon product template"
    suffixes = (".xlsx", ".xlsm")
    known_columns = ("Артикул", "Название товара", "Аннотация", "Цена, руб.", "Цена до скидки, руб.", "Бренд",
                     "Штрихкод (Серийный номер / EAN)", "Ссылка на главное фото", "Ссылки на дополнительные фото",
                     "Объединить на одной карточке", "Тип", "Цвет товара", "Название цвета", *OTHER_COLUMNS)

    def header_score(self, names: list[str]) -> int:
        named = set(names)
        if not {"артикул", "цена, руб."} <= named:
            return 0
        # A real template (four of its columns and more) is read as one, a config column map applied
        # inside; a seller's own table with an `Артикул` and a price is the column map's to read, if any.
        evidence = len(DISTINCTIVE & named)
        return PRESET_SCORE + min(evidence, 8) if evidence >= 4 else 60 + 5 * evidence

    def field_for(self, name: str, written: str, settings: ReadSettings) -> str | None:
        field = FIELDS.get(name)
        if field is not None or self.is_known(name):
            return field
        # A characteristic of the template's category: one of the listing's attributes.
        key = written.strip().rstrip("*").strip().replace(".", "")
        return f"attributes.{key}" if key else None

    def make_catalog(self, probe: Probe, listings, **fields) -> Catalog:
        fields.setdefault("currency", probe.settings.currency or "RUB")
        return super().make_catalog(probe, listings, **fields)

    def row_mapping(self, table: Table, row: int, colmap: ColumnMap) -> Mapping:
        node = super().row_mapping(table, row, colmap)
        images = node.items.get("images")
        if isinstance(images, Sequence):
            images.items = [piece for value in images.items for piece in split_cell(table, value, PHOTOS)]
        return node
