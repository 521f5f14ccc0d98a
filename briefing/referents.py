"""Disagreements about which of two people a detail belongs to.

Reports often tell of two people at once: "one had no documents at all, while the other carried
a Russian military ID card". Outlets may pair the details differently: in one, the man with the
ID card is the one who said he had come for training; in another, that is the man without
documents. No sentence of either disagrees with a sentence of the other; only reading on shows it.

Each article is read in order, following the two people of its latest "one … the other": what a
sentence says of "one" goes to the first, what it says of "the other" or "the second man" to the
second, and what the next sentences say of "he", "the man" or "the man with the Tyvan ID" to the
one meant. Two details that one outlet tells of one person and another outlet of two different
people make a disagreement, each side with its outlets and their own sentences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from .claims import dependents, subtree
from .entities import PARAPHRASES, REPORTING_VERBS, Lexicon
from .models import Conflict, Evidence, SentenceRef, Side, Token

MAX_SHOWN = 3  # sentences shown for one side
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PRONOUNS = frozenset({"he", "she"})
_COUNTS = frozenset({"two", "both"})


@dataclass(slots=True)
class Person:
    """One of two people an article tells of: each word said of them, with the sentences."""

    said: dict[str, set[int]] = field(default_factory=dict)
    introduced: set[int] = field(default_factory=set)  # sentences that say which one is meant

    def tell(self, terms: Iterable[str], sentence: int) -> None:
        for term in terms:
            self.said.setdefault(term, set()).add(sentence)


Pair = tuple[Person, Person]


def read_pairs(sentences: Sequence[SentenceRef], lexicon: Lexicon, kinds: frozenset[str]) -> list[Pair]:
    """The pairs of people one article tells of, and what it says of each, in reading order."""
    pairs: list[Pair] = []
    last: int | None = None  # the person the previous sentence spoke of, while the thread lasts
    for sentence in sentences:
        tokens = sentence.tokens
        one = _one(tokens, kinds)
        other = _other(tokens, kinds, -1 if one is None else one)
        if one is not None:
            pair = (Person(), Person())
            pairs.append(pair)
            end = len(tokens) if other is None else other
            pair[0].tell(lexicon.terms(tokens[one + 1 : end]), sentence.index)
            pair[0].introduced.add(sentence.index)
            last = 0
            if other is not None:
                pair[1].tell(lexicon.terms(tokens[other + 2 :]), sentence.index)
                pair[1].introduced.add(sentence.index)
                last = 1
            continue
        if not pairs:
            continue
        if other is not None:
            second = tokens[other + 1].lower_text == "second" or last is None
            last = 1 if second else 1 - last
            person = pairs[-1][last]
            person.tell(lexicon.terms(tokens[other + 2 :]), sentence.index)
            person.introduced.add(sentence.index)
            continue
        meant = _meant(tokens, kinds, lexicon, pairs[-1], last)
        if meant is None:
            last = None
            continue
        last = meant
        pairs[-1][meant].tell(lexicon.terms(tokens), sentence.index)
    return pairs


def _one(tokens: Sequence[Token], kinds: frozenset[str]) -> int | None:
    """Where "one" (of two people) starts a pair: "one of the soldiers had…", "one POW carried…",
    "… one with bandaged hands and the other …"."""
    for i, token in enumerate(tokens):
        if token.lower_text != "one" or (i + 1 < len(tokens) and tokens[i + 1].text in {"-", "–"}):
            continue
        if i and tokens[i - 1].lower_text in {"no", "any", "every", "each", "the"}:
            continue
        if i + 1 < len(tokens) and tokens[i + 1].lower_text == "of":  # "one of the captured soldiers"
            of_what = [t for t in tokens[i + 2 : i + 5] if t.dep == "pobj"]
            if of_what and _kind(of_what[0]) not in kinds:
                continue
        subject = token.dep in _SUBJECTS
        counted = token.dep == "nummod" and tokens[token.head].dep in _SUBJECTS
        if counted and _kind(tokens[token.head]) not in kinds:
            continue
        if subject or counted or _other(tokens, kinds, i) is not None:
            return i
    return None


def _other(tokens: Sequence[Token], kinds: frozenset[str], after: int) -> int | None:
    """Where "the other" or "the second man" starts, after position ``after``."""
    for i in range(max(after + 1, 1), len(tokens)):
        token = tokens[i]
        if token.lower_text not in {"other", "second"} or tokens[i - 1].lower_text != "the":
            continue
        if token.dep != "amod" or _kind(tokens[token.head]) in kinds:
            return i - 1
    return None


def _meant(
    tokens: Sequence[Token], kinds: frozenset[str], lexicon: Lexicon, pair: Pair, last: int | None
) -> int | None:
    """Which person of the pair a sentence that names neither "one" nor "the other" speaks of:
    "the man with the Tyvan ID" the one that ID was told of; "he" or "the man" the one the
    sentence before spoke of. ``None`` when it speaks of someone else."""
    children = dependents(tokens)
    roots = [i for i, t in enumerate(tokens) if t.dep == "ROOT"]
    if any(tokens[s].ent == "PERSON" for r in roots for s in children[r] if tokens[s].dep in _SUBJECTS):
        return None  # "Lawrence Berger confirmed he is representing…": "he" is the speaker
    clauses = [c for r in roots if tokens[r].lemma.lower() in REPORTING_VERBS for c in children[r]]
    clauses = [c for c in clauses if tokens[c].dep == "ccomp"] + roots
    for clause in clauses:
        for s in children[clause]:
            subject = tokens[s]
            if subject.dep not in _SUBJECTS:
                continue
            if subject.lower_text in _PRONOUNS:
                return last
            singular = subject.lower_text == subject.lemma.lower()
            definite = any(tokens[c].lower_text == "the" for c in children[s])
            if not (singular and definite and _kind(subject) in kinds):
                continue
            described = {
                t
                for c in children[s]
                if tokens[c].dep in {"prep", "acl", "relcl", "amod", "compound"}
                for t in lexicon.terms([tokens[i] for i in subtree(c, children)])
            }
            told = [len(described & person.said.keys()) for person in pair]
            if described and max(told) and told[0] != told[1]:
                return told.index(max(told))
            return last
    return None


def _kind(token: Token) -> str:
    lemma = token.lemma.lower()
    return PARAPHRASES.get(lemma, lemma)


def person_kinds(sentences: Iterable[SentenceRef]) -> frozenset[str]:
    """Nouns that name the people a story tells of in twos: "two men", "both soldiers", "one of
    the prisoners"; and that some sentence makes the subject ("both hands" are no people)."""
    kinds, subjects = set(), set()
    for sentence in sentences:
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            if token.dep in _SUBJECTS:
                subjects.add(_kind(token))
            if token.pos not in {"NOUN", "PROPN"} or token.lower_text == token.lemma.lower():
                continue
            before = [t.lower_text for t in tokens[max(0, i - 3) : i]]
            if any(w in _COUNTS for w in before[-2:]) or before[-3:-1] == ["one", "of"]:
                kinds.add(_kind(token))
    return frozenset(kinds & subjects)


def who_is_who(sentences: Sequence[SentenceRef], lexicon: Lexicon, first_id: int = 1) -> list[Conflict]:
    """Disagreements between outlets about which of two people a detail belongs to."""
    kinds = person_kinds(sentences)
    if not kinds:
        return []
    by_article: dict[str, list[SentenceRef]] = defaultdict(list)
    for sentence in sentences:
        by_article[sentence.article_id].append(sentence)
    # for each two words, per outlet: the sentences that tell them of one person, or of two
    together: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(dict)
    apart: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(dict)
    for article, own in by_article.items():
        for first, second in read_pairs(own, lexicon, kinds):
            both = first.said.keys() & second.said.keys()
            a, b = ({t: s for t, s in p.said.items() if t not in both | kinds} for p in (first, second))
            for person, told in ((a, first), (b, second)):
                for f, g in combinations(sorted(person), 2):
                    found = together[(f, g)].setdefault(article, set())
                    found |= person[f] | person[g] | told.introduced
            for f in a:
                for g in b:
                    found = apart[(min(f, g), max(f, g))].setdefault(article, set())
                    found |= a[f] | b[g] | first.introduced | second.introduced
    disputes = []
    for key in sorted(together.keys() & apart.keys()):
        one = {a: s for a, s in together[key].items() if a not in apart[key]}
        two = {a: s for a, s in apart[key].items() if a not in together[key]}
        if one and two:
            disputes.append((key, one, two))
    sentence_of = {(s.article_id, s.index): s for s in sentences}
    return [
        _conflict(f"c{first_id + n}", dispute, sentence_of, lexicon)
        for n, dispute in enumerate(_merge(disputes))
    ]


Dispute = tuple[tuple[str, str], dict[str, set[int]], dict[str, set[int]]]


def _merge(disputes: list[Dispute]) -> list[Dispute]:
    """Disputes over the same word with the outlets on the same sides are one disagreement,
    shown by the pair of words the most outlets speak to."""
    merged: list[list[Dispute]] = []
    for dispute in sorted(disputes, key=lambda d: (-len(d[1]) - len(d[2]), d[0])):
        for group in merged:
            if any(_same_sides(dispute, other) for other in group):
                group.append(dispute)
                break
        else:
            merged.append([dispute])
    return [group[0] for group in merged]


def _same_sides(a: Dispute, b: Dispute) -> bool:
    if not set(a[0]) & set(b[0]):
        return False
    a1, a2, b1, b2 = a[1].keys(), a[2].keys(), b[1].keys(), b[2].keys()
    straight = not (a1 & b2 or a2 & b1) and bool(a1 & b1 or a2 & b2)
    crossed = not (a1 & b1 or a2 & b2) and bool(a1 & b2 or a2 & b1)
    return straight or crossed


def _conflict(
    conflict_id: str, dispute: Dispute, sentence_of: dict[tuple[str, int], SentenceRef], lexicon: Lexicon
) -> Conflict:
    (f, g), one, two = dispute
    claims, told = [], []
    for side in (one, two):
        sentences = [sentence_of[(article, i)] for article in sorted(side) for i in sorted(side[article])]
        evidence = tuple(Evidence(s.article_id, s.index, s.text, s.start, s.end) for s in sentences)
        shown = [s.text for s in sentences if s.article_id == sentences[0].article_id][:MAX_SHOWN]
        claims.append(Side(text=" … ".join(shown), sources=tuple(sorted(side)), evidence=evidence))
        told += sentences
    words = " and ".join(f"“{_wording(term, told, lexicon)}”" for term in (f, g))
    return Conflict(id=conflict_id, topic=f"Are {words} said of the same person?", sides=tuple(claims))


def _wording(term: str, sentences: Sequence[SentenceRef], lexicon: Lexicon) -> str:
    """The first word of the sentences that stands for a term, as written."""
    for sentence in sentences:
        for token in sentence.tokens:
            if lexicon.terms([token]) == [term]:
                return token.text
    return term
