"""Text analysis shared by the translation rules: words, numbers, markup, encoding damage, keep-terms."""
