"""The command line. Everything heavy is imported inside the commands, so that
`listing-lint --help` and a pre-commit hook start about as fast as Python itself."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

import click

from listing_lint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_PIPE_CLOSED = 128 + 13  # what a shell reports for a program ended by SIGPIPE


def _split(values: tuple[str, ...]) -> list[str]:
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def _fail(message: str) -> None:
    click.echo(f"listing-lint: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _load_config(config_path: str | None, **overrides):
    from pathlib import Path

    from listing_lint.config import load_config

    cfg = load_config(Path(config_path) if config_path else None, discover_from=None if config_path else Path.cwd())
    return cfg.with_overrides(**overrides)


ALLOW_PLUGINS_ENV = "LISTING_LINT_ALLOW_PLUGINS"


def _load_rules(config, trusted: bool = False):
    """Installed rules, and the config's `plugins:` when the user trusts that config: named with
    --config, or allowed with --allow-plugins or LISTING_LINT_ALLOW_PLUGINS=1. A config found by
    looking upward may come with a repository just cloned: its code is not run unasked."""
    from listing_lint.registry import discover, load_plugin_files

    rules = discover()
    plugins = config.get("plugins")
    _PLUGINS_NOT_LOADED.clear()  # one process may run several commands (tests, embedding)
    if plugins and not (trusted or os.environ.get(ALLOW_PLUGINS_ENV, "").lower() in ("1", "true", "yes")):
        _PLUGINS_NOT_LOADED[:] = [config.path, plugins]
        click.echo(f"{config.path}: plugins not loaded: {', '.join(map(str, plugins))}; code from a repository runs "
                   f"only when you allow it (--allow-plugins, {ALLOW_PLUGINS_ENV}=1, or --config {config.path})",
                   err=True)
        return rules
    load_plugin_files([config.resolve(p) for p in plugins], rules)
    return rules


_PLUGINS_NOT_LOADED: list = []  # [config path, plugins] when a run left them out


def _selection(rules, config):
    """The selected rules; a rule named in the config that only a plugin not loaded would provide
    is a config error that says so."""
    from listing_lint.errors import ConfigError
    from listing_lint.selection import Selection

    try:
        return Selection(rules, config)
    except ConfigError as exc:
        if not _PLUGINS_NOT_LOADED:
            raise
        path, plugins = _PLUGINS_NOT_LOADED
        raise ConfigError(f"{exc.message} (it may come from the plugins not loaded, {', '.join(map(str, plugins))}; "
                          f"allow them with --allow-plugins)", exc.path, exc.line) from None


_allow_plugins = click.option("--allow-plugins", is_flag=True, help="Load the config's `plugins:` (local rule modules) "
                              f"even from a config found upward from here (also {ALLOW_PLUGINS_ENV}=1).")


def _reading_options(command):
    """The options that decide what is read and how, shared by `check` and `show`."""
    for option in reversed((
        click.option("--stdin-filename", help="Name (and format, by extension) of the catalog read from `-`."),
        click.option("--input-format", help="Read every file with this reader instead of detecting it "
                     "(yaml, csv, gmc-xml, gmc-tsv, yml, shopify, woocommerce, table, json, ...)."),
        click.option("--encoding", help="Text encoding of the files (cp1251, gb18030, ...) instead of detecting it."),
        click.option("--feed", multiple=True, metavar="LOCALE=PATH",
                     help="A market's feed, joined with the others into one catalog; repeatable (adds to config `feeds:`)."),
    )):
        command = option(command)
    return command


def _engine_options(command):
    """`--engine`, `--scheduler`, `--workers`, `--part-size`: kept in the click context, read by `_chosen_engine`."""
    def keep(ctx, param, value):
        ctx.meta.setdefault("listing_lint.engine", {})[param.name] = value
        return value

    kept = {"expose_value": False, "callback": keep}
    for option in reversed((
        click.option("--engine", type=click.Choice(["single", "dask"]), default="single", show_default=True,
                     help="single: this process; dask: read large files in parts and lint them on a Dask cluster.", **kept),
        click.option("--scheduler", metavar="ADDRESS", **kept,
                     help="With --engine dask, the cluster's scheduler (tcp://host:8786); default: a local cluster."),
        click.option("--workers", type=click.IntRange(min=1), **kept,
                     help="With --engine dask, local worker processes (default: one per CPU)."),
        click.option("--part-size", type=click.IntRange(min=1), metavar="BYTES", **kept,
                     help="With --engine dask, the bytes of a CSV part (default 64 MiB); a file no larger is read whole."),
    )):
        command = option(command)
    return command


def _chosen_engine(run, fmt: str, fixing: bool):
    """`run` itself, or the distributed engine's run with the same signature (`--engine dask`)."""
    chosen = click.get_current_context().meta.get("listing_lint.engine", {})
    if chosen.get("engine", "single") == "single":
        for name in ("scheduler", "workers", "part_size"):
            if chosen.get(name) is not None:
                _fail(f"--{name.replace('_', '-')} needs --engine dask")
        return run
    if fixing:
        _fail("--fix and --diff need --engine single: a fix edits the file's text, which a cluster's parts do not hold")
    if fmt in CATALOG_FORMATS:
        _fail(f"--format {fmt} shows every listing checked, which --engine dask does not bring back; "
              "use json, sarif or text")

    def run_on_cluster(inputs, selection, on_progress=None, overrides=None, **single_process):
        # `jobs`, `cache`, `on_load`: the single-process engine's; a cluster has its own workers.
        from listing_lint.engines import dask, partitioned
        from listing_lint.errors import UserError

        try:
            result = dask.run(inputs, selection, chosen.get("scheduler"), chosen.get("workers"),
                              part_bytes=chosen.get("part_size") or partitioned.PART_BYTES)
        except UserError as exc:
            _fail(str(exc))
        if on_progress is not None:
            on_progress(result.files, result.listings)
        return result

    return run_on_cluster


