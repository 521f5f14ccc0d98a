"""Merge what several outlets report into facts that carry every outlet that states them.

The stages, each over frozen records: the claims of each sentence (``claims.py``) → candidate
pairs of claims from different articles, compared as TF-IDF vectors of their content terms,
every name in its story-wide spelling (``entities.py``, ``vectors.py``) → the support decision
(``stating.py``) → facts and their details (here) → disagreements (``disputes.py``).

Each claim is a candidate fact: from each other article it gathers the claim that states it
best. A sentence may state several facts. Candidates are kept the most widely stated first,
leaving out those that say what a kept one says and fragments too short to show. Claims about
one thing that contradict each other are sought among all claims, before any is left out: both
are kept and become a :class:`Conflict`, each side with its own outlets and no outlet on both
sides.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

import numpy as np

from .antecedents import leaning_words
from .claims import (
    Claim,
    informative,
    qualifiers,
    sentence_words,
    split_claims,
)
from .disputes import disagree, disputes
from .entities import Lexicon, learn_lexicon
from .models import Conflict, Detail, Evidence, SentenceRef, Side, Token
from .stating import compatible, states, supports
from .vectors import tfidf_weights

SUPPORT_COVERAGE = 0.3  # share of a claim's words a sentence must hold to state it
SUPPORT_SIMILARITY = 0.15
SHARED_PASSAGE = 6  # words running alike in two claims that quote one statement
REDUNDANT_SIMILARITY = 0.4
REDUNDANT_COVERAGE = 0.8
KEY_TERMS = 4
NEAR_COPY = 0.72  # character similarity above which two sentences are one origin's wording
COPY_SHARE = 0.25  # share of an article's claims copied from another for one origin
# Bounds that keep one hostile or broken article from costing minutes (the comparisons of
# characters and words are quadratic in length); no news sentence comes near them.
NEAR_COPY_CHARS = 600
PASSAGE_WORDS = 150
OFF_TOPIC = 0.12
MIN_TERMS = 2


@dataclass(frozen=True, slots=True)
class Group:
    """Claims from different articles that state one thing (or one claim alone): the first, and
    from each other article the claim that states it best."""

    members: tuple[int, ...]
    weight: float = 0.0
    conflicts: tuple[int, ...] = ()  # the groups that disagree with it
    backing: tuple[int, ...] = ()  # every claim of another article that states the first


@dataclass(frozen=True, slots=True)
class StoryClaims:
    """Every claim of a story and how they relate: similarity, groups, conflicts."""

    units: list[Claim]
    lexicon: Lexicon
    similarity: np.ndarray  # cosine of claims, zero within one article
    relevance: np.ndarray  # how much each claim shares with the other articles
    centrality: np.ndarray  # cosine of each claim with the story's centroid: what it is about
    vectors: np.ndarray  # unit TF-IDF vector of each claim
    groups: tuple[Group, ...]
    conflicts: tuple[tuple[int, int, str], ...]  # (group, group, topic)
    same_origin: frozenset[frozenset[str]]  # article pairs that carry the same copy

    def sources(self, group: Group) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for m in sorted(group.members, key=lambda m: self.units[m].article_id):
            seen.setdefault(self.units[m].article_id, None)
        return tuple(seen)

    def shown(self, group: Group) -> Claim:
        """The claim the group was formed around: the others state what it says."""
        return self.units[group.members[0]]

    def evidence(self, group: Group) -> tuple[Evidence, ...]:
        sentences = sorted(
            {
                (u.article_id, u.sentence.index): u.sentence for u in (self.units[m] for m in group.members)
            }.items()
        )
        return tuple(Evidence(s.article_id, s.index, s.text, s.start, s.end) for _, s in sentences)

    def origins(self, group: Group) -> int:
        """Independent reports behind a group: outlets carrying the same copy count once."""
        sources = self.sources(group)
        parent = {s: s for s in sources}

        def find(s: str) -> str:
            while parent[s] != s:
                s = parent[s]
            return s

        texts = {self.units[m].article_id: self.units[m].sentence.text.lower() for m in group.members}
        for i, a in enumerate(sources):
            for b in sources[i + 1 :]:
                copied = frozenset((a, b)) in self.same_origin or near_copy(texts[a], texts[b])
                if copied:
                    parent[find(b)] = find(a)
        return len({find(s) for s in sources})

    def details(self, group: Group) -> tuple[Detail, ...]:
        """The phrases of the shown claim that only some of the group's outlets give: an outlet
        gives a phrase when its sentences that state the claim hold every name of the phrase
        between them (of who says it: every name and noun), or half its words when it names
        nothing or is a clause of reason or time."""
        sources = self.sources(group)
        shown = self.shown(group)
        tokens = shown.sentence.tokens
        said: dict[str, set[str]] = {s: set() for s in sources}
        # the claim's own sentence and every one that supports it (the members among them), once
        stating = {
            (u.article_id, u.sentence.index): u.sentence
            for u in [shown, *(self.units[m] for m in group.backing)]
        }
        for sentence in stating.values():
            if sentence.article_id in said:
                said[sentence.article_id].update(self.lexicon.terms(sentence.tokens))
        details: list[tuple[tuple[int, ...], tuple[str, ...]]] = []
        who = set(_who_says(shown))
        # the shortest phrase that holds a detail: "on Mount Hood", not "from a ledge on Mount Hood";
        # but a clause of reason or time is a detail of its own ("because he had been ordered to
        # stay away from the White House")
        for phrase in sorted([*qualifiers(shown), *who], key=len):
            inside = set(phrase)
            clause = any(tokens[i].dep == "advcl" and tokens[i].head not in inside for i in phrase)
            naming = _names_who if phrase in who else (lambda t: t.pos == "PROPN")
            names = set(self.lexicon.terms([tokens[i] for i in phrase if naming(tokens[i])]))
            if names and not clause:  # given by the outlets that give every name of it
                terms = names
                given = tuple(s for s in sources if terms <= said[s])
            else:  # … else by those that give half its words
                terms = set(self.lexicon.terms([tokens[i] for i in phrase]))
                given = tuple(s for s in sources if 2 * len(terms & said[s]) >= len(terms))
            told = not clause and any(g == given and set(p) <= inside for p, g in details)
            if terms and len(given) < len(sources) and not told:
                details.append((phrase, given))
        found = []
        for phrase, given in sorted(details):
            words = sentence_words(shown.sentence, phrase[0], phrase[-1] + 1)
            start = tokens[phrase[0]].start - shown.sentence.start
            if shown.text != shown.sentence.text:  # a trimmed claim: the phrase as it shows it
                start = shown.text.find(words)
            if start >= 0:
                found.append(Detail(start, start + len(words), given))
        return tuple(found)

    def on_topic_sentences(self) -> set[tuple[str, int]]:
        """(article, sentence index) of every sentence with a claim the other articles share words with."""
        return {
            (u.article_id, u.sentence.index)
            for u, r in zip(self.units, self.relevance, strict=True)
            if r >= OFF_TOPIC
        }

    def off_topic(self, group: Group) -> bool:
        return max(float(self.relevance[m]) for m in group.members) < OFF_TOPIC


def _who_says(unit: Claim) -> list[tuple[int, ...]]:
    """The runs of a claim's words that say who says it and name someone or something ("The SBU
    said that", "the researchers reported"): an outlet may state the claim without saying who
    says it."""
    tokens = unit.sentence.tokens
    runs: list[list[int]] = []
    for i in unit.said:
        if runs and runs[-1][-1] + 1 == i:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [tuple(run) for run in runs if any(_names_who(tokens[i]) for i in run)]


def _names_who(token: Token) -> bool:
    """A name, or a noun that says who says it ("the researchers reported", "according to the
    agency"), not to whom ("He told investigators")."""
    return token.pos == "PROPN" or (token.pos == "NOUN" and token.dep in {"nsubj", "pobj"})


def near_copy(a: str, b: str) -> bool:
    """Two wordings so alike that one was copied from the other (or both from one wire).

    Only the first :data:`NEAR_COPY_CHARS` characters of each are compared: the comparison is
    quadratic in their length, and no news sentence runs longer.
    """
    a, b = a[:NEAR_COPY_CHARS], b[:NEAR_COPY_CHARS]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= NEAR_COPY
        and matcher.quick_ratio() >= NEAR_COPY  # linear bounds of the ratio first
        and matcher.ratio() >= NEAR_COPY
    )


def story_claims(
    sentences: Sequence[SentenceRef],
    published: Mapping[str, str | None] | None = None,
    around: str | None = None,
) -> StoryClaims:
    """Split, compare and merge the claims of one story's sentences; ``published`` gives each
    article's date, which places the weekdays it names, and ``around`` the story's date, which
    gives a day of the month its weekday."""
    lexicon = learn_lexicon(sentences)
    dates = published or {}
    units = [
        u
        for s in sentences
        for u in split_claims(s, lexicon, dates.get(s.article_id), around)
        if len(u.terms) >= MIN_TERMS
    ]
    similarity, coverage, shares_key, vectors = _vector_space([u.terms for u in units])
    centroid = vectors.mean(axis=0) if len(units) else np.zeros(0)
    norm = float(np.linalg.norm(centroid)) if len(units) else 0.0
    centrality = vectors @ (centroid / norm) if norm else np.zeros(len(units))
    article = np.array([u.article_id for u in units])
    if len(units):
        same = article[:, None] == article[None, :]
        np.fill_diagonal(same, False)
        similarity[same] = 0.0
        coverage[same] = 0.0
    relevance = similarity.max(axis=1) if len(units) else np.zeros(0)
    # a claim's supporter holds one of its key words, or a passage of it word for word
    verbatim = _share_a_passage(units, (coverage >= SUPPORT_COVERAGE) & ~shares_key)
    candidates = _candidates(units, similarity, coverage * (shares_key | verbatim))
    groups, conflicts = _keep(units, similarity, coverage, candidates)
    against: dict[int, list[int]] = defaultdict(list)
    for a, b, _ in conflicts:
        against[a].append(b)
        against[b].append(a)
    groups = [replace(g, conflicts=tuple(against[i])) for i, g in enumerate(groups)]
    copies = frozenset(_copies(units, similarity))
    return StoryClaims(
        units, lexicon, similarity, relevance, centrality, vectors, tuple(groups), tuple(conflicts), copies
    )


