"""(being written)"""

from listing_lint.loaders.reader import Reader


class GmcXml(Reader):
    name = "gmc-xml"
    containers = ("none",)

    def detect(self, probe):
        return 0


class GmcTable(Reader):
    name = "gmc-tsv"
    containers = ("none",)

    def detect(self, probe):
        return 0
