"""What each outlet reported, across briefings: the data behind the outlet pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Briefing, Conflict, Fact, SourceArticle
from .stories import slugify


@dataclass(frozen=True, slots=True)
class OutletCoverage:
    """One briefing as one outlet contributed to it."""

    briefing: Briefing
    article: SourceArticle
    facts: tuple[Fact, ...]  # statements the outlet states, in the briefing's reading order
    exclusive: int  # of which only this outlet states
    conflicts: tuple[Conflict, ...]  # disagreements the outlet takes a side in


@dataclass(frozen=True, slots=True)
class OutletReport:
    name: str
    slug: str
    coverage: tuple[OutletCoverage, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of its sources that are no report ("post", "statement"), shown by its name."""
        return tuple(sorted({c.article.kind for c in self.coverage if c.article.kind}))


def outlet_path(slug: str) -> str:
    return f"outlets/{slug}.html"


def outlet_reports(
    briefings: Sequence[Briefing],
) -> tuple[list[OutletReport], list[tuple[Briefing, SourceArticle]]]:
    """Named outlets with what they reported, by name; and the sources with no known outlet."""
    named: dict[str, list[OutletCoverage]] = defaultdict(list)
    unnamed: list[tuple[Briefing, SourceArticle]] = []
    for briefing in briefings:
        for article in briefing.sources:
            if not article.outlet:
                unnamed.append((briefing, article))
                continue
            facts = tuple(f for f in briefing.facts if article.id in f.sources)
            conflicts = tuple(
                c for c in briefing.conflicts if any(article.id in claim.sources for claim in c.sides)
            )
            exclusive = sum(1 for f in facts if f.sources == (article.id,))
            named[article.outlet].append(OutletCoverage(briefing, article, facts, exclusive, conflicts))
    reports = []
    taken: set[str] = set()
    for name in sorted(named, key=str.casefold):
        slug = slugify(name)
        while slug in taken:
            slug += "-2"
        taken.add(slug)
        reports.append(OutletReport(name, slug, tuple(named[name])))
    return reports, unnamed
