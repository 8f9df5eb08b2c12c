"""Catalogs read in parts (the distributed engine's steps, run in this process): byte-range splits
of CSV files, row groups of Parquet files, catalog rules across parts, findings identical to one
process reading the whole file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from listing_lint.config import load_config
from listing_lint.engine import Input, run
from listing_lint.engines import partitioned
from listing_lint.engines.partitions import record_start
from listing_lint.registry import discover
from listing_lint.selection import Selection

CONFIG = "source_locale: ru_RU\ntarget_locales: [en_US]\nrates: rates.yaml\nmax_rate_age_days: 100000\n"
RATES = 'date: 2026-11-20\nsource: test\nbase: USD\nrates:\n  RUB: "92.50"\n'


def _config(tmp_path: Path, extra: str = ""):
    (tmp_path / "rates.yaml").write_text(RATES, encoding="utf-8")
    path = tmp_path / "listing-lint.yaml"
    path.write_text(CONFIG + extra, encoding="utf-8")
    return load_config(path)


def _both(path: Path, config, **parts):
    single = run([Input(str(path))], Selection(discover(), config))
    split = partitioned.run([Input(str(path))], Selection(discover(), config), **parts)
    return single, split


def _json(result) -> list[dict]:
    return [f.as_dict() for f in result.findings]


def test_a_boundary_inside_a_quoted_cell_moves_to_the_next_record():
    data = b'id,text\n1,"a\nb"\n2,"x""\ny"\n3,z\n'
    f = io.BytesIO(data)
    inside = data.index(b"b")  # after the quoted newline: one quote before it, odd
    assert record_start(f, inside, data.count(b'"', 0, inside) % 2, len(data)) == data.index(b"2,")
    escaped = data.index(b"\ny") + 1  # after `""` and a newline, still inside the quotes (3 before it)
    assert record_start(f, escaped, data.count(b'"', 0, escaped) % 2, len(data)) == data.index(b"3,")
    at_record = data.index(b"3,")
    assert record_start(f, at_record, 0, len(data)) == at_record


def _quoted_catalog(tmp_path: Path) -> Path:
    lines = ["id,title.ru,title.en,description.ru,description.en,price,prices.USD"]
    for i in range(40):
        description = f'"Платок,\nручной работы {i}"' if i % 3 == 0 else f"Платок {i}"
        english = f'"Handmade ""shawl"",\n{i}"' if i % 3 == 0 else f"Shawl {i}"
        listing_id = "RU-7" if i == 33 else f"RU-{i}"  # L002: the id of a listing in another part
        title_en = "Шаль  wool" if i == 20 else f"Wool shawl {i}"  # T004 and L005
        lines.append(f"{listing_id},Платок {i},{title_en},{description},{english},{900 + i} RUB,{(900 + i) / 92.5:.2f}")
    path = tmp_path / "catalog.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return path


@pytest.mark.parametrize("part_bytes", [40, 97, 150, 333, 1000])
def test_csv_parts_give_the_findings_of_the_whole_file_at_the_same_lines(tmp_path, part_bytes):
    config = _config(tmp_path)
    path = _quoted_catalog(tmp_path)
    single, split = _both(path, config, part_bytes=part_bytes)
    assert _json(split) == _json(single)
    assert split.listings == single.listings == 40
    assert {f.code for f in single.findings} >= {"L002", "T004", "L005"}


def test_the_duplicate_id_in_two_parts_names_the_other_line(tmp_path):
    config = _config(tmp_path)
    path = _quoted_catalog(tmp_path)
    plan = partitioned.plan([Input(str(path))], Selection(discover(), config), partitioned.InProcess(), 200)
    assert len(plan[0]) > 3
    split = partitioned.run([Input(str(path))], Selection(discover(), config), part_bytes=200)
    dup = sorted((f.line, f.message) for f in split.findings if f.code == "L002")
    text = path.read_text(encoding="utf-8").split("\n")
    first = next(n for n, line in enumerate(text, 1) if line.startswith("RU-7,"))
    second = next(n for n, line in enumerate(text, 1) if line.startswith("RU-7,") and n != first)
    assert dup == [(first, f"id RU-7 is used by 2 listings (also on line {second})"),
                   (second, f"id RU-7 is used by 2 listings (also on line {first})")]


def test_a_later_part_locates_values_at_their_line_in_the_file(tmp_path):
    from listing_lint.engines.partitions import read_part

    config = _config(tmp_path)
    path = _quoted_catalog(tmp_path)
    parts = partitioned.plan([Input(str(path))], Selection(discover(), config), partitioned.InProcess(), 300)[0]
    text = path.read_text(encoding="utf-8").split("\n")
    for part in parts[1:]:
        for listing in read_part(part, config).listings:
            loc = listing.locate("title.en")
            assert text[loc.line - 1].startswith(f"{listing.id},"), (part.number, listing.id, loc)


def test_groups_span_parts_for_p004_and_t012(tmp_path):
    config = _config(tmp_path)
    rows = ["id,gtin,title.ru,title.en,price"]
    for i in range(60):
        gtin = "4600000000008" if i in (2, 57) else ""
        title_ru, title_en = ("Шарф", "Scarf" if i != 55 else "Muffler") if i in (1, 30, 55) else (f"Платок {i}", f"Shawl {i}")
        rows.append(f"RU-{i},{gtin},{title_ru},{title_en},{900 if i != 57 else 2900} RUB")
    path = tmp_path / "groups.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    single, split = _both(path, config, part_bytes=150)
    assert _json(split) == _json(single)
    assert {f.code for f in single.findings} >= {"P004", "T012"}


def _parquet(tmp_path: Path, row_group_size: int) -> Path:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from decimal import Decimal

    n = 30
    table = pa.table({
        "Артикул": [f"RU-{i}" if i != 25 else "RU-3" for i in range(n)],
        "Название": [f"Платок {i}" for i in range(n)],
        "Name EN": [f"Wool shawl {i}" if i != 12 else "Шерстяной платок" for i in range(n)],
        "Цена": pa.array([Decimal(900 + i) for i in range(n)], pa.decimal128(10, 2)),
        "Валюта": ["RUB"] * n,
    })
    path = tmp_path / "catalog.parquet"
    pq.write_table(table, path, row_group_size=row_group_size)
    return path


PARQUET_COLUMNS = ('columns: {"Артикул": id, "Название": title.ru, "Name EN": title.en, "Цена": price, '
                   '"Валюта": currency}\n')


def test_parquet_with_a_column_map_is_located_by_row_and_column(tmp_path):
    config = _config(tmp_path, PARQUET_COLUMNS)
    path = _parquet(tmp_path, 7)
    result = run([Input(str(path))], Selection(discover(), config))
    dup = sorted((f.line, f.column, f.listing_id) for f in result.findings if f.code == "L002")
    assert dup == [(5, 1, "RU-3"), (27, 1, "RU-3")]  # row 1 is the header: listing i is row i + 2
    wrong = [f for f in result.findings if f.code in ("T003", "T004") and f.field == "title.en"]
    assert [(f.line, f.column) for f in wrong] == [(14, 3)]
    prices = {f.data.get("price") for f in result.findings if f.code == "L002"}
    assert not any(isinstance(p, float) for p in prices)


def test_parquet_row_groups_as_parts_give_the_findings_of_the_whole_file(tmp_path):
    config = _config(tmp_path, PARQUET_COLUMNS)
    path = _parquet(tmp_path, 7)
    parts = partitioned.plan([Input(str(path))], Selection(discover(), config), partitioned.InProcess(), part_rows=7)[0]
    assert [p.row_groups for p in parts] == [(0,), (1,), (2,), (3,), (4,)]
    single, split = _both(path, config, part_rows=7)
    assert _json(split) == _json(single)
    assert any(f.code == "L002" for f in split.findings)


def test_files_read_whole_lint_as_in_one_process(tmp_path):
    from conftest import DEMO

    config = load_config(DEMO / "listing-lint.yaml")
    inputs = [Input(str(DEMO / "catalog.yaml")), Input(str(DEMO / "catalog.csv"))]
    single = run(inputs, Selection(discover(), config))
    split = partitioned.run(inputs, Selection(discover(), config), part_bytes=500)
    assert json.dumps(_json(split)) == json.dumps(_json(single))
    assert split.errors == single.errors and split.tally == single.tally


def test_bad_input_in_a_later_part_is_reported_at_its_line_in_the_file(tmp_path):
    config = _config(tmp_path)
    rows = ["id,title.ru,price"] + [f"RU-{i},Платок {i},900 RUB" for i in range(50)]
    rows[40] = 'RU-39,"Платок без конца,900 RUB'
    path = tmp_path / "broken.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    single, split = _both(path, config, part_bytes=200)
    assert [str(e) for e in single.errors] == [f"{path}:41: a quoted cell is never closed"]
    assert [str(e) for e in split.errors] == [str(e) for e in single.errors]

    config = _config(tmp_path, "encoding: utf-8\n")  # detected, the bytes would read as another code page
    rows = ["id,title.ru,price"] + [f"RU-{i},Платок {i},900 RUB" for i in range(50)]
    data = ("\n".join(rows) + "\n").encode("utf-8").replace(b"RU-44,", b"RU-44\xff,")
    path.write_bytes(data)
    single, split = _both(path, config, part_bytes=200)
    assert len(single.errors) == 1 and f"{path}:46:" in str(single.errors[0])
    assert [str(e) for e in split.errors] == [str(e) for e in single.errors]
