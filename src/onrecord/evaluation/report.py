"""A compact plain-text rendering of an evaluation report."""

from __future__ import annotations

from onrecord.evaluation.citron import COMPONENTS
from onrecord.evaluation.metrics import PRF, Ratio
from onrecord.evaluation.scoring import EvalReport, SubsetScores


def _num(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def _prf(prf: PRF) -> str:
    return f"{_num(prf.precision)} {_num(prf.recall)} {_num(prf.f1)}"


def _ratio(ratio: Ratio) -> str:
    return f"{_num(ratio.value)}  ({ratio.num}/{ratio.den})"


def _row(label: str, value: str) -> str:
    return f"  {label:<22}{value}"


def format_subset(scores: SubsetScores) -> str:
    """One subset's block: Citron-style table, then one-to-one and attribute metrics."""
    lines = [
        f"[{scores.subset}] {scores.gold} gold, {scores.pred} predicted quotes "
        f"in {scores.docs} documents",
        f"  {'':<10}{'exact':^17}   {'overlap':^17}",
        f"  {'':<10}{'P':>5} {'R':>5} {'F1':>5}   {'P':>5} {'R':>5} {'F1':>5}",
    ]
    for component in COMPONENTS:
        exact = _prf(scores.citron.get(component, "exact"))
        overlap = _prf(scores.citron.get(component, "overlap"))
        lines.append(f"  {component:<10}{exact}   {overlap}")
    matched = scores.content_1to1.p_num
    lines.append(f"  {'':<22}{'P':>5} {'R':>5} {'F1':>5}")
    lines.append(_row("content 1:1", f"{_prf(scores.content_1to1)}  ({matched} matched)"))
    lines.append(_row("exact content 1:1", _prf(scores.exact_content_1to1)))
    lines.append(_row("end-to-end 1:1", _prf(scores.end_to_end)))
    if scores.speaker_end_to_end is not None:
        lines.append(_row("speaker end-to-end", _prf(scores.speaker_end_to_end)))
    lines.append(_row("attribution accuracy", _ratio(scores.attribution)))
    optional = [
        ("speaker accuracy", scores.speaker),
        ("speech act agreement", scores.speech_act),
        ("date agreement", scores.date),
        ("type agreement", scores.type_agreement),
    ]
    lines += [_row(label, _ratio(ratio)) for label, ratio in optional if ratio is not None]
    if scores.types:
        counts = ", ".join(
            f"{name} {c.matched}/{c.gold} (pred {c.pred})" for name, c in scores.types.items()
        )
        lines.append(_row("matched/gold by type", counts))
    return "\n".join(lines)


def format_report(report: EvalReport) -> str:
    """The report as plain text: one block per subset, then unpaired documents if any."""
    blocks = [format_subset(scores) for scores in report.subsets.values()]
    if report.docs_without_predictions:
        blocks.append(
            f"{len(report.docs_without_predictions)} gold documents have no predictions "
            "(scored as predicting nothing)"
        )
    if report.predictions_without_gold:
        blocks.append(
            f"{len(report.predictions_without_gold)} predicted documents have no gold (ignored)"
        )
    return "\n\n".join(blocks) + "\n"
