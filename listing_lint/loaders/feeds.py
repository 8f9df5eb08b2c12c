"""One catalog from one feed per market: a Russian YML for the home shop, an English
Google feed for the US, a German one for Germany, all with the same item ids.

The source locale's feed holds the listings. Each market feed's titles and descriptions
become that locale's texts of the listing with the same join key, and its price that
market's price, so every T, C and P rule works across the files, and each finding
points into the file that holds the value. A source listing missing from a market feed
is remembered (T001 says so); a market item with no source listing is an orphan, and
one whose key came earlier in its feed is not joined (L007 reports both).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listing_lint.errors import ConfigError
from listing_lint.loaders.reader import ReadSettings
from listing_lint.model import Catalog, Feed, Listing, Mapping, Node, Scalar, locale_language

TEXT_FIELDS = ("title", "description")


@dataclass(frozen=True)
class FeedSpec:
    locale: str
    path: str
    settings: dict[str, Any] = field(default_factory=dict)  # reading settings for this feed only


@dataclass(frozen=True)
class FeedSet:
    feeds: tuple[FeedSpec, ...]
    source_locale: str

    @property
    def source(self) -> FeedSpec:
        return next(f for f in self.feeds if f.locale == self.source_locale)

    @property
    def paths(self) -> list[str]:
        return [f.path for f in self.feeds]


def feed_set(config, extra: list[str] = ()) -> FeedSet | None:
    """The feeds of config `feeds:` plus `--feed LOCALE=PATH`, or None when there are none."""
    specs: dict[str, FeedSpec] = {}
    for locale, spec in (config.get("feeds") or {}).items():
        if isinstance(spec, str):
            specs[locale] = FeedSpec(locale, shown_path(config.resolve(spec)))
        else:
            options = {k.replace("-", "_"): v for k, v in spec.items() if k != "path"}
            specs[locale] = FeedSpec(locale, shown_path(config.resolve(spec["path"])), options)
    for item in extra:
        locale, eq, path = item.partition("=")
        if not eq or not locale.strip() or not path.strip():
            raise ConfigError(f"--feed takes LOCALE=PATH (such as en_US=feeds/google_us.xml), not '{item}'")
        specs[locale.strip()] = FeedSpec(locale.strip(), path.strip())  # relative to where the command runs
    if not specs:
        return None
    source = config.get("source_locale")
    if not source:
        raise ConfigError("feeds need `source_locale:`: the locale whose feed holds the catalog's listings", config.path)
    if source not in specs:
        raise ConfigError(f"feeds: no feed for the source locale {source} (feeds are given for "
                          f"{', '.join(sorted(specs))})", config.path)
    ordered = (specs[source], *(specs[k] for k in sorted(specs) if k != source))
    return FeedSet(ordered, source)


def shown_path(path: Path) -> str:
    """A feed's path as findings show it: relative to where the command runs, when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_feeds(feeds: FeedSet, config, overrides: dict[str, bytes]) -> Catalog:
    from listing_lint.loaders import load_file

    join = config.get("join_key") or ("id",)
    join_key = (join,) if isinstance(join, str) else tuple(join)
    catalogs: dict[str, Catalog] = {}
    for spec in feeds.feeds:
        settings = ReadSettings.from_config(config, **{**spec.settings, "locale": spec.locale})
        catalogs[spec.locale] = load_file(spec.path, settings, data=overrides.get(spec.path))
    source = catalogs[feeds.source_locale]
    source.source_locale = source.source_locale or feeds.source_locale
    markets = [s for s in feeds.feeds if s.locale != feeds.source_locale]
    targets = list(config.get("target_locales") or [])
    source.target_locales = source.target_locales or targets or [s.locale for s in markets]
    by_key: dict[tuple, Listing] = {}
    for listing in source.listings:
        by_key.setdefault(key_of(listing, join_key), listing)
    languages = [locale_language(s.locale) for s in feeds.feeds]
    for spec in markets:
        market = catalogs[spec.locale]
        # Texts go under the market's language (`en`), or its whole locale when two feeds share one.
        text_key = locale_language(spec.locale) if languages.count(locale_language(spec.locale)) == 1 else spec.locale
        feed = Feed(spec.locale, spec.path)
        joined: set[int] = set()
        for item in market.listings:
            key = key_of(item, join_key)
            target = by_key.get(key) if all(key) else None
            if target is None:
                feed.orphans.append(item)
            elif target.index in joined:
                feed.repeated.append(item)
            else:
                joined.add(target.index)
                target.joined[spec.locale] = item
                _join(target, item, text_key, _currency(item, market, spec, config))
        feed.missing = {l.index for l in source.listings if l.index not in joined}
        source.feeds[spec.locale] = feed
        source.sources.update(market.sources)
        source.unknown_columns.extend(market.unknown_columns)
        source.duplicate_keys.extend(market.duplicate_keys)
    return source


def key_of(listing: Listing, join_key: tuple[str, ...]) -> tuple:
    return tuple(listing.text_of(k) for k in join_key)


def _join(target: Listing, item: Listing, text_key: str, currency: str | None) -> None:
    for name in TEXT_FIELDS:
        for scalar in item.texts(name).values():
            _put(target.node, name, text_key, scalar)
            break  # a market feed has one language: its texts are that market's
    price = item.price
    if price is not None and not price.amount.blank and currency:
        _put(target.node, "prices", currency, price.amount)


def _put(node: Mapping, name: str, key: str, value: Node) -> None:
    holder = node.items.get(name)
    if not isinstance(holder, Mapping):
        if holder is not None:
            return  # `title: plain text` in the source: L001's to report; not ours to reshape
        holder = Mapping({}, {}, value.loc)
        node.items[name] = holder
        node.keys[name] = value.loc
    if key not in holder.items:  # what the source file itself says for this market comes first
        holder.items[key] = value
        holder.keys[key] = value.loc


def _currency(item: Listing, market: Catalog, spec: FeedSpec, config) -> str | None:
    """The currency of a market item's price: written with it, else the feed's `currency:`,
    else the market's own (a store export in the market's currency writes none)."""
    price = item.price
    if price is None:
        return None
    from listing_lint.money.parse import parse_price

    given = price.currency.value if price.currency is not None else market.currency
    parsed = parse_price(price.amount.text, currency=given, locale=spec.locale, machine_number=price.amount.machine)
    if parsed.currency:
        return parsed.currency
    from listing_lint.money.market import market_currency

    return market_currency(spec.locale, config)


def feed_paths(feeds: FeedSet | None) -> set[Path]:
    return {Path(p).resolve() for p in feeds.paths} if feeds else set()
