"""Statements that stand on their own: how the briefings of the evaluation clusters read.

Of the statements of the main accounts (lede, key facts, single-outlet facts), how many open
with a pronoun or a bare role ("he", "the agency") and name no one, how many are left among the
details for that, how many are given a referent in brackets (and how readers labelled those, in
``tests/data/referent_labels.json``: only a hash of each, :func:`referent_key`, and its label are
stored), and how long the lede and key facts are.

>>> print(format_reading(reading_eval(briefings, labels)))  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median

from ..antecedents import leaning_words
from ..models import ArticleAnalysis, Briefing, Fact
from .rouge import word_count

MAIN_ACCOUNT = ("lede", "key", "single")


def referent_key(fact: Fact, analyses: Mapping[str, ArticleAnalysis]) -> str:
    """The stored key of a named referent: a hash of the statement, the name and the two
    sentences before the statement in its article (what its readers saw), no text."""
    name = fact.referent.name if fact.referent else ""
    own = next((e for e in fact.evidence if fact.text.rstrip(".")[1:20] in e.text), fact.evidence[0])
    before = [s.text for s in analyses[own.source].sentences if own.sentence - 2 <= s.index < own.sentence]
    return hashlib.sha256("\0".join((fact.text, name, *before)).encode()).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class ReadingScore:
    """How the statements of the briefings read on their own, and how long the main account is."""

    main: int  # statements of the main accounts (lede, key facts, single-outlet facts)
    leaning: int  # … that open with a pronoun or "the agency" and name no one
    leaning_elsewhere: int  # statements left among the details because they lean so
    named: int  # statements given a referent in brackets
    named_labels: Mapping[str, int]  # labels of those in the labelled sample
    key_words: float  # median words of lede and key facts per briefing


def reading_eval(
    briefings: Sequence[tuple[Briefing, Mapping[str, ArticleAnalysis]]], labels: Mapping[str, str]
) -> ReadingScore:
    """Count the statements of the briefings that lean on what came before; ``labels`` maps
    :func:`referent_key` to the readers' label of a named referent."""
    main = [f for b, _ in briefings for f in b.facts if f.section in MAIN_ACCOUNT]
    rest = [f for b, _ in briefings for f in b.facts if f.section not in MAIN_ACCOUNT]
    named = [(f, a) for b, a in briefings for f in b.facts if f.referent is not None]
    found = Counter(label for f, a in named if (label := labels.get(referent_key(f, a))))
    words = [
        sum(word_count(f.reading) for f in b.facts if f.section in ("lede", "key")) for b, _ in briefings
    ]
    return ReadingScore(
        main=len(main),
        leaning=sum(1 for f in main if leaning_words(f.text) and f.referent is None),
        leaning_elsewhere=sum(1 for f in rest if leaning_words(f.text) and f.referent is None),
        named=len(named),
        named_labels=found,
        key_words=float(median(words)) if words else 0.0,
    )


def format_reading(score: ReadingScore) -> str:
    """The reading scores as an aligned plain-text table."""
    share = 100 * score.leaning / score.main if score.main else 0.0
    labelled = ", ".join(f"{n} {label}" for label, n in sorted(score.named_labels.items())) or "none labelled"
    return "\n".join(
        [
            "statements that stand on their own",
            f"{'main-account statements':36} {score.main:5}",
            f"{'… opening with he/it/the agency…':36} {score.leaning:5}   {share:.1f} % (no referent found)",
            f"{'left among the details for that':36} {score.leaning_elsewhere:5}",
            f"{'referents named in brackets':36} {score.named:5}   labelled: {labelled}",
            f"{'words of lede + key facts (median)':36} {score.key_words:7.1f}",
        ]
    )
