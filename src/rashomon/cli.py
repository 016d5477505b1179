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
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import RashomonError
from .model import Corpus, Entity
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
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

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
    err.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
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
            return store.load()  # type: ignore[no-any-return]
    except RashomonError as error:
        raise _fail(error) from error


@app.callback()
def _main(
    verbose: Annotated[int, typer.Option("-v", "--verbose", count=True, help="-v for progress details, -vv for debugging.")] = 0,
) -> None:
    _configure_logging(verbose)


@app.command()
def analyze(
    articles: Annotated[list[str] | None, typer.Argument(
        help="Files, folders (read recursively) or globs. Leave out to only bring the store at --db up to date.",
        show_default=False)] = None,
    db: DbOption = DEFAULT_DB,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the whole picture as JSON to this file.")] = None,
    report: Annotated[Path | None, typer.Option("--report", help="Also write a self-contained HTML report to this file.")] = None,
    markdown: Annotated[Path | None, typer.Option("--markdown", help="Also write a Markdown summary to this file.")] = None,
    config: ConfigOption = None,
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
        settings = _settings(config)
        with _open_store(db, read_only=False) as store:
            show_bar = not quiet and err.is_terminal
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn(), console=err, transient=True, disable=not show_bar) as bar:
                task = bar.add_task("reading", total=None)

                def _progress(done: int, total: int, path: str) -> None:
                    bar.update(task, completed=done, total=total, description=Path(path).name[:40])

                result = run_analyze(articles or [], store=store, settings=settings, progress=_progress)
            corpus = store.load() if (json_path or report or markdown) else None
    except RashomonError as error:
        raise _fail(error) from error

    for skip in result.skipped:
        err.print(f"skipped {skip}", markup=False)
    if corpus is not None:
        _write_outputs(corpus, json_path=json_path, report=report, markdown=markdown, settings=settings)
    if not quiet:
        _print_run_summary(result, db)
        for path in (json_path, report, markdown):
            if path is not None:
                out.print(f"wrote {path}")
    if result.skipped:
        raise typer.Exit(code=EXIT_SKIPPED)


def _write_outputs(corpus: Corpus, *, json_path: Path | None, report: Path | None, markdown: Path | None,
                   settings: Settings) -> None:
    from .report import render_html, render_markdown, write_json

    if json_path is not None:
        write_json(corpus, json_path)
    if report is not None:
        report.write_text(render_html(corpus, max_entities=settings.report.max_entities), encoding="utf-8")
    if markdown is not None:
        markdown.write_text(render_markdown(corpus), encoding="utf-8")


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
    if result.unchanged:
        out.print(f"{len(result.unchanged)} document(s) already stored, not analysed again.")
    out.print(f"{result.entities} entities, {result.events} events, {result.claims} claims in "
              f"{result.claim_groups} groups, in {db}.")
    if result.skipped:
        out.print(f"{len(result.skipped)} input(s) skipped (see messages above).")


def _value(meta: Any, missing: str = "") -> str:
    return meta.value if meta is not None else missing


@app.command()
def documents(db: DbOption = DEFAULT_DB, as_json: JsonFlag = False) -> None:
    """List the documents (sources) in a store."""
    try:
        with _open_store(db, read_only=True) as store:
            docs = store.documents()
    except RashomonError as error:
        raise _fail(error) from error
    if as_json:
        _print_json([{"id": d.id, "path": d.path, "title": _value(d.title) or None,
                      "author": _value(d.author) or None, "outlet": _value(d.outlet) or None,
                      "published": _value(d.published) or None, "words": d.words} for d in docs])
        return
    table = Table()
    for column in ("id", "file", "title", "author", "outlet", "published", "words"):
        table.add_column(column, overflow="fold")
    for d in docs:
        table.add_row(d.id, Path(d.path).name, _value(d.title), _value(d.author), _value(d.outlet),
                      _value(d.published, "no date"), str(d.words))
    out.print(table)


def _entity_rows(corpus: Corpus) -> list[tuple[Entity, Counter[str]]]:
    doc_of = {m.id: m.doc_id for m in corpus.mentions}
    rows = [(entity, Counter(doc_of[mid] for mid in entity.mention_ids if mid in doc_of))
            for entity in corpus.entities]
    rows.sort(key=lambda row: (-sum(row[1].values()), row[0].name))
    return rows


