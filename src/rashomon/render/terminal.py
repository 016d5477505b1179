"""What the CLI prints: the views as Rich tables and lines on a console (`rashomon documents`, `entities`, `show`,
`claims`, `timeline`, `compare`), and the JSON `documents --json` and `show --json` print. It formats the views
and nothing else; the other `--json` outputs are the JSON export's records (`json_export`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .text import VERDICT_TEXT
from .views import ClaimGroupView, DocumentRow, DroppedRow, EntityRow, EntityView, SidesView, TimelineView

if TYPE_CHECKING:
    from ..entities import Explanation

WRITTEN_SHOWN = 3  # participants as written shown for an event with no named one
VOCABULARY = 12  # distinctive terms per source
SPEAKERS = 8  # speakers per source


def _verdict(verdict: str) -> str:
    """"sources DIFFER", "sources agree", "one source only": a conflict stands out."""
    return VERDICT_TEXT.get(verdict, verdict).replace("differ", "DIFFER")


def _one_line(text: str) -> str:
    return text.replace("\n", " ")


def print_documents(console: Console, documents: Sequence[DocumentRow]) -> None:
    """The documents as a table: id, file, title, author, outlet, published, words."""
    table = Table()
    for column in ("id", "file", "title", "author", "outlet", "published", "words"):
        table.add_column(column, overflow="fold")
    for doc in documents:
        table.add_row(doc.id, doc.file, doc.stated_title or "", doc.author or "", doc.outlet or "",
                      doc.published if doc.published is not None else "no date", str(doc.words))
    console.print(table)


def documents_json(documents: Sequence[DocumentRow]) -> list[dict[str, Any]]:
    """What `rashomon documents --json` prints: each document's id, path, metadata (null when missing), words."""
    return [{"id": d.id, "path": d.path, "title": d.stated_title or None, "author": d.author or None,
             "outlet": d.outlet or None, "published": d.published or None, "words": d.words} for d in documents]


def print_entities(console: Console, entities: Sequence[EntityRow], *, limit: int = 0) -> None:
    """The entities as a table, in the view's order (most mentioned first), at most `limit` (0: all)."""
    rows = list(entities)
    table = Table()
    for column in ("entity", "type", "mentions", "sources", "variants"):
        table.add_column(column, overflow="fold")
    for row in rows[:limit] if limit else rows:
        table.add_row(row.name, row.type, str(row.mentions), str(row.sources),
                      ", ".join(a for a in row.aliases if a != row.name))
    console.print(table)


def print_dropped(console: Console, rows: Sequence[DroppedRow], *, limit: int = 0) -> None:
    """The forms judged no names as a table: form, times dropped, documents, the reasons."""
    table = Table()
    for column in ("form", "dropped", "sources", "why"):
        table.add_column(column, overflow="fold")
    for row in rows[:limit] if limit else rows:
        table.add_row(row.text, str(row.times), str(row.sources),
                      "; ".join(reason + (f" ({count}x)" if count > 1 else "") for reason, count in row.reasons))
    console.print(table if rows else "no forms were dropped.")


def print_entity(console: Console, view: EntityView, *, also: Sequence[str] = ()) -> None:
    """One entity: its names, then each document's mentions, a sentence once with the offset of its first."""
    entity = view.entity
    console.print(f"[bold]{escape(entity.name)}[/bold] ({entity.type})", markup=True)
    console.print(f"variants: {', '.join(entity.aliases)}", markup=False)
    if also:
        console.print(f"also matching: {', '.join(also[:5])}", markup=False)
    for doc, lines in view.by_document:
        author = doc.author if doc.author is not None else "no author"
        published = doc.published if doc.published is not None else "no date"
        console.print(f"\n[bold]{escape(doc.stated_title or doc.file)}[/bold] ({escape(author)}, {published}): "
                      f"{len(lines)} mention(s)", markup=True)
        seen: set[tuple[int, int]] = set()
        for line in lines:
            key = (line.passage.sentence.start, line.passage.sentence.end)
            if key not in seen:
                seen.add(key)
                console.print(f"  [{line.span.start}] {_one_line(line.passage.sentence_text)}", markup=False)


def entity_json(view: EntityView, *, also: Sequence[str] = ()) -> dict[str, Any]:
    """What `rashomon show --json` prints: the entity, each mention with its sentence, the other matches' names."""
    entity = view.entity
    return {"id": entity.id, "name": entity.name, "type": entity.type, "aliases": list(entity.aliases),
            "mentions": [{"doc": line.doc_id, "start": line.span.start, "end": line.span.end, "text": line.text,
                          "sentence": line.passage.sentence_text} for _, lines in view.by_document for line in lines],
            "other_matches": list(also)}


def explanation_json(explanation: Explanation) -> dict[str, Any]:
    """What `rashomon show --why --json` prints for one explanation: the entity (or null for a dropped form), its
    type, the vote's totals, each distinct cue with how many mentions carry it, and where the form was dropped."""
    entity = explanation.entity
    return {"query": explanation.query, "entity": None if entity is None else {"id": entity.id, "name": entity.name},
            "type": explanation.type, "votes": {kind: round(value, 3) for kind, value in explanation.totals.items()},
            "cues": [{"vote": cue.vote, "weight": cue.weight, "reason": cue.reason, "mentions": count}
                     for cue, count in explanation.cues],
            "dropped": [{"doc": d.doc_id, "start": d.span.start, "end": d.span.end, "text": d.text,
                         "reason": d.reason} for d in explanation.dropped]}


