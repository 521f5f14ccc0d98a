"""Who a statement's first words stand for, from the article it is cut from.

A statement that opens with a pronoun or a bare role ("He said at a news conference that…",
"The agency said the men…") leans on a sentence the page does not show. When the sentence just
before it in the same article is about one person (for "he", "she", "the man"…) or one
organisation (for "it said", "the agency"…) — that name is its subject, no other name of that
kind is in it, and no one else is spoken of by a noun — the name is shown in square brackets in
place of the words, as editors do: "[Zelensky] said…", "[SBU] said the men…". Otherwise the
statement is left as it is and counted as leaning on its context: a wrong name is worse than
none.

>>> leaning_words("He said the men were captured.")
'He'
>>> leaning_words("The agency said the men were captured.")
'The agency'
>>> leaning_words("Ukraine said the men were captured.") is None
True
>>> leaning_words("The suspects said nothing.") is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .claims import Claim
from .entities import REPORTING_VERBS
from .models import Referent, SentenceRef

PERSON = "PERSON"
GROUP = "ORG"
PRONOUNS = {
    "he": PERSON,
    "she": PERSON,
    "his": PERSON,
    "her": PERSON,
    "it": GROUP,
    "its": GROUP,
    "they": None,  # a person, a group, the two soldiers: never guessed
    "their": None,
    "this": None,
    "these": None,
    "those": None,
    # the first person: the words of whoever wrote or said them (a post, a statement, a
    # quotation), never the briefing's own voice
    "i": None,
    "my": None,
    "we": None,
    "our": None,
    "us": None,
}
ROLES = {
    **dict.fromkeys(("man", "woman", "boy", "girl", "suspect", "victim", "teen", "teenager"), PERSON),
    **dict.fromkeys(
        ("agency", "company", "group", "department", "ministry", "service", "organization", "organisation"),
        GROUP,
    ),
}
POSSESSIVES = frozenset({"his", "her", "its", "their"})
# nouns for people a pronoun may stand for though no name is given to them
PEOPLE = frozenset(
    {"man", "woman", "boy", "girl", "child", "baby", "son", "daughter", "stepson", "stepdaughter"}
    | {"mother", "father", "parent", "wife", "husband", "brother", "sister", "grandmother", "grandfather"}
    | {"friend", "neighbor", "neighbour", "resident", "owner", "employee", "worker", "manager", "chief"}
    | {"officer", "official", "spokesman", "spokeswoman", "agent", "detective", "investigator", "sheriff"}
    | {"deputy", "trooper", "judge", "lawyer", "attorney", "prosecutor", "witness", "examiner", "doctor"}
    | {"nurse", "pilot", "driver", "teacher", "student", "coach", "player", "president", "minister"}
    | {"victim", "suspect", "teen", "teenager"}
)
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


@dataclass(frozen=True, slots=True)
class Reading:
    """Whether a statement leans on another sentence, and the referent found for it, if any."""

    leans: bool
    referent: Referent | None = None

    @property
    def stands_alone(self) -> bool:
        return not self.leans or self.referent is not None


def leaning_words(text: str) -> str | None:
    """The first words of a statement that stand for someone named elsewhere: a pronoun ("He",
    "Its"), or "the" and a role ("The agency", "The man"); ``None`` when it opens otherwise.
    A statement that opens with a quotation is left alone: quotations stay verbatim."""
    words = text.split(maxsplit=2)
    if not words:
        return None
    first = words[0].strip(",;:").lower()
    if first in PRONOUNS:
        return words[0].strip(",;:")
    if first == "the" and len(words) > 1 and _noun(words[1]) in ROLES:
        return " ".join(words[:2]).rstrip(",;:")
    return None


def _noun(word: str) -> str:
    """ "agency's" → "agency"; a plural stays plural ("The suspects" is not one person)."""
    return word.strip(",;:").lower().removesuffix("'s").removesuffix("’s")


def read(claim: Claim, article: Sequence[SentenceRef]) -> Reading:
    """How a statement reads on its own, given every sentence of the article it is cut from."""
    words = leaning_words(claim.text)
    if words is None:
        return Reading(False)
    key = _noun(words.split()[-1]) if " " in words else words.lower()
    wanted = ROLES.get(key) if " " in words else PRONOUNS.get(key)
    if wanted is None or (key in {"it", "its"} and not _says(claim)):
        return Reading(True)
    name = _nearest(wanted, claim.sentence.index, article)
    if name is None:
        return Reading(True)
    if words.lower() in POSSESSIVES:
        name += "’s"
    return Reading(True, Referent(0, len(words), name))


def _says(claim: Claim) -> bool:
    """ "It said …", "It announced …": an "it" that speaks is an organisation; "It is thought
    that …", "It seems …" name no one."""
    tokens = claim.sentence.tokens
    first = tokens[claim.span[0]] if claim.span else None
    return first is not None and tokens[first.head].lemma.lower() in REPORTING_VERBS


def _nearest(label: str, index: int, article: Sequence[SentenceRef]) -> str | None:
    """The subject of the sentence just before ``index``, when it is the one name of that kind
    there and, for a person, no one else is spoken of by a noun ("the manager", "her son"): a
    statement that opens with "He" most often goes on with the person the sentence before was
    about. ``None`` otherwise: no guess among several."""
    before = [s for s in article if s.index == index - 1]
    if not before:
        return None
    sentence = before[0]
    tokens = sentence.tokens
    root = next((i for i, t in enumerate(tokens) if t.dep == "ROOT"), None)
    if root is None:
        return None
    # the subject of the main verb, or of what a verb of saying reports ("X said Y had…": Y)
    verbs = [root, *(i for i, t in enumerate(tokens) if t.head == root and t.dep in {"ccomp", "conj"})]
    subjects = [i for i, t in enumerate(tokens) if t.head in verbs and t.dep in {"nsubj", "nsubjpass"}]
    named = {_short(e.text, label) for e in sentence.entities if e.label == label}
    if len(named) != 1:  # two people named: "he" may be either
        return None
    if label == PERSON and any(t.pos == "NOUN" and t.lemma.lower() in PEOPLE for t in tokens):
        return None  # "the store manager told Lt. Corina": "he" may be the manager
    subject = [
        e
        for e in sentence.entities
        if e.label == label and any(e.start <= tokens[i].start < e.end for i in subjects[:1])
    ]
    return next(iter(named)) if subject else None


def _short(name: str, label: str) -> str:
    """How an editor names someone in brackets: a person by surname, an organisation whole."""
    name = name.strip().removeprefix("the ").removeprefix("The ")
    if label != PERSON:
        return name
    words = [w for w in name.split() if w.lower() not in _SUFFIXES]
    return words[-1].removesuffix("’s").removesuffix("'s") if words else name
