"""Score a briefing's attribution against a hand-made gold file for one story.

The gold file (``tests/data/demo_gold.json``) lists each fact of the story, exactly which
outlets state it, and for each outlet a short verbatim quote from the sentence that states it;
and the disagreements between outlets, each side with its outlets and quotes. A quote names a
sentence: the briefing's evidence is compared sentence by sentence, never by wording.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import BriefingError
from .models import ArticleAnalysis, Briefing

SentenceKey = tuple[str, int]  # (outlet key, sentence index)


@dataclass(frozen=True, slots=True)
class AttributionScore:
    gold_facts: int
    found: int  # gold facts that some statement of the briefing cites the sentences of
    exact: int  # … and whose outlets are exactly the gold outlets
    link_precision: float
    link_recall: float
    gold_conflicts: int
    conflicts_found: int
    junk_facts: int  # statements holding page furniture (should be 0)

    @property
    def found_share(self) -> float:
        return self.found / self.gold_facts if self.gold_facts else 0.0

    @property
    def exact_share(self) -> float:
        return self.exact / self.gold_facts if self.gold_facts else 0.0


def load_gold(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BriefingError(f"{path}: gold file not found") from exc
    except ValueError as exc:
        raise BriefingError(f"{path}: not valid JSON ({exc})") from exc


def score_attribution(
    briefing: Briefing, analyses: Mapping[str, ArticleAnalysis], gold: dict, junk: tuple[str, ...] = ()
) -> AttributionScore:
    """Compare the briefing's facts and conflicts with the gold annotation."""
    outlet_of = _outlet_keys(briefing, gold)
    sentence_of = _sentence_finder(briefing, analyses, outlet_of)

    def gold_sentences(evidence: Mapping[str, str]) -> set[SentenceKey]:
        return {sentence_of(outlet, quote) for outlet, quote in evidence.items()}

    system = [
        ({(outlet_of[e.source], e.sentence) for e in fact.evidence}, {outlet_of[s] for s in fact.sources})
        for fact in briefing.facts
    ]
    found = exact = true_links = system_links = gold_links = 0
    for item in gold["facts"]:
        wanted = gold_sentences(item["evidence"])
        outlets = set(item["outlets"])
        gold_links += len(outlets)
        best = max(
            system,
            key=lambda f: (len(f[0] & wanted), -len(f[1] ^ outlets)),
            default=(set(), set()),
        )
        if not best[0] & wanted:
            continue
        found += 1
        exact += best[1] == outlets
        system_links += len(best[1])
        true_links += len(best[1] & outlets)

    conflicts_found = 0
    for conflict in gold["conflicts"]:
        sides = [gold_sentences(claim["evidence"]) for claim in conflict["claims"]]
        for candidate in briefing.conflicts:
            cited = [{(outlet_of[e.source], e.sentence) for e in c.evidence} for c in candidate.claims]
            if _covers(cited, sides):
                conflicts_found += 1
                break
    junk_facts = sum(any(j in f.text for j in junk) for f in briefing.facts)
    return AttributionScore(
        gold_facts=len(gold["facts"]),
        found=found,
        exact=exact,
        link_precision=true_links / system_links if system_links else 0.0,
        link_recall=true_links / gold_links if gold_links else 0.0,
        gold_conflicts=len(gold["conflicts"]),
        conflicts_found=conflicts_found,
        junk_facts=junk_facts,
    )


def _covers(cited: list[set[SentenceKey]], sides: list[set[SentenceKey]]) -> bool:
    """Two different claims of the candidate each cite a sentence of a different gold side."""
    for i, a in enumerate(cited):
        for j, b in enumerate(cited):
            if i == j:
                continue
            for k, side_a in enumerate(sides):
                for m, side_b in enumerate(sides):
                    if k != m and a & side_a and b & side_b:
                        return True
    return False


def _outlet_keys(briefing: Briefing, gold: dict) -> dict[str, str]:
    by_file = {name: key for key, name in gold["outlets"].items()}
    keys = {}
    for article in briefing.sources:
        name = article.path.rsplit("/", 1)[-1]
        if name not in by_file:
            raise BriefingError(f"{article.path}: not an article of the gold story {gold['story']!r}")
        keys[article.id] = by_file[name]
    return keys


def _sentence_finder(briefing: Briefing, analyses: Mapping[str, ArticleAnalysis], outlet_of: dict[str, str]):
    sentences = {outlet_of[a.id]: analyses[a.id].sentences for a in briefing.sources}

    def find(outlet: str, quote: str) -> SentenceKey:
        for sentence in sentences[outlet]:
            if quote in sentence.text:
                return outlet, sentence.index
        # a quote from text cleaning removed (a caption, an embedded post) names no sentence
        return outlet, -1

    return find


def attribution_eval(
    content_root: Path, gold_path: Path, config, cache_root: Path | None = None
) -> AttributionScore:
    """Build the gold story's briefing from the content folder and score its attribution."""
    from .pipeline import analyse_articles, load_articles, make_briefing
    from .stories import group_stories

    gold = load_gold(gold_path)
    articles, _ = load_articles(content_root)
    analyses, _ = analyse_articles(articles, config, cache_root)
    stories = {s.slug: s for s in group_stories(articles, analyses)}
    if gold["story"] not in stories:
        raise BriefingError(f"{content_root}: no story {gold['story']!r}, which {gold_path} describes")
    briefing = make_briefing(stories[gold["story"]], analyses, config)
    return score_attribution(briefing, analyses, gold, FURNITURE)


# Page furniture of the demo articles: none of it may reach a statement.
FURNITURE = (
    "Newsletter", "Advertisement", "ADVERTISEMENT", "Share this article", "Also read", "Read more",
    "Related article", "Photo by", "FILE -", "Copyright", "\ufffd", "pic.twitter.com", "(ał)",
    "Source: Reuters", "With inputs from agencies", "Go to accessibility shortcuts", "Original url",
    "@ZelenskyUa", "By Daniel Bellamy",
)  # fmt: skip


def format_attribution(score: AttributionScore, story: str) -> str:
    """The attribution scores as an aligned plain-text table."""
    rows = [
        ("gold facts found", f"{score.found}/{score.gold_facts}", f"{100 * score.found_share:.0f} %"),
        (
            "… with exactly the gold outlets",
            f"{score.exact}/{score.gold_facts}",
            f"{100 * score.exact_share:.0f} %",
        ),
        ("fact→outlet links, precision", "", f"{100 * score.link_precision:.0f} %"),
        ("fact→outlet links, recall", "", f"{100 * score.link_recall:.0f} %"),
        ("disagreements found", f"{score.conflicts_found}/{score.gold_conflicts}", ""),
        ("statements holding page furniture", str(score.junk_facts), ""),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"attribution on {story!r} against the gold reading"]
    lines += [f"{name:<{width}}  {count:>7}  {share:>5}".rstrip() for name, count, share in rows]
    return "\n".join(lines)
