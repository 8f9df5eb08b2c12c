"""Every target of the performance issue, measured beside its yardstick in the same run.

    .venv/bin/python benchmarks/targets.py                       # the issue's sizes
    .venv/bin/python benchmarks/targets.py --listings 20000 --linearity-listings 2000   # a quick look
    .venv/bin/python benchmarks/targets.py --only precommit,translations

Not a test, and it asserts nothing: it prints each measurement as it goes, then a Markdown
table `target | measured | yardstick | met?`. The sections:

- precommit: the first 31 listings of fixtures/made_in_russia/catalog.yaml, with its config,
  rates and comparables, checked with all default rules in a new process each time (as a
  pre-commit hook runs it, PRE_COMMIT=1), median wall time of `--runs`, interleaved with
  yamllint on the same file (its default config). Target: no slower than yamllint.
- throughput: `--listings` generated listings (Russian and English titles and HTML
  descriptions with numbers, GTINs, prices in RUB with their USD price, a few planted
  defects) against `--comparables` comparable items, all default rules, as CSV and as the same
  listings in YAML; listings per CPU second and per wall second. Yardsticks: a bare
  `csv.reader` pass over the CSV, PyYAML's CSafeLoader composing the first 20,000 listings
  of the YAML, each in a new process like the tool. Targets: 10,000 listings/s (CPU) for
  CSV, YAML within 1.5x of CSV.
- translations: `--pairs` text pairs from ../shared/data/translations/udhr_aligned.tsv
  (every one of its ten languages the source in turn, each of the nine others the target:
  one .po file and one catalog per language pair; paragraphs repeated in five markups to
  reach the count; one pair in ten with a planted defect). pofilter runs the checks that
  T001, T002, T005, T006 and T008 share with it (POFILTER_TESTS), listing-lint those rules.
  Target: 3x pofilter's pairs per second.
- memory: peak RSS of the CSV throughput run less that of a one-listing run (same config
  and comparables), per listing (target 2 KB); and one run over 13 small catalogs with
  different locale sets against one catalog of as many listings with one locale set (one
  language model per run: the difference should stay well under what the language rules
  take in the single run).
- linearity: each rule alone (`--select CODE`) at `--linearity-listings` N and 4N; the time
  a rule adds is its run's CPU time less that of a run with no rules (`--ignore ALL`) on the
  same file. Linear is 4.0x; above `--flag-ratio` is flagged. C003 also runs on listings
  without a USD price (a finding and a fix each, and `--diff` to apply them), L002 on a
  catalog whose ids repeat N/100 times each.
- cache: only where `listing-lint check --help` offers `--no-cache`: a cold run (fresh
  LISTING_LINT_CACHE_DIR, language model unpacked beforehand), a warm unchanged run and a run
  after a one-listing edit, of the throughput CSV. Target: warm within 5% of cold.

Timed processes run without PYTHONDONTWRITEBYTECODE (this machine sets it, which would make
every run compile the package again: installed packages have their bytecode); a first,
untimed run writes the bytecode. listing-lint runs from this project's virtualenv; yamllint
and translate-toolkit are installed (once) into a virtualenv of their own under
`~/.cache/listing-lint-bench/venv` (`--bench-venv`), never into the project's. Where
`--no-cache` exists, every run but the cache section's passes it. CPU times are user + system
of the process and its children (os.wait4), peak RSS is the largest process's. The machine
is shared: the load average is printed, and wall times move with it (CPU times much less).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from partial_translation import LOCALES, UDHR, udhr_rows  # noqa: E402  (the UDHR data and its reader)
from price_judgement import BRANDS, PRODUCTS, RATE, make_item, write_comparables  # noqa: E402

FIXTURE = ROOT / "fixtures" / "made_in_russia"
SECTIONS = ("precommit", "throughput", "translations", "memory", "linearity", "cache")
BUDGET_S = 15 * 60
# Environment of every timed process: the machine's, without PYTHONDONTWRITEBYTECODE.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
TRANSLATION_RULES = ("T001", "T002", "T005", "T006", "T008")
# pofilter's checks that those rules also make, rule by rule:
# T001 missing-translation: untranslated, blank; T002 untranslated (a copy): unchanged;
# T005 number-mismatch: numbers; T006 markup-mismatch (tags, links, e-mails, placeholders):
# xmltags, urls, emails, printf, pythonbraceformat; T008 length-mismatch: long, short.
POFILTER_TESTS = ("untranslated", "blank", "unchanged", "numbers", "xmltags", "urls", "emails", "printf",
                  "pythonbraceformat", "long", "short")


# ------------------------------------------------------------------ running processes

@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds, children included
    rss_mb: float  # peak resident set size
    code: int
    stdout: str
    stderr: str


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """One process, timed from start to exit; its output kept (in files, so no pipe fills)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV if env is None else env,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def interleaved(commands: dict, runs: int) -> dict[str, list[Run]]:
    """`runs` runs of each command, taking turns (and turns at going first), so load changes hit all."""
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for k in range(runs):
        for name in (list(commands) if k % 2 == 0 else list(commands)[::-1]):
            results[name].append(commands[name]())
    return results


def listing_lint() -> list[str]:
    script = ROOT / ".venv" / "bin" / "listing-lint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "listing_lint"]