class _Main(click.Group):
    # Commands that live with their subject, imported only when used (or listed by --help).
    lazy = {
        "rates": ("listing_lint.money.command", "rates_command",
                  "Print the effective exchange rates, or convert an amount."),
    }

    def list_commands(self, ctx):
        return sorted([*super().list_commands(ctx), *self.lazy])

    def format_commands(self, ctx, formatter):
        # --help shows the lazy commands' one-liners without importing them.
        rows = [(name, self.lazy[name][2] if name in self.lazy else self.commands[name].get_short_help_str(70))
                for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def get_command(self, ctx, name):
        if name in self.lazy:
            import importlib

            module, attr, _ = self.lazy[name]
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)

    def invoke(self, ctx):
        from listing_lint.errors import UserError

        try:
            try:
                return super().invoke(ctx)
            finally:
                if sys.stdout is not None:
                    sys.stdout.flush()  # here, where a closed pipe can still be told from a failure
        except BrokenPipeError:
            _pipe_closed()
        except UserError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            _fail("interrupted")
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # a user never sees a traceback
            _fail(f"internal error: {type(exc).__name__}: {exc}. Please report this with the command you ran.")


def _pipe_closed() -> None:
    """The reader of stdout went away (`listing-lint rules | head -1`): a normal end, said by the
    status a shell gives a program its pipe closed (128 + SIGPIPE), with no message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's own flush at exit must not fail again
    except (OSError, ValueError, AttributeError):
        pass
    sys.exit(EXIT_PIPE_CLOSED)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="listing-lint")
def main() -> None:
    """Lint e-commerce product listings: translations, currency conversion, prices."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable: `path: message`, not a usage error
