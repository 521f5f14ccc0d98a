"""TF-IDF vectors, their cosine, and average-link clustering: the one implementation the story
grouping (articles), the merge (claims) and the outline (topics) share.

Weights use sublinear term frequency and a smoothed IDF (``1 + ln((n + 1) / (df + 1))``), so
that a term every bag shares still counts: in a folder about one event that is most of what
they share.

>>> similarity = cosine_matrix([["capture", "soldier"], ["capture", "soldier", "kyiv"], ["tariff"]])
>>> bool(similarity[0, 1] > 0.5), float(similarity[0, 2])
(True, 0.0)
>>> average_link(similarity, 0.5)
[[0, 1], [2]]
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np


def tfidf_weights(bags: Sequence[Iterable[str] | Mapping[str, int]]) -> list[dict[str, float]]:
    """The TF-IDF weight of each term of each bag (a list of terms, or their counts)."""
    counts = [bag if isinstance(bag, Mapping) else Counter(bag) for bag in bags]
    n = len(counts)
    frequency = Counter(term for bag in counts for term in bag)
    return [
        {
            term: (1 + math.log(count)) * (1 + math.log((n + 1) / (frequency[term] + 1)))
            for term, count in bag.items()
        }
        for bag in counts
    ]


def cosine_matrix(bags: Sequence[Iterable[str] | Mapping[str, int]]) -> np.ndarray:
    """Cosine similarity of the TF-IDF vectors of some bags of terms.

    Built from the terms two bags share, so memory grows with the number of bags squared,
    never with the vocabulary. The diagonal is 1.
    """
    weights = tfidf_weights(bags)
    n = len(weights)
    frequency = Counter(term for vector in weights for term in vector)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for row, vector in enumerate(weights):
        for term, weight in vector.items():
            if frequency[term] > 1:
                postings[term].append((row, weight))
    similarity = np.zeros((n, n))
    for term in sorted(postings):  # a fixed order keeps the sums, and so the output, reproducible
        rows = np.array([row for row, _ in postings[term]])
        values = np.array([weight for _, weight in postings[term]])
        similarity[np.ix_(rows, rows)] += np.outer(values, values)
    norms = np.sqrt([sum(w * w for w in vector.values()) for vector in weights])
    scale = np.outer(norms, norms)
    similarity = np.divide(similarity, scale, out=np.zeros_like(similarity), where=scale > 0)
    np.fill_diagonal(similarity, 1.0)
    return similarity


def average_link(
    similarity: np.ndarray,
    threshold: float,
    groups: Sequence[Sequence[int]] = (),
    margin: float = 1.0,
    veto: Callable[[list[int], list[int]], bool] | None = None,
) -> list[list[int]]:
    """Merge the two most similar groups while their mean pairwise similarity reaches ``threshold``.

    Lance-Williams updates keep each merge linear in the number of groups. ``groups`` start
    merged and are never merged with one another; another group joins one of them only when its
    link to it is at least ``margin`` times its link to any other of them. ``veto(a, b)`` may
    forbid merging two groups (their members). Groups come back as sorted index lists, ordered
    by their first index.
    """
    n = len(similarity)
    link = similarity.astype(float, copy=True)
    np.fill_diagonal(link, -np.inf)
    size = np.ones(n)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    anchored = np.zeros(n, dtype=bool)  # rows that hold one of ``groups``

    def merge(i: int, j: int) -> None:
        merged = (size[i] * link[i] + size[j] * link[j]) / (size[i] + size[j])
        link[i, :] = merged
        link[:, i] = merged
        link[j, :] = -np.inf
        link[:, j] = -np.inf
        link[i, i] = -np.inf
        size[i] += size[j]
        anchored[i] |= anchored[j]
        anchored[j] = False
        members[i] = sorted(members[i] + members.pop(j))

    for group in groups:
        first, *rest = sorted(group)
        for other in rest:
            merge(first, other)
        anchored[first] = True
    rows = np.flatnonzero(anchored)
    link[np.ix_(rows, rows)] = -np.inf
    # Pairs the margin keeps apart for now. Their link stays as it is: a group held back from
    # its closest named story must still count that story as a rival of the next one (else it
    # joins the second closest, which is the one the margin was to keep it from). A merge
    # changes links, so it frees them to be weighed again.
    held = np.zeros((n, n), dtype=bool)
    holding = False
    while len(members) > 1:
        i, j = divmod(int(np.argmax(np.where(held, -np.inf, link) if holding else link)), n)
        if held[i, j] or link[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        if anchored[i] != anchored[j]:
            free, anchor = (j, i) if anchored[i] else (i, j)
            rivals = link[free, anchored & (np.arange(n) != anchor)]
            if rivals.size and link[i, j] < margin * rivals.max():
                held[i, j] = held[j, i] = holding = True
                continue
        if veto is not None and veto(members[i], members[j]):
            link[i, j] = link[j, i] = -np.inf
            continue
        merge(i, j)
        if holding:
            held[:] = holding = False
    return sorted(members.values())
