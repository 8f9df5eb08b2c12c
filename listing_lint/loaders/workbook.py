"""(being written)"""

from listing_lint.loaders.reader import Reader
