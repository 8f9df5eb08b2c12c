"""`listing-lint rates`: show the exchange rates a run would use, or convert one amount."""

from __future__ import annotations

import click

EXIT_ERROR = 2


def _config(ctx: click.Context, config_path: str | None, rates: str | None):
    from pathlib import Path

    from listing_lint.config import Config, load_config
    from listing_lint.money.rates import command_line_rates

    parent = ctx.find_object(Config)
    if parent is not None and config_path is None:
        config = parent
    else:
        config = load_config(Path(config_path) if config_path else None, discover_from=None if config_path else Path.cwd())
    return config.with_overrides(rates=command_line_rates(rates))


@click.command(name="rates")
@click.argument("conversion", nargs=-1, metavar="[AMOUNT FROM TO]")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found upward).")
@click.option("--rates", help="Exchange rates: a rates file, `ecb`, `cbr`, `live` or `cbr-live`, or several comma-separated.")
@click.pass_context
def rates_command(ctx: click.Context, conversion: tuple[str, ...], config_path: str | None, rates: str | None) -> None:
    """Print the exchange rates in use (source and date), or convert AMOUNT from one currency to another.

    With several providers (the default is `ecb,cbr`), each table is printed in turn, and
    a conversion uses the first that has both currencies.

    \b
    listing-lint rates                    # the table, who published it and when
    listing-lint rates 4500 RUB USD       # one conversion
    """
    from listing_lint.errors import UserError
    from listing_lint.money.rates import load_rates

    if conversion and len(conversion) != 3:
        raise click.UsageError("give an amount and two currencies, as in: listing-lint rates 4500 RUB USD")
    try:
        table = load_rates(_config(ctx, config_path, rates), warn=lambda m: click.echo(f"listing-lint: warning: {m}", err=True))
        lines = _convert(table, *conversion) if conversion else _table(table)
    except UserError as exc:
        click.echo(f"listing-lint: {exc}", err=True)
        ctx.exit(EXIT_ERROR)
    click.echo("\n".join(lines))


def _header(table) -> str:
    from listing_lint.money.today import today

    age = (today() - table.date).days
    quoted = f"1 unit = N {table.base}" if table.per_unit else f"base {table.base}"
    return f"{table.provider}: {table.source}, rates of {table.date.isoformat()} ({age} days old), {quoted}"


def _table(rates) -> list[str]:
    from listing_lint.money.amount import format_rate

    lines: list[str] = []
    for table in rates.tables():
        if lines:
            lines += ["", "for pairs the rates above lack:"]
        lines.append(_header(table))
        if table.per_unit:
            lines += [f"  1 {code} = {format_rate(rate):>14} {table.base}" for code, rate in sorted(table.table.items())]
        else:
            lines.append(f"1 {table.base} =")
            lines += [f"  {format_rate(rate):>14} {code}" for code, rate in sorted(table.table.items())]
        if table.missing:
            lines.append("not available:")
            lines += [f"  {code}: {why}" for code, why in sorted(table.missing.items())]
    return lines


def _convert(rates, amount_text: str, from_text: str, to_text: str) -> list[str]:
    from listing_lint.errors import UserError
    from listing_lint.money.amount import format_amount, format_rate
    from listing_lint.money.currencies import identify
    from listing_lint.money.parse import parse_price

    parsed = parse_price(amount_text, strict=True)
    if parsed.amount is None or parsed.currency_text is not None or not parsed.amount.is_finite():
        raise UserError(
            f"'{amount_text}' is not an amount: give one number such as 4500 or 1299.50, "
            f"and the currencies as separate words (listing-lint rates 4500 RUB USD)"
        )
    amount = parsed.amount
    codes = []
    for text in (from_text, to_text):
        match = identify(text)
        if match.code is None or match.problem:
            raise UserError(match.problem or f"'{text}' is not a currency")
        codes.append(match.code)
    src, dst = codes
    table = rates.for_pair(src, dst)
    rate = table.rate(src, dst)
    return [
        f"{format_amount(amount)} {src} = {format_amount(amount * rate, dst)} {dst}",
        f"1 {src} = {format_rate(rate)} {dst} ({table.source}, {table.date.isoformat()}; {table.provider})",
    ]
