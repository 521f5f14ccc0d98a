"""How well loose articles are grouped into stories: B-cubed against the evaluation clusters.

The articles of the evaluation clusters are written under meaningless names (a hash) into one
temporary folder, loaded as the build loads them, grouped by :func:`briefing.stories.group_stories`,
and the grouping is scored with B-cubed precision, recall and F1 against the true clusters.

:func:`joining_eval` tries each article loose beside the others as story folders: does it join
its own event's story, and does it stay alone when its event has none?

>>> score = grouping_eval(limit=20)  # doctest: +SKIP
>>> print(format_grouping(score))  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..analysers import analyser_for
from ..config import BriefingConfig
from ..models import ArticleAnalysis, SourceArticle
from ..pipeline import LoadedContent, analyse_articles, load_content, pipeline_languages
from ..stories import GROUP_THRESHOLD, article_terms, group_stories, slugify
from .data import load_clusters

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class GroupingScore:
    """B-cubed precision, recall and F1 of a grouping against the true clusters."""

    precision: float
    recall: float
    f1: float
    articles: int  # articles grouped (after loading and cleaning)
    clusters: int  # true clusters they come from
    stories: int  # stories the grouping made
    skipped: int = 0  # input documents that loading left out (empty after cleaning, duplicates…)
    threshold: float = GROUP_THRESHOLD


def b_cubed(predicted: Mapping[str, str], truth: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a grouping (item → group) against the truth (item → class).

    >>> b_cubed({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "y", "c": "y"})
    (0.6666666666666666, 0.6666666666666666, 0.6666666666666666)
    """
    items = sorted(predicted)
    if not items:
        return 0.0, 0.0, 0.0
    both = Counter((predicted[i], truth[i]) for i in items)
    in_group = Counter(predicted[i] for i in items)
    in_class = Counter(truth[i] for i in items)
    precision = sum(both[predicted[i], truth[i]] / in_group[predicted[i]] for i in items) / len(items)
    recall = sum(both[predicted[i], truth[i]] / in_class[truth[i]] for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def grouping_eval(
    path: Path | None = None,
    limit: int | None = None,
    config: BriefingConfig | None = None,
    cache_root: Path | None = None,
    threshold: float = GROUP_THRESHOLD,
) -> GroupingScore:
    """Drop the articles of evaluation clusters loose into one folder, group them, score the grouping.

    ``path`` defaults to ``../shared/evaldata/multinews_dev.jsonl`` (research use only: it is
    read in place; the articles are written to a temporary folder removed afterwards). The
    files are named by a hash, so nothing but their text tells where they belong. They go
    through the real loading (cleaning, duplicates, language) before they are grouped.
    """
    loaded, analyses, truth = _evaluation_articles(path, limit, config, cache_root)
    stories = group_stories(loaded.articles, analyses, threshold)
    predicted = {article.path: story.slug for story in stories for article in story.articles}
    precision, recall, f1 = b_cubed(predicted, truth)
    logger.info("grouped %d articles into %d stories", len(predicted), len(stories))
    return GroupingScore(
        precision=precision,
        recall=recall,
        f1=f1,
        articles=len(predicted),
        clusters=len({truth[p] for p in predicted}),
        stories=len(stories),
        skipped=len(truth) - len(predicted),
        threshold=threshold,
    )


def _evaluation_articles(
    path: Path | None, limit: int | None, config: BriefingConfig | None, cache_root: Path | None
) -> tuple[LoadedContent, dict[str, ArticleAnalysis], dict[str, str]]:
    """The articles of the evaluation clusters as the build loads them (written loose, under a
    hash, into a temporary folder), their analyses, and the cluster of each file."""
    config = config or BriefingConfig()
    truth: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="briefing-grouping-") as folder:
        root = Path(folder)
        for cluster in load_clusters(path, limit):
            for number, text in enumerate(cluster.documents):
                name = hashlib.sha1(f"{cluster.id}/{number}".encode()).hexdigest()[:16] + ".txt"
                (root / name).write_text(text, encoding="utf-8")
                truth[name] = cluster.id
        loaded = load_content(root, pipeline_languages(config))
    analyses, _ = analyse_articles(loaded.articles, config, cache_root, analyser_for(config))
    return loaded, analyses, truth


@dataclass(frozen=True, slots=True)
class JoiningScore:
    """Where one loose article goes when the other articles of its event are a story folder
    (every other event's articles too), and when its event has no story."""

    right: int  # joined the story of its event
    wrong: int  # joined the story of another event
    alone: int  # stayed a story of its own
    orphans: int  # articles tried with no story of their event
    orphans_joined: int  # of those, joined the story of another event (all wrong)


def joining_eval(
    path: Path | None = None,
    limit: int | None = None,
    config: BriefingConfig | None = None,
    cache_root: Path | None = None,
) -> JoiningScore:
    """Each evaluation article loose beside every cluster as a story folder: with its own
    cluster's other articles (it should join them), and without its cluster (it should stay alone)."""
    loaded, analyses, truth = _evaluation_articles(path, limit, config, cache_root)
    articles = loaded.articles
    terms = {a.id: article_terms(analyses[a.id]) for a in articles}
    events = Counter(slugify(truth[a.path]) for a in articles)
    right = wrong = alone = orphans = orphans_joined = 0
    for article in articles:
        event = slugify(truth[article.path])
        others = [replace(a, story=slugify(truth[a.path])) for a in articles if a is not article]
        if events[event] > 1:
            slug = _story_of(article, others, analyses, terms)
            right += slug == event
            wrong += slug not in (event, None)
            alone += slug is None
        orphans += 1
        rest = [a for a in others if a.story != event]
        orphans_joined += _story_of(article, rest, analyses, terms) is not None
    return JoiningScore(right, wrong, alone, orphans, orphans_joined)


def _story_of(
    article: SourceArticle,
    named: Sequence[SourceArticle],
    analyses: Mapping[str, ArticleAnalysis],
    terms: Mapping[str, Mapping[str, int]],
) -> str | None:
    """The named story a loose article joins, or ``None`` when it stays alone."""
    for story in group_stories([*named, article], analyses, terms=terms):
        if article in story.articles:
            return story.slug if len(story.articles) > 1 else None
    return None


def format_joining(score: JoiningScore) -> str:
    """Two lines: loose articles with a story of their event, and without one."""
    tried = score.right + score.wrong + score.alone
    return (
        f"a loose article beside the story folder of its event ({tried} tried): joined it {score.right}, "
        f"joined another {score.wrong}, stayed alone {score.alone}\n"
        f"a loose article whose event has no story ({score.orphans} tried): joined another "
        f"{score.orphans_joined}, stayed alone {score.orphans - score.orphans_joined}"
    )


def format_grouping(score: GroupingScore) -> str:
    """A short plain-text table of a :class:`GroupingScore`."""
    header = ("grouping", "B3 precision", "B3 recall", "B3 F1", "articles", "events", "groups")
    row = (
        "briefing",
        f"{score.precision:.3f}",
        f"{score.recall:.3f}",
        f"{score.f1:.3f}",
        str(score.articles),
        str(score.clusters),
        str(score.stories),
    )
    widths = [max(len(a), len(b)) for a, b in zip(header, row, strict=True)]
    lines = [
        " | ".join(
            cell.ljust(w) if k == 0 else cell.rjust(w)
            for k, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in (header, row)
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    lines.append(
        f"loose articles of {score.clusters} clusters grouped at threshold {score.threshold:g}; "
        f"{score.skipped} documents left out by loading"
    )
    return "\n".join(lines)
