"""Does a credited outlet's sentence state the statement? Measured against careful readers.

A briefing credits an outlet with a statement by footnoting one of its sentences. Whether that
sentence states the claim is a judgement, so it is measured against a labelled sample of the
evaluation clusters (``tests/data/support_labels.json``): pairs of a statement and one other
outlet's sentence(s), each judged by two independent readers with the rubric below, the stricter
label kept. Only a hash of each pair and its label are stored, never the licensed text.

The population is every (statement, other outlet) pair of the briefings of the evaluation
clusters, where the other outlet is not the one whose sentence the statement is cut from:

- **credited** pairs show the outlet's cited sentences: precision is the share of them that
  state the claim;
- **uncredited** pairs show that outlet's sentence most like the statement (content-word
  overlap): the share that state it is the rate of missed credits, from which recall is
  estimated (credited pairs that state the claim, over those plus the uncredited pairs that do,
  each share scaled to its population).

A phrase of a statement that only some of its outlets give (a detail) is shown between ⟦ ⟧ to
a reader judging an outlet that does not give it: it is not credited to that outlet.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..models import ArticleAnalysis, Briefing, Fact

LABELS = ("states", "partly", "not")
RUBRIC = """\
You see a STATEMENT from a news briefing and one or more SENTENCES from one outlet's article.
Decide whether the sentences, read as that outlet's own words, state the statement's claim.
Text of the statement inside ⟦ ⟧ is not credited to this outlet: ignore it.

- states: the sentences state the claim: the same event or action (synonyms and paraphrase are
  fine: "fractured leg" = "broken leg"), the same people, places and organisations, the same
  polarity and certainty (a denial, "is expected to", "still being" do not state the plain
  claim), and every specific the statement asserts (number, date, place, name, cause, the words
  of a quotation, who said it) given by the sentences.
- partly: the sentences state part of the claim, but a specific the statement asserts (number,
  date, place, name, cause, quotation, who said it) is missing from them or different.
- not: the sentences do not state the claim: they say something else on the same topic, speak
  of another person or event, or contradict it.