@app.command()
def entities(
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
    type_: Annotated[str | None, typer.Option("--type", help="Only PERSON, ORG, PLACE or GROUP.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many (0 = all).")] = 50,
) -> None:
    """List the resolved entities of a store, most mentioned first."""
    if type_ is not None and type_.upper() not in {"PERSON", "ORG", "PLACE", "GROUP"}:
        raise typer.BadParameter("use one of PERSON, ORG, PLACE, GROUP", param_hint="--type")
    corpus = _load(db)
    rows = [row for row in _entity_rows(corpus) if type_ is None or row[0].type == type_.upper()]
    if limit:
        rows = rows[:limit] if not as_json else rows
    if as_json:
        from .report import corpus_to_dict

        wanted = {entity.id for entity, _ in rows}
        _print_json([e for e in corpus_to_dict(corpus)["entities"] if e["id"] in wanted])
        return
    table = Table()
    for column in ("entity", "type", "mentions", "sources", "variants"):
        table.add_column(column, overflow="fold")
    for entity, per_doc in rows:
        table.add_row(entity.name, entity.type, str(sum(per_doc.values())), str(len(per_doc)),
                      ", ".join(a for a in entity.aliases if a != entity.name))
    out.print(table)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="An entity's name or any of its variants.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
) -> None:
    """Show one entity: its names, and each document's mentions with the sentence around them."""
    from .entities import find_entities

    corpus = _load(db)
    found = find_entities(corpus.entities, name)
    if not found:
        err.print(f"no entity matches {name!r}. Run 'rashomon entities --db {db}' to list them.")
        raise typer.Exit(code=EXIT_SKIPPED)
    entity = found[0]
    mentions = {m.id: m for m in corpus.mentions}
    own = [mentions[mid] for mid in entity.mention_ids if mid in mentions]
    if as_json:
        _print_json({
            "id": entity.id, "name": entity.name, "type": entity.type, "aliases": list(entity.aliases),
            "mentions": [{"doc": m.doc_id, "start": m.span.start, "end": m.span.end, "text": m.text,
                          "sentence": corpus.document(m.doc_id).slice(m.sentence)} for m in own],
            "other_matches": [e.name for e in found[1:]],
        })
        return
    out.print(f"[bold]{entity.name}[/bold] ({entity.type})", markup=True)
    out.print(f"variants: {', '.join(entity.aliases)}")
    if len(found) > 1:
        out.print(f"also matching: {', '.join(e.name for e in found[1:6])}")
    by_doc: dict[str, list[Any]] = {}
    for mention in own:
        by_doc.setdefault(mention.doc_id, []).append(mention)
    for doc_id, items in by_doc.items():
        doc = corpus.document(doc_id)
        label = _value(doc.title) or Path(doc.path).name
        out.print(f"\n[bold]{label}[/bold] ({_value(doc.author, 'no author')}, "
                  f"{_value(doc.published, 'no date')}): {len(items)} mention(s)", markup=True)
        seen: set[tuple[int, int]] = set()
        for mention in items:
            key = (mention.sentence.start, mention.sentence.end)
            if key in seen:
                continue
            seen.add(key)
            sentence = doc.slice(mention.sentence).replace("\n", " ")
            out.print(f"  [{mention.span.start}] {sentence}", markup=False)


@app.command()
def claims(
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
    conflicts: Annotated[bool, typer.Option("--conflicts", help="Only the quantities on which sources differ.")] = False,
) -> None:
    """List the numbers the sources give, grouped by what they measure, with a verdict per group."""
    from .report import corpus_to_dict
    from .report.html import describe_amount, sorted_groups, source_label

    corpus = _load(db)
    groups = [g for g in sorted_groups(corpus.claim_groups) if not conflicts or g.verdict == "differ"]
    if as_json:
        export = corpus_to_dict(corpus)
        wanted = {claim_id for group in groups for claim_id in group.claim_ids}
        _print_json({"claim_groups": [g for g in export["claim_groups"] if g["id"] in {x.id for x in groups}],
                     "claims": [c for c in export["claims"] if c["id"] in wanted or not conflicts]})
        return
    by_id = {claim.id: claim for claim in corpus.claims}
    verdicts = {"differ": "sources DIFFER", "agree": "sources agree", "single": "one source only"}
    if not groups:
        out.print("no conflicting quantities." if conflicts else "no quantities found.")
    for group in groups:
        members = [by_id[cid] for cid in group.claim_ids if cid in by_id]
        out.print(f"\n[bold]{group.label}[/bold]: {verdicts[group.verdict]}", markup=True, highlight=False)
        table = Table(show_header=True)
        for column in ("source", "figure", "as written", "attributed to", "sentence"):
            table.add_column(column, overflow="fold")
        for claim in members:
            doc = corpus.document(claim.doc_id)
            table.add_row(source_label(doc), describe_amount(claim), claim.text, claim.attributed_to or "(author)",
                          doc.slice(claim.sentence).replace("\n", " "))
        out.print(table)


