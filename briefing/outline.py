"""Decide what a briefing says and in which order: lede, key facts by topic, disagreements,
and what only one outlet reports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .config import BriefingConfig
from .merge import Group, StoryClaims, _similarity, conflict_records
from .models import Conflict, Fact

REDUNDANT = 0.35  # term overlap (Jaccard) above which two lede statements say the same
TOPIC_LINK = 0.18
LEAD_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class Outline:
    facts: tuple[Fact, ...]
    conflicts: tuple[Conflict, ...]


def outline(claims: StoryClaims, config: BriefingConfig) -> Outline:
    """The briefing's statements in reading order, each in its section."""
    groups = claims.groups
    lengths = Counter()
    for unit in claims.units:
        lengths[unit.article_id] = max(lengths[unit.article_id], unit.sentence.index + 1)

    def position(g: Group) -> float:
        return sum(
            claims.units[m].sentence.index / lengths[claims.units[m].article_id] for m in g.members
        ) / len(g.members)

    def importance(g: Group) -> float:
        support = (
            float(np.sort(claims.similarity[g.members].max(axis=0))[-3:].sum()) if len(claims.units) else 0.0
        )
        return support + LEAD_WEIGHT * (1 - position(g))

    def rank(g: Group) -> tuple:
        return (-len(claims.sources(g)), -importance(g))

    usable = [g for g in groups if not claims.off_topic(g)]
    shared = sorted((g for g in usable if len(claims.sources(g)) >= 2 and not g.conflicts), key=rank)
    singles = sorted((g for g in usable if len(claims.sources(g)) == 1 and not g.conflicts), key=rank)
    disputed = [g for g in groups if g.conflicts]

    lede: list[Group] = []
    for group in [*shared, *singles]:
        if len(lede) == config.lede_facts or (len(lede) >= 3 and len(claims.sources(group)) < 2):
            break
        if all(_jaccard(_terms(claims, group), _terms(claims, other)) < REDUNDANT for other in lede):
            lede.append(group)
    lede.sort(key=position)  # told in the order the outlets tell it

    key = [g for g in shared if g not in lede][: config.max_facts]
    only_one = [g for g in singles if g not in lede][: config.single_facts]

    ordered: list[tuple[Group, str, int]] = [(g, "lede", 0) for g in lede]
    ordered += [(g, "key", t) for g, t in _by_topic(claims, key)]
    ordered += [(g, "conflict", 0) for g in _conflict_order(claims, disputed)]
    ordered += [(g, "single", 0) for g in only_one]

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
            )
        )
    return Outline(tuple(facts), conflict_records(claims, group_ids))


def _terms(claims: StoryClaims, group: Group) -> set[str]:
    return {t for m in group.members for t in claims.units[m].terms}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _by_topic(claims: StoryClaims, ranked: Sequence[Group]) -> list[tuple[Group, int]]:
    """Facts grouped by what they are about; topics in the order of their best fact."""
    if not ranked:
        return []
    similarity = _similarity([tuple(_terms(claims, g)) for g in ranked])
    topics: list[list[int]] = [[i] for i in range(len(ranked))]
    while len(topics) > 1:
        best, pair = TOPIC_LINK, None
        for i in range(len(topics)):
            for j in range(i + 1, len(topics)):
                link = float(similarity[np.ix_(topics[i], topics[j])].mean())
                if link >= best:
                    best, pair = link, (i, j)
        if pair is None:
            break
        i, j = pair
        topics[i] = sorted(topics[i] + topics.pop(j))
    topics.sort(key=min)
    return [(ranked[i], number) for number, topic in enumerate(topics, 1) for i in sorted(topic)]


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