@click.option("--select", multiple=True, help="Rules to run (codes, families, names, ALL), comma-separated; replaces the config's.")
@click.option("--extend-select", multiple=True, help="Rules to add to the selection.")
@click.option("--ignore", multiple=True, help="Rules to switch off (added to the config's).")
@click.option("--config", "config_path", type=click.Path(), help="Config file (default: .listing-lint.yaml or pyproject.toml, from here upward).")
@click.option("--format", "fmt", default="text", show_default=True,
              help="Output format: text, json, json-lines, sarif, github (Actions annotations), junit or html.")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to this file instead of stdout.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found (bad input still exits 2).")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--no-color", is_flag=True, help="Never colour the output.")
@click.option("--rates", help="Exchange rates: a rates file, `ecb` or `live` (overrides config `rates`).")
@click.option("--comparables", multiple=True, type=click.Path(), help="File of comparable marketplace items; repeatable.")
@click.option("--show-settings", is_flag=True, help="Print the effective configuration and exit.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that may change meaning.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them; exit 1 if there are any.")
@click.option("--fix-in-place", is_flag=True, help="With --fix, write a hard-linked file (or one whose owner or "
              "extended attributes a new file cannot keep) through the existing file, not atomically.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Record the current findings in this baseline file and report nothing.")
@click.option("--prune-baseline", is_flag=True, help="With --baseline, remove entries that no longer match from the file.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes for the listing rules of large catalogs "
              "(default: the machine's cores; catalogs under 2,000 listings use one).")
@click.option("--no-cache", is_flag=True, help="Check everything again, without remembering results.")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Where results are remembered "
              "(default: LISTING_LINT_CACHE_DIR, else ~/.cache/listing-lint).")
@_allow_plugins
@_reading_options
@_engine_options
def check(paths, select, extend_select, ignore, config_path, fmt, output, exit_zero, statistics, quiet, no_color,
          stdin_filename, rates, comparables, show_settings, fix, unsafe_fixes, diff, fix_in_place, baseline_path,
          write_baseline, prune_baseline, jobs, no_cache, cache_dir, allow_plugins, input_format, encoding, feed):
    """Lint catalogs and feeds (YAML, CSV/TSV, XML feeds, workbooks, JSON) or directories of them.

    `-` reads stdin. With no paths, lints the feeds of config `feeds:` (or --feed)."""
    from pathlib import Path

    from listing_lint.engine import run
    from listing_lint.money.rates import command_line_rates
    from listing_lint.reporters import FORMATS, Report, ensure_available, renderer
    from listing_lint.selection import Selection

    if fmt not in FORMATS:
        _fail(f"unknown format '{fmt}' (choose from {', '.join(sorted(FORMATS))})")
    ensure_available(fmt)
    if prune_baseline and not baseline_path:
        _fail("--prune-baseline needs --baseline FILE (the baseline to prune)")
    if baseline_path and write_baseline:
        _fail("use either --baseline (report new findings) or --write-baseline (record all of them), not both")
    base = _load_config(config_path)
    overrides = {
        "select": _split(select) or None,
        "extend_select": (base.get("extend_select") + _split(extend_select)) if extend_select else None,
        "ignore": (base.get("ignore") + _split(ignore)) if ignore else None,
        "rates": command_line_rates(rates),
        # Paths given on the command line are relative to where the command runs.
        "comparables": [str(Path(c).resolve()) for c in comparables] or None,
        "input_format": input_format,
        "encoding": encoding,
    }
    config = base.with_overrides(**overrides)
    rules = _load_rules(config, trusted=allow_plugins or config_path is not None)
    selection = _selection(rules, config)
    if show_settings:
        click.echo(_settings_text(config, selection), nl=False)
        return

    inputs, errors = _gather_inputs(config, paths, stdin_filename, feed)
    _refuse_overwriting_inputs(config, inputs, output, write_baseline, baseline_path)
    run = _chosen_engine(run, fmt, fix or diff)

    from listing_lint.progress import Progress, wanted

    progress = Progress(len(inputs), inputs=inputs) if wanted(quiet) else None
    from listing_lint.jobs import default_jobs

    cache = None
    # Fixes need the edits, which are not remembered; junit and html show every listing checked.
    if not (no_cache or fix or diff or fmt in CATALOG_FORMATS):
        from listing_lint.result_cache import ResultCache

        cache = ResultCache.for_run(config, selection, cache_dir)
    result = run(inputs, selection, on_progress=progress.update if progress else None,
                 on_load=progress.loaded if progress else None, jobs=jobs or default_jobs(), cache=cache)
    if progress:
        progress.done()
    out_text, status = None, EXIT_CLEAN  # out_text: the diff, printed instead of the report
    if fix or diff:
        result, out_text, status = _fix(inputs, selection, result, unsafe_fixes, diff, quiet, errors, fix_in_place)
    errors.extend(result.errors)
    findings = result.findings
    findings = _apply_baseline(findings, result, baseline_path, write_baseline, prune_baseline, quiet)
    _echo_errors(errors)

    color = not output and not no_color and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    if out_text is None:
        report = Report(rules, [i.path for i in inputs], result.listings, color, statistics, quiet,
                        catalogs=result.catalogs, errors=errors, tally=result.tally,
                        files_checked=result.files, notes=result.notes,
                        baseline=bool(baseline_path or write_baseline))
        out_text = renderer(fmt)(findings, report)
    if output:
        _write_file(output, out_text)
    else:
        sys.stdout.write(out_text)
    if fmt == "text" and not (quiet or fix or diff):
        _hint_fixes(result, findings)
    if errors:
        sys.exit(EXIT_ERROR)
    if diff:
        sys.exit(status)
    if not exit_zero and any(f.severity == "error" for f in findings):
        sys.exit(EXIT_FINDINGS)