@app.command()
def timeline(
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
    min_sources: Annotated[int, typer.Option("--min-sources", help="Only events reported by at least this many articles.")] = 1,
    dated: Annotated[bool, typer.Option("--dated", help="Only events with a date.")] = False,
) -> None:
    """List the fused events in date order: type, who did what to whom, where, which sources say so, and the
    figures (tolls) they give, with whether they agree."""
    from .report.common import source_label
    from .report.figures import VERDICT_TEXT, figures_by_event
    from .report.timeline import written

    corpus = _load(db)
    events = [e for e in corpus.events if len(e.doc_ids) >= min_sources and (e.date or not dated)]
    if as_json:
        from .report import corpus_to_dict

        wanted = {event.id for event in events}
        _print_json([e for e in corpus_to_dict(corpus)["events"] if e["id"] in wanted])
        return
    names = {entity.id: entity.name for entity in corpus.entities}
    by_id = {mention.id: mention for mention in corpus.event_mentions}
    docs = {doc.id: doc for doc in corpus.documents}
    figures = figures_by_event(corpus)
    for event in events:
        date = f"{event.date} ({event.date_precision})" if event.date else "undated"
        if event.date_conflict:
            date += f"  DATES DIFFER: {', '.join(event.dates)}"
        members = [by_id[m] for m in event.mention_ids if m in by_id]
        # no named actor: the words the reports use ("security forces"), as the HTML report shows them
        who = ", ".join(names.get(a, a) for a in event.actor_ids) or ", ".join(written(members, "actor")[:3]) or "?"
        whom = ", ".join(names.get(t, t) for t in event.target_ids) or ", ".join(written(members, "target")[:3])
        place = ", ".join(p.name for p in event.places)
        out.print(f"\n[bold]{date}[/bold]  {event.type}{'/' + event.mode if event.mode else ''}: {who}"
                  f"{' -> ' + whom if whom else ''}{' in ' + place if place else ''}", markup=True, highlight=False)
        out.print(f"  {len(event.doc_ids)} article(s), {event.independent_sources} independent source(s)")
        differing = event.place_conflict
        if differing:
            out.print("  PLACES DIFFER: " + "; ".join(
                f"{source_label(docs[doc_id]) if doc_id in docs else doc_id}: {', '.join(names)}"
                for doc_id, names in differing), markup=False, highlight=False)
        for figure in figures.get(event.id, ()):
            verdict = VERDICT_TEXT[figure.verdict].replace("differ", "DIFFER")
            out.print(f"  figures: {figure.label} — " + "; ".join(
                f"{item.source}: {item.claim.text} {item.claim.counted} {item.claim.measure}".replace("  ", " ").strip()
                + (f" ({item.per})" if item.per else "") for item in figure.figures) + f" [{verdict}]", markup=False)
        triggers: dict[tuple[str, int, int], list[str]] = {}
        for mention_id in event.mention_ids:
            mention = by_id.get(mention_id)
            if mention is not None:
                key = (mention.doc_id, mention.sentence.start, mention.sentence.end)
                triggers.setdefault(key, []).append(mention.text)
        for (doc_id, start, end), words in triggers.items():
            doc = corpus.document(doc_id)
            sentence = doc.text[start:end].replace("\n", " ")
            out.print(f"  - {_source(doc)} [{', '.join(words)}]: {sentence}", markup=False)


def _source(doc: Any) -> str:
    from .report.common import source_label

    return source_label(doc)


