"""Messages read alike across rules: one name for a field, advice in the file's own syntax."""

from __future__ import annotations

import json
import re

from conftest import DEMO

from listing_lint.field_names import field_name, language_name, set_advice


def test_fields_are_named_for_people():
    assert field_name("title.en") == "the English title"
    assert field_name("description.ru_RU") == "the Russian description"
    assert field_name("title", "de_CH") == "the German title"
    assert field_name("prices.USD") == "the USD price"
    assert field_name("attributes.color") == "the attribute color"
    assert field_name("descripton") == "the field descripton"
    assert language_name("kk") == "Kazakh" and language_name("Cyrillic") == "Cyrillic"


def test_advice_is_written_in_the_files_syntax():
    assert set_advice("yaml", "prices.USD", "63.72") == "`prices: {USD: 63.72}`"
    assert set_advice("csv", "prices.USD", "63.72") == "a column `prices.USD` holding `63.72`"


def test_no_rule_names_a_text_field_by_its_path_or_as_the_title_in_a_language(cli):
    # The demo catalog as YAML and as CSV: every message naming a text field says `the English title`.
    for catalog in ("catalog.yaml", "catalog.csv"):
        result = cli("check", "--config", DEMO / "listing-lint.yaml", "--format", "json", DEMO / catalog)
        findings = json.loads(result.stdout)
        assert findings
        for f in findings:
            # A column or key quoted as written (`'title.en'`) is the file's syntax, not a name for people.
            assert not re.search(r"(?<!['`])\b(title|description)\.[a-z]{2}\b(?!['`])", f["message"]), f
            assert not re.search(r"\bthe (title|description) in [a-z]{2}\b", f["message"]), f


def test_c003_advice_in_a_csv_names_the_column(cli, tmp_path):
    (tmp_path / "shop.csv").write_text("id,title.ru,title.en,price\nA1,Шарф,Scarf,5900 RUB\n", encoding="utf-8")
    (tmp_path / "yaml.yaml").write_text("listings:\n  - {id: A1, title: {ru: Шарф, en: Scarf}, price: 5900 RUB}\n",
                                        encoding="utf-8")
    config = tmp_path / "c.yaml"
    config.write_text(f"source_locale: ru_RU\ntarget_locales: [en_US]\nrates: {DEMO / 'rates.yaml'}\n", encoding="utf-8")
    csv = cli("check", "--config", config, "--select", "C003", tmp_path / "shop.csv").stdout
    assert "add a column `prices.USD` holding `63.72`" in csv and "prices: {" not in csv
    yaml = cli("check", "--config", config, "--select", "C003", tmp_path / "yaml.yaml").stdout
    assert "add `prices: {USD: 63.72}`" in yaml


def test_a_typo_in_a_csv_header_is_one_finding_at_the_header(cli, tmp_path):
    rows = "".join(f"A{i},Шарф,Scarf,{i} RUB\n" for i in range(1, 6))
    (tmp_path / "shop.csv").write_text("id,title.ru,titel.en,price\n" + rows, encoding="utf-8")
    found = json.loads(cli("check", "--select", "L003", "--format", "json", tmp_path / "shop.csv").stdout)
    assert [(f["line"], f["column"], f["field"]) for f in found] == [(1, 13, "titel.en")]
    assert "did you mean 'title.en'" in found[0]["message"]