# Formats that show every listing checked, or what rules noted beyond their findings (the HTML
# report's price overview): they read every file, and the result cache is not used.
CATALOG_FORMATS = ("junit", "html")


def _refuse_overwriting_inputs(config, inputs, output, write_baseline, baseline_path) -> None:
    """--output and --write-baseline never overwrite a file the run reads: a catalog or feed, the
    config, a rates, comparables or plugin file, the baseline. Compared by resolved path and by
    inode, so a symlink or a hard link to an input is refused too."""
    from pathlib import Path

    from listing_lint.comparables.sources import data_paths
    from listing_lint.money.rates import BUILT_IN, provider_names

    read = [(f"the catalog {p} being checked", Path(p)) for i in inputs if not i.from_stdin
            for p in (i.feeds.paths if i.feeds else [i.path])]
    if config.path is not None:
        read.append((f"the config file {config.path}", config.path))
    read += [(f"the rates file {n}", config.resolve(n)) for n in provider_names(config) if n.lower() not in BUILT_IN]
    read += [(f"the comparables file {p}", config.resolve(p)) for p in data_paths(config)]
    read += [(f"the plugin {p}", config.resolve(p)) for p in config.get("plugins")]
    if baseline_path:
        read.append((f"the baseline {baseline_path}", Path(baseline_path)))

    def same(a: Path, b: Path) -> bool:
        try:
            if a.resolve() == b.resolve():
                return True
            sa, sb = a.stat(), b.stat()
        except OSError:
            return False
        return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)

    written = [("--write-baseline", write_baseline, read)]
    if write_baseline:
        read = [*read, (f"the baseline {write_baseline} being written", Path(write_baseline))]
    for option, target, files in (*written, ("--output", output, read)):
        for what, path in files if target else ():
            if same(Path(target), path):
                _fail(f"{option} {target} is {what}; refusing to overwrite it (choose another file)")


def _echo_errors(errors) -> None:
    from listing_lint.reporters.escape import printable

    for message in errors:
        click.echo(printable(message, keep_newlines=True), err=True)


