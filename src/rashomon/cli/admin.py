"""`rashomon serve`, `config`, `check` and `version`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .. import __version__
from ..errors import RashomonError
from .common import (
    DEFAULT_DB,
    EXIT_FAILED,
    ConfigOption,
    DbOption,
    JsonFlag,
    app,
    err,
    fail,
    out,
    print_json,
    settings_from,
)


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(
        "--host", help="Address to listen on; keep 127.0.0.1 unless you mean to share it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    allow_dir: Annotated[Path | None, typer.Option(
        "--allow-dir", help="A folder whose files may be added by path from the page (default: off).")] = None,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open the page in a browser.")] = False,
    config: ConfigOption = None,
) -> None:
    """Serve a store as a local web app and JSON API (see docs/web.md)."""
    from ..web import serve as run_server

    try:
        run_server(db, host=host, port=port, allow_dir=allow_dir, settings=settings_from(config),
                   open_browser=not no_browser)
    except RashomonError as error:
        raise fail(error) from error


@app.command()
def config(
    config: ConfigOption = None,
    as_json: JsonFlag = False,
    stages: Annotated[bool, typer.Option("--stages", help="Print the stage graph instead: each stage in running "
                                          "order, its scope, what it requires and what it assigns.")] = False,
) -> None:
    """Print the effective settings (defaults, overridden by --config), or the stage graph (--stages)."""
    if stages:
        _print_stages(as_json=as_json)
        return
    try:
        settings = settings_from(config)
    except RashomonError as error:
        raise fail(error) from error
    if as_json:
        print_json({"sources": list(settings.sources), **settings.as_dict()})
        return
    out.print(f"# read from: {', '.join(settings.sources)}")
    for section, values in settings.as_dict().items():
        out.print(f"\n[{section}]", markup=False)
        for key, value in values.items():
            out.print(f"{key} = {json.dumps(list(value) if isinstance(value, tuple) else value)}", markup=False)


def _print_stages(*, as_json: bool) -> None:
    from ..pipeline import check_stages, describe_stages

    try:
        check_stages()
    except RashomonError as error:
        raise fail(error) from error
    rows = describe_stages()
    if as_json:
        print_json(rows)
        return
    table = Table()
    for column in ("stage", "scope", "requires", "assigns", "after"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["name"], row["scope"], ", ".join(row["requires"]), ", ".join(row["assigns"]),
                      ", ".join(row["after"]))
    out.print(table)


@app.command()
def check(db: DbOption = DEFAULT_DB, as_json: JsonFlag = False) -> None:
    """Check a store: its schema, every row of every table (a damaged block of the file shows), the rows of
    each document against those written with it, every stored offset against the stored texts, and the
    links between records. Changes nothing. Exit 0 when the store is sound; 2, with each problem named,
    when it is damaged or cannot be opened."""
    from ..store import Store

    if not db.exists():
        err.print(f"{db}: no store here. Pass the store to check with --db.")
        raise typer.Exit(code=EXIT_FAILED)
    try:
        with Store(db, read_only=True) as store:
            report = store.check()
    except RashomonError as error:
        if as_json:
            print_json({"ok": False, "findings": [{"where": "file", "problem": str(error)}], "rows": {}})
        else:
            err.print(f"error: {error}", markup=False)
        raise typer.Exit(code=EXIT_FAILED) from error
    if as_json:
        print_json(report.as_dict())
    elif report.ok:
        out.print(f"{db}: no problems found ({sum(report.rows.values()):,} rows in {len(report.rows)} tables).")
    else:
        err.print(f"{db}: {len(report.findings)} problem(s) found:", markup=False)
        for finding in report.findings:
            err.print(f"  {finding}", markup=False, highlight=False)
    if not report.ok:
        raise typer.Exit(code=EXIT_FAILED)


@app.command()
def version() -> None:
    """Print rashomon's version."""
    out.print(f"rashomon {__version__}")
