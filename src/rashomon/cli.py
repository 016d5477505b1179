"""The `rashomon` command. Each command parses its options, calls one library function, renders.

Human-readable output goes to stdout; progress, warnings and logs go to stderr. `--json` prints one
JSON document to stdout and nothing else. Exit codes (EXIT_HELP, in every --help): 0 everything was
processed; 1 the command ran but some inputs failed and were skipped (or a lookup found nothing); 2 the
command could not run (a usage error, no store or a store in use, a bad setting).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import RashomonError
from .model import Corpus
from .settings import Settings, load_settings

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


def _configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("rashomon")
    root.handlers[:] = [handler]
    root.setLevel(level)


def _settings(config: Path | None) -> Settings:
    return load_settings(config)


def _fail(error: RashomonError) -> typer.Exit:
    """The command cannot run: say why on stderr; exit with EXIT_FAILED."""
    err.print(f"[red]error:[/red] {escape(str(error))}", markup=True, highlight=False)
    return typer.Exit(code=EXIT_FAILED)


def _open_store(db: Path, *, read_only: bool) -> Any:
    from .store import Store

    if read_only and not db.exists():
        err.print(f"{db}: no store here. Run 'rashomon analyze ARTICLES... --db {db}' first, "
                  f"or point --db at an existing store.")
        raise typer.Exit(code=EXIT_FAILED)
    return Store(db, read_only=read_only)


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _load(db: Path) -> Corpus:
    """Everything the store at `db` holds; a missing or unreadable store ends the command with exit 1."""
    try:
        with _open_store(db, read_only=True) as store:
            return store.load()
    except RashomonError as error:
        raise _fail(error) from error


@app.callback()
def _main(
    verbose: Annotated[int, typer.Option(
        "-v", "--verbose", count=True, help="-v for progress details, -vv for debugging.")] = 0,
) -> None:
    _configure_logging(verbose)


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
    from .pipeline import analyze as run_analyze

    if not articles and not db.exists():
        raise typer.BadParameter(f"no articles given and no store at {db}: give articles to read, "
                                 "or point --db at an existing store to bring it up to date", param_hint="ARTICLES")
    try:
        overrides: dict[str, dict[str, Any]] = {"nlp": {"workers": workers}} if workers is not None else {}
        overrides |= {"dask": {"scheduler": scheduler}} if scheduler is not None else {}
        settings = load_settings(config, overrides=overrides)
        with _open_store(db, read_only=False) as store:
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
        raise _fail(error) from error
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
    from .render import render_html, render_markdown, write_json

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
def documents(db: DbOption = DEFAULT_DB, as_json: JsonFlag = False) -> None:
    """List the documents (sources) in a store."""
    from .render.terminal import documents_json, print_documents
    from .render.views import document_rows

    try:
        with _open_store(db, read_only=True) as store:
            rows = document_rows(store.documents())
    except RashomonError as error:
        raise _fail(error) from error
    if as_json:
        _print_json(documents_json(rows))
        return
    print_documents(out, rows)


@app.command()
def entities(
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
    type_: Annotated[str | None, typer.Option("--type", help="Only PERSON, ORG, PLACE or GROUP.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many (0 = all).")] = 50,
) -> None:
    """List the resolved entities of a store, most mentioned first."""
    from .render.terminal import print_entities
    from .render.views import entities_view

    if type_ is not None and type_.upper() not in {"PERSON", "ORG", "PLACE", "GROUP"}:
        raise typer.BadParameter("use one of PERSON, ORG, PLACE, GROUP", param_hint="--type")
    corpus = _load(db)
    rows = [row for row in entities_view(corpus).entities if type_ is None or row.type == type_.upper()]
    if as_json:
        from .render import corpus_to_dict

        wanted = {row.id for row in rows}
        _print_json([e for e in corpus_to_dict(corpus)["entities"] if e["id"] in wanted])
        return
    print_entities(out, rows, limit=limit)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="An entity's name or any of its variants.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
) -> None:
    """Show one entity: its names, and each document's mentions with the sentence around them."""
    from .entities import find_entities
    from .render.terminal import entity_json, print_entity
    from .render.views import entity_view

    corpus = _load(db)
    found = find_entities(corpus.entities, name)
    view = entity_view(corpus, found[0].id) if found else None
    if view is None:
        err.print(f"no entity matches {name!r}. Run 'rashomon entities --db {db}' to list them.")
        raise typer.Exit(code=EXIT_SKIPPED)
    also = [e.name for e in found[1:]]
    if as_json:
        _print_json(entity_json(view, also=also))
        return
    print_entity(out, view, also=also)


