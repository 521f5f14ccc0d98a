"""The language of an article: a declared code read, plain English told from its function
words, anything else left to py3langid."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .blocks import _text

# Language detection is trusted only with this much text and this much certainty.
LANGUAGE_MIN_WORDS = 20
LANGUAGE_MIN_PROBABILITY = 0.9
# Plain English is told from its function words, without loading py3langid (~0.5 s). Measured on
# the 227 Multi-News dev articles of 20 words or more and on German, French, Spanish, Dutch,
# Italian and Portuguese news (tests/languages/): the English markers are at least 6.6 % of an
# English article's words (median 18 %), 0 % of a foreign one's and under 10 % of one quoting an
# English sentence; English function words cover at least 75 % of an English article's short
# words (median 91 %) and at most 40 % of a foreign one's, English quotation included.
ENGLISH_MIN_MARKERS = 0.05
ENGLISH_MIN_SHORT_WORDS = 0.6
UNKNOWN_LANGUAGE = "und"  # ISO 639-2 "undetermined"


def language_code(value: Any) -> str | None:
    """A lower-case ISO 639 code from ``en``, ``EN``, ``en-GB`` or ``en_US``; ``None`` otherwise."""
    text = _text(value)
    if not text:
        return None
    code = re.split(r"[-_]", text.lower(), maxsplit=1)[0]
    if re.fullmatch(r"[a-z]{2,3}", code):
        return code
    return None


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float] | None:
    """The language of a text and the probability py3langid gives it; ``None`` for too little text.

    >>> detect_language("Die Regierung hat am Montag beschlossen, dass die Steuern im nächsten "
    ...                 "Jahr steigen werden, wie der Minister in Berlin sagte.")[0]
    'de'
    """
    sample = text[:5000]
    if len(sample.split()) < LANGUAGE_MIN_WORDS:
        return None
    code, probability = _language_identifier().classify(sample)
    return str(code), float(probability)


# Words of English and of no other language we meet in the news ("is", "was", "in", "of", "a",
# "die", "will", "also", "over", "had", "on", "at" and "to" are common in Dutch, German, French,
# Spanish or the Nordic languages, so they are not here).
_ENGLISH_MARKERS = frozenset(
    """the and that with which their would been have has from this were they them there what who
    about into than when where while could should these those because being said after other its
    our your she his""".split()  # noqa: SIM905 (a list of words reads best as words)
)
# Every short English function word, ambiguous ones included: the short words of English text
# are nearly all among them, those of other languages mostly not.
_ENGLISH_SHORT_WORDS = frozenset(
    """a i an as at be by do go he if in is it me my no of on or so to up us we all and any are but
    can did for had has her him his how its may new not now off one our out own per saw say see she
    the too two was who why yet you via ago get got let put set""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def english_short_words(text: str) -> tuple[int, float]:
    """How many words of three letters or fewer a text has, and the share of them that are
    English function words.

    >>> english_short_words("Thank you all, it was fun.")
    (5, 0.8)
    """
    short = [w for w in _WORD.findall(text.lower()) if len(w) <= 3]
    return len(short), (sum(w in _ENGLISH_SHORT_WORDS for w in short) / len(short) if short else 0.0)


def plainly_english(text: str) -> bool:
    """Whether a text is plainly English, told from its function words alone (py3langid not loaded).

    Both must hold over at least ``LANGUAGE_MIN_WORDS`` words: English markers ("the", "which",
    "would"…) make up ``ENGLISH_MIN_MARKERS`` of the words, and English function words make up
    ``ENGLISH_MIN_SHORT_WORDS`` of the words of three letters or fewer — a German or French
    article quoting an English sentence has the first but not the second.

    >>> plainly_english("The harbour was closed on Sunday after a storm damaged two piers, and the "
    ...                 "ferries that use it will stay in port until the repairs have been made.")
    True
    >>> plainly_english("Der Hafen wurde am Sonntag geschlossen, nachdem ein Sturm zwei Anleger "
    ...                 "beschädigt hatte; die Fähren bleiben bis zur Reparatur im Hafen.")
    False
    """
    sample = text[:5000]
    if len(sample.split()) < LANGUAGE_MIN_WORDS:
        return False
    words = _WORD.findall(sample.lower())
    short, covered = english_short_words(sample)
    if not words or not short:
        return False
    markers = sum(w in _ENGLISH_MARKERS for w in words) / len(words)
    return markers >= ENGLISH_MIN_MARKERS and covered >= ENGLISH_MIN_SHORT_WORDS


def detected_language(text: str) -> str | None:
    """The language of a text when detection is sure of it: plain English at once, else py3langid's."""
    if plainly_english(text):
        return "en"
    found = detect_language(text)
    return found[0] if found and found[1] >= LANGUAGE_MIN_PROBABILITY else None
