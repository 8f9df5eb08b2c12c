"""M rules: marketplace content, what marketplaces reject or buyers distrust.

They judge every title and description as written, in every language key, source
and target alike. What differs between marketplaces is data, not code:

- `data/marketplaces/<name>.yaml`: one preset per marketplace (`marketplace:` in the
  config), its title and description limits and its required attributes, each with the
  page it comes from (`presets.py` reads them; T010 and M005 use them).
- `data/words/<language>.yaml`: promotional phrases and placeholder texts per language
  (`words.py` reads them; M001 and M004 use them); `any.yaml` holds what is the same in
  every language.

This module stays light: the config imports it for the names of the presets.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
PRESETS_DIR = DATA / "marketplaces"
WORDS_DIR = DATA / "words"


@lru_cache(maxsize=1)
def preset_names() -> tuple[str, ...]:
    """The marketplaces there is a preset for: the data files present, sorted."""
    return tuple(sorted(p.stem for p in PRESETS_DIR.glob("*.yaml")))
