"""Group articles into stories: by folder, by ``story:`` front matter, else by what they report."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from .models import ArticleAnalysis, SourceArticle, Story

GROUP_THRESHOLD = 0.25


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
    for article in articles:
        if article.story:
            named[slugify(article.story)].append(article)
        else:
            loose.append(article)
    for group in cluster_articles(loose, analyses, threshold):
        named[_unique_slug(_group_slug(group, analyses), named)].extend(group)
    return [Story(slug, tuple(sorted(group, key=lambda a: a.path))) for slug, group in sorted(named.items())]


def cluster_articles(
    articles: Sequence[SourceArticle], analyses: Mapping[str, ArticleAnalysis], threshold: float
) -> list[list[SourceArticle]]:
    """Average-link clustering of articles by the cosine of their TF-IDF term vectors."""
    if not articles:
        return []
    bags = [Counter(t for s in analyses[a.id].sentences for t in s.terms) for a in articles]
    document_frequency = Counter(t for bag in bags for t in bag)
    n = len(bags)
    vocabulary = {t: i for i, t in enumerate(sorted(document_frequency))}
    matrix = np.zeros((n, len(vocabulary)))
    for row, bag in enumerate(bags):
        for term, count in bag.items():
            matrix[row, vocabulary[term]] = (1 + math.log(count)) * math.log(
                (n + 1) / document_frequency[term]
            )
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    vectors = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    similarity = vectors @ vectors.T

    clusters: list[list[int]] = [[i] for i in range(n)]
    while len(clusters) > 1:
        best, pair = threshold, None
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                link = float(similarity[np.ix_(clusters[i], clusters[j])].mean())
                if link >= best:
                    best, pair = link, (i, j)
        if pair is None:
            break
        i, j = pair
        clusters[i] = sorted(clusters[i] + clusters.pop(j))
    return [[articles[k] for k in cluster] for cluster in clusters]


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


def _unique_slug(slug: str, taken: Mapping[str, object]) -> str:
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate
