"""ROUGE of the briefing against extractive peers, run side by side on the same articles.

Every system gets the same articles, the same spaCy sentences and the same word budget:

- ``briefing``: the briefing's facts in reading order;
- ``lexrank``, ``textrank``, ``lsa``: sumy over all of a cluster's articles pooled, asked for the
  fewest sentences that reach the budget, taken in document order;
- ``lead``: the articles' lead sentences round-robin (every first sentence, then every second…).

Each output is cut to the budget (words as ``str.split`` counts them, cut mid-sentence) and
scored with ``rouge-score`` (stemming on), F1, best over the references, on the evaluation
clusters (:mod:`briefing.evaluation.data`).

>>> rows = rouge_eval(limit=3)  # doctest: +SKIP
>>> print(format_table(rows))  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysers import LocalAnalyser
from ..config import BriefingConfig
from ..errors import BriefingError
from ..models import ArticleAnalysis, Briefing, SentenceRef
from ..pipeline import Analyser, briefing_from_texts
from ..summarize import Summarizer, make_summarizer, summarize
from .data import load_clusters

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)

DEFAULT_BUDGET = 250
PEERS = ("lexrank", "textrank", "lsa")
SYSTEMS = ("briefing", *PEERS, "lead")
METRICS = ("rouge1", "rouge2", "rougeL")


@dataclass(frozen=True, slots=True)
class RougeRow:
    """Mean ROUGE F1 (×100) and mean output length of one system over the clusters scored."""

    system: str
    rouge1: float
    rouge2: float
    rougeL: float
    words: float
    clusters: int


# --- the systems ---------------------------------------------------------------------------------


def cut_to_budget(texts: Iterable[str], budget: int) -> str:
    """The texts joined with spaces and cut after ``budget`` words (``str.split`` words)."""
    words: list[str] = []
    for text in texts:
        if len(words) >= budget:
            break
        words.extend(text.split())
    return " ".join(words[: max(budget, 0)])


def word_count(text: str) -> int:
    return len(text.split())


def briefing_summary(briefing: Briefing, budget: int) -> str:
    """The briefing's facts in reading order, cut to the budget."""
    return cut_to_budget((fact.reading for fact in briefing.facts), budget)


def lead_sentences(articles: Sequence[Sequence[str]]) -> Iterator[str]:
    """Sentences round-robin: the first of each article, then the second of each, and so on."""
    longest = max((len(sentences) for sentences in articles), default=0)
    for position in range(longest):
        for sentences in articles:
            if position < len(sentences):
                yield sentences[position]


def lead_summary(articles: Sequence[Sequence[str]], budget: int) -> str:
    """Lead sentences taken round-robin from the articles, cut to the budget."""
    return cut_to_budget(lead_sentences(articles), budget)


def pool_sentences(groups: Iterable[Sequence[SentenceRef]]) -> list[SentenceRef]:
    """Sentences of several articles as one document, re-indexed 0, 1, 2… in article order.

    ``SentenceRef.index`` restarts in each article; ``summarize`` answers with indices, so the
    pooled copies need indices of their own (``article_id`` still says where each came from).
    """
    sentences = [s for group in groups for s in group]
    return [replace(s, index=i) for i, s in enumerate(sentences)]


def peer_summary(pooled: Sequence[SentenceRef], budget: int, summarizer: Summarizer) -> str:
    """The fewest top-ranked sentences that reach the budget, in document order, cut to it.

    The sentences sumy picks for ``k`` are among those it picks for ``k + 1`` (it ranks once and
    takes the top ``k``), so their word count grows with ``k`` and a search finds the smallest
    ``k`` that reaches the budget. ``pooled`` must be indexed 0… in order (:func:`pool_sentences`).
    """
    usable = sum(1 for s in pooled if s.terms)
    if budget <= 0 or usable == 0:
        return ""
    chosen: dict[int, tuple[int, ...]] = {}

    def pick(k: int) -> tuple[int, ...]:
        if k not in chosen:
            chosen[k] = summarize(pooled, k, summarizer)
        return chosen[k]

    def reaches(k: int) -> bool:
        return k >= usable or sum(word_count(pooled[i].text) for i in pick(k)) >= budget

    mean_words = sum(word_count(s.text) for s in pooled) / len(pooled)
    k = min(usable, max(1, math.ceil(budget / max(mean_words, 1.0))))
    k = _smallest_true(reaches, k, usable)
    return cut_to_budget((pooled[i].text for i in pick(k)), budget)


