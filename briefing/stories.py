"""Group articles into stories: by folder, by ``story:`` front matter, else by what they report.

Loose articles are clustered by average link over the cosine of entity-weighted TF-IDF vectors:
an article's content lemmas, and each named entity (a person, a place, an organisation…) once
more as a term of its own, because what tells two events apart is mostly who and where; the
terms of its lead (its first sentences, where news tells the event itself) count more. The
named stories (folders, ``story:``) take part as groups already made: a loose article about the
same event joins one instead of opening a second briefing.
:mod:`briefing.evaluation.grouping` measures the grouping (B-cubed) on evaluation clusters
dropped loose into one folder.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

import numpy as np

from .models import ArticleAnalysis, SourceArticle, Story
from .vectors import average_link, cosine_matrix

logger = logging.getLogger(__name__)

# Average cosine at which two groups of articles are one story; measured by evaluation.grouping.
GROUP_THRESHOLD = 0.16
# How much closer to one named story than to any other a loose article must be to join it.
JOIN_MARGIN = 1.5
# Articles published further apart than this report two events (a follow-up is a story of its own).
DAYS_APART = 7
# Average cosine enough for articles published within DAYS_APART days of each other: their dates
# say they may be one event, which undated articles (all of the evaluation data) must show by text.
DATED_THRESHOLD = 0.15
# A news article tells its event first (who did what, where) and background after, and the
# background is what reports of related but different events in one place share: between two
# articles longer than twice their lead, the terms of each one's lead (its first LEAD_SENTENCES
# sentences) count LEAD_WEIGHT times. A shorter text (a feed entry) is all lead, and what it
# shares with a long report may lie in that report's body. Measured by evaluation.grouping with
# GROUP_THRESHOLD: the least weight at which thresholds 0.01 either side of it still keep B-cubed
# precision >= 0.98 and F1 >= 0.95 (0.15: 0.981 and 0.960; 0.17: 0.981 and 0.951; at weight 4,
# 0.15 gives precision 0.975).
LEAD_SENTENCES = 2
LEAD_WEIGHT = 6
LEAD = "lead:"  # what article_terms puts before a term of the lead
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
    terms: Mapping[str, Mapping[str, int]] | None = None,
) -> list[Story]:
    """Stories from articles: a named story keeps its articles; loose ones join the named story
    about the same event, or are clustered into stories of their own.

    ``terms`` may give an article's :func:`article_terms` (else read from its analysis): the
    articles of named stories are only compared when there are loose articles.
    """
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
    joined, groups = cluster_articles(loose, analyses, threshold, named, terms)
    for slug, group in joined.items():
        logger.info(
            "%d loose article(s) join story %r: %s", len(group), slug, ", ".join(a.path for a in group)
        )
        named[slug].extend(group)
    for group in groups:
        named[_unique_slug(_group_slug(group, analyses), named)].extend(group)
    return [Story(slug, tuple(sorted(group, key=lambda a: a.path))) for slug, group in sorted(named.items())]


def cluster_articles(
    articles: Sequence[SourceArticle],
    analyses: Mapping[str, ArticleAnalysis],
    threshold: float = GROUP_THRESHOLD,
    named: Mapping[str, Sequence[SourceArticle]] | None = None,
    terms: Mapping[str, Mapping[str, int]] | None = None,
) -> tuple[dict[str, list[SourceArticle]], list[list[SourceArticle]]]:
    """The named stories loose articles join, and the groups the others form.

    Average link over the cosine of entity-weighted TF-IDF vectors, the named stories taken as
    groups already made that never merge with one another. A loose group joins a named story
    only when it is :data:`JOIN_MARGIN` times closer to it than to any other named story. Dates
    count both ways: articles published within :data:`DAYS_APART` days of each other need only
    :data:`DATED_THRESHOLD`, and no two groups merge whose articles were published further apart.
    """
    if not articles:
        return {}, []
    named = named or {}
    terms = terms or {}
    slugs = sorted(named)
    pool = [a for slug in slugs for a in named[slug]] + sorted(articles, key=lambda a: a.path)
    story_of = [slug for slug in slugs for _ in named[slug]] + [None] * len(articles)
    bags = [terms[a.id] if a.id in terms else article_terms(analyses[a.id]) for a in pool]
    seeds, start = [], 0
    for slug in slugs:
        seeds.append(list(range(start, start + len(named[slug]))))
        start += len(named[slug])
    days = [_day(a.published) for a in pool]
    similarity = _similarity(bags)
    dated = np.array([d is not None for d in days])
    if dated.sum() > 1:
        day = np.array([d if d is not None else 0 for d in days])
        close = np.outer(dated, dated) & (np.abs(day[:, None] - day[None, :]) <= DAYS_APART)
        similarity += close * max(0.0, threshold - DATED_THRESHOLD)
    clusters = average_link(
        similarity, threshold, seeds, JOIN_MARGIN, lambda a, b: _published_apart(a, b, days)
    )
    joined: dict[str, list[SourceArticle]] = {}
    groups = []
    for cluster in clusters:
        stories = {story_of[k] for k in cluster} - {None}
        fresh = [pool[k] for k in cluster if story_of[k] is None]
        if not stories:
            groups.append(fresh)
        elif fresh:
            (slug,) = stories
            joined[slug] = fresh
    return joined, groups


def _day(published: str | None) -> int | None:
    """The day an article was published (a day number), when its date reads as ISO 8601."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def _published_apart(a: Sequence[int], b: Sequence[int], days: Sequence[int | None]) -> bool:
    """Whether two groups of articles were published more than :data:`DAYS_APART` days apart
    (each group's dates taken as the span from its first to its last; undated articles say nothing)."""
    first = [days[k] for k in a if days[k] is not None]
    second = [days[k] for k in b if days[k] is not None]
    if not first or not second:
        return False
    return max(min(second) - max(first), min(first) - max(second)) > DAYS_APART


def article_terms(analysis: ArticleAnalysis) -> Counter[str]:
    """Content lemmas of an article, and each named entity once more as a term of its own; when
    the article is longer than twice its lead, the terms of its lead (its first
    :data:`LEAD_SENTENCES` sentences) once more with the prefix ``lead:``."""
    terms: Counter[str] = Counter()
    long = len(analysis.sentences) > 2 * LEAD_SENTENCES
    for index, sentence in enumerate(analysis.sentences):
        names = ["entity:" + e.text.lower() for e in sentence.entities if e.label in ENTITY_LABELS]
        words = (*sentence.terms, *names)
        terms.update(words)
        if long and index < LEAD_SENTENCES:
            terms.update(LEAD + word for word in words)
    return terms


def _similarity(bags: Sequence[Mapping[str, int]]) -> np.ndarray:
    """Cosine of the :func:`article_terms` of articles: between two that have a lead of their own,
    with its terms weighed :data:`LEAD_WEIGHT` times; else of their terms as they stand."""
    plain = [{t: n for t, n in bag.items() if not t.startswith(LEAD)} for bag in bags]
    similarity = cosine_matrix(plain)
    leads = [{t.removeprefix(LEAD): n for t, n in bag.items() if t.startswith(LEAD)} for bag in bags]
    long = np.array([bool(lead) for lead in leads])
    if long.sum() > 1:
        weighted = [
            Counter(p) + Counter({t: (LEAD_WEIGHT - 1) * n for t, n in lead.items()})
            for p, lead in zip(plain, leads, strict=True)
        ]
        similarity = np.where(np.outer(long, long), cosine_matrix(weighted), similarity)
    return similarity


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
