"""CSV files in the legacy encodings sellers' spreadsheets write: detected on realistic short files, or named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from listing_lint.errors import LoadError
from listing_lint.loaders import load_file
from listing_lint.loaders.encoding import detect_encoding
from listing_lint.loaders.reader import ReadSettings

DATA = Path(__file__).parent / "data" / "tables"

# A header and two or three rows, as small as real exports of a few products get.
SHORT_FILES = [
    ("cp1251", "id;title.ru;price\r\nRU-1;Платок шерстяной;4500 руб.\r\nRU-2;Валенки;3900 руб.\r\n"),
    ("cp1251", "id;title.uk;price\r\nUA-1;Вишиванка жіноча;2500 грн\r\n"),
    ("cp1252", "id;title.fr;price\r\nFR-1;Écharpe légère;45,00 €\r\nFR-2;Pyjama brodé;120,00 €\r\n"),
    ("cp1252", "id,title.de,price\nDE-1,Schöner Schal,12 EUR\n"),  # cp1250 reads it the same: named cp1252
    ("cp1252", "id;title.nl;price\nNL-1;Wollen sjaal – groot;25 €\n"),  # cp1251 would make the € an Ђ
    ("gb18030", "id,title.zh,price\nCN-1,羊毛围巾,99.00元\nCN-2,真丝睡衣,299.00元\n"),
    ("gb18030", "id,title.zh,price\nCN-1,羊毛围巾,99.00元\n"),  # cp949 reads these four characters too
    ("cp932", "id,title.ja,price\nJP-1,ウールのマフラー,2980円\nJP-2,絹のパジャマ,5980円\n"),
    ("cp932", "id,title.ja,price\nJP-1,手編み毛糸,2980円\n"),
]


@pytest.mark.parametrize("encoding, text", SHORT_FILES)
def test_short_exports_are_read_in_their_encoding(tmp_path, encoding, text):
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding))
    assert detect_encoding(path.read_bytes()) == encoding
    catalog = load_file(path)
    assert catalog.sources[str(path)].encoding == encoding
    language = text.split("title.", 1)[1][:2]
    first = text.splitlines()[1].split(text[2])  # the delimiter follows `id`
    assert catalog.listings[0].texts("title")[language].text == first[1]


def test_the_two_exports_of_the_issue_need_no_encoding_setting():
    ru = load_file(DATA / "excel_ru_cp1251.csv", ReadSettings(columns={"Артикул": "id", "Название товара": "title"}))
    zh = load_file(DATA / "export_zh_gb18030.csv", ReadSettings(columns={"商品编号": "id", "商品名称": "title"}))
    assert ru.sources[ru.path].encoding == "cp1251" and zh.sources[zh.path].encoding == "gb18030"
    assert ru.listings[0].texts("title")["und"].text == "Павлопосадский платок  «Роза»"
    assert zh.listings[0].texts("title")["und"].text == "真丝睡衣 女士"


def test_a_named_encoding_overrides_detection(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes("id;title.ru;price\nRU-1;Шарф;1200 RUB\n".encode("cp1251"))
    assert load_file(path).listings[0].texts("title")["ru"].text == "Шарф"
    # Every byte is a letter in KOI8-R too: the setting, not the guess, decides.
    read = load_file(path, ReadSettings(encoding="koi8-r"))
    assert read.sources[str(path)].encoding == "koi8-r" and read.listings[0].texts("title")["ru"].text == "ьЮПТ"


def test_a_wrong_named_encoding_names_the_line(cli, tmp_path):
    shutil.copy(DATA / "excel_ru_cp1251.csv", tmp_path / "export.csv")
    result = cli("check", "--select", "L", "--encoding", "utf-8", "export.csv", cwd=tmp_path)
    assert result.exit_code == 2
    # Line 1 is the header: `Артикул*` is the first non-ASCII byte.
    assert "export.csv:1: file is not utf-8 text (byte 0xc0 at offset 0)" in result.stderr
    (tmp_path / ".listing-lint.yaml").write_text("encoding: shift_jis\n", encoding="utf-8")
    result = cli("check", "--select", "L", "export.csv", cwd=tmp_path)
    assert result.exit_code == 2 and "export.csv:1: file is not shift_jis text" in result.stderr
    with pytest.raises(LoadError) as err:
        load_file(tmp_path / "export.csv", ReadSettings(encoding="no-such-codec"))
    assert "'no-such-codec' is not an encoding listing-lint knows" in err.value.message


def test_a_fix_is_written_back_in_the_files_encoding(cli, tmp_path):
    source = DATA / "excel_ru_cp1251.csv"
    shutil.copy(source, tmp_path / "export.csv")
    config = {"source_locale": "ru_RU", "columns": {"Артикул": "id", "Название товара": "title", "Цена, руб.": "price"},
              "ignore_columns": ["*"]}
    (tmp_path / ".listing-lint.yaml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    result = cli("check", "--select", "L005", "--fix", "export.csv", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    fixed = (tmp_path / "export.csv").read_bytes()
    expected = source.read_bytes().replace("платок  «Роза»".encode("cp1251"), "платок «Роза»".encode("cp1251"))
    assert fixed == expected and fixed != source.read_bytes()  # cp1251 and CRLF kept, one space removed
