"""`rashomon analyze` (read, analyse, store) and `rashomon export` (write a store out)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import RashomonError
from ..model import Corpus
from ..settings import Settings, load_settings
from .common import (
    DEFAULT_DB,
    EXIT_FAILED,
    EXIT_SKIPPED,
    ConfigOption,
    DbOption,
    app,
    err,
    fail,
    open_store,
    out,
    settings_from,
)


@app.command()
def analyze(
    articles: Annotated[list[str] | None, typer.Argument(
        help="Files, folders (read recursively) or globs. Leave out to only bring the store at --db up to date.",
        show_default=False)] = None,
    db: DbOption = DEFAULT_DB,
    json_path: Annotated[Path | None, typer.Option(
        "--json", help="Also write the whole picture as JSON to this file.")] = None,
    report: Annotated[Path | None, typer.Option(
        "--report", help="Also write a self-contained HTML report to this file.")] = None,
    markdown: Annotated[Path | None, typer.Option(
        "--markdown", help="Also write a Markdown summary to this file.")] = None,
    config: ConfigOption = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", help="Worker processes beside the one that stores (nlp.workers; 0: none).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Run on Dask: 'local' starts a LocalCluster, or a scheduler's tcp://HOST:PORT "
        "(dask.scheduler).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Read articles, find and resolve who is who, store it, and optionally export JSON and a report.

    Articles already stored are not analysed again. After an upgrade that changed how documents are
    analysed, every stored document an older version analysed is analysed again from its stored text,
    named or not: run 'rashomon analyze --db FILE' without articles to do only that.
    """
    from ..pipeline import analyze as run_analyze

    if not articles and not db.exists():
        raise typer.BadParameter(f"no articles given and no store at {db}: give articles to read, "
                                 "or point --db at an existing store to bring it up to date", param_hint="ARTICLES")
    try:
        overrides: dict[str, dict[str, Any]] = {"nlp": {"workers": workers}} if workers is not None else {}
        overrides |= {"dask": {"scheduler": scheduler}} if scheduler is not None else {}
        settings = load_settings(config, overrides=overrides)
        with open_store(db, read_only=False) as store:
            show_bar = not quiet and err.is_terminal
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn(), console=err, transient=True, disable=not show_bar) as bar:
                task = bar.add_task("reading", total=None)

                def _progress(done: int, total: int, path: str) -> None:
                    bar.update(task, completed=done, total=total, description=Path(path).name[:40])

                def _skipped(skip: Any) -> None:
                    err.print(f"skipped {skip}", markup=False, highlight=False)

                result = run_analyze(articles or [], store=store, settings=settings, progress=_progress,
                                     on_skip=_skipped)
            corpus = store.load() if (json_path or report or markdown) else None
    except RashomonError as error:
        raise fail(error) from error
    except KeyboardInterrupt:
        err.print(f"interrupted: every document stored before now is kept in {db}; run the same command again to "
                  "analyse the rest.", markup=False)
        raise typer.Exit(code=130) from None

    if result.corpus_failure:
        err.print(f"error: {result.corpus_failure}", markup=False)
    if corpus is not None:
        try:
            _write_outputs(corpus, json_path=json_path, report=report, markdown=markdown, settings=settings)
        except OSError as error:
            err.print(f"error: cannot write {error.filename or 'an output file'} ({error.strerror or error}). "
                      "Check the folder exists and may be written to; the store is complete, so "
                      f"'rashomon export --db {db}' can write it later.", markup=False)
            raise typer.Exit(code=EXIT_FAILED) from error
    if not quiet:
        _print_run_summary(result, db)
        for path in (json_path, report, markdown):
            if path is not None:
                out.print(f"wrote {path}")
    if result.skipped or result.corpus_failure:
        raise typer.Exit(code=EXIT_SKIPPED)


def _write_outputs(corpus: Corpus, *, json_path: Path | None, report: Path | None, markdown: Path | None,
                   settings: Settings) -> None:
    from ..render import render_html, render_markdown, write_json

    if json_path is not None:
        write_json(corpus, json_path)
    threshold = settings.events.min_confidence
    if report is not None:
        report.write_text(render_html(corpus, max_entities=settings.report.max_entities, min_confidence=threshold),
                          encoding="utf-8")
    if markdown is not None:
        markdown.write_text(render_markdown(corpus, min_confidence=threshold), encoding="utf-8")


def _print_run_summary(result: Any, db: Path) -> None:
    if result.added:
        table = Table(title=f"Added {len(result.added)} document(s)", title_justify="left")
        for column in ("file", "title", "author", "published", "words"):
            table.add_column(column, overflow="fold")
        for doc in result.added:
            table.add_row(Path(doc.path).name, _value(doc.title), _value(doc.author),
                          _value(doc.published, "no date"), str(doc.words))
        out.print(table)
    if result.reanalysed:
        out.print(f"Re-analysed {len(result.reanalysed)} stored document(s) made by older stage versions.")
    already = len(result.unchanged) - len(result.duplicates)
    if already:
        out.print(f"{already} document(s) already stored, not analysed again.")
    out.print(f"{result.entities} entities, {result.events} events, {result.claims} claims in "
              f"{result.claim_groups} groups, in {db}.")
    if result.duplicates:
        out.print(f"{len(result.duplicates)} file(s) hold the text of another, not stored again:")
        for duplicate in result.duplicates:
            out.print(f"  {duplicate}", markup=False, highlight=False)
    if result.skipped:
        out.print(f"{len(result.skipped)} input(s) skipped:")
        for skip in result.skipped:
            out.print(f"  {skip}", markup=False, highlight=False)


def _value(meta: Any, missing: str = "") -> str:
    return meta.value if meta is not None else missing


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    json_path: Annotated[Path | None, typer.Option(
        "--json", help="Write the whole picture as JSON to this file.")] = None,
    report: Annotated[Path | None, typer.Option(
        "--report", help="Write a self-contained HTML report to this file.")] = None,
    markdown: Annotated[Path | None, typer.Option("--markdown", help="Write a Markdown summary to this file.")] = None,
    plover: Annotated[Path | None, typer.Option(
        "--plover", help="Write the events as PLOVER/POLECAT JSONL records to this file.")] = None,
    parquet: Annotated[Path | None, typer.Option(
        "--parquet", help="Write one Parquet file per store table into this folder.")] = None,
    config: ConfigOption = None,
) -> None:
    """Export a store as JSON, an HTML report, Markdown, PLOVER JSONL or Parquet, without analysing anything."""
    if json_path is None and report is None and markdown is None and plover is None and parquet is None:
        raise typer.BadParameter("give at least one of --json, --report, --markdown, --plover or --parquet")
    try:
        settings = settings_from(config)
        with open_store(db, read_only=True) as store:
            tables = store.write_parquet(parquet) if parquet is not None else {}
            corpus = store.load() if (json_path or report or markdown or plover) else Corpus((), (), ())
    except RashomonError as error:
        raise fail(error) from error
    _write_outputs(corpus, json_path=json_path, report=report, markdown=markdown, settings=settings)
    for path in (json_path, report, markdown):
        if path is not None:
            out.print(f"wrote {path}")
    if parquet is not None:
        out.print(f"wrote {len(tables)} Parquet files to {parquet} ({sum(tables.values())} rows)", markup=False)
    if plover is not None:
        from ..render import write_plover_jsonl

        records = write_plover_jsonl(corpus, plover)
        out.print(f"wrote {plover} ({records} PLOVER records: events, then non-factual event mentions)", markup=False)