def _gather_inputs(config, paths, stdin_filename, feed_args):
    """What to read: the files and directories named, stdin, and the configured feeds as one catalog."""
    from pathlib import Path

    from listing_lint.engine import Input, expand
    from listing_lint.loaders.feeds import feed_paths, feed_set
    from listing_lint.money.rates import provider_names

    feeds = feed_set(config, list(feed_args))
    if not paths and feeds is None:
        _fail("no files to check (give catalog files or directories, or - for stdin, or configure `feeds:`)")
    inputs: list[Input] = []
    file_paths = [p for p in paths if p != "-"]
    if "-" in paths:
        if sys.stdin is None or sys.stdin.closed:  # `check - <&-`
            _fail("-: standard input is closed: there is nothing to read (give a file, or pipe the catalog in)")
        # Bytes, decoded as a file's are: a BOM from Excel is dropped, a wrong encoding named.
        try:
            data = sys.stdin.buffer.read()
        except OSError as exc:
            _fail(f"-: cannot read standard input: {exc.strerror}")
        hint = None if stdin_filename else "(reading standard input as YAML; name it with --stdin-filename x.csv)"
        inputs.append(Input(stdin_filename or "stdin.yaml", data=data, load_hint=hint))
    # Files the config names as data (rates, comparables, plugins) are not catalogs to lint.
    from listing_lint.comparables.sources import data_paths

    data_files = [*data_paths(config), *config.get("plugins"),
                  *(n for n in provider_names(config) if n.lower() not in ("ecb", "live"))]
    exclude = {config.resolve(p).resolve() for p in data_files}
    if config.path is not None:
        exclude.add(config.path.resolve())
    members = feed_paths(feeds)
    found, errors = expand(file_paths, exclude, members)
    if os.environ.get("PRE_COMMIT"):
        # A hook hands over every staged file, CI configs and the config's own data files
        # included: those are not the seller's catalogs and are skipped quietly;
        # broken catalogs are still errors.
        for item in found:
            item.explicit = False
        found = [item for item in found if Path(item.path).resolve() not in exclude]
    # A feed is read joined with the other markets' feeds, never alone: named on the command line,
    # inside a directory named, staged in a commit, or when nothing else is named.
    named = [Path(p).resolve() for p in file_paths]
    if feeds is not None and (not paths or any(m == n or n in m.parents for m in members for n in named)):
        inputs.append(Input(feeds.source.path, feeds=feeds))
        # A directory holding feeds holds a catalog, whatever else is beside them (notes, exports).
        holding = {raw for raw, n in zip(file_paths, named) if any(n in m.parents for m in members)}
        for item in found:
            if item.directory in holding:
                item.directory = None
    inputs.extend(found)
    return inputs, errors


def _fix(inputs, selection, result, unsafe, diff, quiet, errors, in_place=False):
    """Apply fixes, or diff them. Returns (the run over the fixed texts, the diff or None, exit status for --diff)."""
    from collections import Counter

    from listing_lint.engine import RunError
    from listing_lint.errors import UserError
    from listing_lint.fixes import fix_until_stable, unified_diff, write_atomic

    from_stdin = frozenset(i.path for i in inputs if i.from_stdin)
    final, files = fix_until_stable(inputs, selection, result, unsafe, skip=frozenset() if diff else from_stdin)
    changed = {p: f for p, f in sorted(files.items()) if f.changed}
    if diff:
        text = "".join(unified_diff(p, f.original, f.text) for p, f in changed.items())
        if not quiet:
            n = sum(len(f.applied) for f in changed.values())
            click.echo(f"{_count(n, 'fix', 'fixes')} would change {_count(len(changed), 'file')}.", err=True)
        return final, text, EXIT_FINDINGS if changed else EXIT_CLEAN
    if from_stdin and not quiet and any(f.path in from_stdin for f in final.fixes):
        click.echo(f"{', '.join(sorted(from_stdin))}: fixes are not written back to standard input; "
                   "use --diff to see them", err=True)
    _remove_orphans(result, from_stdin, quiet)
    written: Counter = Counter()
    written_files = 0
    refused = False
    for path, entry in changed.items():
        try:
            write_atomic(path, entry.original, entry.text, entry.source, in_place=in_place)
        except UserError as exc:  # changed meanwhile, read-only, hard-linked
            errors.append(RunError.of(exc))
            refused = True
            continue
        except OSError as exc:
            errors.append(RunError(f"cannot write the fixed file: {exc.strerror}", path))
            refused = True
            continue
        written.update(finding.code for finding, _ in entry.applied)
        written_files += 1
        if not quiet:
            for finding, applied in entry.applied:
                if not applied.safe:
                    click.echo(f"{path}:{finding.line}: {finding.code} unsafe fix applied: {applied.description}", err=True)
    if written and not quiet:
        codes = ", ".join(f"{n} {code}" for code, n in sorted(written.items()))
        click.echo(f"Fixed {_count(sum(written.values()), 'problem')} ({codes}) in {_count(written_files, 'file')}.",
                   err=True)
    if refused:
        # What is on disk now is what the report must describe, not the fixes that were not written.
        from listing_lint.engine import run

        final = run(inputs, selection)
    return final, None, EXIT_CLEAN


