"""Merge what several outlets report into facts that carry every outlet that states them.

Sentences are compared as TF-IDF vectors of their content lemmas, with the spellings of one
name unified across outlets (Kiev/Kyiv, Zelensky/Zelenskyy). A fact gathers, from each article,
the sentence closest to a pivot sentence when it is close enough; facts are taken greedily, the
most widely reported first, and a sentence serves one fact only.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from .models import Evidence, Fact, SentenceRef

NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "dozen": "12",
    "hundred": "100",
    "thousand": "1000",
    "million": "1000000",
    "billion": "1000000000",
}
# Words too common in news sentences to say anything about what two sentences share.
REPORTING_VERBS = frozenset({"say", "tell", "report", "state", "add", "write", "announce", "claim", "accord"})

MERGE_THRESHOLD = 0.32
MIN_TERMS = 4


@dataclass(frozen=True, slots=True)
class Candidate:
    pivot: int
    members: tuple[int, ...]
    weight: float


def spelling_variants(sentences: Sequence[SentenceRef]) -> dict[str, str]:
    """Map each variant spelling of a proper noun to one form used by all outlets.

    Two proper nouns are one name when they share first and last letters and are spelled
    nearly alike (Kiev/Kyiv, Zelensky/Zelenskyy, Tuva/Tyva); the more frequent spelling wins.
    """
    counts: Counter[str] = Counter(
        t.lemma.lower()
        for s in sentences
        for t in s.tokens
        if t.pos == "PROPN" and len(t.text) >= 4 and t.text.isalpha()
    )
    names = sorted(counts, key=lambda n: (-counts[n], n))
    variants: dict[str, str] = {}
    for i, name in enumerate(names):
        if name in variants:
            continue
        for other in names[i + 1 :]:
            if other in variants or other[0] != name[0] or other[-1] != name[-1]:
                continue
            if SequenceMatcher(None, name, other).ratio() >= 0.75:
                variants[other] = name
    return variants


def normalised_terms(sentence: SentenceRef, variants: dict[str, str]) -> list[str]:
    terms = []
    for term in sentence.terms:
        term = NUMBER_WORDS.get(term, term).replace(",", "")
        term = variants.get(term, term)
        if term not in REPORTING_VERBS:
            terms.append(term)
    return terms


class SentenceSpace:
    """TF-IDF vectors of a story's sentences, for cosine similarity between any two."""

    def __init__(self, sentences: Sequence[SentenceRef]) -> None:
        self.sentences = list(sentences)
        variants = spelling_variants(self.sentences)
        self.terms = [normalised_terms(s, variants) for s in self.sentences]
        vocabulary = sorted({t for terms in self.terms for t in terms})
        index = {t: i for i, t in enumerate(vocabulary)}
        document_frequency = Counter(t for terms in self.terms for t in set(terms))
        n = len(self.sentences)
        matrix = np.zeros((n, len(vocabulary)))
        for row, terms in enumerate(self.terms):
            for term, count in Counter(terms).items():
                idf = math.log((n + 1) / (document_frequency[term] + 1)) + 1
                matrix[row, index[term]] = (1 + math.log(count)) * idf
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self.vectors = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
        self.similarity = self.vectors @ self.vectors.T


def merge_facts(sentences: Sequence[SentenceRef], threshold: float = MERGE_THRESHOLD) -> list[Fact]:
    """Facts stated by two or more articles, the most widely reported first.

    ``sentences`` are all the sentences of one story; a fact's evidence holds one sentence
    from each article that states it.
    """
    usable = [s for s in sentences if len(s.terms) >= MIN_TERMS]
    if not usable:
        return []
    space = SentenceSpace(usable)
    article_of = [s.article_id for s in usable]
    similar = space.similarity.copy()
    same_article = np.array([[a == b for b in article_of] for a in article_of])
    similar[same_article] = 0.0

    used: set[int] = set()
    facts: list[Fact] = []
    while True:
        best = _best_candidate(similar, article_of, used, threshold)
        if best is None:
            break
        used.update(best.members)
        facts.append(_fact(best, usable, space))
    return facts


def _best_candidate(
    similar: np.ndarray, article_of: list[str], used: set[int], threshold: float
) -> Candidate | None:
    best: Candidate | None = None
    for pivot in range(len(article_of)):
        if pivot in used:
            continue
        members = [pivot]
        weight = 0.0
        by_article: dict[str, tuple[float, int]] = {}
        for other in np.flatnonzero(similar[pivot] >= threshold):
            if other in used:
                continue
            score = float(similar[pivot, other])
            article = article_of[other]
            if article not in by_article or score > by_article[article][0]:
                by_article[article] = (score, int(other))
        for score, other in by_article.values():
            members.append(other)
            weight += score
        if len(members) < 2:
            continue
        candidate = Candidate(pivot, tuple(sorted(members)), weight)
        if best is None or (len(candidate.members), candidate.weight) > (len(best.members), best.weight):
            best = candidate
    return best


def _fact(candidate: Candidate, sentences: list[SentenceRef], space: SentenceSpace) -> Fact:
    members = candidate.members
    sub = space.similarity[np.ix_(members, members)]
    centrality = sub.sum(axis=1)
    # the wording closest to all the others; on a tie the fuller one
    order = sorted(
        range(len(members)), key=lambda k: (-round(float(centrality[k]), 6), -len(sentences[members[k]].text))
    )
    shown = sentences[members[order[0]]]
    evidence = tuple(
        Evidence(s.article_id, s.index, s.text, s.start, s.end)
        for s in sorted((sentences[m] for m in members), key=lambda s: (s.article_id, s.index))
    )
    return Fact(id="", text=shown.text, evidence=evidence)