@app.command()
def claims(
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
    conflicts: Annotated[bool, typer.Option(
        "--conflicts", help="Only the quantities on which sources differ.")] = False,
) -> None:
    """List the numbers the sources give, grouped by what they measure, with a verdict per group."""
    from .render.terminal import print_claims
    from .render.views import claims_view

    corpus = _load(db)
    groups = [g for g in claims_view(corpus).groups if not conflicts or g.verdict == "differ"]
    if as_json:
        from .render import corpus_to_dict

        export = corpus_to_dict(corpus)
        chosen = {group.id for group in groups}
        wanted = {claim.id for group in groups for claim in group.claims}
        _print_json({"claim_groups": [g for g in export["claim_groups"] if g["id"] in chosen],
                     "claims": [c for c in export["claims"] if c["id"] in wanted or not conflicts]})
        return
    print_claims(out, groups, conflicts=conflicts)


@app.command()
def timeline(
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
    min_sources: Annotated[int, typer.Option(
        "--min-sources", help="Only events reported by at least this many articles.")] = 1,
    dated: Annotated[bool, typer.Option("--dated", help="Only events with a date.")] = False,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Only events at least this confident (default: the setting events.min_confidence).")] = None,
    show_all: Annotated[bool, typer.Option(
        "--all", help="Every event, whatever its confidence (the same as --min-confidence 0).")] = False,
    config: ConfigOption = None,
) -> None:
    """List the fused events in date order: type, who did what to whom, where, which sources say so, and the
    figures (tolls) they give, with whether they agree. Events below the confidence threshold are counted, not
    listed: --all lists them."""
    from .render.terminal import print_timeline
    from .render.views import sorted_events, timeline_view

    if show_all and min_confidence is not None:
        raise typer.BadParameter("use either --all or --min-confidence, not both", param_hint="--all")
    try:
        threshold = 0.0 if show_all else min_confidence if min_confidence is not None else \
            _settings(config).events.min_confidence
    except RashomonError as error:
        raise _fail(error) from error
    corpus = _load(db)
    # by date, undated last, as every other view of the timeline lists them
    events = [e for e in sorted_events(corpus.events) if len(e.doc_ids) >= min_sources and (e.date or not dated)]
    if as_json:
        from .render import corpus_to_dict

        wanted = {event.id for event in events if event.confidence >= threshold}
        _print_json([e for e in corpus_to_dict(corpus)["events"] if e["id"] in wanted])
        return
    print_timeline(out, timeline_view(corpus, events=events, min_confidence=threshold))


@app.command()
def compare(db: DbOption = DEFAULT_DB, as_json: JsonFlag = False) -> None:
    """Set the sources side by side: stance toward the main actors, framing words, distinctive vocabulary, quotes."""
    from .render.terminal import print_compare
    from .render.views import sides_view

    corpus = _load(db)
    if as_json:
        from .render import corpus_to_dict

        export = corpus_to_dict(corpus)
        _print_json({key: export[key] for key in ("stances", "framings", "vocabulary", "quotes")})
        return
    print_compare(out, sides_view(corpus))


