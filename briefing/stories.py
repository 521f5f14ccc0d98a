"""Group articles into stories: by folder, by ``story:`` front matter, else by what they report.

Loose articles are clustered by average link over the cosine of entity-weighted TF-IDF vectors:
an article's content lemmas, and each named entity (a person, a place, an organisation…) once
more as a term of its own, because what tells two events apart is mostly who and where.
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

from .models import ArticleAnalysis, SourceArticle, Story
from .vectors import average_link, cosine_matrix

logger = logging.getLogger(__name__)

# Average cosine at which two groups of articles are one story; measured by evaluation.grouping.
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