Judge only from the texts shown; do not use what you know of the event."""


@dataclass(frozen=True, slots=True)
class SupportPair:
    """A statement and the sentences of one outlet shown for it."""

    story: str
    fact: str
    source: str
    statement: str  # as a reader judging this outlet sees it (details it does not give in ⟦ ⟧)
    sentences: tuple[str, ...]
    credited: bool

    @property
    def key(self) -> str:
        return pair_key(self.statement, self.sentences)


def pair_key(statement: str, sentences: Sequence[str]) -> str:
    """The stored key of a statement and the sentences shown for it: a hash, no text."""
    text = "\0".join((statement, *sentences))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def shown_source(fact: Fact) -> str:
    """The outlet whose sentence the statement is cut from."""
    words = set(fact.text.lower().split())
    best = max(fact.evidence, key=lambda e: (fact.text in e.text, len(words & set(e.text.lower().split()))))
    return best.source


def statement_for(fact: Fact, source: str) -> str:
    """The statement as credited to ``source``: each detail it does not give between ⟦ ⟧."""
    text, parts, at = fact.text, [], 0
    for detail in sorted(fact.details, key=lambda d: d.start):
        if source in detail.sources or detail.start < at:
            continue
        parts += [text[at : detail.start], "⟦", text[detail.start : detail.end], "⟧"]
        at = detail.end
    return "".join([*parts, text[at:]])


def support_pairs(briefing: Briefing, analyses: Mapping[str, ArticleAnalysis]) -> list[SupportPair]:
    """Every (statement, other outlet) pair of a briefing, credited or not; conflicts left out
    (each side is its outlets' own sentence)."""
    pairs = []
    sources = [a.id for a in briefing.sources]
    for fact in briefing.facts:
        if fact.section == "conflict":
            continue
        own = shown_source(fact)
        terms = _terms(fact.text)
        for source in sources:
            if source == own:
                continue
            cited = tuple(e.text for e in fact.evidence if e.source == source)
            if not cited:
                sentences = analyses[source].sentences
                if not sentences:
                    continue
                best = max(sentences, key=lambda s: (len(terms & _terms(s.text)), -s.index))
                cited_or_best, credited = (best.text,), False
            else:
                cited_or_best, credited = cited, True
            pairs.append(
                SupportPair(
                    briefing.slug, fact.id, source, statement_for(fact, source), cited_or_best, credited
                )
            )
    return pairs


def uncredited_keys(briefing: Briefing, analyses: Mapping[str, ArticleAnalysis]) -> set[str]:
    """The key of every (statement, sentence) pair of an outlet the statement does not credit,
    each sentence alone: a labelled pair found here is one this run leaves uncredited."""
    keys = set()
    sources = [a.id for a in briefing.sources]
    for fact in briefing.facts:
        if fact.section == "conflict":
            continue
        own = shown_source(fact)
        for source in sources:
            if source == own or any(e.source == source for e in fact.evidence):
                continue
            statement = statement_for(fact, source)
            keys |= {pair_key(statement, (s.text,)) for s in analyses[source].sentences}
    return keys


def _terms(text: str) -> set[str]:
    return {w.strip(".,;:!?\"'“”‘’()").lower() for w in text.split() if len(w) > 3}


def sample_pairs(
    pairs: Sequence[SupportPair], credited: int, uncredited: int, seed: int = 17
) -> list[SupportPair]:
    """A fixed random sample: ``credited`` credited pairs and ``uncredited`` others."""
    chooser = random.Random(seed)
    found = []
    for wanted, flag in ((credited, True), (uncredited, False)):
        group = sorted((p for p in pairs if p.credited is flag), key=lambda p: p.key)
        found += chooser.sample(group, min(wanted, len(group)))
    return found


@dataclass(frozen=True, slots=True)
class SupportScore:
    """Precision and estimated recall of the credits against the labelled sample."""

    credited: Counter[str]  # labels of the credited pairs found in the sample
    uncredited: Counter[str]
    population: Mapping[str, int]  # credited and uncredited pairs of this run
    unlabelled: int  # credited pairs of this run that the sample does not hold
    # labelled pairs the readers say state the claim, found in this run credited / not credited
    states_credited: int = 0
    states_missed: int = 0

    @property
    def recall_on_sample(self) -> float | None:
        """Of the labelled pairs the readers say state the claim and this run shows, the share
        it credits."""
        seen = self.states_credited + self.states_missed
        return self.states_credited / seen if seen else None

    @property
    def precision(self) -> float | None:
        total = sum(self.credited.values())
        return self.credited["states"] / total if total else None

    @property
    def recall(self) -> float | None:
        credited, missed = sum(self.credited.values()), sum(self.uncredited.values())
        if not credited or not missed:
            return None
        found = self.population["credited"] * self.credited["states"] / credited
        lost = self.population["uncredited"] * self.uncredited["states"] / missed
        return found / (found + lost) if found + lost else None


def load_labels(path: Path) -> dict[str, str]:
    """Pair key → stricter label of the two readers."""
    record = json.loads(Path(path).read_text(encoding="utf-8"))
    return {key: item["label"] for key, item in record["labels"].items()}


def score_support(
    pairs: Iterable[SupportPair], labels: Mapping[str, str], left_out: Iterable[str] = ()
) -> SupportScore:
    """Compare the credits of this run with the labelled sample; ``left_out`` holds the keys of
    the pairs this run does not credit (:func:`uncredited_keys`)."""
    credited: Counter[str] = Counter()
    uncredited: Counter[str] = Counter()
    population = {"credited": 0, "uncredited": 0}
    unlabelled = 0
    seen: set[str] = set()
    states_credited = 0
    for pair in pairs:
        if pair.key in seen:  # the same statement and sentences twice (two copies of one article)
            continue
        seen.add(pair.key)
        population["credited" if pair.credited else "uncredited"] += 1
        label = labels.get(pair.key)
        if label is None:
            unlabelled += pair.credited
            continue
        (credited if pair.credited else uncredited)[label] += 1
        states_credited += pair.credited and label == "states"
    missed = sum(labels.get(key) == "states" for key in set(left_out))
    return SupportScore(credited, uncredited, population, unlabelled, states_credited, missed)


def format_support(score: SupportScore) -> str:
    """The support table: labels of the credited and uncredited pairs, precision and recall."""

    def share(value: float | None) -> str:
        return "   –" if value is None else f"{100 * value:3.0f} %"

    lines = ["support of cross-outlet credits against the labelled sample (stricter of two readers)"]
    for name, counts in (("credited", score.credited), ("uncredited", score.uncredited)):
        total = sum(counts.values())
        row = ", ".join(f"{counts[label]} {label}" for label in LABELS)
        lines.append(f"{name + ' pairs labelled':28} {total:4}   {row}")
    lines.append(f"{'precision (states)':28}      {share(score.precision)}")
    states_or_part = sum(score.credited[k] for k in ("states", "partly"))
    total = sum(score.credited.values())
    lines.append(f"{'… states at least in part':28}      {share(states_or_part / total if total else None)}")
    lines.append(f"{'… does not state':28}      {share(score.credited['not'] / total if total else None)}")
    lines.append(f"{'recall (estimated)':28}      {share(score.recall)}")
    lines.append(
        f"{'recall on the sample':28}      {share(score.recall_on_sample)}   "
        f"({score.states_credited} of {score.states_credited + score.states_missed} pairs labelled "
        "states that this run shows)"
    )
    lines.append(
        f"credited pairs in this run {score.population['credited']}, of which not in the sample "
        f"{score.unlabelled}; uncredited pairs {score.population['uncredited']}"
    )
    return "\n".join(lines)