eval_app = typer.Typer(help="Measure rashomon on the standard data sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("ecbplus")
def eval_ecbplus(
    root: Annotated[Path, typer.Argument(
        help="The ECB+ folder (holding ECB+/ and ECBplus_coreference_sentences.csv).")],
    split: Annotated[str, typer.Option("--split", help="train or dev.")] = "dev",
    singletons: Annotated[bool, typer.Option(
        "--singletons/--no-singletons", help="Keep one-mention clusters when scoring.")] = True,
    predicted: Annotated[bool, typer.Option(
        "--predicted/--no-predicted", help="Also score with the event mentions rashomon finds itself.")] = True,
) -> None:
    """Cross-document event coreference on ECB+: MUC, B-cubed, CEAF-e and CoNLL F1, beside the same-lemma baseline."""
    from .evaluation.coref_metrics import format_scores
    from .evaluation.ecbplus_fusion import evaluate_fusion
    from .nlp import load_nlp

    if split not in ("train", "dev"):
        raise typer.BadParameter("use train or dev (the test topics are held out)", param_hint="--split")
    if not (root / "ECB+").is_dir():
        err.print(f"{root}: no ECB+/ folder here. Pass the folder that holds ECB+/ and the sentences CSV.")
        raise typer.Exit(code=EXIT_FAILED)
    result = evaluate_fusion(root, split=split, nlp=load_nlp(load_settings().nlp.model),  # type: ignore[arg-type]
                             predicted=predicted, singletons=singletons)
    setting = f"ECB+ {split}, singletons {'in' if singletons else 'out'}"
    out.print(format_scores(result.baseline, label=f"{setting}, gold mentions, same-lemma baseline"), markup=False)
    out.print(format_scores(result.fused, label=f"{setting}, gold mentions, rashomon fusion"), markup=False)
    if result.predicted is not None:
        out.print(format_scores(result.predicted, label=f"{setting}, rashomon's own mentions, rashomon fusion"),
                  markup=False)
        out.print(f"  own mentions: {result.gold_found} of {result.gold_mentions} gold mentions found "
                  f"({100 * result.mention_recall:.1f} %), {result.spurious} event words in no gold mention",
                  markup=False)


_EcbRoot = Annotated[Path, typer.Argument(help="The ECB+ folder (ECB+/ and ECBplus_coreference_sentences.csv).")]
_Singletons = Annotated[bool, typer.Option("--singletons/--no-singletons",
                                           help="Keep one-mention clusters when scoring.")]


@eval_app.command("ecbplus-entities")
def eval_ecbplus_entities(
    root: _EcbRoot,
    split: Annotated[str, typer.Option("--split", help="train or dev.")] = "dev",
    singletons: _Singletons = True,
    errors: Annotated[int, typer.Option("--errors", help="Also list this many wrongly typed names.")] = 0,
) -> None:
    """Entities on ECB+: the typing accuracy of the named entities, and cross-document entity coreference
    (MUC, B-cubed, CEAF-e, CoNLL F1) with rashomon's own mentions, beside the same-string baseline."""
    from .evaluation.coref_metrics import format_scores
    from .evaluation.ecbplus_entities import evaluate_entities, format_typing
    from .nlp import load_nlp

    if split not in ("train", "dev"):
        raise typer.BadParameter("use train or dev (the test topics are held out)", param_hint="--split")
    if not (root / "ECB+").is_dir():
        err.print(f"{root}: no ECB+/ folder here. Pass the folder that holds ECB+/ and the sentences CSV.")
        raise typer.Exit(code=EXIT_FAILED)
    settings = load_settings()
    result = evaluate_entities(root, split=split, nlp=load_nlp(settings.nlp.model),  # type: ignore[arg-type]
                               settings=settings.entities, singletons=singletons)
    setting = f"ECB+ {split}, singletons {'in' if singletons else 'out'}, rashomon's own mentions"
    out.print(format_typing(result.typing, label=f"ECB+ {split}, entity types", errors=errors), markup=False)
    for key, scores in result.scores.items():
        out.print(format_scores(scores.baseline, label=f"{setting}, {key}: same-string baseline"), markup=False)
        out.print(format_scores(scores.resolved, label=f"{setting}, {key}: rashomon entities"), markup=False)


@eval_app.command("timebank")
def eval_timebank(
    root: Annotated[Path, typer.Argument(help="A folder of TimeML .tml files (e.g. TBAQ-cleaned).")],
) -> None:
    """Time expressions on TimeBank/TempEval-3: extraction (strict, relaxed) and value accuracy."""
    from .evaluation.timebank import evaluate_timebank, format_timex_scores

    if not root.is_dir():
        err.print(f"{root}: no such folder. Pass the folder holding the .tml files.")
        raise typer.Exit(code=EXIT_FAILED)
    out.print(format_timex_scores(evaluate_timebank(root)), markup=False)


@eval_app.command("triggers")
def eval_triggers(
    data: Annotated[Path, typer.Argument(help="The folder holding timebank/ and ecbplus/ (e.g. ../shared/data).")],
) -> None:
    """Event words on held-out annotated news (AQUAINT, ECB+ dev): precision, recall and F1 of the lexicon, the
    learned model and both; reliability of the mention and event confidence. Markdown."""
    from .evaluation.triggers import evaluate_triggers, format_trigger_report
    from .nlp import load_nlp

    if not (data / "timebank").is_dir() or not (data / "ecbplus").is_dir():
        err.print(f"{data}: no timebank/ and ecbplus/ here. Pass the folder that holds both (../shared/data).")
        raise typer.Exit(code=EXIT_FAILED)
    out.print(format_trigger_report(evaluate_triggers(data, nlp=load_nlp(load_settings().nlp.model))), markup=False)


@eval_app.command("stance")
def eval_stance(
    path: Annotated[Path, typer.Argument(
        help="The labelled set, JSON lines (e.g. tests/fixtures/perspective/stance_eval.jsonl).")],
    split: Annotated[str | None, typer.Option(
        "--split", help="Score only this split (dev or test); default: each split in turn.")] = None,
) -> None:
    """Target-level stance on a labelled set of sentences: precision, recall and F1 per class, in Markdown."""
    from .evaluation.stance import evaluate_stance, format_evaluation, read_eval
    from .nlp import load_nlp

    try:
        rows = read_eval(path)
    except RashomonError as error:
        raise _fail(error) from error
    present = sorted({row.get("split", "") for row in rows})
    if split is not None and split not in present:
        raise typer.BadParameter(f"{path} has no items of split {split!r}; its splits: {', '.join(present)}",
                                 param_hint="--split")
    nlp = load_nlp(load_settings().nlp.model)
    for name in [split] if split is not None else present:
        chosen = [row for row in rows if row.get("split", "") == name]
        out.print(f"## split {name or '(none)'}\n\n" + format_evaluation(evaluate_stance(chosen, nlp)), markup=False)


@eval_app.command("basil")
def eval_basil(
    root: Annotated[Path, typer.Argument(
        help="The BASIL folder (holding articles/ and annotations/), e.g. ../shared/data/basil-dev.")],
    errors: Annotated[bool, typer.Option(
        "--errors", help="Also list every article-level pair rashomon gets wrong.")] = False,
    config: ConfigOption = None,
) -> None:
    """Stance on BASIL: each triplet analysed as one corpus; article-level stance beside two baselines, phrase-level
    judgements and quotes, entities and events across the three outlets, in Markdown."""
    from .evaluation.basil import analyse_all, analyse_triplet, read_basil
    from .evaluation.basil_scores import evaluate, format_basil

    try:
        settings = _settings(config)
        triplets = read_basil(root)
    except RashomonError as error:
        raise _fail(error) from error

    def _progress(done: int, total: int) -> None:
        err.print(f"analysed {done}/{total} triplets", markup=False)

    corpora = analyse_all(triplets, lambda t: analyse_triplet(t, settings=settings),
                          progress=_progress if err.is_terminal else None)
    out.print(format_basil(evaluate(triplets, corpora), errors=errors), markup=False)


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
        settings = _settings(config)
        with _open_store(db, read_only=True) as store:
            tables = store.write_parquet(parquet) if parquet is not None else {}
            corpus = store.load() if (json_path or report or markdown or plover) else Corpus((), (), ())
    except RashomonError as error:
        raise _fail(error) from error
    _write_outputs(corpus, json_path=json_path, report=report, markdown=markdown, settings=settings)
    for path in (json_path, report, markdown):
        if path is not None:
            out.print(f"wrote {path}")
    if parquet is not None:
        out.print(f"wrote {len(tables)} Parquet files to {parquet} ({sum(tables.values())} rows)", markup=False)
    if plover is not None:
        from .render import write_plover_jsonl

        records = write_plover_jsonl(corpus, plover)
        out.print(f"wrote {plover} ({records} PLOVER records: events, then non-factual event mentions)", markup=False)


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
    from .web import serve as run_server

    try:
        run_server(db, host=host, port=port, allow_dir=allow_dir, settings=_settings(config),
                   open_browser=not no_browser)
    except RashomonError as error:
        raise _fail(error) from error


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
        settings = _settings(config)
    except RashomonError as error:
        raise _fail(error) from error
    if as_json:
        _print_json({"sources": list(settings.sources), **settings.as_dict()})
        return
    out.print(f"# read from: {', '.join(settings.sources)}")
    for section, values in settings.as_dict().items():
        out.print(f"\n[{section}]", markup=False)
        for key, value in values.items():
            out.print(f"{key} = {json.dumps(list(value) if isinstance(value, tuple) else value)}", markup=False)


def _print_stages(*, as_json: bool) -> None:
    from .pipeline import check_stages, describe_stages

    try:
        check_stages()
    except RashomonError as error:
        raise _fail(error) from error
    rows = describe_stages()
    if as_json:
        _print_json(rows)
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
    from .store import Store

    if not db.exists():
        err.print(f"{db}: no store here. Pass the store to check with --db.")
        raise typer.Exit(code=EXIT_FAILED)
    try:
        with Store(db, read_only=True) as store:
            report = store.check()
    except RashomonError as error:
        if as_json:
            _print_json({"ok": False, "findings": [{"where": "file", "problem": str(error)}], "rows": {}})
        else:
            err.print(f"error: {error}", markup=False)
        raise typer.Exit(code=EXIT_FAILED) from error
    if as_json:
        _print_json(report.as_dict())
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


def main() -> None:
    """Entry point of the `rashomon` command."""
    app()


if __name__ == "__main__":
    main()
