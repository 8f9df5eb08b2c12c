"""Which currency each market pays in."""

from __future__ import annotations

from typing import Any

from listing_lint.money.currencies import territory_currency


def market_currency(locale: str, config: Any = None) -> str | None:
    """The market currency of a target locale.

    The `market_currency` setting wins: one code for every market, or a mapping
    locale → code (`{en_US: USD, de_DE: EUR}`, matched by locale, then language).
    Otherwise the currency of the locale's territory (babel: en_US → USD, es_ES → EUR).
    None when neither says (a bare language with no likely territory).
    """
    setting = _setting(config)
    if isinstance(setting, str) and setting.strip():
        return setting.strip().upper()
    if isinstance(setting, dict):
        wanted = locale.replace("-", "_").lower()
        by_key = {str(k).replace("-", "_").lower(): str(v).strip().upper() for k, v in setting.items()}
        for key in (wanted, wanted.split("_", 1)[0]):
            if key in by_key:
                return by_key[key]
    return territory_currency(locale)


def _setting(config: Any) -> Any:
    if config is None:
        return None
    if isinstance(config, dict):
        return config.get("market_currency")
    try:
        return config.get("market_currency")
    except KeyError:
        return None