def _smallest_true(test: Callable[[int], bool], guess: int, top: int) -> int:
    """Smallest ``k`` in ``1..top`` with ``test(k)``, for a monotone test true at ``top``.

    Gallops from ``guess`` (doubling the step) to bracket the answer, then bisects; a good guess
    costs two or three tests.
    """
    if test(guess):
        low, high, step = guess, guess, 1  # test(high) is true; look below
        while low > 1:
            low = max(1, high - step)
            if not test(low):
                break
            high, step = low, step * 2
        else:
            return high
        # test(low) false, test(high) true
    else:
        low, high, step = guess, guess, 1  # test(low) is false; look above
        while True:
            high = min(top, low + step)
            if test(high):
                break
            low, step = high, step * 2
    while high - low > 1:
        middle = (low + high) // 2
        if test(middle):
            high = middle
        else:
            low = middle
    return high


def system_outputs(
    texts: Sequence[str],
    config: BriefingConfig,
    analyser: Analyser,
    budget: int = DEFAULT_BUDGET,
    slug: str = "story",
    summarizers: Mapping[str, Summarizer] | None = None,
    briefings: list[tuple[Briefing, Mapping[str, ArticleAnalysis]]] | None = None,
) -> dict[str, str]:
    """What every system writes for one cluster's articles, each cut to the budget.

    All systems read the articles the briefing kept, as the same cleaned spaCy sentences. The
    briefing and its analyses are appended to ``briefings`` when it is given.
    """
    briefing, analyses = briefing_from_texts(texts, config, slug=slug, analyser=analyser)
    if briefings is not None:
        briefings.append((briefing, analyses))
    return outputs_from_briefing(briefing, analyses, budget, summarizers)


def outputs_from_briefing(
    briefing: Briefing,
    analyses: Mapping[str, ArticleAnalysis],
    budget: int = DEFAULT_BUDGET,
    summarizers: Mapping[str, Summarizer] | None = None,
) -> dict[str, str]:
    """Each system's output for one briefing and the analyses of its sources."""
    summarizers = summarizers or {name: make_summarizer(name) for name in PEERS}
    articles = [analyses[article.id].sentences for article in briefing.sources]
    pooled = pool_sentences(articles)
    outputs = {"briefing": briefing_summary(briefing, budget)}
    for name in PEERS:
        outputs[name] = peer_summary(pooled, budget, summarizers[name])
    outputs["lead"] = lead_summary([[s.text for s in sentences] for sentences in articles], budget)
    return outputs


# --- scoring -------------------------------------------------------------------------------------


def make_scorer() -> Any:
    """A ``rouge-score`` scorer for ROUGE-1, -2 and -L with stemming."""
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:
        raise BriefingError("briefing eval requires rouge-score: pip install rouge-score") from exc
    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def rouge_f1(scorer: Any, summary: str, references: Sequence[str]) -> dict[str, float]:
    """F1 of each metric, best over the references."""
    best = dict.fromkeys(METRICS, 0.0)
    for reference in references:
        scores = scorer.score(reference, summary)
        for metric in METRICS:
            best[metric] = max(best[metric], scores[metric].fmeasure)
    return best


