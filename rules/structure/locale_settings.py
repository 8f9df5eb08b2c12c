from __future__ import annotations

from listing_lint.model import Location, Scalar, Sequence
from listing_lint.rule import CatalogRule, Problem


class LocaleSettings(CatalogRule):
    """The catalog's source or target locales are missing or are not locales.

    ## What it does
    Flags a catalog with no `source_locale` or no `target_locales` (in the catalog,
    or in the config for catalogs that do not say, such as CSV files), and a
    `source_locale` or an entry of `target_locales` that is not a known locale
    (`english`, `ru_XX`, `klingon`). Locales are language codes with an optional
    territory: `ru`, `ru_RU`, `en_US`, `es_ES`; `en-us` and `en_UK` are understood.

    ## Why it matters
    The translation and currency rules are driven by these locales: without them, or
    with an unknown one, no text is compared and no market currency is known, so
    every check for that market stays silent and the catalog looks clean when it is not.

    ## Example
    Fails:
    ```yaml
    source_locale: ru_RU
    target_locales: [english]
    listings:
      - {id: RU-HAT-001, title: {ru: "Шапка-ушанка", en: "Ushanka hat"}, price: 2900 RUB}
    ```
    Passes:
    ```yaml
    source_locale: ru_RU
    target_locales: [en_US]
    listings:
      - {id: RU-HAT-001, title: {ru: "Шапка-ушанка", en: "Ushanka hat"}, price: 2900 RUB}
    ```

    ## How to fix
    Set `source_locale` and `target_locales` at the top of the catalog, or in the
    config for CSV files and bare lists of listings. Write a market as a language
    code and a territory code: `en_US`, `en_GB`, `de_DE`.
    """

    code = "L006"
    name = "locale-settings"
    severity = "error"
    scope = "partition"  # each listing, or the file as a whole: any part of the catalog says its share

    def check_catalog(self, catalog, ctx):
        top = Location(catalog.path, 1, 1)
        where = "in the catalog or in the config (.listing-lint.yaml)"
        if not catalog.source_locale:
            yield Problem(f"no source_locale {where}: the language the listings are written in is unknown, "
                          "so translations cannot be checked", field="source_locale", loc=top,
                          data={"key": "source_locale", "locale": None, "from": None})
        if not catalog.target_locales:
            yield Problem(f"no target_locales {where}: there is no market to check translations and prices for",
                          field="target_locales", loc=top, data={"key": "target_locales", "locale": None, "from": None})
        for key, written, loc in _locales(catalog, ctx):
            if not _known(written):
                origin = "the catalog" if loc is not None else "the config"
                yield Problem(
                    f"{key} '{written}' is not a known locale (write it like en_US or ru_RU); "
                    f"rules for it cannot run",
                    field=key,
                    loc=loc or Location(catalog.path, 1, 1),
                    data={"key": key, "locale": written, "from": origin},
                )


def _locales(catalog, ctx):
    node = catalog.node
    source = node.get("source_locale") if node is not None else None
    if isinstance(source, Scalar) and not source.blank:
        yield "source_locale", source.text.strip(), source.loc
    elif catalog.source_locale:
        yield "source_locale", catalog.source_locale, None
    targets = node.get("target_locales") if node is not None else None
    if isinstance(targets, Sequence):
        for item in targets.items:
            if isinstance(item, Scalar) and not item.blank:
                yield "target_locales", item.text.strip(), item.loc
    elif isinstance(targets, Scalar) and not targets.blank:
        for part in targets.text.replace(",", " ").split():
            yield "target_locales", part, targets.loc
    else:
        for locale in catalog.target_locales:
            yield "target_locales", locale, None


def _known(locale: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True
