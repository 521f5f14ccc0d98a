"""Names as the outlets spell them, unified into one form per story, learned from the articles.

Evidence comes first from the text itself: an acronym defined in parentheses ("Security
Service of Ukraine (SBU)"), spellings of one name that differ by a letter or two (Kiev/Kyiv,
Zelensky/Zelenskyy, Tuva/Tyva), a demonym beside its country (Korean/Korea). A small curated
table covers the names no article defines (DPRK). Entity labels that the model gets wrong in a
way that matters (a city tagged as a person) are corrected from the parse.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .models import CONTENT_POS, Entity, NamedEntity, SentenceRef, Token

# Names no article is expected to define; each maps to the words of the name it stands for.
CURATED_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("dprk",): ("north", "korea"),
    ("rok",): ("south", "korea"),
    ("u.s.",): ("united", "states"),
    ("us",): ("united", "states"),
    ("usa",): ("united", "states"),
    ("u.k.",): ("united", "kingdom"),
    ("uk",): ("united", "kingdom"),
    ("un",): ("united", "nations"),
    ("u.n.",): ("united", "nations"),
}

NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12",
    "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
    "first": "1st", "second": "2nd", "third": "3rd",
}  # fmt: skip

# Words that news reports use interchangeably for one thing; each maps to one representative.
PARAPHRASES = {
    "transport": "bring", "transfer": "bring",
    "injure": "wound", "injury": "wound", "injured": "wound", "wounded": "wound",
    "interpreter": "translator",
    "troop": "soldier", "serviceman": "soldier", "servicemen": "soldier", "personnel": "soldier",
    "kill": "die", "dead": "die", "death": "die",
    "detain": "capture", "seize": "capture", "capture": "capture",
    "captive": "prisoner", "pow": "prisoner", "pows": "prisoner",
    "fracture": "break", "fractured": "break", "broken": "break",
    "interrogate": "question", "interrogation": "question", "questioning": "question",
    "investigator": "investigator", "probe": "investigation", "investigate": "investigation",
    "journalist": "media", "reporter": "media",
    "treatment": "care", "treat": "care",
}  # fmt: skip

# Words that mean one thing only as nouns ("in the fall of 2024", not "prices fall").
NOUN_PARAPHRASES = {"fall": "autumn"}

# Verbs that only say who said something: shared by most news sentences, they tell nothing.
REPORTING_VERBS = frozenset(
    {"say", "tell", "report", "state", "add", "write", "announce", "claim", "accord", "note", "confirm"}
)

_ACRONYM = re.compile(r"((?:[A-Z][\w’'.-]*\s+(?:(?:of|for|and|the|on)\s+)*){1,7})\(([A-Z][A-Za-z]{1,7})\)")
_LOCATIVE = frozenset({"in", "to", "from", "at", "near", "into", "toward", "towards", "outside", "around"})
_PLACE_NOUNS = frozenset({"region", "oblast", "province", "city", "border", "area", "district", "town"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """How a story's outlets name things: phrases and spellings mapped to one form."""

    phrases: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    spellings: dict[str, str] = field(default_factory=dict)

    def terms(self, tokens: Sequence[Token]) -> list[str]:
        """Content terms of some tokens, every name in its story-wide form."""
        words = [t.text.lower() for t in tokens]
        longest = max((len(p) for p in self.phrases), default=0)
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for size in range(min(longest, len(tokens) - i), 0, -1):
                replacement = self.phrases.get(tuple(words[i : i + size]))
                if replacement is not None:
                    out.extend(self.spellings.get(r, r) for r in replacement)
                    i += size
                    break
            else:
                term = term_of(tokens[i])
                if term is not None:
                    out.append(self.spellings.get(term, term))
                i += 1
        # "the Security Service of Ukraine (SBU)" names the SBU once, not twice
        return [t for k, t in enumerate(out) if k == 0 or t != out[k - 1]]


def term_of(token: Token) -> str | None:
    """The comparable form of one token, or ``None`` for a word that carries no content."""
    lower = token.text.lower()
    if token.pos == "NUM" or lower.replace(",", "").replace(".", "").isdigit():
        return NUMBER_WORDS.get(lower, lower.replace(",", ""))
    if token.stop:
        return None
    if token.pos not in CONTENT_POS or not any(c.isalnum() for c in token.text):
        return None
    term = token.lemma.lower().replace(",", "")
    if token.pos == "PROPN" or token.ent:
        term = token.text.lower().removesuffix("’s").removesuffix("'s")
    term = NUMBER_WORDS.get(term, term)
    term = PARAPHRASES.get(term, term)
    if token.pos == "NOUN":
        term = NOUN_PARAPHRASES.get(term, term)
    if term in REPORTING_VERBS:
        return None
    return term


def learn_lexicon(sentences: Sequence[SentenceRef]) -> Lexicon:
    """The lexicon of one story, learned from all its sentences."""
    phrases: dict[tuple[str, ...], tuple[str, ...]] = dict(CURATED_NAMES)
    for expansion, acronym in acronym_definitions(s.text for s in sentences):
        phrases[expansion] = (acronym,)
        phrases[(acronym,)] = (acronym,)
    names = Counter(
        t.text.lower().removesuffix("’s").removesuffix("'s")
        for s in sentences
        for t in s.tokens
        if (t.pos == "PROPN" or t.ent) and t.text[:1].isupper() and len(t.text) >= 4
    )
    spellings = spelling_variants(names)
    spellings.update(demonyms(names, spellings))
    return Lexicon(phrases, spellings)


