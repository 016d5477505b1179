"""`rashomon eval ...`: measure rashomon on the standard data sets (the code is in rashomon.evaluation)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import RashomonError
from ..settings import load_settings
from .common import EXIT_FAILED, ConfigOption, app, err, fail, out, settings_from

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
    from ..evaluation.coref_metrics import format_scores
    from ..evaluation.ecbplus_fusion import evaluate_fusion
    from ..nlp import load_nlp

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
    from ..evaluation.coref_metrics import format_scores
    from ..evaluation.ecbplus_entities import evaluate_entities, format_typing
    from ..nlp import load_nlp

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
    from ..evaluation.timebank import evaluate_timebank, format_timex_scores

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
    from ..evaluation.triggers import evaluate_triggers, format_trigger_report
    from ..nlp import load_nlp

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
    from ..evaluation.stance import evaluate_stance, format_evaluation, read_eval
    from ..nlp import load_nlp

    try:
        rows = read_eval(path)
    except RashomonError as error:
        raise fail(error) from error
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
    from ..evaluation.basil import analyse_all, analyse_triplet, read_basil
    from ..evaluation.basil_scores import evaluate, format_basil

    try:
        settings = settings_from(config)
        triplets = read_basil(root)
    except RashomonError as error:
        raise fail(error) from error

    def _progress(done: int, total: int) -> None:
        err.print(f"analysed {done}/{total} triplets", markup=False)

    corpora = analyse_all(triplets, lambda t: analyse_triplet(t, settings=settings),
                          progress=_progress if err.is_terminal else None)
    out.print(format_basil(evaluate(triplets, corpora), errors=errors), markup=False)