def _share_a_passage(units: list[Claim], pairs: np.ndarray) -> np.ndarray:
    """For the marked pairs of claims, whether they share a passage word for word (two outlets
    quoting one statement): the strongest sign that they state one thing, whatever words the
    rest of their sentences add ("… Zelensky said in a post on X", "… wrote on social media")."""
    words = [
        [t.lower_text for t in (u.sentence.tokens[i] for i in u.span) if t.text.isalnum()][:PASSAGE_WORDS]
        for u in units
    ]
    shared = np.zeros_like(pairs)
    for i, j in zip(*np.nonzero(pairs), strict=True):
        run = SequenceMatcher(None, words[i], words[j], autojunk=False).find_longest_match()
        shared[i, j] = run.size >= SHARED_PASSAGE
    return shared


def _vector_space(term_lists: list[tuple[str, ...]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cosine similarity; coverage; whether column holds one of row's key words; the vectors.

    ``coverage[p, u]`` is the share of claim ``p``'s weight that claim ``u``'s words hold: high
    when ``u`` contains what ``p`` says, however much more ``u`` says besides. The key words of
    a claim are its two rarest in the story: a sentence that states the claim has one of them.
    """
    n = len(term_lists)
    if not n:
        return np.zeros((0, 0)), np.zeros((0, 0)), np.zeros((0, 0), dtype=bool), np.zeros((0, 0))
    vocabulary = {t: i for i, t in enumerate(sorted({t for terms in term_lists for t in terms}))}
    matrix = np.zeros((n, len(vocabulary)))
    for row, weights in enumerate(tfidf_weights(term_lists)):
        for term, weight in weights.items():
            matrix[row, vocabulary[term]] = weight
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    vectors = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    weights = vectors**2
    present = (matrix > 0).astype(float)
    coverage = weights @ present.T
    keys = np.zeros_like(matrix)
    top = np.argsort(-matrix, axis=1, kind="stable")[:, :KEY_TERMS]
    keys[np.arange(n)[:, None], top] = 1.0
    keys *= present
    return vectors @ vectors.T, coverage, (keys @ present.T) > 0, vectors


def _candidates(units: list[Claim], similarity: np.ndarray, coverage: np.ndarray) -> list[Group]:
    """One candidate group per claim: the claim and, from each other article, the claim that
    states it best. A sentence may support several groups: it may state several facts."""
    supported = (coverage >= SUPPORT_COVERAGE) & (similarity >= SUPPORT_SIMILARITY)
    groups: list[Group] = []
    for pivot in range(len(units)):
        best: dict[str, tuple[float, int]] = {}
        backing = []
        for other in np.flatnonzero(supported[pivot]):
            unit = units[other]
            if unit.article_id == units[pivot].article_id:
                continue
            if not states(unit, units[pivot], float(similarity[pivot, other])):
                continue
            backing.append(int(other))
            score = float(coverage[pivot, other] + similarity[pivot, other])
            if unit.article_id not in best or score > best[unit.article_id][0]:
                best[unit.article_id] = (score, int(other))
        groups.append(
            Group(
                (pivot, *sorted(m for _, m in best.values())),
                sum(sc for sc, _ in best.values()),
                backing=tuple(backing),
            )
        )
    return groups


def _keep(
    units: list[Claim], similarity: np.ndarray, coverage: np.ndarray, candidates: list[Group]
) -> tuple[list[Group], list[tuple[int, int, str]]]:
    """The groups worth showing and the disagreements between them.

    The most widely stated first (those that stand on their own before those that lean on a
    sentence the page does not show); a claim that says what a kept one says is not kept, nor a
    fragment too short to show (``informative``), which would hide a claim the page can show. Both
    claims of a disagreement are kept whatever else is said near them, so that a difference
    between outlets is never folded into a statement that agrees with one side. An outlet that
    states one side is no supporter of the other.
    """
    order = sorted(
        range(len(units)),
        # a claim that opens on someone named elsewhere ("He said…", "Our soldiers…") is shown only
        # when no claim that stands on its own says the same
        key=lambda p: (
            leaning_words(units[p].text) is not None,
            -len(candidates[p].members),
            -candidates[p].weight,
            p,
        ),
    )
    kept: list[int] = []
    for p in order:
        if informative(units[p]) and not any(_says_the_same(units, p, k, similarity, coverage) for k in kept):
            kept.append(p)
    disputed = disputes(units, similarity)
    place = {p: i for i, p in enumerate(kept)}
    pairs: list[tuple[int, int, str]] = []
    taken: set[frozenset[int]] = set()
    for a, b, topic in disputed:
        sides = []
        for unit, other in ((a, b), (b, a)):
            side = place.get(unit)
            if side is None:
                side = _told_by(unit, other, kept, units, similarity, coverage, candidates)
            if side is None:
                side = place[unit] = len(kept)
                kept.append(unit)
            sides.append(side)
        key = frozenset(sides)
        if len(key) == 2 and key not in taken:
            taken.add(key)
            pairs.append((min(sides), max(sides), topic))
    groups = [candidates[p] for p in kept]
    for a, b, _ in pairs:
        groups[a], groups[b] = _separate(units, similarity, groups[a], groups[b])
    return groups, pairs


def _told_by(
    unit: int,
    other: int,
    kept: list[int],
    units: list[Claim],
    similarity: np.ndarray,
    coverage: np.ndarray,
    candidates: list[Group],
) -> int | None:
    """The kept group that tells what ``unit`` says against ``other``: one it supports, whose
    claim states it in turn and disagrees with ``other`` just as ``unit`` does; else ``None``."""
    told = [
        (float(coverage[unit, pivot] + coverage[pivot, unit]), i)
        for i, pivot in enumerate(kept)
        if unit in candidates[pivot].members
        and coverage[unit, pivot] >= SUPPORT_COVERAGE
        and supports(units[pivot], units[unit])
        and disagree(units, similarity, pivot, other)
    ]
    return max(told)[1] if told else None


def _separate(units: list[Claim], similarity: np.ndarray, a: Group, b: Group) -> tuple[Group, Group]:
    """An outlet supports one side of a disagreement only: where its own claim disagrees with
    the other side's (an outlet found on both sides by shared words is taken off both)."""

    def against(group: Group, other: Group) -> dict[str, bool]:
        stance: dict[str, bool] = {}
        for m in group.members:
            stance[units[m].article_id] = stance.get(units[m].article_id, False) or disagree(
                units, similarity, m, other.members[0]
            )
        return stance

    in_a, in_b = against(a, b), against(b, a)
    drop_a = {s for s in in_a.keys() & in_b.keys() if not in_a[s] or in_b[s]}
    drop_b = {s for s in in_a.keys() & in_b.keys() if not in_b[s] or in_a[s]}
    return (
        replace(a, members=(a.members[0], *(m for m in a.members[1:] if units[m].article_id not in drop_a))),
        replace(b, members=(b.members[0], *(m for m in b.members[1:] if units[m].article_id not in drop_b))),
    )


def _says_the_same(units: list[Claim], a: int, b: int, similarity: np.ndarray, coverage: np.ndarray) -> bool:
    close = similarity[a, b] >= REDUNDANT_SIMILARITY or coverage[a, b] >= REDUNDANT_COVERAGE
    return bool(close) and compatible(units[a], units[b])


def _copies(units: list[Claim], similarity: np.ndarray) -> set[frozenset[str]]:
    """Article pairs where a quarter of one's claims are near copies of the other's."""
    per_article = Counter(u.article_id for u in units)
    copied: dict[frozenset[str], set[int]] = defaultdict(set)
    for i, j in zip(*np.nonzero(np.triu(similarity >= 0.5, k=1)), strict=True):
        a, b = units[i], units[j]
        if near_copy(a.sentence.text.lower(), b.sentence.text.lower()):
            copied[frozenset((a.article_id, b.article_id))] |= {int(i), int(j)}
    pairs = set()
    for pair, members in copied.items():
        smaller = min(per_article[a] for a in pair)
        if len(members) / 2 / max(1, smaller) >= COPY_SHARE:
            pairs.add(pair)
    return pairs


def conflict_records(claims: StoryClaims, group_ids: dict[int, str]) -> tuple[Conflict, ...]:
    """The conflicts between groups that made it into the briefing, as records."""
    conflicts = []
    for a, b, topic in claims.conflicts:
        if a not in group_ids or b not in group_ids:
            continue
        sides = tuple(
            Side(
                text=claims.shown(claims.groups[g]).text,
                sources=claims.sources(claims.groups[g]),
                evidence=claims.evidence(claims.groups[g]),
                fact=group_ids[g],
            )
            for g in (a, b)
        )
        conflicts.append(Conflict(id=f"c{len(conflicts) + 1}", topic=topic, sides=sides))
    return tuple(conflicts)