def rouge_eval(
    path: Path | None = None,
    limit: int | None = None,
    budget: int = DEFAULT_BUDGET,
    config: BriefingConfig | None = None,
    briefings: list[tuple[Briefing, Mapping[str, ArticleAnalysis]]] | None = None,
) -> list[RougeRow]:
    """Mean ROUGE-1/2/L F1 (×100) of the briefing and its peers over the evaluation clusters.

    ``path`` defaults to ``../shared/evaldata/multinews_dev.jsonl`` beside the repository;
    ``limit`` takes the first N clusters. One row per system, in :data:`SYSTEMS` order.
    Each cluster's briefing and analyses are appended to ``briefings`` when it is given.
    Clusters with no usable article left after cleaning are skipped (for every system).
    """
    if budget < 1:
        raise BriefingError(f"the word budget must be at least 1, not {budget}")
    config = config or BriefingConfig()
    scorer = make_scorer()
    clusters = load_clusters(path, limit)
    analyser = LocalAnalyser(config.models, jobs=1)
    summarizers = {name: make_summarizer(name) for name in PEERS}
    totals = {system: dict.fromkeys((*METRICS, "words"), 0.0) for system in SYSTEMS}
    scored = 0
    for number, cluster in enumerate(clusters, 1):
        outputs = system_outputs(
            cluster.documents, config, analyser, budget, cluster.id, summarizers, briefings
        )
        if not outputs["lead"]:
            logger.warning("%s: no usable article after cleaning; skipped", cluster.id)
            continue
        scored += 1
        for system in SYSTEMS:
            scores = rouge_f1(scorer, outputs[system], cluster.references)
            for metric in METRICS:
                totals[system][metric] += scores[metric]
            totals[system]["words"] += word_count(outputs[system])
        logger.info("cluster %d/%d %s scored", number, len(clusters), cluster.id)
    if not scored:
        raise BriefingError("no evaluation cluster could be scored")
    return [
        RougeRow(
            system=system,
            rouge1=100 * totals[system]["rouge1"] / scored,
            rouge2=100 * totals[system]["rouge2"] / scored,
            rougeL=100 * totals[system]["rougeL"] / scored,
            words=totals[system]["words"] / scored,
            clusters=scored,
        )
        for system in SYSTEMS
    ]


# --- report --------------------------------------------------------------------------------------


def format_table(rows: Sequence[RougeRow]) -> str:
    """An aligned plain-text table of the rows, and how the briefing compares with its best peer.

    The last line gives the difference on ROUGE-1 in points and on ROUGE-2 in per cent of the
    best peer's score (the best peer on each metric may differ). It is left out without a
    ``briefing`` row or without peers.
    """
    header = ("system", "R-1", "R-2", "R-L", "words")
    body = [
        (row.system, f"{row.rouge1:.2f}", f"{row.rouge2:.2f}", f"{row.rougeL:.2f}", f"{row.words:.1f}")
        for row in rows
    ]
    widths = [max(len(line[column]) for line in (header, *body)) for column in range(len(header))]

    def render(line: Sequence[str]) -> str:
        numbers = [cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True)]
        cells = [line[0].ljust(widths[0]), *numbers]
        return " | ".join(cells).rstrip()

    lines = [render(header), "-+-".join("-" * w for w in widths)]
    lines += [render(line) for line in body]
    if rows:
        lines.append(f"{rows[0].clusters} clusters")
    comparison = _comparison(rows)
    if comparison:
        lines.append(comparison)
    return "\n".join(lines)


def _comparison(rows: Sequence[RougeRow]) -> str | None:
    ours = next((row for row in rows if row.system == "briefing"), None)
    peers = [row for row in rows if row.system != "briefing"]
    if ours is None or not peers:
        return None
    best1 = max(peers, key=lambda row: row.rouge1)
    best2 = max(peers, key=lambda row: row.rouge2)
    points = ours.rouge1 - best1.rouge1
    relative = "n/a"
    if best2.rouge2 > 0:
        relative = f"{100 * (ours.rouge2 - best2.rouge2) / best2.rouge2:+.1f} %"
    return (
        f"briefing vs best peer: R-1 {points:+.2f} points (vs {best1.system} {best1.rouge1:.2f}), "
        f"R-2 {relative} (vs {best2.system} {best2.rouge2:.2f})"
    )
