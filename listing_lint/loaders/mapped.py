"""(being written)"""

from listing_lint.loaders.reader import Reader


class MappedTable(Reader):
    name = "table"
    containers = ("none",)

    def detect(self, probe):
        return 0
