"""Disagreements: claims of different outlets about one thing that say different things of it.

One denies what the other asserts ("Ukraine has not provided any evidence" against "Ukraine
has shared the first evidence"), or they count the same thing differently ("about 200 killed"
against "at least 100 dead"); a figure rounded is no disagreement. Each pair comes with the
question the outlets answer differently, in an article's words.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from .claims import Claim, how_many, whether
from .stating import denies

CONFLICT_THRESHOLD = 0.3
COUNT_CONFLICT_THRESHOLD = 0.15
DISPUTE_CONTEXT = 2  # words two disputing claims share besides what they dispute


def disputes(units: list[Claim], similarity: np.ndarray) -> list[tuple[int, int, str]]:
    """Pairs of claims from different articles about one thing that say different things about
    it (one denies what the other asserts, or they count the same thing differently), the
    closest pairs first."""
    close = np.triu(similarity >= min(CONFLICT_THRESHOLD, COUNT_CONFLICT_THRESHOLD), k=1)
    found = []
    for a, b in zip(*np.nonzero(close), strict=True):
        if disagree(units, similarity, int(a), int(b)):
            found.append((float(similarity[a, b]), int(a), int(b)))
    found.sort(key=lambda f: (-f[0], f[1], f[2]))
    return [(a, b, topic(units[a], units[b])) for _, a, b in found]


def disagree(units: list[Claim], similarity: np.ndarray, a: int, b: int) -> bool:
    """Claims of different articles about one thing that say different things about it."""
    ua, ub = units[a], units[b]
    if ua.article_id == ub.article_id:
        return False
    # about one thing: they share words besides the disputed ones and the figures
    figures = {n.lstrip("$") for n in ua.numbers | ub.numbers}
    about = (set(ua.terms) & set(ub.terms)) - ua.focus - ub.focus - figures
    about -= {thing for count in (*ua.counts, *ub.counts) for thing in count[:2]}
    if len(about) < DISPUTE_CONTEXT:
        return False
    close = float(similarity[a, b])
    denial = close >= CONFLICT_THRESHOLD and (denied_by(ua, ub) or denied_by(ub, ua))
    return denial or (close >= COUNT_CONFLICT_THRESHOLD and counts_differ(ua, ub))


def denied_by(a: Claim, b: Claim) -> bool:
    """``a`` denies what ``b`` asserts of the same subject: besides what it denies, ``b`` holds
    one of the words ``a`` is built on ("Kyiv has not claimed the capture" against "Ukraine
    reported capturing", not against "intelligence services had the opportunity to question")."""
    rest = a.asserted - a.focus
    return denies(a, b) and (not rest or bool(rest & set(b.terms)))


def counts_differ(a: Claim, b: Claim) -> bool:
    """Both count the same thing doing the same (10 or more of it) and give other amounts, not
    one amount and the other rounded ("almost $1 million" and "$964,502" agree)."""

    def amounts(unit: Claim) -> dict[tuple[str, str], set[int]]:
        found: dict[tuple[str, str], set[int]] = defaultdict(set)
        for thing, verb, amount in unit.counts:
            if amount.isdigit() and int(amount) >= 10:
                found[(thing, verb)].add(int(amount))
        return found

    mine, theirs = amounts(a), amounts(b)
    return any(
        not any(_rounds_to(x, y) or _rounds_to(y, x) for x in mine[k] for y in theirs[k])
        for k in mine.keys() & theirs.keys()
    )


def _rounds_to(amount: int, rounded: int) -> bool:
    """``rounded`` is ``amount`` kept to the significant digits ``rounded`` shows, and within a
    tenth of it: 964,502 → 1 million, 1,280 → 1,300, 190 → 200; not 150 → 200."""
    unit = 10 ** (len(str(rounded)) - len(str(rounded).rstrip("0")))
    return (amount + unit // 2) // unit * unit == rounded and 10 * abs(amount - rounded) <= rounded


def topic(a: Claim, b: Claim) -> str:
    """What two disagreeing claims answer differently, in an article's words: the question a
    denial answers ("Whether Ukraine has provided evidence …"), or the count they give ("How
    many North Korean soldiers had been killed"); else a few words both claims share."""
    for denial, other in ((a, b), (b, a)):
        if denied_by(denial, other) and (question := whether(denial)):
            return question
    shared_counts = {c[:2] for c in a.counts} & {c[:2] for c in b.counts}
    for thing, did in sorted(shared_counts):
        for unit in (a, b):
            if question := how_many(unit, thing, did):
                return question
    shared = set(a.terms) & set(b.terms)
    words = []
    for term in a.terms:
        if term in shared and term not in words and not term[:1].isdigit():
            words.append(term)
    return " ".join(words[:5])