def acronym_definitions(texts: Iterable[str]) -> Iterable[tuple[tuple[str, ...], str]]:
    """(expansion words, acronym) for each "Long Name (LN)" in the texts.

    >>> list(acronym_definitions(["South Korea’s National Intelligence Service (NIS) said"]))
    [(('national', 'intelligence', 'service'), 'nis')]
    """
    for text in texts:
        for match in _ACRONYM.finditer(text):
            name = re.split(r"[’']s\s+", match.group(1).strip())[-1]
            words = [w.lower() for w in name.split()]
            while words and words[0] in {"the", "of", "and", "for", "on"}:
                words.pop(0)
            acronym = match.group(2).lower()
            if len(words) >= 2:
                yield tuple(words), acronym
                # "Ukrainian Security Service (SBU)": the name without the adjective in front
                if words[0].endswith(("an", "ian", "ese", "ish")) and len(words) >= 3:
                    yield tuple(words[1:]), acronym


def spelling_variants(names: Counter[str]) -> dict[str, str]:
    """Map each variant spelling of a name to the most frequent one.

    Two names are one when they share first and last letters and are spelled nearly alike.
    """
    ranked = sorted(names, key=lambda n: (-names[n], n))
    variants: dict[str, str] = {}
    for i, name in enumerate(ranked):
        if name in variants:
            continue
        for other in ranked[i + 1 :]:
            if other in variants or other[0] != name[0] or other[-1] != name[-1]:
                continue
            if SequenceMatcher(None, name, other).ratio() >= 0.75:
                variants[other] = name
    return variants


def demonyms(names: Counter[str], spellings: dict[str, str]) -> dict[str, str]:
    """Map demonyms to the place they name when both occur: korean→korea, ukrainian→ukraine."""
    places = [n for n in names if not n.endswith(("an", "ans", "ese"))]
    found: dict[str, str] = {}
    for name in names:
        stem = None
        for suffix in ("ians", "ian", "ans", "an", "ese"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 4:
                stem = name[: -len(suffix)]
                break
        if stem is None:
            continue
        for place in places:
            if place.startswith(stem) and len(place) - len(stem) <= 2:
                found[name] = spellings.get(place, place)
                break
    return found


def corrected_label(entity: Entity, tokens: Sequence[Token]) -> str:
    """The entity's label, corrected where the parse shows the model is wrong.

    A "person" or "product" that is the object of "in", "to", "from"… or that names a region
    ("the Kursk region") is a place.
    """
    if entity.label not in {"PERSON", "PRODUCT", "ORG", "WORK_OF_ART", "NORP"}:
        return entity.label
    inside = [i for i, t in enumerate(tokens) if entity.start <= t.start < entity.end]
    if not inside:
        return entity.label
    last = tokens[inside[-1]]
    head = tokens[last.head]
    if last.dep == "pobj" and head.text.lower() in _LOCATIVE and entity.label != "NORP":
        return "GPE"
    if last.dep == "compound" and head.lemma.lower() in _PLACE_NOUNS:
        return "GPE"
    if entity.label == "PRODUCT":
        return "GPE" if tokens[inside[0]].pos == "PROPN" else entity.label
    return entity.label


def _merge_surnames(labels, spellings, sources) -> None:
    """ "Zelensky" is "Volodymyr Zelensky" when the story names only one person so."""
    people = [k for k, c in labels.items() if c.most_common(1)[0][0] == "PERSON"]
    for short in [k for k in people if " " not in k]:
        full = [k for k in people if k.endswith(" " + short)]
        if len(full) == 1:
            labels[full[0]].update(labels.pop(short))
            spellings[full[0]].update(spellings.pop(short))
            sources[full[0]] |= sources.pop(short)


def story_entities(sentences: Sequence[SentenceRef], lexicon: Lexicon) -> list[NamedEntity]:
    """People, organisations and places of a story, one entry per name however it is spelled."""
    wanted = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    sources: dict[str, set[str]] = defaultdict(set)
    for sentence in sentences:
        for entity in sentence.entities:
            label = corrected_label(entity, sentence.tokens)
            if label not in wanted:
                continue
            tokens = [
                t
                for t in sentence.tokens
                if entity.start <= t.start < entity.end and t.lemma.lower() != "the"
            ]
            key = " ".join(lexicon.terms(tokens)) or entity.text.lower()
            name = re.sub(r"^(?:the|The)\s+", "", entity.text).removesuffix("’s").removesuffix("'s")
            labels[key][label] += 1
            spellings[key][name] += 1
            sources[key].add(sentence.article_id)
    _merge_surnames(labels, spellings, sources)
    result = []
    for key, counter in labels.items():
        label = counter.most_common(1)[0][0]
        if label == "NORP":
            continue  # "North Korean" is the adjective of a place listed on its own
        # a person by full name ("Volodymyr Zelensky"), anything else by its usual name ("SBU")
        full = label == "PERSON"
        name = max(spellings[key].items(), key=lambda kv: (full and len(kv[0].split()), kv[1], kv[0]))[0]
        result.append(NamedEntity(name, label, tuple(sorted(sources[key])), sum(counter.values())))
    result.sort(key=lambda e: (-len(e.sources), -e.mentions, e.name))
    return result