def lint(args: list[str], cwd: Path, *, cache: bool = False, env: dict[str, str] | None = None,
         ok: tuple[int, ...] = (0, 1)) -> Run:
    """A listing-lint run; a crash or bad input (exit 2) is shown, as its time means little."""
    extra = ["--no-cache"] if HAS_CACHE and not cache and args[:1] == ["check"] else []
    result = run([*listing_lint(), args[0], *extra, *args[1:]], cwd, env)
    if result.code not in ok:
        tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        print(f"    ! listing-lint {' '.join(args)} exited {result.code}: " + " | ".join(tail))
    return result


def summary(result: Run) -> str:
    lines = [line for line in result.stdout.splitlines() if line.startswith(("Found ", "No problems", "Prices of"))]
    return "; ".join(lines) or "(no summary line)"


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


LOADS: list[float] = []


def section(name: str):
    start = time.perf_counter()
    LOADS.append(os.getloadavg()[0])
    print(f"\n== {name} (load average {load()})", flush=True)

    def done() -> None:
        LOADS.append(os.getloadavg()[0])
        print(f"   [{name}: {time.perf_counter() - start:.0f} s; load average now {load()}]", flush=True)
    return done


def has_cache_option() -> bool:
    return "--no-cache" in run([*listing_lint(), "check", "--help"], ROOT).stdout


HAS_CACHE = False  # set in main()
JOBS_1: list[str] = []  # `--jobs 1` where the option exists (set in main())


# ------------------------------------------------------------------ the benchmark-only virtualenv

def bench_venv(path: Path) -> Path | None:
    """A virtualenv with yamllint and translate-toolkit, made and filled only if not there yet."""
    bin_dir = path / "bin"
    if (bin_dir / "yamllint").exists() and (bin_dir / "pofilter").exists():
        return bin_dir
    print(f"   installing yamllint and translate-toolkit into {path} (once) ...", flush=True)
    start = time.perf_counter()
    steps = ([sys.executable, "-m", "venv", "--clear", str(path)],
             [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
              "yamllint", "translate-toolkit"])
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, env=ENV)
        if done.returncode:
            print(f"   ! {' '.join(step[:4])} ... failed: {(done.stderr or done.stdout).strip()[-500:]}")
            return None
    print(f"   installed in {time.perf_counter() - start:.0f} s")
    return bin_dir


def version_of(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, env=ENV)
    return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr).strip() else "?"


# ------------------------------------------------------------------ generated catalogs

CITIES = (("Moscow", "Москве"), ("Kazan", "Казани"), ("Tula", "Туле"), ("Vologda", "Вологде"), ("Suzdal", "Суздале"))
SENTENCES = (  # (English, Russian), filled in per listing
    ("Made by hand in {city}.", "Сделано вручную в {city}."),
    ("Ships within {a} days.", "Отправка в течение {a} дней."),
    ("Warranty: {b} months.", "Гарантия: {b} месяцев."),
    ("Store at {a} to {c} °C.", "Хранить при температуре от {a} до {c} °C."),
    ("A gift box is included.", "В комплект входит подарочная коробка."),
    ("Suitable for everyday use at home and while travelling.",
     "Подходит для ежедневного использования дома и в поездках."),
    ("More than {d} buyers have rated it five stars.", "Более {d} покупателей поставили ему пять звёзд."),
    ("<b>Free returns</b> within {b} days.", "<b>Бесплатный возврат</b> в течение {b} дней."),
)
COLUMNS = ("id", "category", "title.ru", "title.en", "description.ru", "description.en", "price", "prices.USD",
           "brand", "gtin")


def describe(rng: random.Random, en_title: str, ru_title: str) -> tuple[str, str]:
    """An HTML description in English and its Russian original: the title and three sentences."""
    city_en, city_ru = rng.choice(CITIES)
    slots = {"a": rng.randrange(2, 15), "b": rng.randrange(12, 37), "c": rng.randrange(20, 31),
             "d": rng.randrange(100, 5000)}
    chosen = rng.sample(SENTENCES, 3)
    en = " ".join(en.format(city=city_en, **slots) for en, _ in chosen)
    ru = " ".join(ru.format(city=city_ru, **slots) for _, ru in chosen)
    return f"<p>{en_title}. {en}</p>", f"<p>{ru_title}. {ru}</p>"