@app.command()
def compare(db: DbOption = DEFAULT_DB, as_json: JsonFlag = False) -> None:
    """Set the sources side by side: stance toward the main actors, framing words, distinctive vocabulary, quotes."""
    corpus = _load(db)
    if as_json:
        from .report import corpus_to_dict

        export = corpus_to_dict(corpus)
        _print_json({key: export[key] for key in ("stances", "framings", "vocabulary", "quotes")})
        return
    names = {entity.id: entity.name for entity in corpus.entities}
    docs = sorted(corpus.documents, key=lambda d: d.path)
    out.print("[bold]Stance toward the main actors[/bold] (score -1 unfavourable .. +1 favourable)", markup=True)
    table = Table()
    table.add_column("entity", overflow="fold")
    for doc in docs:
        table.add_column(_source(doc)[:24], overflow="fold")
    cells = {(s.source, s.entity_id): f"{s.label} {s.score:+.2f}" for s in corpus.stances}
    for entity_id in dict.fromkeys(s.entity_id for s in corpus.stances):
        table.add_row(names.get(entity_id, entity_id), *(cells.get((d.id, entity_id), "") for d in docs))
    out.print(table)
    for stance in corpus.stances:
        for evidence in stance.evidence[:2]:
            doc = corpus.document(evidence.doc_id)
            out.print(f"  {_source(doc)} on {names.get(stance.entity_id, '?')} ({', '.join(evidence.cue_words)}): "
                      f"{doc.slice(evidence.sentence).replace(chr(10), ' ')}", markup=False)
    out.print("\n[bold]Words each source uses for the same event[/bold]", markup=True)
    events = {event.id: event for event in corpus.events}
    for event_id in dict.fromkeys(f.event_id for f in corpus.framings):
        event = events.get(event_id)
        label = f"{event.date or 'undated'} {event.type}" if event else event_id
        words = [f"{_source(corpus.document(f.source))}: {', '.join(dict.fromkeys(f'{t.text} ({t.frame})' for t in f.terms))}"
                 for f in corpus.framings if f.event_id == event_id]
        out.print(f"  {label}: " + "; ".join(words), markup=False)
    out.print("\n[bold]Distinctive vocabulary[/bold] (Fightin' Words z-scores)", markup=True)
    for doc in docs:
        terms = [v for v in corpus.vocabulary if v.source == doc.id][:12]
        out.print(f"  {_source(doc)}: " + ", ".join(f"{v.term} {v.z:.1f}" for v in terms), markup=False)
    out.print("\n[bold]Who each source quotes[/bold]", markup=True)
    for doc in docs:
        speakers = [q.speaker for q in corpus.quotes if q.doc_id == doc.id and q.speaker]
        out.print(f"  {_source(doc)}: " + (", ".join(f"{n} ({c})" for n, c in Counter(speakers).most_common(8)) or "nobody named"),
                  markup=False)


eval_app = typer.Typer(help="Measure rashomon on the standard data sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("ecbplus")
def eval_ecbplus(
    root: Annotated[Path, typer.Argument(help="The ECB+ folder (holding ECB+/ and ECBplus_coreference_sentences.csv).")],
    split: Annotated[str, typer.Option("--split", help="train or dev.")] = "dev",
    singletons: Annotated[bool, typer.Option("--singletons/--no-singletons", help="Keep one-mention clusters when scoring.")] = True,
    predicted: Annotated[bool, typer.Option("--predicted/--no-predicted", help="Also score with the event mentions rashomon finds itself.")] = True,
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
        out.print(format_scores(result.predicted, label=f"{setting}, rashomon's own mentions, rashomon fusion"), markup=False)


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


@eval_app.command("stance")
def eval_stance(
    path: Annotated[Path, typer.Argument(help="The labelled set, JSON lines (e.g. tests/fixtures/perspective/stance_eval.jsonl).")],
    split: Annotated[str | None, typer.Option("--split", help="Score only this split (dev or test); default: each split in turn.")] = None,
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


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the whole picture as JSON to this file.")] = None,
    report: Annotated[Path | None, typer.Option("--report", help="Write a self-contained HTML report to this file.")] = None,
    markdown: Annotated[Path | None, typer.Option("--markdown", help="Write a Markdown summary to this file.")] = None,
    plover: Annotated[Path | None, typer.Option("--plover", help="Write the events as PLOVER/POLECAT JSONL records to this file.")] = None,
    config: ConfigOption = None,
) -> None:
    """Export a store as JSON, an HTML report, Markdown or PLOVER JSONL, without analysing anything."""
    if json_path is None and report is None and markdown is None and plover is None:
        raise typer.BadParameter("give at least one of --json, --report, --markdown or --plover")
    try:
        settings = _settings(config)
        with _open_store(db, read_only=True) as store:
            corpus = store.load()
    except RashomonError as error:
        raise _fail(error) from error
    _write_outputs(corpus, json_path=json_path, report=report, markdown=markdown, settings=settings)
    for path in (json_path, report, markdown):
        if path is not None:
            out.print(f"wrote {path}")
    if plover is not None:
        from .report import write_plover_jsonl

        records = write_plover_jsonl(corpus, plover)
        out.print(f"wrote {plover} ({records} PLOVER records: events, then non-factual event mentions)", markup=False)


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; keep 127.0.0.1 unless you mean to share it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    allow_dir: Annotated[Path | None, typer.Option("--allow-dir", help="A folder whose files may be added by path from the page (default: off).")] = None,
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
def version() -> None:
    """Print rashomon's version."""
    out.print(f"rashomon {__version__}")


def main() -> None:
    """Entry point of the `rashomon` command."""
    app()


if __name__ == "__main__":
    main()
