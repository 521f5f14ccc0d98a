"""Group articles into stories: by folder, by ``story:`` front matter, else by what they report.

Loose articles are clustered by average link over the cosine of entity-weighted TF-IDF vectors:
an article's content lemmas, and each named entity (a person, a place, an organisation…) once
more as a term of its own, because what tells two events apart is mostly who and where.
:func:`grouping_eval` measures the grouping (B-cubed) on evaluation clusters dropped loose into
one folder.

>>> score = grouping_eval(limit=20)  # doctest: +SKIP
>>> print(format_grouping(score))  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .models import ArticleAnalysis, SourceArticle, Story
from .vectors import average_link, cosine_matrix

if TYPE_CHECKING:
    from .config import BriefingConfig

logger = logging.getLogger(__name__)

# Average cosine at which two groups of articles are one story; measured with grouping_eval.
GROUP_THRESHOLD = 0.15
# Entity kinds that name what an event is about; dates and numbers do not tell events apart.
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW"}
)


def slugify(text: str) -> str:
    """A URL-safe slug: ``"Kyiv's prisoners!"`` → ``"kyivs-prisoners"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")
    return slug[:80].rstrip("-") or "story"


def group_stories(
    articles: Sequence[SourceArticle],
    analyses: Mapping[str, ArticleAnalysis],
    threshold: float = GROUP_THRESHOLD,
) -> list[Story]:
    """Stories from articles: a named story keeps its articles; loose ones are clustered."""
    named: dict[str, list[SourceArticle]] = defaultdict(list)
    loose: list[SourceArticle] = []
    renamed: dict[str, str] = {}
    for article in articles:
        if article.story:
            slug = slugify(article.story)
            if is_reserved(slug):
                slug = renamed.setdefault(slug, _unique_slug(f"{slug}-story", named))
            named[slug].append(article)
        else:
            loose.append(article)
    for reserved, slug in sorted(renamed.items()):
        logger.warning(
            "story %r: the site uses that name for its own pages; its briefing is published as %r "
            "(rename the folder or the story: to choose another)",
            reserved,
            slug,
        )
    for group in cluster_articles(loose, analyses, threshold):
        named[_unique_slug(_group_slug(group, analyses), named)].extend(group)
    return [Story(slug, tuple(sorted(group, key=lambda a: a.path))) for slug, group in sorted(named.items())]


def cluster_articles(
    articles: Sequence[SourceArticle],
    analyses: Mapping[str, ArticleAnalysis],
    threshold: float = GROUP_THRESHOLD,
) -> list[list[SourceArticle]]:
    """Average-link clustering of articles by the cosine of their entity-weighted TF-IDF vectors."""
    if not articles:
        return []
    similarity = cosine_matrix([article_terms(analyses[a.id]) for a in articles])
    return [[articles[k] for k in cluster] for cluster in average_link(similarity, threshold)]


def article_terms(analysis: ArticleAnalysis) -> Counter[str]:
    """Content lemmas of an article, and each named entity once more as a term of its own."""
    terms: Counter[str] = Counter()
    for sentence in analysis.sentences:
        terms.update(sentence.terms)
        terms.update(
            "entity:" + entity.text.lower() for entity in sentence.entities if entity.label in ENTITY_LABELS
        )
    return terms


MAX_ALIAS = 40


def name_sources(articles: Sequence[SourceArticle]) -> tuple[SourceArticle, ...]:
    """The articles of a story, each whose outlet is unknown named for the reader: by its
    credit or byline ("Reuters, PAP", "Daniel Bellamy with AP") when it has one and no other
    source of the story has the same, else by its place in the story ("Source 3"). Never a
    file name or a hash."""
    credits = Counter(_credit(a) for a in articles if not a.outlet and _credit(a))
    named = []
    for number, article in enumerate(articles, 1):
        if article.outlet:
            named.append(article)
            continue
        credit = _credit(article)
        alias = credit if credit and credits[credit] == 1 else f"Source {number}"
        named.append(replace(article, alias=alias))
    return tuple(named)


def _credit(article: SourceArticle) -> str | None:
    """An article's byline or agency credit, cut at a word to :data:`MAX_ALIAS` characters."""
    author = " ".join((article.author or "").split())
    if not author:
        return None
    if len(author) > MAX_ALIAS:
        author = author[:MAX_ALIAS].rsplit(" ", 1)[0] + "…"
    return author


def _group_slug(group: Sequence[SourceArticle], analyses: Mapping[str, ArticleAnalysis]) -> str:
    titled = [a.title for a in group if a.title]
    if titled:
        return slugify(titled[0])
    names = Counter(
        e.text
        for a in group
        for s in analyses[a.id].sentences
        for e in s.entities
        if e.label in {"PERSON", "ORG", "GPE", "EVENT"}
    )
    return slugify(" ".join(name for name, _ in names.most_common(3))) if names else slugify(group[0].id)


# Folders of the site's own at the top of the output (Pelican's drafts and pages included):
# a story with such a slug would overwrite them or be overwritten.
RESERVED_SLUGS = frozenset({"about", "drafts", "feed", "index", "outlets", "pages", "pagefind", "search"})
RESERVED_SLUGS |= {"sitemap", "static", "theme"}


def is_reserved(slug: str) -> bool:
    """Whether a story may not have this slug: a folder of the site's own, or a version
    folder's name (``v1``, ``v2``…).

    >>> is_reserved("outlets"), is_reserved("v2"), is_reserved("harbour-storm")
    (True, True, False)
    """
    return slug in RESERVED_SLUGS or re.fullmatch(r"v\d+", slug) is not None


def _unique_slug(slug: str, taken: Mapping[str, object]) -> str:
    candidate, n = slug, 2
    while candidate in taken or is_reserved(candidate):
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


# --- measuring the grouping ------------------------------------------------------------------------


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
    from .config import BriefingConfig
    from .evaluation.data import load_clusters
    from .pipeline import analyse_articles, load_content, pipeline_languages

    config = config or BriefingConfig()
    clusters = load_clusters(path, limit)
    truth: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="briefing-grouping-") as folder:
        root = Path(folder)
        for cluster in clusters:
            for number, text in enumerate(cluster.documents):
                name = hashlib.sha1(f"{cluster.id}/{number}".encode()).hexdigest()[:16] + ".txt"
                (root / name).write_text(text, encoding="utf-8")
                truth[name] = cluster.id
        loaded = load_content(root, pipeline_languages(config))
    analyses, _ = analyse_articles(loaded.articles, config, cache_root)
    stories = group_stories(loaded.articles, analyses, threshold)
    predicted = {article.path: story.slug for story in stories for article in story.articles}
    precision, recall, f1 = b_cubed(predicted, truth)
    logger.info(
        "grouped %d articles of %d clusters into %d stories", len(predicted), len(clusters), len(stories)
    )
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


def format_grouping(score: GroupingScore) -> str:
    """A short plain-text table of a :class:`GroupingScore`."""
    header = ("grouping", "B3 precision", "B3 recall", "B3 F1", "articles", "clusters", "stories")
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
