"""Score a briefing's attribution against a hand-made gold file for one story.

The gold file (``tests/data/demo_gold.json``) lists each fact of the story, exactly which
outlets state it, and for each outlet a short verbatim quote from the sentence that states it;
and the disagreements between outlets, each side with its outlets and quotes.

A gold fact is found when the briefing shows a statement worded from one of its quotes: the
statement's words stand in the quoted sentence and overlap the quote. Citing a sentence is not
enough, since one sentence may state several facts and a statement cites the sentences of every
outlet it credits. A detail of a statement (a phrase only some of its outlets give, "English"
in "do not speak English, Ukrainian or Russian") is a statement of its own, with its own
outlets. Of the statements that state a gold fact, the one whose outlets come closest to the
gold's is compared with them. A gold fact marked off-topic (a paragraph about another
story) must not be stated at all; it is counted apart from the facts to find.

The page furniture of the story's articles (``tests/data/demo_furniture.json``: newsletter
boxes, adverts, photo credits…) must reach no statement; the statements holding any are counted.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..analysers import analyser_for
from ..config import BriefingConfig
from ..errors import BriefingError
from ..models import ArticleAnalysis, Briefing, Fact
from ..pipeline import analyse_articles, load_articles, make_briefing
from ..stories import group_stories

SentenceKey = tuple[str, int]  # (outlet key, sentence index)
Passage = tuple[str, int, int, int]  # (outlet key, sentence index, start, end) within the sentence


@dataclass(frozen=True, slots=True)
class AttributionScore:
    gold_facts: int
    found: int  # gold facts that some statement of the briefing is worded from a quote of
    exact: int  # … and whose outlets are exactly the gold outlets
    link_precision: float
    link_recall: float
    gold_conflicts: int
    conflicts_found: int
    junk_facts: int  # statements holding page furniture (should be 0)
    off_topic: int = 0  # gold facts about another story
    off_topic_stated: int = 0  # … that the briefing states anyway (should be 0)

    @property
    def found_share(self) -> float:
        return self.found / self.gold_facts if self.gold_facts else 0.0

    @property
    def exact_share(self) -> float:
        return self.exact / self.gold_facts if self.gold_facts else 0.0


def load_gold(path: Path) -> dict:
    return _read_json(path, "gold file")


def load_furniture(path: Path) -> tuple[str, ...]:
    """The page furniture listed in a JSON file (``{"furniture": [...]}``): text that no
    statement may hold."""
    record = _read_json(path, "furniture file")
    try:
        return tuple(str(text) for text in record["furniture"])
    except (KeyError, TypeError) as exc:
        raise BriefingError(f'{path}: no list of "furniture"') from exc


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BriefingError(f"{path}: {what} not found") from exc
    except ValueError as exc:
        raise BriefingError(f"{path}: not valid JSON ({exc})") from exc


def score_attribution(
    briefing: Briefing, analyses: Mapping[str, ArticleAnalysis], gold: dict, junk: tuple[str, ...] = ()
) -> AttributionScore:
    """Compare the briefing's facts and conflicts with the gold annotation."""
    outlet_of = _outlet_keys(briefing, gold)
    passage_of = _passage_finder(briefing, analyses, outlet_of)

    def gold_sentences(evidence: Mapping[str, str]) -> set[SentenceKey]:
        return {passage_of(outlet, quote)[:2] for outlet, quote in evidence.items()}

    system = [
        (passages, {outlet_of[s] for s in sources})
        for fact in briefing.facts
        for passages, sources in _statements(fact, outlet_of)
    ]
    found = exact = true_links = system_links = gold_links = off_topic_stated = 0
    on_topic = [item for item in gold["facts"] if not item.get("off_topic")]
    for item in gold["facts"]:
        quotes = [passage_of(outlet, quote) for outlet, quote in item["evidence"].items()]
        stating = [sources for shown, sources in system if any(_overlap(shown, q) for q in quotes)]
        if item.get("off_topic"):
            off_topic_stated += bool(stating)
            continue
        outlets = set(item["outlets"])
        gold_links += len(outlets)
        if not stating:
            continue
        best = min(stating, key=lambda sources: len(sources ^ outlets))
        found += 1
        exact += best == outlets
        system_links += len(best)
        true_links += len(best & outlets)

    conflicts_found = 0
    for conflict in gold["conflicts"]:
        sides = [gold_sentences(claim["evidence"]) for claim in conflict["claims"]]
        for candidate in briefing.conflicts:
            cited = [{(outlet_of[e.source], e.sentence) for e in c.evidence} for c in candidate.sides]
            if _covers(cited, sides):
                conflicts_found += 1
                break
    junk_facts = sum(any(j in f.text for j in junk) for f in briefing.facts)
    return AttributionScore(
        gold_facts=len(on_topic),
        found=found,
        exact=exact,
        link_precision=true_links / system_links if system_links else 0.0,
        link_recall=true_links / gold_links if gold_links else 0.0,
        gold_conflicts=len(gold["conflicts"]),
        conflicts_found=conflicts_found,
        junk_facts=junk_facts,
        off_topic=len(gold["facts"]) - len(on_topic),
        off_topic_stated=off_topic_stated,
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


def _passage_finder(briefing: Briefing, analyses: Mapping[str, ArticleAnalysis], outlet_of: dict[str, str]):
    sentences = {outlet_of[a.id]: analyses[a.id].sentences for a in briefing.sources}

    def find(outlet: str, quote: str) -> Passage:
        for sentence in sentences[outlet]:
            at = sentence.text.find(quote)
            if at >= 0:
                return outlet, sentence.index, at, at + len(quote)
        # a quote from text cleaning removed (a caption, an embedded post) names no sentence
        return outlet, -1, 0, 0

    return find


def _shown(fact: Fact, outlet_of: dict[str, str]) -> list[Passage]:
    """Where the statement's words stand in the sentence it is worded from.

    A statement is a trimmed piece of one sentence, or pieces joined by " … "; its first letter
    may have been capitalised and a full stop added.
    """
    pieces = fact.text.split(" … ")
    pieces[-1] = pieces[-1].removesuffix(".") or pieces[-1]
    for e in fact.evidence:
        found = []
        for k, piece in enumerate(pieces):
            variants = (piece, piece[:1].lower() + piece[1:]) if k == 0 else (piece,)
            at = next((a for a in (e.text.find(v) for v in variants) if a >= 0), -1)
            if at < 0:
                break
            found.append((outlet_of[e.source], e.sentence, at, at + len(piece)))
        else:
            return found
    return []


def _statements(fact: Fact, outlet_of: dict[str, str]) -> list[tuple[list[Passage], tuple[str, ...]]]:
    """What a fact states and who states it: the whole statement with its outlets, and each of
    its details (a phrase only some of them give) with the outlets that give it."""
    shown = _shown(fact, outlet_of)
    found = [(shown, fact.sources)]
    if shown:
        outlet, sentence = shown[0][:2]
        text = next(e.text for e in fact.evidence if (outlet_of[e.source], e.sentence) == (outlet, sentence))
        for detail in fact.details:
            words = fact.text[detail.start : detail.end]
            at = text.find(words)
            if at >= 0:
                found.append(([(outlet, sentence, at, at + len(words))], detail.sources))
    return found


def _overlap(shown: list[Passage], quote: Passage) -> bool:
    outlet, sentence, start, end = quote
    return any(o == outlet and s == sentence and a < end and start < b for o, s, a, b in shown)


def attribution_eval(
    content_root: Path,
    gold_path: Path,
    furniture_path: Path,
    config: BriefingConfig,
    cache_root: Path | None = None,
) -> AttributionScore:
    """Build the gold story's briefing from the content folder and score its attribution; the
    statements holding any page furniture listed in ``furniture_path`` are counted."""
    gold = load_gold(gold_path)
    furniture = load_furniture(furniture_path)
    articles, _ = load_articles(content_root)
    analyses, _ = analyse_articles(articles, config, cache_root, analyser_for(config))
    stories = {s.slug: s for s in group_stories(articles, analyses)}
    if gold["story"] not in stories:
        raise BriefingError(f"{content_root}: no story {gold['story']!r}, which {gold_path} describes")
    briefing = make_briefing(stories[gold["story"]], analyses, config)
    return score_attribution(briefing, analyses, gold, furniture)


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
        ("off-topic gold facts stated", f"{score.off_topic_stated}/{score.off_topic}", ""),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"attribution on {story!r} against the gold reading"]
    lines += [f"{name:<{width}}  {count:>7}  {share:>5}".rstrip() for name, count, share in rows]
    return "\n".join(lines)