def _remove_orphans(result, from_stdin, quiet) -> None:
    """Temporary files beside the catalogs left by a --fix run that was killed: gone now."""
    from listing_lint.atomic_write import remove_orphans

    paths = sorted({p for c in result.catalogs for p, src in c.sources.items() if src.editable and p not in from_stdin})
    for removed in remove_orphans(paths):
        if not quiet:
            click.echo(f"{removed}: removed, a temporary file left by an interrupted --fix run", err=True)


def _hint_fixes(result, findings) -> None:
    fixes = [result.fixes[f] for f in findings if f in result.fixes]  # only for findings reported
    safe = sum(1 for fix in fixes if fix.safe)
    risky = len(fixes) - safe
    if safe:
        click.echo(f"{_count(safe, 'problem')} can be fixed with --fix.", err=True)
    if risky:
        click.echo(f"{_count(risky, 'more fix', 'more fixes')} available with --fix --unsafe-fixes.", err=True)


def _apply_baseline(findings, result, baseline_path, write_baseline, prune_baseline, quiet):
    if not (baseline_path or write_baseline):
        return findings
    from pathlib import Path

    from listing_lint import baseline

    if write_baseline:
        with _writing(write_baseline):
            n = baseline.write(write_baseline, findings)
        if not quiet:
            click.echo(f"Recorded {_count(n, 'finding')} in the baseline {write_baseline}.", err=True)
        return []
    allowed = baseline.load(baseline_path)
    keep, stale = baseline.apply(findings, allowed, Path(baseline_path).parent, [c.path for c in result.catalogs])
    if prune_baseline:
        if stale:
            with _writing(baseline_path):
                baseline.prune(baseline_path, allowed, stale)
        if not quiet:
            click.echo(f"Pruned {_count(len(stale), 'stale entry', 'stale entries')} from {baseline_path}.", err=True)
    elif stale and not quiet:
        for entry in stale:
            click.echo(f"stale baseline entry: {entry}", err=True)
    return keep


@contextmanager
def _writing(path: str):
    """Ends the run with `cannot write PATH: reason` when writing `path` fails."""
    try:
        yield
    except OSError as exc:
        _fail(f"cannot write {path}: {_why_unwritable(path, exc)}")


def _why_unwritable(path: str, exc: OSError) -> str:
    from pathlib import Path

    if isinstance(exc, (NotADirectoryError, FileExistsError)):
        # `catalog.yaml/report.txt`: say which part is in the way, not "File exists".
        for parent in Path(path).parents:
            if parent.exists():
                if not parent.is_dir():
                    return f"{parent} is a file, not a folder"
                break
    return exc.strerror or str(exc)