def print_claims(console: Console, groups: Sequence[ClaimGroupView], *, conflicts: bool = False) -> None:
    """Each claim group with its verdict, and a table of its numbers: source, figure, words, who says so, sentence."""
    if not groups:
        console.print("no conflicting quantities." if conflicts else "no quantities found.")
    for group in groups:
        console.print(f"\n[bold]{escape(group.label)}[/bold]: {_verdict(group.verdict)}", markup=True, highlight=False)
        table = Table(show_header=True)
        for column in ("source", "figure", "as written", "attributed to", "sentence"):
            table.add_column(column, overflow="fold")
        for claim in group.claims:
            table.add_row(claim.source, claim.amount, claim.text, claim.attributed_to or "(author)",
                          _one_line(claim.passage.sentence_text))
        console.print(table)


def print_timeline(console: Console, view: TimelineView) -> None:
    """Each event: date, type, who did what to whom, where, its support, where its sources disagree, its figures
    with their verdicts, and every sentence that reports it with its words for it."""
    for item in view.items:
        date = f"{item.date} ({item.precision})" if item.date else "undated"
        if item.date_conflict:
            date += f"  DATES DIFFER: {', '.join(item.dates)}"
        # no named actor: the words the reports use ("security forces"), as the HTML report shows them
        who = (", ".join(p.name for p in item.actors) or ", ".join(item.written_actors[:WRITTEN_SHOWN]) or "?")
        whom = ", ".join(p.name for p in item.targets) or ", ".join(item.written_targets[:WRITTEN_SHOWN])
        place = ", ".join(item.places)
        console.print(f"\n[bold]{date}[/bold]  {item.type}{'/' + item.mode if item.mode else ''}: {escape(who)}"
                      f"{' -> ' + escape(whom) if whom else ''}{' in ' + escape(place) if place else ''}", markup=True,
                      highlight=False)
        console.print(f"  {item.articles} article(s), {item.independent} independent source(s)")
        if item.place_conflict:
            differ = "; ".join(f"{p.source}: {', '.join(p.places)}" for p in item.place_conflict)
            console.print("  PLACES DIFFER: " + differ, markup=False, highlight=False)
        for figure in item.figures:
            console.print(f"  figures: {figure.label} — " + "; ".join(
                f"{claim.source}: {claim.text} {claim.counted} {claim.measure}".replace("  ", " ").strip()
                + (f" ({claim.per})" if claim.per else "") for claim in figure.claims)
                + f" [{_verdict(figure.verdict)}]", markup=False)
        for report in item.reports:
            words = ", ".join(hit.text for hit in report.hits)
            marks = "".join(f" ({flag})" for flag in report.flags)
            marks += f" (according to {report.reported_by})" if report.reported_by else ""
            console.print(f"  - {report.source} [{words}]{marks}: {_one_line(report.passage.sentence_text)}",
                          markup=False)
    if view.hidden:
        count = len(view.hidden)
        console.print(f"\n{count} more event{'' if count == 1 else 's'} below confidence {view.threshold:.2f} "
                      f"{'is' if count == 1 else 'are'} hidden: --all (or --min-confidence 0) shows every event.")


def print_compare(console: Console, view: SidesView) -> None:
    """The sources side by side, in the view's order: each source's stance towards each entity (in the stage's
    order) with its first evidence, the words each uses for each event, its distinctive vocabulary and whom it
    quotes."""
    docs = list(view.sources)
    console.print("[bold]Stance toward the main actors[/bold] (score -1 unfavourable .. +1 favourable)", markup=True)
    table = Table()
    table.add_column("entity", overflow="fold")
    for doc in docs:
        table.add_column(doc.source[:24], overflow="fold")
    cells = {(s.doc_id, s.entity_id): s.summary for s in view.stances}
    names = {s.entity_id: s.entity_name if s.entity_name is not None else s.entity_id for s in view.stances}
    for entity_id in names:
        table.add_row(names[entity_id], *(cells.get((doc.id, entity_id), "") for doc in docs))
    console.print(table)
    for stance in view.stances:
        for line in stance.evidence[:2]:
            name = stance.entity_name if stance.entity_name is not None else "?"
            console.print(f"  {line.source} on {name} ({', '.join(line.cue_words)}): "
                          f"{_one_line(line.passage.sentence_text)}", markup=False)
    console.print("\n[bold]Words each source uses for the same event[/bold]", markup=True)
    for event_id in dict.fromkeys(item.event_id for item in view.framing_items):
        items = [item for item in view.framing_items if item.event_id == event_id]
        first = items[0]
        label = f"{first.event_date or 'undated'} {first.event_type}" if first.event_type is not None else event_id
        words = [f"{item.source}: {', '.join(dict.fromkeys(f'{text} ({frame})' for text, frame in item.terms))}"
                 for item in items]
        console.print(f"  {label}: " + "; ".join(words), markup=False)
    console.print("\n[bold]Distinctive vocabulary[/bold] (Fightin' Words z-scores)", markup=True)
    vocabulary = {doc.id: terms for doc, terms in view.vocabulary}
    for doc in docs:
        terms = ", ".join(f"{term} {z:.1f}" for term, z, _ in vocabulary[doc.id][:VOCABULARY])
        console.print(f"  {doc.source}: " + terms, markup=False)
    console.print("\n[bold]Who each source quotes[/bold]", markup=True)
    speakers = {block.doc.id: block.speakers for block in view.quotes}
    for doc in docs:
        console.print(f"  {doc.source}: " + (", ".join(f"{n} ({c})" for n, c in speakers[doc.id][:SPEAKERS])
                                             or "nobody named"), markup=False)
