from __future__ import annotations

from listing_lint.model import Location, Scalar, Sequence
from listing_lint.rule import CatalogRule, Problem


class UnknownLocale(CatalogRule):
    """A source or target locale that is not a locale at all.

    ## What it does
    Flags a `source_locale` or an entry of `target_locales` (in the catalog or, when
    the catalog has none, in the config) that is not a known locale (`english`,
    `ru_XX`, `klingon`). Locales are language codes with an optional territory:
    `ru`, `ru_RU`, `en_US`, `es_ES`; `en-us` and `en_UK` are understood.

    ## Why it matters
    The translation and currency rules are driven by these locales: an unknown one
    means no text is compared with it and no market currency is known for it, so
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
    Write the market as a language code and a territory code: `en_US`, `en_GB`, `de_DE`.
    """

    code = "L006"
    name = "unknown-locale"
    severity = "error"

    def check_catalog(self, catalog, ctx):
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