def _write_file(path: str, text: str) -> None:
    """Replace `path` with `text` at once: a reader never sees half a report."""
    from pathlib import Path

    from listing_lint.atomic_write import replace_file

    with _writing(path):
        replace_file(Path(os.path.realpath(path)), text.encode("utf-8"))


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _settings_text(config, selection) -> str:
    import yaml

    from listing_lint.engine import jsonable

    values = jsonable(dict(sorted(config.values.items())))
    doc = {
        "config_file": str(config.path) if config.path else None,
        "settings": values,
        "enabled_rules": [f"{r.code} {r.name} [{r.level}]" for r in selection.instances],
    }
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, default_flow_style=False)


@main.command("show")
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable: `path: message`, not a usage error
@click.option("--config", "config_path", type=click.Path(), help="Config file (default: found from here upward).")
@click.option("--format", "fmt", default="text", show_default=True, help="text, json or yaml.")
@_reading_options
def show_command(paths, config_path, fmt, stdin_filename, input_format, encoding, feed):
    """Print the listings as read: each field's value and file:line:column, reader and encoding."""
    from listing_lint.engine import load_input
    from listing_lint.errors import LoadError
    from listing_lint.show import render

    if fmt not in ("text", "json", "yaml"):
        _fail(f"unknown format '{fmt}' (choose from json, text, yaml)")
    config = _load_config(config_path, input_format=input_format, encoding=encoding)
    inputs, errors = _gather_inputs(config, paths, stdin_filename, feed)
    catalogs = []
    for item in inputs:
        try:
            catalogs.append(load_input(item, config, {}))
        except LoadError as exc:  # a file that is not a catalog is worth saying here, even in a directory
            errors.append(str(exc))
    from listing_lint.reporters.escape import printable, safe_output

    _echo_errors(errors)
    shown = render(catalogs, fmt)
    sys.stdout.write(safe_output(shown, "json") if fmt == "json" else printable(shown, keep_newlines=True))
    if errors:
        sys.exit(EXIT_ERROR)


@main.command("formats")
def formats_command():
    """List the file formats listing-lint reads: reader name, kind of file, what it is."""
    from listing_lint.loaders.registry import readers

    rows = [("name", "files", "format")]
    for name, reader in sorted(readers().items()):
        rows.append((name, ", ".join(reader.containers), reader.summary))
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    for row in rows:
        click.echo(f"{row[0].ljust(widths[0])}  {row[1].ljust(widths[1])}  {row[2]}".rstrip())


@main.command("rules")
@click.option("--config", "config_path", type=click.Path(), help="Config file, to show which rules it enables.")
@_allow_plugins
def rules_command(config_path, allow_plugins):
    """List every rule: code, name, family, default severity, and whether it is enabled."""
    from listing_lint.rule import FAMILIES

    config = _load_config(config_path)
    rules = _load_rules(config, trusted=allow_plugins or config_path is not None)
    enabled = {r.code for r in _selection(rules, config).instances}
    rows = [("code", "name", "family", "severity", "enabled")]
    for code in sorted(rules):
        cls = rules[code]
        rows.append((code, cls.name, FAMILIES.get(cls.family(), cls.family()), cls.severity, "yes" if code in enabled else "no"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())


@main.command("rule")
@click.argument("code_or_name")
@_allow_plugins
def rule_command(code_or_name, allow_plugins):
    """Print a rule's documentation (by code, such as T003, or name, such as wrong-language)."""
    from listing_lint.registry import find_rule
    from listing_lint.suggest import closest

    config = _load_config(None)
    rules = _load_rules(config, trusted=allow_plugins)
    cls = find_rule(rules, code_or_name)
    if cls is None:
        hint = closest(code_or_name, [*rules, *(r.name for r in rules.values())])
        _fail(f"no rule '{code_or_name}'" + (f" (did you mean '{hint}'?)" if hint else ""))
    default = "on" if cls.enabled_by_default else "off (enable with extend-select)"
    click.echo(f"# {cls.code} {cls.name}\n")
    click.echo(f"Family: {cls.family()} · default severity: {cls.severity} · {cls.kind()} rule · by default: {default}\n")
    click.echo(cls.doc())
