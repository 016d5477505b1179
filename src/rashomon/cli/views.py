"""The commands that show what a store holds: documents, entities, show, claims, timeline, compare."""

from __future__ import annotations

import shlex
from typing import Annotated

import typer

from ..errors import RashomonError
from .common import (
    DEFAULT_DB,
    EXIT_SKIPPED,
    ConfigOption,
    DbOption,
    JsonFlag,
    app,
    err,
    fail,
    load_corpus,
    open_store,
    out,
    print_json,
    settings_from,
)


@app.command()
def documents(db: DbOption = DEFAULT_DB, as_json: JsonFlag = False) -> None:
    """List the documents (sources) in a store."""
    from ..render.terminal import documents_json, print_documents
    from ..render.views import document_rows

    try:
        with open_store(db, read_only=True) as store:
            rows = document_rows(store.documents())
    except RashomonError as error:
        raise fail(error) from error
    if as_json:
        print_json(documents_json(rows))
        return
    print_documents(out, rows)


@app.command()
def entities(
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
    type_: Annotated[str | None, typer.Option("--type", help="Only PERSON, ORG, PLACE or GROUP.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many (0 = all).")] = 50,
    dropped: Annotated[bool, typer.Option(
        "--dropped", help="List instead the forms read but judged no names, with the reasons.")] = False,
) -> None:
    """List the resolved entities of a store, most mentioned first (or, with --dropped, the forms judged no names)."""
    from ..render.terminal import print_dropped, print_entities
    from ..render.views import dropped_view, entities_view

    if type_ is not None and type_.upper() not in {"PERSON", "ORG", "PLACE", "GROUP"}:
        raise typer.BadParameter("use one of PERSON, ORG, PLACE, GROUP", param_hint="--type")
    if dropped and type_ is not None:
        raise typer.BadParameter("a dropped form has no type: use --dropped or --type", param_hint="--dropped")
    corpus = load_corpus(db)
    if dropped:
        if as_json:
            from ..render import corpus_to_dict

            print_json(corpus_to_dict(corpus)["dropped_names"])
            return
        print_dropped(out, dropped_view(corpus), limit=limit)
        return
    rows = [row for row in entities_view(corpus).entities if type_ is None or row.type == type_.upper()]
    if as_json:
        from ..render import corpus_to_dict

        wanted = {row.id for row in rows}
        print_json([e for e in corpus_to_dict(corpus)["entities"] if e["id"] in wanted])
        return
    print_entities(out, rows, limit=limit)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="An entity's name or any of its variants.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonFlag = False,
    why: Annotated[bool, typer.Option(
        "--why", help="Say why instead: the evidence for the entity's type (its votes), or why a form "
                      "written so was dropped as no name.")] = False,
) -> None:
    """Show one entity: its names, and each document's mentions with the sentence around them."""
    from ..entities import explain_name, find_entities
    from ..render.terminal import entity_json, explanation_json, print_entity

    corpus = load_corpus(db)
    if why:
        explanations = explain_name(corpus, name)
        if not explanations:
            err.print(f"no entity and no dropped form matches {name!r}. Run 'rashomon entities --db {db}' to "
                      "list the entities.")
            raise typer.Exit(code=EXIT_SKIPPED)
        if as_json:
            print_json([explanation_json(explanation) for explanation in explanations])
            return
        for number, explanation in enumerate(explanations):
            out.print(("\n" if number else "") + "\n".join(explanation.lines()), markup=False)
        return
    from ..render.views import entity_view

    found = find_entities(corpus.entities, name)
    view = entity_view(corpus, found[0].id) if found else None
    if view is None:
        dropped = any(e.entity is None for e in explain_name(corpus, name))
        hint = (f"It was read but dropped as no name; to see why, run: rashomon show {shlex.quote(name)} --why "
                f"--db {shlex.quote(str(db))}"
                if dropped else f"Run 'rashomon entities --db {db}' to list them.")
        err.print(f"no entity matches {name!r}. {hint}", markup=False)
        raise typer.Exit(code=EXIT_SKIPPED)
    also = [e.name for e in found[1:]]
    if as_json:
        print_json(entity_json(view, also=also))
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
    from ..render.terminal import print_claims
    from ..render.views import claims_view

    corpus = load_corpus(db)
    groups = [g for g in claims_view(corpus).groups if not conflicts or g.verdict == "differ"]
    if as_json:
        from ..render import corpus_to_dict

        export = corpus_to_dict(corpus)
        chosen = {group.id for group in groups}
        wanted = {claim.id for group in groups for claim in group.claims}
        print_json({"claim_groups": [g for g in export["claim_groups"] if g["id"] in chosen],
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
    from ..render.terminal import print_timeline
    from ..render.views import sorted_events, timeline_view

    if show_all and min_confidence is not None:
        raise typer.BadParameter("use either --all or --min-confidence, not both", param_hint="--all")
    try:
        threshold = 0.0 if show_all else min_confidence if min_confidence is not None else \
            settings_from(config).events.min_confidence
    except RashomonError as error:
        raise fail(error) from error
    corpus = load_corpus(db)
    # by date, undated last, as every other view of the timeline lists them
    events = [e for e in sorted_events(corpus.events) if len(e.doc_ids) >= min_sources and (e.date or not dated)]
    if as_json:
        from ..render import corpus_to_dict

        wanted = {event.id for event in events if event.confidence >= threshold}
        print_json([e for e in corpus_to_dict(corpus)["events"] if e["id"] in wanted])
        return
    print_timeline(out, timeline_view(corpus, events=events, min_confidence=threshold))


@app.command()
def compare(db: DbOption = DEFAULT_DB, as_json: JsonFlag = False) -> None:
    """Set the sources side by side: stance toward the main actors, framing words, distinctive vocabulary, quotes."""
    from ..render.terminal import print_compare
    from ..render.views import sides_view

    corpus = load_corpus(db)
    if as_json:
        from ..render import corpus_to_dict

        export = corpus_to_dict(corpus)
        print_json({key: export[key] for key in ("stances", "framings", "vocabulary", "quotes")})
        return
    print_compare(out, sides_view(corpus))
