"""Where translation findings point: at the text itself, also inside YAML block scalars."""

from __future__ import annotations

from listing_lint.testing import lint_text

CATALOG = """\
source_locale: ru_RU
target_locales: [en_US]
listings:
  - id: A1
    title: {ru: "Льняное платье", en: "Linen dress"}
    description:
      ru: |
        <p>Длинное платье из мягкого льна с карманами.</p>
      en: |

          <p>Vestido largo de lino suave con bolsillos y corte holgado, perfecto para el verano.</p>
    price: 5300 RUB
  - id: A2
    title: {ru: "Шарф", en: "Scarf"}
    description:
      ru: "Мягкая шерсть — тёплая."
      en: >-
        Soft wool â€” warm.
    price: 1900 RUB
  - id: A3
    title: {ru: "Шарф", en: "Scarf with embrоidery"}
    price: 1900 RUB
"""


def _where(code: str) -> dict[str, tuple[int, int]]:
    result = lint_text(CATALOG, select=[code], path="blocks.yaml")
    assert not result.errors, result.errors
    return {f.listing_id: (f.line, f.column) for f in result.findings}


def _line_of(fragment: str) -> tuple[int, int]:
    for number, line in enumerate(CATALOG.splitlines(), 1):
        if fragment in line:
            return number, line.index(fragment) + 1
    raise AssertionError(fragment)


def test_a_finding_in_a_literal_block_points_at_its_first_line_of_text():
    assert _where("T003") == {"A1": _line_of("<p>Vestido")}


def test_a_finding_in_a_folded_block_points_at_its_text():
    assert _where("T007") == {"A2": _line_of("Soft wool")}


def test_a_finding_in_a_flow_value_still_points_at_the_value():
    assert _where("T009") == {"A3": _line_of('"Scarf with')}
