"""`--jobs` and the result cache change how long a run takes, never what it says.

Every output here is compared byte for byte with a single-process run without the cache,
on the demo catalog and on a catalog of 636 listings made of 12 copies of it (forking from
300 listings on, so that `--jobs 2` really forks), before and after edits that move listings.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import DEMO

FORMATS = ("json", "text", "sarif", "github")


@pytest.fixture
def demo(tmp_path):
    """The demo catalog and its config, copied (the cache is keyed by the catalog's path)."""
    for name in ("catalog.yaml", "listing-lint.yaml", "rates.yaml", "comparables.csv"):
        shutil.copy(DEMO / name, tmp_path / name)
    return tmp_path


def big(demo, copies: int = 12):
    text = (demo / "catalog.yaml").read_text(encoding="utf-8")
    head, body = text.split("listings:\n", 1)
    # Copies keep the planted defects; ids get a suffix, so only the planted duplicates repeat.
    bodies = [body] + [re.sub(r"(?m)^(  - id: )(\S+)", rf"\g<1>\g<2>-{k}", body) for k in range(1, copies)]
    (demo / "catalog.yaml").write_text(head + "listings:\n" + "".join(bodies), encoding="utf-8")
    return demo


def lint(cli, where, *extra, fmt="json"):
    result = cli("check", "--config", where / "listing-lint.yaml", where / "catalog.yaml", "--format", fmt,
                 *extra, cwd=where)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout + result.stderr


def findings(output: str) -> list[dict]:
    return json.loads(output[: output.rindex("]") + 1])


@pytest.fixture
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("results")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_demo_says_the_same_with_and_without_the_cache(cli, demo, cache_dir, fmt):
    plain = lint(cli, demo, "--no-cache", fmt=fmt)
    cold = lint(cli, demo, "--cache-dir", cache_dir, fmt=fmt)
    assert any(cache_dir.iterdir()), "the first run remembers its results"
    warm = lint(cli, demo, "--cache-dir", cache_dir, fmt=fmt)
    assert plain == cold == warm


def test_an_unchanged_file_is_not_read_again(cli, demo, cache_dir, monkeypatch):
    lint(cli, demo, "--cache-dir", cache_dir)
    import listing_lint.engine as engine

    def no_reading(*args, **kwargs):
        raise AssertionError("an unchanged catalog was read again")

    monkeypatch.setattr(engine, "load_input", no_reading)
    lint(cli, demo, "--cache-dir", cache_dir)


def test_a_changed_config_is_a_new_run(cli, demo, cache_dir):
    before = findings(lint(cli, demo, "--cache-dir", cache_dir))
    config = demo / "listing-lint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "ignore: [T003]\n", encoding="utf-8")
    after = findings(lint(cli, demo, "--cache-dir", cache_dir))
    assert any(f["code"] == "T003" for f in before)
    assert not any(f["code"] == "T003" for f in after)


def test_a_changed_rates_file_is_a_new_run(cli, demo, cache_dir):
    lint(cli, demo, "--cache-dir", cache_dir)
    rates = demo / "rates.yaml"
    rates.write_text(rates.read_text(encoding="utf-8").replace("92.59", "80.00"), encoding="utf-8")
    assert lint(cli, demo, "--cache-dir", cache_dir) == lint(cli, demo, "--no-cache")


def edit(catalog, count: int = 1) -> None:
    """Plant a defect in one listing of each of `count` copies, and add lines above later
    listings, so that the listings after it stand on other lines than the cache remembers."""
    text = catalog.read_text(encoding="utf-8")
    text, n = re.subn(r'en: "Pavlovo Posad wool shawl “Rose Garden”, 125 x 125 cm"',
                      '# edited\n      en: "Pavlovo Posad wool shawl “Rose Garden”, 150 x 150 cm"', text, count=count)
    assert n == count
    catalog.write_text(text, encoding="utf-8")


def test_an_edited_listing_is_checked_and_the_others_remembered_where_they_now_stand(cli, demo, cache_dir, monkeypatch):
    lint(cli, demo, "--cache-dir", cache_dir)
    edit(demo / "catalog.yaml")
    import listing_lint.engine as engine

    checked = []
    real = engine.check_listing

    def counting(listing, *args):
        checked.append(listing.id)
        return real(listing, *args)

    monkeypatch.setattr(engine, "check_listing", counting)
    cached = lint(cli, demo, "--cache-dir", cache_dir)
    assert checked == ["RU-SHAWL-001"]
    monkeypatch.setattr(engine, "check_listing", real)
    assert cached == lint(cli, demo, "--no-cache")
    assert "150 x 150" in (demo / "catalog.yaml").read_text(encoding="utf-8")
    assert any(f["code"] == "T005" and f["listing_id"] == "RU-SHAWL-001" for f in findings(cached))


@pytest.mark.slow
def test_jobs_and_the_cache_give_the_same_report_on_a_large_catalog(cli, demo, cache_dir, monkeypatch):
    big(demo)
    import listing_lint.jobs as jobs

    monkeypatch.setattr(jobs, "MIN_PER_WORKER", 150)
    forked = []
    real = jobs.map_forked
    monkeypatch.setattr(jobs, "map_forked", lambda *a, **k: forked.append(len(a[1])) or real(*a, **k))
    single = lint(cli, demo, "--no-cache", "--jobs", "1")
    assert not forked
    assert len(findings(single)) > 12 * 20
    assert lint(cli, demo, "--no-cache", "--jobs", "2") == single
    assert forked == [635], "the first listing is checked before forking, the rest by the workers"
    assert lint(cli, demo, "--cache-dir", cache_dir, "--jobs", "2") == single
    assert lint(cli, demo, "--cache-dir", cache_dir, "--jobs", "2") == single
    edit(demo / "catalog.yaml", count=3)
    edited = lint(cli, demo, "--no-cache", "--jobs", "1")
    assert edited != single
    forked.clear()
    assert lint(cli, demo, "--cache-dir", cache_dir, "--jobs", "2") == edited
    assert not forked, "three edited listings are checked in this process"
    assert lint(cli, demo, "--no-cache", "--jobs", "2", fmt="text") == lint(cli, demo, "--no-cache", fmt="text")
    pytest.importorskip("matplotlib")
    # The HTML report's price overview is drawn from what the price rules noted in the workers.
    assert lint(cli, demo, "--jobs", "2", fmt="html") == lint(cli, demo, "--jobs", "1", fmt="html")


def test_the_cache_is_not_used_for_standard_input_or_fixes(cli, demo, cache_dir):
    text = (demo / "catalog.yaml").read_text(encoding="utf-8")
    cli("check", "--config", demo / "listing-lint.yaml", "-", "--cache-dir", cache_dir, input=text, cwd=demo)
    cli("check", "--config", demo / "listing-lint.yaml", demo / "catalog.yaml", "--diff", "--cache-dir", cache_dir,
        cwd=demo)
    assert not any(cache_dir.iterdir())


def test_a_damaged_cache_entry_means_checking_again(cli, demo, cache_dir):
    plain = lint(cli, demo, "--no-cache")
    lint(cli, demo, "--cache-dir", cache_dir)
    for entry in cache_dir.rglob("*.json"):
        entry.write_text('{"run": "x", "files": ', encoding="utf-8")
    assert lint(cli, demo, "--cache-dir", cache_dir) == plain
    for entry in cache_dir.rglob("*.json"):
        entry.write_bytes(b"\xff\xfe not json")
    assert lint(cli, demo, "--cache-dir", cache_dir) == plain
