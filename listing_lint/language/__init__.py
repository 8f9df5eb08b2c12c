"""Language identification for translation rules: "is this text in language L?".

`LanguageIdentifier(languages, backend).check(text, "en")` returns a `Verdict`.
Detectors are imported only when an identifier is built.
"""

from listing_lint.language.identify import NO, UNDECIDED, YES, LanguageIdentifier, Verdict

__all__ = ["LanguageIdentifier", "Verdict", "YES", "NO", "UNDECIDED"]
