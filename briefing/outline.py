"""Decide what a briefing says and in which order: the lede, the main account by topic, where
the outlets differ, and the details."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .antecedents import read
from .claims import Claim, informative, quoted_tokens
from .config import BriefingConfig
from .merge import Group, StoryClaims, conflict_records
from .models import Conflict, Fact, SentenceRef
from .vectors import average_link, cosine_matrix

REDUNDANT = 0.35  # term overlap (Jaccard) above which two lede statements say the same
REPEATS = 0.3  # cosine above which a statement repeats one placed before it
DETAIL_REPEATS = 0.5  # … above which it is left out even from the details
TOPIC_LINK = 0.25  # mean cosine that puts two statements on one topic
LEAD_DEPTH = 20  # sentences into an article after which position no longer matters

_ANAPHORA = frozenset(
    {"he", "she", "it", "they", "this", "these", "those", "both", "another", "but", "however"}
)


def self_contained(unit: Claim, named: bool = False) -> bool:
    """A statement that makes sense first on a page: it does not lean on one before it
    ("He said…", "… the other had…"); ``named``: its first words have a referent."""
    if " … " in unit.text:
        return False
    words = unit.text.lstrip("\"“'‘").split()
    first = words[0].lower().strip(",") if words else ""
    if named:
        return True
    return first not in _ANAPHORA and not unit.text.lower().startswith(("the other", "the man", "the woman"))


@dataclass(frozen=True, slots=True)
class Outline:
    facts: tuple[Fact, ...]
    conflicts: tuple[Conflict, ...]


def outline(
    claims: StoryClaims, config: BriefingConfig, articles: Mapping[str, Sequence[SentenceRef]] | None = None
) -> Outline:
    """The briefing's statements in reading order, each in its section.

    Importance is what the story is about (closeness to the story's centroid), told early
    (position in the outlet's text) and echoed by the other outlets. The lede: the most
    important statements that at least half of the outlets make, not repeating each other,
    told in the order the outlets tell them; when too few are, those several outlets make, then
    those of one.
    Then the main account: every other statement that does not repeat one told before, most
    important first, each beside the others on its topic, labelled with its coverage (several
    outlets: ``key``; one: ``single``); the lede and the key statements together stay within
    ``config.main_words``. Then both sides of each disagreement. Then the details: the key
    statements beyond those words, and statements close to one already told, for the reader who
    wants everything.

    ``articles`` (each article's sentences) lets a statement that opens with "He" or "The
    agency" name who it means, found in the sentences before it (``antecedents.py``); one that
    leans on them all the same is kept out of the lede and the main account, among the details.
    """
    groups = claims.groups
    sentences = articles or {}
    readings = {id(g): read(claims.shown(g), sentences.get(claims.shown(g).article_id, ())) for g in groups}

    def alone(g: Group) -> bool:
        return readings[id(g)].stands_alone

    def named(g: Group) -> bool:
        return readings[id(g)].referent is not None

    def position(g: Group) -> float:
        """How late the statement comes in its outlet's text, 0 (lead) to 1 (deep down)."""
        return min(1.0, claims.units[g.members[0]].sentence.index / LEAD_DEPTH)

    def importance(g: Group) -> float:
        """What the story is about (centroid), told early (position), echoed by other outlets."""
        pivot = g.members[0]
        echo = float(np.sort(claims.similarity[pivot])[-3:].sum()) if len(claims.units) else 0.0
        return float(claims.centrality[pivot]) + (1 - position(g)) + echo

    usable = [
        g for g in groups if not g.conflicts and not claims.off_topic(g) and informative(claims.shown(g))
    ]
    ranked = sorted(usable, key=lambda g: -importance(g))

    outlets = len({u.article_id for u in claims.units})

    def reach(g: Group) -> int:
        """2: stated by at least half of the outlets; 1: by several; 0: by one."""
        stated = len(claims.sources(g))
        return 2 if 2 * stated >= outlets else int(stated > 1)

    widely = sorted(
        (g for g in ranked if alone(g) and self_contained(claims.shown(g), named(g))),
        key=lambda g: -reach(g),
    )
    lede: list[Group] = []
    for group in widely:
        if len(lede) == config.lede_facts:
            break
        if all(_jaccard(_terms(claims, group), _terms(claims, other)) < REDUNDANT for other in lede):
            lede.append(group)
    lede.sort(key=position)

    shown = {"key": 0, "single": 0}
    limits = {"key": config.max_facts, "single": config.single_facts}

    def within_limits(candidates: list[Group]) -> list[Group]:
        kept = []
        for group in candidates:
            section = _section(claims, group)
            if shown[section] < limits[section]:
                shown[section] += 1
                kept.append(group)
        return kept

    main = within_limits(_novel(claims, lede, [g for g in ranked if g not in lede and alone(g)], REPEATS))
    # the main account a reader takes in at a glance: the lede and, most important first, the
    # statements of several outlets that fit in ``main_words``; the others join the details
    budget = config.main_words - sum(_words(claims, g) for g in lede)
    overflow = []
    for group in main:
        if _section(claims, group) == "key":
            budget -= _words(claims, group)
            if budget < 0:
                overflow.append(group)
    main = [g for g in main if g not in overflow]
    # statements close to one already told, or that lean on a sentence not shown: details
    details = within_limits(
        _novel(claims, lede + main, [g for g in ranked if g not in lede and g not in main], DETAIL_REPEATS)
    )

    ordered: list[tuple[Group, str, int]] = [(g, "lede", 0) for g in lede]
    topics = _by_topic(claims, main)
    titles = _titles(claims, topics)
    ordered += [(g, _section(claims, g), t) for g, t in topics]
    ordered += [(g, "conflict", 0) for g in _conflict_order(claims, [g for g in groups if g.conflicts])]
    ordered += [(g, "detail", 0) for g in overflow + details]

    facts = []
    group_ids: dict[int, str] = {}
    index_of = {id(g): i for i, g in enumerate(groups)}
    for number, (group, section, topic) in enumerate(ordered, 1):
        fact_id = f"f{number}"
        group_ids[index_of[id(group)]] = fact_id
        facts.append(
            Fact(
                id=fact_id,
                text=claims.shown(group).text,
                evidence=claims.evidence(group),
                section=section,
                origins=claims.origins(group),
                topic=topic,
                details=claims.details(group),
                referent=readings[id(group)].referent,
                topic_title=titles.get(topic) if section in ("key", "single") else None,
            )
        )
    return Outline(tuple(facts), conflict_records(claims, group_ids))


def _novel(
    claims: StoryClaims, placed: Sequence[Group], ranked: Sequence[Group], repeats: float
) -> list[Group]:
    """The groups, in rank order, that do not repeat one placed before them."""
    vectors = [claims.vectors[g.members[0]] for g in placed]
    kept = []
    for group in ranked:
        vector = claims.vectors[group.members[0]]
        if any(float(vector @ v) >= repeats for v in vectors):
            continue
        vectors.append(vector)
        kept.append(group)
    return kept


def _words(claims: StoryClaims, group: Group) -> int:
    return len(claims.shown(group).text.split())


def _section(claims: StoryClaims, group: Group) -> str:
    return "key" if len(claims.sources(group)) > 1 else "single"


def _terms(claims: StoryClaims, group: Group) -> set[str]:
    return {t for m in group.members for t in claims.units[m].terms}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


MAX_TITLE_WORDS = 5


def _titles(claims: StoryClaims, topics: Sequence[tuple[Group, int]]) -> dict[int, str]:
    """A short heading for each topic of several statements: the phrase naming a thing that
    most of its statements name (at least two), as an article writes it ("Russian military ID
    card", "Kursk region"). A topic whose statements share no such phrase has none."""
    members: dict[int, list[Group]] = {}
    for group, topic in topics:
        members.setdefault(topic, []).append(group)
    titles = {}
    for topic, groups in members.items():
        if len(groups) < 2:
            continue
        found: dict[tuple[str, ...], tuple[int, int, str]] = {}
        for rank, group in enumerate(groups):
            for key, words in _phrases(claims.shown(group)):
                count, first, text = found.get(key, (0, rank, words))
                found[key] = (count + 1, first, text)
        shared = [(count, len(key), -first, text) for key, (count, first, text) in found.items() if count > 1]
        if shared:
            text = max(shared)[3]
            titles[topic] = text[:1].upper() + text[1:]
    return titles


def _phrases(unit: Claim) -> set[tuple[tuple[str, ...], str]]:
    """The phrases of a claim that name a thing — nouns and the words that qualify them, outside
    quotations and who says it ("Russian military ID card") — each with its lemmas and as
    written."""
    tokens = unit.sentence.tokens
    quoted, said = quoted_tokens(unit.sentence), set(unit.said)
    found, run = set(), []
    for i in [*unit.span, None]:
        token = tokens[i] if i is not None else None
        if (
            token is not None
            and token.pos in {"NOUN", "PROPN", "ADJ"}
            and token.text.isalpha()
            and not quoted[i]
            and i not in said
        ):
            run.append(i)
            continue
        while run and tokens[run[-1]].pos == "ADJ":
            run.pop()
        if run and len(run) <= MAX_TITLE_WORDS and (len(run) > 1 or tokens[run[0]].pos == "PROPN"):
            key = tuple(tokens[k].lemma.lower() for k in run)
            start, last = tokens[run[0]], tokens[run[-1]]
            text = unit.sentence.text[
                start.start - unit.sentence.start : last.start + len(last.text) - unit.sentence.start
            ]
            found.add((key, text))
        run = []
    return found


def _by_topic(claims: StoryClaims, ranked: Sequence[Group]) -> list[tuple[Group, int]]:
    """Facts grouped by what they are about (average link of their cosine, at least
    :data:`TOPIC_LINK`); topics in the order of their best fact."""
    if not ranked:
        return []
    topics = average_link(cosine_matrix([sorted(_terms(claims, g)) for g in ranked]), TOPIC_LINK)
    return [(ranked[i], number) for number, topic in enumerate(topics, 1) for i in topic]


def _conflict_order(claims: StoryClaims, disputed: Sequence[Group]) -> list[Group]:
    """Both sides of each disagreement next to each other, the first disagreement first."""
    index_of = {id(g): i for i, g in enumerate(claims.groups)}
    wanted = {index_of[id(g)] for g in disputed}
    order: list[int] = []
    for a, b, _ in claims.conflicts:
        for g in (a, b):
            if g in wanted and g not in order:
                order.append(g)
    return [claims.groups[g] for g in order]
