"""Quotations with their speakers, verbatim in every outlet credited with them.

A quotation is words between quotation marks in a source sentence; its speaker is the subject
of the speech verb outside the marks ("…,” Zelensky wrote), a pronoun resolved to the last
person or organisation named before it. A quotation whose speaker cannot be found is left out:
a quote is never shown without who said it, nor credited to an outlet whose text differs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from .claims import dependents, subtree
from .models import Evidence, Quote, SentenceRef, Token

SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "write",
        "add",
        "state",
        "announce",
        "claim",
        "declare",
        "insist",
        "warn",
        "post",
        "assert",
    }
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_QUOTE = re.compile(r"“([^”]{10,}?)”|\"([^\"]{10,}?)\"")
MIN_WORDS = 4


def normalise_quote(text: str) -> str:
    """Quote text for comparison: one kind of apostrophe, no case, single spaces."""
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split()).strip(" ,.")


def story_quotes(
    sentences: Sequence[SentenceRef], limit: int = 8, on_topic: Callable[[SentenceRef], bool] = lambda s: True
) -> tuple[Quote, ...]:
    """The quotations of a story, the most widely carried first; off-topic sentences give none."""
    found: dict[str, tuple[str, str, list[SentenceRef]]] = {}
    order: list[str] = []
    previous: dict[str, list[SentenceRef]] = {}
    for sentence in sentences:
        history = previous.setdefault(sentence.article_id, [])
        for match in _QUOTE.finditer(sentence.text if on_topic(sentence) else ""):
            text = (match.group(1) or match.group(2)).strip().rstrip(",")
            if len(text.split()) < MIN_WORDS:
                continue
            speaker = speaker_of(sentence, match.start(), match.end(), history)
            if speaker is None:
                continue
            key = normalise_quote(text)
            if key not in found:
                found[key] = (text, speaker, [])
                order.append(key)
            if all(s.article_id != sentence.article_id for s in found[key][2]):
                found[key][2].append(sentence)
        history.append(sentence)
    # an outlet carries a quote if its own text holds the same words, marked or not
    for key, (_, _, cited) in found.items():
        for sentence in sentences:
            if all(s.article_id != sentence.article_id for s in cited) and key in normalise_quote(
                sentence.text
            ):
                cited.append(sentence)
    # the most widely carried first; then the voices the story quotes most
    voices = Counter(found[k][1] for k in order)
    ranked = sorted(order, key=lambda k: (-len(found[k][2]), -voices[found[k][1]], order.index(k)))[:limit]
    return tuple(
        Quote(
            text=found[k][0],
            speaker=found[k][1],
            sources=tuple(dict.fromkeys(s.article_id for s in found[k][2])),
            evidence=tuple(Evidence(s.article_id, s.index, s.text, s.start, s.end) for s in found[k][2]),
        )
        for k in ranked
    )


def speaker_of(sentence: SentenceRef, start: int, end: int, history: Sequence[SentenceRef]) -> str | None:
    """Who says the words between ``start`` and ``end`` (offsets in the sentence text)."""
    tokens = sentence.tokens
    base = sentence.start
    outside = [i for i, t in enumerate(tokens) if not start <= t.start - base < end]
    for i in outside:
        token = tokens[i]
        if token.pos != "VERB" or token.lemma.lower() not in SPEECH_VERBS:
            continue
        subject = next(
            (c for c in outside if tokens[c].head == i and tokens[c].dep in {"nsubj", "nsubjpass"}), None
        )
        if subject is not None:
            return _name(tokens, subject, sentence, history)
    words = [t.text.lower() for t in tokens]
    for i in range(len(tokens) - 2):
        if words[i : i + 2] == ["according", "to"] and i in outside:
            return _phrase(
                tokens,
                [j for j in range(i + 2, len(tokens)) if tokens[j].head in range(i + 1, len(tokens))][:4],
            )
    return None


def _name(
    tokens: Sequence[Token], subject: int, sentence: SentenceRef, history: Sequence[SentenceRef]
) -> str | None:
    pronoun = tokens[subject].text.lower()
    if pronoun in _PRONOUNS:
        # "he"/"she" is the last person named before, "it"/"they" the last organisation
        wanted = {"PERSON"} if pronoun in {"he", "she", "i"} else {"ORG", "NORP", "GPE"}
        before = [
            e for e in sentence.entities if e.start < sentence.start + tokens[subject].start - sentence.start
        ]
        for earlier in [before, *(s.entities for s in reversed(history[-3:]))]:
            named = [e.text for e in earlier if e.label in wanted]
            if named:
                return named[-1]
        return None
    span = subtree(subject, dependents(tokens))
    # "Ukrainian President Volodymyr Zelensky", "an SBU spokesman": the subject without clauses
    span = [
        i
        for i in span
        if tokens[i].dep not in {"relcl", "acl", "punct", "appos", "prep", "pobj"} or i == subject
    ]
    return _phrase(tokens, span[-6:])


def _phrase(tokens: Sequence[Token], indices: Sequence[int]) -> str | None:
    words = [tokens[i] for i in sorted(indices)]
    # "the SBU" is the SBU; "the statement" stays the statement
    while len(words) > 1 and words[0].lower_text in {"the", "a", "an"} and words[1].pos == "PROPN":
        words = words[1:]
    text = "".join(t.text + (" " if t.ws else "") for t in words).strip(" ,")
    return text[:1].upper() + text[1:] if text else None
