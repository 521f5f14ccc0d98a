"""The block of text every reader gives, and the spacing and line joining readers and cleaning share."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Block:
    """A run of article text as the page laid it out."""

    text: str
    heading: bool = False
    embedded: bool = False  # part of an embedded post (a tweet, an Instagram post…)
    item: bool = False  # an item of a list or a cell of a table
    link: bool = False  # all of it is the text of links (a menu, a list of other articles)


# The traces of an embedded post (a pic.twitter.com link, a "— Name (@handle)" signature).
_EMBED_TRACE = re.compile(r"pic\.twitter\.com/|^[—–-]\s*.*\(@\w+\)", re.I)


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join lines that a hard wrap split: the next line starts in lower case mid-sentence."""
    joined: list[str] = []
    for line in (normalise_space(line) for line in lines):
        if not line:
            continue
        if joined and _continues(joined[-1], line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _continues(previous: str, line: str) -> bool:
    return (
        line[0].islower()
        and not _ends_sentence(previous)
        and not previous.endswith(":")
        and not line.startswith(("http://", "https://"))
    )


# Characters that reorder or hide text (bidi embeddings, overrides and isolates, zero-width
# space, word joiner, byte order mark): never part of what an article says.
_HIDDEN = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u2060\ufeff"))


def normalise_space(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").translate(_HIDDEN)
    return re.sub(r"\s+", " ", text).strip()


# Quotation marks and brackets that may close a sentence after its final stop, in any script.
_CLOSERS = "\"'”’»«“‘›‹)]*_」』）】〕〉》"
# The marks that end a sentence: Latin, CJK and full-width forms, Devanagari and Bengali danda,
# Arabic and Urdu, Armenian, Ethiopic, Myanmar, Khmer, Tibetan.
SENTENCE_STOPS = frozenset(".!?…。！？｡．‼⁇⁈⁉।॥؟۔։።፧፨။។༎")


def _ends_sentence(text: str) -> bool:
    """Whether a paragraph ends as a sentence does, in whatever script it is written.

    >>> [_ends_sentence(t) for t in ("He said so.”", "子どもを守ります。", "আটক করেছে পুলিশ।", "Contents")]
    [True, True, True, False]
    """
    return text.rstrip(_CLOSERS + " ")[-1:] in SENTENCE_STOPS


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = normalise_space(str(value))
    return text or None
