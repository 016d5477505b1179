"""What every `rashomon` command shares: the Typer app, the consoles, the common options, the exit codes,
and opening the store and the settings."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import RashomonError
from ..model import Corpus
from ..settings import Settings, load_settings

EXIT_SKIPPED = 1
"""The command ran, but some inputs failed and were skipped (or a lookup found nothing)."""
EXIT_FAILED = 2
"""The command could not run: a usage error, no store or a store in use, a bad setting."""
EXIT_HELP = ("Exit codes: 0 everything was processed; 1 some inputs failed and were skipped (or a lookup found "
             "nothing); 2 the command could not run (usage error, no store, store in use, bad setting).")

app = typer.Typer(
    help="Fuse many articles about the same events into one evidence-linked picture.\n\n" + EXIT_HELP,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
# Rich markup off by default: document text (titles, names, sentences) is printed as it is, never read as
# markup; the few lines that style their own words pass markup=True and escape what they interpolate.
out = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store to use.", show_default=True)]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON document to stdout instead of text.")]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="A TOML file of settings overriding the defaults.")
]
DEFAULT_DB = Path("rashomon.duckdb")


def configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("rashomon")
    root.handlers[:] = [handler]
    root.setLevel(level)


def settings_from(config: Path | None) -> Settings:
    return load_settings(config)


def fail(error: RashomonError) -> typer.Exit:
    """The command cannot run: say why on stderr; exit with EXIT_FAILED."""
    err.print(f"[red]error:[/red] {escape(str(error))}", markup=True, highlight=False)
    return typer.Exit(code=EXIT_FAILED)


def open_store(db: Path, *, read_only: bool) -> Any:
    from ..store import Store

    if read_only and not db.exists():
        err.print(f"{db}: no store here. Run 'rashomon analyze ARTICLES... --db {db}' first, "
                  f"or point --db at an existing store.")
        raise typer.Exit(code=EXIT_FAILED)
    return Store(db, read_only=read_only)


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def load_corpus(db: Path) -> Corpus:
    """Everything the store at `db` holds; a missing or unreadable store ends the command with exit 1."""
    try:
        with open_store(db, read_only=True) as store:
            return store.load()
    except RashomonError as error:
        raise fail(error) from error


@app.callback()
def _main(
    verbose: Annotated[int, typer.Option(
        "-v", "--verbose", count=True, help="-v for progress details, -vv for debugging.")] = 0,
) -> None:
    configure_logging(verbose)
