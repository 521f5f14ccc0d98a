"""What kind of source an article is, when it is not an outlet's report: a ``post`` on a social
platform, or a ``statement`` in the words of the person or body the story is about.

Told only from evidence that holds beyond the data it was checked on: the address of a post on
a social platform; a press release's "For immediate release" line; a short text that speaks in
the first person and reports no one else's words. A short news brief, written in the third
person, is never labelled: a wrong label would misinform a reader more than none.

>>> source_kind("Our thoughts are with the families tonight. We thank the crews.", None, "en")
'statement'
>>> source_kind("Ferries were cancelled after the storm, the harbour master said.", None, "en") is None
True
>>> source_kind("Ferries were cancelled.", "https://x.com/harbourmaster/status/1879", "en")
'post'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice

from .clean import _SENTENCE_END, word_count
from .language import ENGLISH_MIN_SHORT_WORDS, UNKNOWN_LANGUAGE, english_short_words

# The labels a source may carry, and the front matter value that says it is an outlet's report.
SOURCE_KINDS = ("post", "statement")
REPORT = "article"

# The address of one post (not of a profile or a site) on a social platform.
_POST_URL = re.compile(
    r"""^https?://(?:[\w-]+\.)*(?:
        (?:twitter|x)\.com/\w{1,15}/status(?:es)?/\d+
        |facebook\.com/(?:[\w.-]+/posts/|permalink\.php\?|story\.php\?|share/p/)
        |instagram\.com/(?:[\w.]+/)?(?:p|reel)/[\w-]+
        |tiktok\.com/@[\w.-]+/video/\d+
        |youtube\.com/(?:post/[\w-]+|channel/[\w-]+/community\?(?:.*&)?lb=)
        |threads\.(?:net|com)/@[\w.]+/post/[\w-]+
        |bsky\.app/profile/[\w.:-]+/post/\w+
        |truthsocial\.com/@\w+/(?:posts/)?\d+
        |linkedin\.com/(?:posts/|feed/update/)
    )""",
    re.I | re.X,
)
# A press release's own opening line ("FOR IMMEDIATE RELEASE", "For Immediate Release:").
_RELEASE = re.compile(r"^for\s+immediate\s+release\b", re.I)
RELEASE_LINES = 5  # it stands above the release's text, among its first lines

# Longest text that is labelled a statement by its wording alone. Among the 243 articles of the
# Multi-News evaluation clusters, the posts and statements in the first person have 23 to 34
# words after cleaning, the shortest outlet's report 85 and the shortest column or blog in the
# first person 170 (tests/data/short_sources.json).
STATEMENT_MAX_WORDS = 80
# Words of the first person: "I" only in capitals and "us" only in lower case ("US" is a country).
_FIRST_PERSON = re.compile(
    r"(?<![\w’'.-])(?:I|(?i:i[’']m|i[’']ve|i[’']ll|i[’']d|me|my|mine|myself|we|we[’']re|we[’']ve"
    r"|we[’']ll|we[’']d|our|ours|ourselves|let[’']s)|us)(?![\w’'-])"
)
# Words that report what someone else said: a statement speaks for itself.
_REPORTING = re.compile(r"\b(?:said|says|told|according\s+to|reported(?:ly)?)\b", re.I)
# A quotation: someone else's words inside the text ("…," he said), never its own voice.
_QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]")


def source_kind(text: str, url: str | None, language: str, lines: Iterable[str] = ()) -> str | None:
    """``post``, ``statement`` or ``None`` (an outlet's report, or not known) for a cleaned text,
    the article's URL, its language and the first lines of its page before cleaning."""
    if url and _POST_URL.match(url):
        return "post"
    if any(_RELEASE.match(line.strip()) for line in islice(lines, RELEASE_LINES)):
        return "statement"
    if _english(text, language) and speaks_for_itself(text):
        return "statement"
    return None


ENGLISH_MIN_SHORT = 4  # short words to tell English by in a text too short for the language to be told


def _english(text: str, language: str) -> bool:
    """Whether the text is English: its language, else (too short to be told) its short words.

    >>> _english("Thank you all, it was fun.", "und"), _english("Me siento orgulloso de mi equipo.", "und")
    (True, False)
    """
    if language != UNKNOWN_LANGUAGE:
        return language == "en"
    short, covered = english_short_words(text)
    return short >= ENGLISH_MIN_SHORT and covered >= ENGLISH_MIN_SHORT_WORDS


def speaks_for_itself(text: str) -> bool:
    """A short text whose first sentence, outside quotation marks, is in the first person, and
    which reports no one else's words.

    >>> speaks_for_itself("I am stepping down as coach. It has been an honour to lead this team.")
    True
    >>> speaks_for_itself("“We are heartbroken,” the family said in a statement on Sunday.")
    False
    >>> speaks_for_itself("The US will send aid, officials told reporters.")
    False
    """
    if word_count(text) > STATEMENT_MAX_WORDS:
        return False
    own = _QUOTATION.sub(" ", text)
    if _REPORTING.search(own):
        return False
    end = _SENTENCE_END.search(own)
    first = own[: end.end()] if end else own
    return bool(_FIRST_PERSON.search(first))
