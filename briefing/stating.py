"""The support decision: does one outlet's sentence state another outlet's claim?

A claim (:class:`claims.Claim`) is credited to an outlet only where one of its sentences
states it as a fact-checker would sign: the same polarity and certainty, every figure and
quoted passage, and every word of what it asserts but one put otherwise. What only some of the
outlets give (who says it, a place, a clause of reason) is credited apart, as a detail
(``merge.StoryClaims.details``).
"""

from __future__ import annotations

from collections.abc import Sequence

from .claims import Claim, days_differ

STATING_SIMILARITY = 0.35  # cosine a sentence stating a claim has with it, at least
MISSING_WORDS = 1  # words of a claim's core a sentence stating it may put otherwise…
MISSING_SHARE = 4  # … one in this many at most, unless the two are this close…
CLOSE_SIMILARITY = 0.5
SHARED_WORDS = 5  # … or share this many words (names of the details included)


def compatible(a: Claim, b: Claim) -> bool:
    """Claims that may state the same thing: neither denies what the other asserts, no numbers differ."""
    if denies(a, b) or denies(b, a):
        return False
    if days_differ(a, b):
        return False
    return not (a.numbers and b.numbers and not a.numbers & b.numbers)


def supports(evidence: Claim, claim: Claim) -> bool:
    """``evidence`` may state ``claim``: compatible, a denial supported only by a denial of the
    same thing, by the main verb or in a clause ("…, as the prisoners do not speak Russian"), and
    figures only by a sentence that gives them all ("since 2016 and 2021" holds "since 2016";
    "10,000 troops" does not hold "10,000 soldiers in October 2024")."""
    if claim.negated and not claim.focus & evidence.denials:
        return False
    if evidence.negated and not claim.has_negation:
        return False
    if evidence.numbers and not claim.numbers <= evidence.numbers:
        return False
    return compatible(evidence, claim)


def states(evidence: Claim, claim: Claim, similarity: float) -> bool:
    """``evidence``'s sentence states ``claim``, as a fact-checker would credit it: it may state
    it (:func:`supports`), as surely (it does not hedge what the claim asserts: "may", "is
    expected to", "still being"),
    gives every figure of it and every passage it quotes word for word, and holds every word of
    what it asserts but at most :data:`MISSING_WORDS` (one in :data:`MISSING_SHARE` unless the
    two are as close as :data:`CLOSE_SIMILARITY` or share :data:`SHARED_WORDS` words), none of
    them a name or what the claim says
    its subject is ("an offshoot", "safe"). A question (but a quoted one) states nothing. The
    phrases of the claim that can be credited apart (:func:`claims.qualifiers`) are left to the
    details; the words of saying ("said", "told") too, since who says it is given by the
    footnote."""
    if similarity < STATING_SIMILARITY or (evidence.hedged and not claim.hedged):
        return False
    if not supports(evidence, claim) or not claim.numbers <= evidence.numbers:
        return False
    if claim.text.rstrip("\"'”’ ").endswith("?") and not claim.quotes:  # a question asks, states nothing
        return False
    if not all(_holds(evidence.words, quote) for quote in claim.quotes):
        return False
    missing = claim.core - evidence.context
    allowed = MISSING_WORDS
    # a short claim put otherwise must be close to the sentence or share many words with it
    if similarity < CLOSE_SIMILARITY and len(set(claim.terms) & evidence.context) < SHARED_WORDS:
        allowed = min(allowed, len(claim.core) // MISSING_SHARE)
    return len(missing) <= allowed and not missing & (claim.names | claim.attribute)


def _holds(words: Sequence[str], passage: Sequence[str]) -> bool:
    """``passage`` stands in ``words`` word for word."""
    n = len(passage)
    return any(tuple(words[i : i + n]) == tuple(passage) for i in range(len(words) - n + 1))


def denies(a: Claim, b: Claim) -> bool:
    """``a`` denies something ``b`` asserts: "provided no evidence" against "shared evidence".

    What ``b`` asserts of its subject counts, not the subject itself: "the driver had no
    authority to move the truck" is no answer to "authorities released a video of the driver".

    ``b`` must hold no negation at all, so that a negation the parse placed elsewhere never
    makes two claims that agree look opposed.
    """
    return a.negated and not b.negated and not b.has_negation and bool(a.focus & b.predicate)
