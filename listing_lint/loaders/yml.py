"""(being written)"""

from listing_lint.loaders.reader import Reader


class YandexYml(Reader):
    name = "yml"
    containers = ("none",)

    def detect(self, probe):
        return 0
