"""Variants of one product (one `group_id`) share what the product says once.

A Shopify variant row, a WooCommerce variation or a row of our own CSV that leaves the
title empty under a `group_id` is the same product in another size or colour: it takes
the product's title, description, brand and category, as the very same values (same
place in the file), so a defect in them is one finding at its one place, not one per size.
"""

from __future__ import annotations

from listing_lint.model import Catalog

SHARED_FIELDS = ("title", "description", "brand", "category")


def share_product_values(catalog: Catalog) -> None:
    first: dict[str, dict[str, object]] = {}
    for listing in catalog.listings:
        group = listing.group_id
        if group is None:
            continue
        have = first.setdefault(group, {})
        node = listing.node
        for field in SHARED_FIELDS:
            value = node.items.get(field)
            if value is not None:
                have.setdefault(field, (value, node.keys[field]))
            elif field in have:
                value, loc = have[field]
                node.items[field] = value
                node.keys[field] = loc