def gtin13(body: str) -> str:
    total = sum(int(d) * (3 if k % 2 else 1) for k, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def listing_rows(n: int, seed: int, *, usd: bool = True, distinct_ids: int = 0):
    """`n` listings as CSV rows (dicts of COLUMNS). One in 25 has a planted defect: a missing
    English description (T001), a title left in Russian (T002), a lost `</b>` (T006) or
    mojibake (T007); the titles' own sizes (`1 l` against `1000 мл`) make T005 findings."""
    rng = random.Random(seed)
    for i in range(n):
        product = PRODUCTS[i % len(PRODUCTS)]
        en, ru, unit_usd = make_item(rng, product, rng.choice(product[5]), serial=i)
        d_en, d_ru = describe(rng, en, ru)
        usd_price = unit_usd * rng.uniform(0.6, 1.6)
        row = {"id": f"RU-{i % distinct_ids if distinct_ids else i}", "category": product[0],
               "title.ru": ru, "title.en": en, "description.ru": d_ru, "description.en": d_en,
               "price": f"{usd_price * RATE:.0f} RUB", "prices.USD": f"{usd_price:.2f}" if usd else "",
               "brand": en.split()[0], "gtin": gtin13(f"460{i:09d}") if i % 3 == 0 else ""}
        planted = i % 100
        if planted == 11:
            row["description.en"] = ""
        elif planted == 37:
            row["title.en"] = ru
        elif planted == 59:
            row["description.en"] = d_en.replace("</b>", "", 1) if "</b>" in d_en else d_en.replace("</p>", "")
        elif planted == 73:
            row["description.en"] = d_en.replace(". ", " â€” ", 1)
        yield row


_UNPRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def yq(text: str) -> str:
    """A YAML double-quoted scalar (JSON's, with what YAML will not read raw escaped)."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def yaml_listing(row: dict[str, str]) -> str:
    lines = [f"  - id: {row['id']}", f"    category: {row['category']}",
             f"    title:\n      ru: {yq(row['title.ru'])}\n      en: {yq(row['title.en'])}",
             f"    description:\n      ru: {yq(row['description.ru'])}"]
    if row["description.en"]:
        lines.append(f"      en: {yq(row['description.en'])}")
    lines.append(f"    price: {row['price']}")
    if row["prices.USD"]:
        lines.append(f"    prices: {{USD: {row['prices.USD']}}}")
    lines.append(f"    brand: {yq(row['brand'])}")
    if row["gtin"]:
        lines.append(f'    gtin: "{row["gtin"]}"')
    return "\n".join(lines) + "\n\n"


YAML_HEAD = "source_locale: ru_RU\ntarget_locales: [en_US]\nlistings:\n\n"


def write_catalog(d: Path, name: str, n: int, seed: int, *, yaml_too: bool = False, compose_head: int = 0,
                  **options) -> None:
    """`name`.csv (and `name`.yaml, and compose.yaml of its first `compose_head` listings)."""
    with open(d / f"{name}.csv", "w", encoding="utf-8", newline="") as c:
        y = open(d / f"{name}.yaml", "w", encoding="utf-8") if yaml_too else None
        head = open(d / "compose.yaml", "w", encoding="utf-8") if compose_head else None
        out = csv.DictWriter(c, COLUMNS, lineterminator="\n")
        out.writeheader()
        for y_file in (y, head):
            if y_file:
                y_file.write(YAML_HEAD)
        for i, row in enumerate(listing_rows(n, seed, **options)):
            out.writerow(row)
            if y or head:
                text = yaml_listing(row)
                if y:
                    y.write(text)
                if head and i < compose_head:
                    head.write(text)
        for y_file in (y, head):
            if y_file:
                y_file.close()


def market_dir(d: Path, comparables: int) -> Path:
    """A directory with the config, the rates and `comparables` comparable items."""
    d.mkdir(parents=True, exist_ok=True)
    write_comparables(d / "comparables.csv", comparables, random.Random(20261202))
    (d / "rates.yaml").write_text(f'date: 2026-11-20\nsource: benchmark\nbase: USD\nrates: {{RUB: "{RATE}"}}\n')
    (d / ".listing-lint.yaml").write_text(
        "source_locale: ru_RU\ntarget_locales: [en_US]\nrates: rates.yaml\ncomparables: [comparables.csv]\n"
        f"keep_terms: [{', '.join(BRANDS)}]\n")
    return d


# ------------------------------------------------------------------ results

ROWS: list[tuple[str, str, str, str]] = []


def met(ok: bool | None) -> str:
    return "n/a" if ok is None else "yes" if ok else "**no**"


def row(target: str, measured: str, yardstick: str, ok: bool | None | str) -> None:
    ROWS.append((target, measured, yardstick, ok if isinstance(ok, str) else met(ok)))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


# ------------------------------------------------------------------ 1. pre-commit

def precommit(work: Path, runs: int, tools: Path | None) -> None:
    done = section("1. pre-commit: a 31-listing catalog, all default rules, a new process each run")
    d = work / "precommit"
    d.mkdir()
    lines = (FIXTURE / "catalog.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [k for k, line in enumerate(lines) if line.startswith("  - id:")]
    cut = starts[31] if len(starts) > 31 else len(lines)
    while cut > 0 and (not lines[cut - 1].strip() or lines[cut - 1].lstrip().startswith("#")):
        cut -= 1  # the next listing's comment and the blank line before it
    (d / "catalog.yaml").write_text("".join(lines[:cut]), encoding="utf-8")
    shutil.copy(FIXTURE / "listing-lint.yaml", d / ".listing-lint.yaml")
    for name in ("rates.yaml", "comparables.csv"):
        shutil.copy(FIXTURE / name, d / name)
    hook_env = {**ENV, "PRE_COMMIT": "1"}
    commands = {"listing-lint": lambda: lint(["check", "catalog.yaml"], d, env=hook_env)}
    if HAS_CACHE:
        # As a hook meets it: the catalog unchanged since the last commit, or one listing edited.
        cached_env = {**hook_env, "LISTING_LINT_CACHE_DIR": str(work / "precommit-cache")}
        edited = d / "edited"
        edited.mkdir()
        for name in ("catalog.yaml", ".listing-lint.yaml", "rates.yaml", "comparables.csv"):
            shutil.copy(d / name, edited / name)
        original = (edited / "catalog.yaml").read_text(encoding="utf-8")
        turns = iter(range(10**6))

        def one_listing_edited() -> Run:
            text = original if next(turns) % 2 else original.replace("шерсть", "шерсти", 1)
            (edited / "catalog.yaml").write_text(text, encoding="utf-8")
            return lint(["check", "catalog.yaml"], edited, cache=True, env=cached_env)

        commands["cache, unchanged"] = lambda: lint(["check", "catalog.yaml"], d, cache=True, env=cached_env)
        commands["cache, 1 edited"] = one_listing_edited
    if tools:
        commands["yamllint"] = lambda: run([str(tools / "yamllint"), "catalog.yaml"], d)
    first = {name: command() for name, command in commands.items()}  # untimed: bytecode, file cache
    print(f"   {min(31, len(starts))} listings; listing-lint: {summary(first['listing-lint'])}")
    if "yamllint" in first:
        print(f"   yamllint ({version_of([str(tools / 'yamllint'), '--version'])}, default config): "
              f"{len(first['yamllint'].stdout.splitlines())} lines of output")
    times = interleaved(commands, runs)
    med = {}
    for name, results in times.items():
        walls = sorted(r.wall for r in results)
        med[name] = statistics.median(walls)
        print(f"   {name:18s} median {ms(med[name])} wall (min {ms(walls[0])}, max {ms(walls[-1])}), "
              f"median CPU {ms(statistics.median(r.cpu for r in results))}, over {runs} runs")
    if "yamllint" in med:
        ratio = med["listing-lint"] / med["yamllint"]
        print(f"   ratio: {ratio:.2f}x yamllint's wall time (target 1.0x or less)")
        row("pre-commit: 31 listings, all rules, new process, ≤ 1.0× yamllint (median wall)",
            f"{ms(med['listing-lint'])} ({ratio:.2f}×)", f"yamllint {ms(med['yamllint'])}", ratio <= 1.0)
        for name in ("cache, unchanged", "cache, 1 edited"):
            if name in med:
                ratio = med[name] / med["yamllint"]
                row(f"pre-commit, {name} (no target of its own)", f"{ms(med[name])} ({ratio:.2f}×)",
                    f"yamllint {ms(med['yamllint'])}", ratio <= 1.0)
    else:
        row("pre-commit: 31 listings, all rules, new process, ≤ 1.0× yamllint (median wall)",
            ms(med["listing-lint"]), "yamllint not installed", None)
    done()


# ------------------------------------------------------------------ 2. throughput (and the run memory uses)

@dataclass
class Big:
    dir: Path
    n: int
    csv: Run | None = None


def big_catalog(work: Path, n: int, comparables: int) -> Big:
    start = time.perf_counter()
    d = market_dir(work / "big", comparables)
    write_catalog(d, "catalog", n, 20261203, yaml_too=True, compose_head=min(n, 20_000))
    write_catalog(d, "one", 1, 20261203)
    size = (d / "catalog.csv").stat().st_size / 2**20
    print(f"   generated {n:,} listings (CSV {size:.0f} MB, YAML "
          f"{(d / 'catalog.yaml').stat().st_size / 2**20:.0f} MB) and {comparables:,} comparables "
          f"in {time.perf_counter() - start:.0f} s")
    return Big(d, n)


def big_csv_run(big: Big) -> Run:
    if big.csv is None:
        big.csv = lint(["check", "--exit-zero", "catalog.csv"], big.dir)
    return big.csv


COMPOSE = "import sys, yaml\nwith open(sys.argv[1], encoding='utf-8') as f: yaml.compose(f, Loader=yaml.CSafeLoader)\n"
CSV_PASS = ("import csv, sys\nwith open(sys.argv[1], encoding='utf-8', newline='') as f:\n"
            "    for row in csv.reader(f): pass\n")


def throughput(big: Big) -> None:
    done = section(f"2. throughput: {big.n:,} listings, all default rules, CSV and the same listings in YAML")
    n = big.n
    csv_run = big_csv_run(big)
    print(f"   CSV : {csv_run.wall:6.1f} s wall, {csv_run.cpu:6.1f} s CPU: {n / csv_run.cpu:8,.0f} listings/s CPU, "
          f"{n / csv_run.wall:8,.0f}/s wall; peak RSS {csv_run.rss_mb:,.0f} MB; {summary(csv_run)}", flush=True)
    yaml_run = lint(["check", "--exit-zero", "catalog.yaml"], big.dir)
    print(f"   YAML: {yaml_run.wall:6.1f} s wall, {yaml_run.cpu:6.1f} s CPU: {n / yaml_run.cpu:8,.0f} listings/s CPU, "
          f"{n / yaml_run.wall:8,.0f}/s wall; peak RSS {yaml_run.rss_mb:,.0f} MB; {summary(yaml_run)}")
    ratio = yaml_run.cpu / csv_run.cpu
    print(f"   YAML takes {ratio:.2f}x the CPU time of CSV ({yaml_run.wall / csv_run.wall:.2f}x wall; target 1.5x or less)")
    bare = run([sys.executable, "-c", CSV_PASS, "catalog.csv"], big.dir)
    head = min(n, 20_000)
    compose = run([sys.executable, "-c", COMPOSE, "compose.yaml"], big.dir)
    print(f"   yardsticks, each a new process: csv.reader over the CSV {n / bare.cpu:,.0f} rows/s CPU "
          f"({bare.cpu:.2f} s); CSafeLoader compose of the first {head:,} listings in YAML "
          f"{head / compose.cpu:,.0f} listings/s CPU ({compose.cpu:.2f} s)")
    print(f"   one run of {n:,} listings takes about {max(csv_run.wall, yaml_run.wall):.0f} s at this speed: "
          "choose --listings accordingly")
    row(f"throughput: CSV, {n:,} listings, all rules, ≥ 10,000 listings/s on {os.cpu_count()} cores (wall; --jobs default)",
        f"{n / csv_run.wall:,.0f}/s wall, {n / csv_run.cpu:,.0f}/s CPU", f"csv.reader {n / bare.cpu:,.0f} rows/s",
        n / csv_run.wall >= 10_000)
    row("throughput: the same listings in YAML within 1.5× of CSV (CPU time)",
        f"{n / yaml_run.cpu:,.0f}/s CPU ({ratio:.2f}× CSV's time)",
        f"CSafeLoader compose {head / compose.cpu:,.0f} listings/s", ratio <= 1.5)
    done()


# ------------------------------------------------------------------ 3. translation checks vs pofilter

def po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def markup(text: str, variant: int, k: int) -> str:
    """The paragraph in one of five forms, the same for source and target."""
    return (text, f"<p>{text}</p>", f"{k}. {text}", f"<p><b>{k}.</b> {text}</p>",
            f'<p>{text} <a href="https://example.org/udhr/{k}">[{k}]</a></p>')[variant % 5]


def translation_pairs(count: int) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(source, target) → [(id, source text, target text)]: `count` pairs in all."""
    paragraphs = udhr_rows()
    langs = list(LOCALES)
    pairs: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    j = 0
    for variant in range(count // (len(paragraphs) * len(langs) * (len(langs) - 1)) + 1):
        for s in langs:
            for t in langs:
                for p, texts in enumerate(paragraphs):
                    if s == t or j >= count:
                        continue
                    k = 100 * variant + p
                    src, tgt = markup(texts[s], variant, k), markup(texts[t], variant, k)
                    planted = j % 50
                    if planted == 7:  # never translated
                        tgt = ""
                    elif planted == 17:  # a copy of the source
                        tgt = src
                    elif planted == 27:  # a number changed
                        src, tgt = f"{src} (1948)", f"{tgt} (1949)"
                    elif planted == 37:  # closing tags lost (or a tag added)
                        tgt = tgt.replace("</p>", "").replace("</b>", "") if "</" in tgt else f"{tgt} <b>"
                    elif planted == 47:  # cut to a fifth
                        tgt = tgt[:max(1, len(tgt) // 5)]
                    pairs.setdefault((s, t), []).append((f"{s}-{t}-{j}", src, tgt))
                    j += 1
    return pairs


def translations(work: Path, count: int, runs: int, tools: Path | None) -> None:
    done = section(f"3. translation checks: {count:,} UDHR text pairs, listing-lint {','.join(TRANSLATION_RULES)} "
                   "against pofilter")
    if not UDHR.is_file():
        print(f"   no data at {UDHR}")
        row("translation checks ≥ 3× pofilter (pairs/s)", "no data", "", None)
        return done()
    d = work / "translations"
    (d / "po").mkdir(parents=True)
    (d / "catalogs").mkdir()
    pairs = translation_pairs(count)
    total = sum(len(units) for units in pairs.values())
    for (s, t), units in pairs.items():
        head = f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {t}\\n"\n'
        (d / "po" / f"{s}-{t}.po").write_text(head + "".join(
            f"\nmsgctxt {po_string(c)}\nmsgid {po_string(a)}\nmsgstr {po_string(b)}\n" for c, a, b in units),
            encoding="utf-8")
        (d / "catalogs" / f"{s}-{t}.yaml").write_text(
            f"source_locale: {LOCALES[s]}\ntarget_locales: [{LOCALES[t]}]\nlistings:\n" + "".join(
                f"  - id: {c}\n    description:\n      {s}: {yq(a)}\n      {t}: {yq(b)}\n" for c, a, b in units),
            encoding="utf-8")
    print(f"   {total:,} pairs in {len(pairs)} language pairs (one .po file and one catalog each); planted, one "
          "pair in ten: empty, a copy, a number changed, tags lost, cut to a fifth")
    print(f"   pofilter tests: {', '.join(POFILTER_TESTS)}")
    ll_cmd = ["check", "--exit-zero", "--select", ",".join(TRANSLATION_RULES), "catalogs"]

    def pofilter() -> Run:
        shutil.rmtree(d / "out", ignore_errors=True)
        (d / "out").mkdir()
        return run([str(tools / "pofilter"), "--progress=none", *(f"--test={t}" for t in POFILTER_TESTS),
                    "-i", "po", "-o", "out"], d)

    commands = {"listing-lint": lambda: lint(ll_cmd, d)}
    if tools:
        commands["pofilter"] = pofilter
    # No untimed first run: the files were just written (in the page cache), the bytecode is there.
    results = interleaved(commands, runs)
    counts = {code: len(re.findall(rf" {code} \[", results["listing-lint"][0].stdout)) for code in TRANSLATION_RULES}
    print("   listing-lint findings: " + ", ".join(f"{c} {v:,}" for c, v in counts.items()))
    if tools:
        found: dict[str, int] = {}
        for po in (d / "out").rglob("*.po"):
            for test in re.findall(r"\(pofilter\) (\w+)", po.read_text(encoding="utf-8")):
                found[test] = found.get(test, 0) + 1
        print(f"   pofilter ({version_of([str(tools / 'pofilter'), '--version'])}) findings (notes, by test): "
              + ", ".join(f"{t} {v:,}" for t, v in sorted(found.items())))
    rate = {}
    for name, rs in results.items():
        wall, cpu = statistics.median(r.wall for r in rs), statistics.median(r.cpu for r in rs)
        rate[name] = (total / wall, total / cpu)
        print(f"   {name:12s} median of {runs}: {wall:6.2f} s wall, {cpu:6.2f} s CPU: {total / wall:8,.0f} pairs/s wall, "
              f"{total / cpu:8,.0f} pairs/s CPU; peak RSS {max(r.rss_mb for r in rs):,.0f} MB")
    target = "translation checks ≥ 3× pofilter (pairs/s, wall)"
    if tools:
        ratio, cpu_ratio = (rate["listing-lint"][i] / rate["pofilter"][i] for i in (0, 1))
        print(f"   listing-lint checks {ratio:.2f}x as many pairs a second as pofilter ({cpu_ratio:.2f}x by CPU time)")
        row(target, f"{rate['listing-lint'][0]:,.0f}/s ({ratio:.2f}×; CPU {cpu_ratio:.2f}×)",
            f"pofilter {rate['pofilter'][0]:,.0f}/s", ratio >= 3)
    else:
        row(target, f"{rate['listing-lint'][0]:,.0f}/s", "pofilter not installed", None)
    done()


# ------------------------------------------------------------------ 4. memory

LOCALE_SETS = (("ru", "en"), ("ru", "de"), ("ru", "en", "de", "fr"), ("en", "ru"), ("en", "es", "fr"), ("de", "en"),
               ("fr", "en", "es"), ("es", "en"), ("uk", "ru", "en"), ("ar", "en"), ("zh", "en", "ja"), ("ja", "ko"),
               ("ko", "zh", "en"))
PER_CATALOG = 20


def locale_catalog(path: Path, langs: tuple[str, ...], listings: int) -> None:
    paragraphs = udhr_rows()[2:]  # past the title and the heading "Preamble"
    text = [f"source_locale: {LOCALES[langs[0]]}", f"target_locales: [{', '.join(LOCALES[t] for t in langs[1:])}]",
            "listings:"]
    for i in range(listings):
        texts = paragraphs[i % len(paragraphs)]
        text.append(f"  - id: {path.stem}-{i}\n    price: 1200 RUB\n    description:")
        text += [f"      {lang}: {yq(texts[lang] + (f' ({i})' if i >= len(paragraphs) else ''))}" for lang in langs]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")


def memory(work: Path, big: Big) -> None:
    done = section(f"4. memory: peak RSS of the {big.n:,}-listing CSV run less a one-listing run; one language model")
    csv_run = big_csv_run(big)
    base = lint(["check", "--exit-zero", "one.csv"], big.dir)
    per = (csv_run.rss_mb - base.rss_mb) * 1024 / big.n
    print(f"   {big.n:,} listings: {csv_run.rss_mb:,.0f} MB; one listing (same config, comparables): "
          f"{base.rss_mb:,.0f} MB; {per:,.2f} KB a listing (target 2 KB)")
    row(f"memory: ≤ 2 KB a listing (peak RSS, {big.n:,}-listing CSV less a one-listing run)",
        f"{per:,.1f} KB/listing ({csv_run.rss_mb:,.0f} MB)", f"one-listing run {base.rss_mb:,.0f} MB", per <= 2)

    d = work / "locales"
    d.mkdir()
    for langs in LOCALE_SETS:
        locale_catalog(d / f"{'-'.join(langs)}.yaml", langs, PER_CATALOG)
    single = work / "single"
    single.mkdir()
    locale_catalog(single / "ru-en.yaml", ("ru", "en"), PER_CATALOG * len(LOCALE_SETS))
    many = lint(["check", "--exit-zero", "."], d)
    one = lint(["check", "--exit-zero", "ru-en.yaml"], single)
    bare = lint(["check", "--exit-zero", "--ignore", "T003,T004", "ru-en.yaml"], single)
    model = one.rss_mb - bare.rss_mb
    extra = many.rss_mb - one.rss_mb
    print(f"   {len(LOCALE_SETS)} catalogs of {PER_CATALOG} listings, {len(LOCALE_SETS)} locale sets "
          f"({', '.join('-'.join(s) for s in LOCALE_SETS)}): {many.rss_mb:,.0f} MB, {many.wall:.1f} s")
    print(f"   one catalog of {PER_CATALOG * len(LOCALE_SETS)} listings, ru-en: {one.rss_mb:,.0f} MB, {one.wall:.1f} s; "
          f"without the language rules T003, T004: {bare.rss_mb:,.0f} MB (so they take {model:,.0f} MB)")
    print(f"   the {len(LOCALE_SETS)} locale sets add {extra:+,.0f} MB (one language model a run: well under {model:,.0f} MB)")
    row(f"one language model a run: {len(LOCALE_SETS)} catalogs with different locale sets vs one catalog",
        f"{many.rss_mb:,.0f} MB vs {one.rss_mb:,.0f} MB ({extra:+,.0f} MB)",
        f"language rules take {model:,.0f} MB", extra < model / 2 if model > 5 else None)
    done()


# ------------------------------------------------------------------ 5. linearity

def rule_codes() -> list[str]:
    out = run([*listing_lint(), "rules"], ROOT).stdout
    return [line.split()[0] for line in out.splitlines() if re.match(r"[A-Z]\d{3}\s", line)]


def linearity(work: Path, n: int, comparables: int, flag: float) -> None:
    done = section(f"5. linearity: each rule alone at N = {n:,} and 4N = {4 * n:,} listings")
    d = market_dir(work / "linear", comparables)
    kinds = {"": {}, "-nousd": {"usd": False}, "-dupids": {"distinct_ids": 100}}
    for suffix, options in kinds.items():
        for size in (n, 4 * n):
            write_catalog(d, f"c{size}{suffix}", size, 20261204, **options)
    cases = [(code, [code], "") for code in rule_codes()]
    cases += [("C003 no USD price", ["C003"], "-nousd"), ("C003 --diff, no USD price", ["C003", "--diff"], "-nousd"),
              ("L002 ids ×N/100", ["L002"], "-dupids")]
    base = {(suffix, size): lint(["check", "--exit-zero", *JOBS_1, "--ignore", "ALL", f"c{size}{suffix}.csv"], d)
            for suffix in kinds for size in (n, 4 * n)}
    print(f"   no rules (--ignore ALL: reading the file): {base['', n].cpu:.2f} s CPU at N, "
          f"{base['', 4 * n].cpu:.2f} s at 4N ({base['', 4 * n].cpu / base['', n].cpu:.2f}x)")
    print(f"   {'rule':28s} {'CPU at N':>9s} {'at 4N':>8s} {'rule alone: N':>14s} {'4N':>7s} {'ratio':>6s} "
          f"{'whole run':>9s}")
    worst: tuple[float, str] = (0.0, "")
    flagged = []
    for label, select, suffix in cases:
        times = []
        for size in (n, 4 * n):
            # One process: forking at 4N but not at N would hide (or fake) a rule's growth.
            args = ["check", "--exit-zero", *JOBS_1, "--select", select[0], *select[1:], f"c{size}{suffix}.csv"]
            times.append(lint(args, d, ok=(0, 1)).cpu)
        alone = [t - base[suffix, size].cpu for t, size in zip(times, (n, 4 * n))]
        judged = alone[0] >= 0.05 and alone[1] >= 0.2  # below that, a difference of two noisy times
        ratio = alone[1] / alone[0] if judged else None
        mark = ""
        if ratio is not None:
            worst = max(worst, (ratio, label))
            if ratio > flag:
                flagged.append(f"{label} {ratio:.1f}×")
                mark = f"  <-- above {flag}x"
        print(f"   {label:28s} {times[0]:8.2f}s {times[1]:7.2f}s {alone[0]:13.2f}s {alone[1]:6.2f}s "
              f"{f'{ratio:.2f}' if ratio else 'small':>6s} {times[1] / times[0]:8.2f}x{mark}", flush=True)
    print(f"   ('small': the rule adds under 0.05 s at N or 0.2 s at 4N, too little to tell from noise; P rules "
          f"include loading {comparables:,} comparables once, which does not grow with N)")
    row(f"linearity: each rule alone at 4N ({4 * n:,}) ≤ {flag}× its time at N (linear 4.0×)",
        f"worst {worst[1]} {worst[0]:.2f}×" + (f"; above: {', '.join(flagged)}" if flagged else ""),
        f"reading alone {base['', 4 * n].cpu / base['', n].cpu:.2f}×", not flagged)
    done()


# ------------------------------------------------------------------ 6. cache for unchanged input

def cache(work: Path, big: Big) -> None:
    done = section("6. cache for unchanged input")
    target = f"cache: warm unchanged run ≤ 5% of cold ({big.n:,} listings)"
    if not HAS_CACHE:
        print("   not implemented: `listing-lint check --help` has no --no-cache")
        row(target, "not implemented", "", "not implemented")
        return done()
    d = work / "cache"
    shutil.copytree(big.dir, d, ignore=shutil.ignore_patterns("*.yaml", "one.csv"))
    for name in (".listing-lint.yaml", "rates.yaml"):
        shutil.copy(big.dir / name, d / name)
    env = {**ENV, "LISTING_LINT_CACHE_DIR": str(work / "cache-home")}
    prime = work / "prime"
    prime.mkdir()
    shutil.copy(big.dir / "one.csv", prime / "one.csv")
    lint(["check", "--exit-zero", "one.csv"], prime, cache=True, env=env)  # the language model, unpacked
    no_cache = big_csv_run(big)
    cold = lint(["check", "--exit-zero", "catalog.csv"], d, cache=True, env=env)
    warm = lint(["check", "--exit-zero", "catalog.csv"], d, cache=True, env=env)
    lines = (d / "catalog.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    k = len(lines) // 2
    lines[k] = lines[k].replace(" ml", " ml.", 1) if " ml" in lines[k] else lines[k].replace(",", ", ", 1)
    (d / "catalog.csv").write_text("".join(lines), encoding="utf-8")
    edited = lint(["check", "--exit-zero", "catalog.csv"], d, cache=True, env=env)
    same = "identical" if warm.stdout == cold.stdout else "DIFFERENT"
    for label, r in (("--no-cache", no_cache), ("cold", cold), ("warm", warm), ("one listing edited", edited)):
        print(f"   {label:20s} {r.wall:7.2f} s wall, {r.cpu:7.2f} s CPU ({100 * r.wall / cold.wall:5.1f}% of cold)")
    print(f"   warm run's report {same} to the cold run's")
    share = warm.wall / cold.wall
    row(target, f"warm {warm.wall:.2f} s = {100 * share:.1f}% of cold {cold.wall:.1f} s (report {same})",
        f"--no-cache {no_cache.wall:.1f} s", share <= 0.05)
    row("cache: a one-listing edit (no target)", f"{edited.wall:.2f} s = {100 * edited.wall / cold.wall:.1f}% of cold",
        "", None)
    done()


# ------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> int:
    global HAS_CACHE
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listings", type=int, default=100_000, help="listings for throughput, memory, cache")
    parser.add_argument("--comparables", type=int, default=20_000, help="comparable items beside them")
    parser.add_argument("--runs", type=int, default=9, help="pre-commit runs of each tool (median)")
    parser.add_argument("--pairs", type=int, default=40_000, help="text pairs for the translation checks")
    parser.add_argument("--translation-runs", type=int, default=3, help="runs of each tool on them (median)")
    parser.add_argument("--linearity-listings", type=int, default=10_000, help="N of the linearity runs (and 4N)")
    parser.add_argument("--flag-ratio", type=float, default=5.5, help="flag a rule slower than this at 4N")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"sections, comma-separated: {','.join(SECTIONS)}")
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    parser.add_argument("--bench-venv", type=Path, default=cache_home / "listing-lint-bench" / "venv",
                        help="virtualenv for yamllint and translate-toolkit (made once)")
    args = parser.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    if only - set(SECTIONS):
        parser.error(f"unknown sections: {', '.join(sorted(only - set(SECTIONS)))}")

    start = time.perf_counter()
    head = subprocess.run(["git", "log", "-1", "--format=%h %cd", "--date=short"], cwd=ROOT, capture_output=True,
                          text=True).stdout.strip()
    changed = subprocess.run(["git", "status", "--porcelain", "--", "listing_lint", "rules", "pyproject.toml"],
                             cwd=ROOT, capture_output=True, text=True).stdout.splitlines()
    print(f"listing-lint at {head}" + (f", with {len(changed)} uncommitted changed files in the package (measured "
                                        "as they are)" if changed else "") +
          f"; {os.cpu_count()} cores; Python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"timed processes run without PYTHONDONTWRITEBYTECODE (here: {os.environ.get('PYTHONDONTWRITEBYTECODE')!r})")
    HAS_CACHE = has_cache_option()
    JOBS_1[:] = ["--jobs", "1"] if HAS_CACHE else []
    tools = bench_venv(args.bench_venv) if only & {"precommit", "translations"} else None
    with tempfile.TemporaryDirectory(prefix="listing-lint-targets-") as tmp:
        work = Path(tmp)
        warm_up = market_dir(work / "warm-up", 10)
        write_catalog(warm_up, "one", 1, 1)
        lint(["check", "--exit-zero", "one.csv"], warm_up)  # writes the bytecode, unpacks the language model
        if "precommit" in only:
            precommit(work, args.runs, tools)
        big = None
        if only & {"throughput", "memory", "cache"}:
            big = big_catalog(work, args.listings, args.comparables)
        if "throughput" in only:
            throughput(big)
        if "translations" in only:
            translations(work, args.pairs, args.translation_runs, tools)
        if "memory" in only:
            memory(work, big)
        if "linearity" in only:
            linearity(work, args.linearity_listings, args.comparables, args.flag_ratio)
        if "cache" in only:
            cache(work, big)

    elapsed = time.perf_counter() - start
    print("\n| target | measured | yardstick | met? |\n|---|---|---|---|")
    for cells in ROWS:
        print("| " + " | ".join(cells) + " |")
    print(f"\nwhole run: {elapsed / 60:.1f} min; load average (1 min) {min(LOADS, default=0):.1f}–"
          f"{max(LOADS, default=0):.1f} over the sections, on {os.cpu_count()} cores")
    if elapsed > BUDGET_S and only == set(SECTIONS):
        print(f"warning: the default run took over {BUDGET_S // 60} minutes; smaller --listings or "
              "--linearity-listings make it shorter")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
