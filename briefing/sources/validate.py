"""The checks every outlet, author and date found in a page, a feed or a removed line passes
before it is shown: a wrong value is worse than none, so whatever fails is left unknown.

- an outlet is a publication's name: the known-outlet table first, then the page's own name when
  it is one (not a copyright line, a word of the host, a tagline, a title or a feed label), else
  the domain;
- an author is a person or an agency, once the words around the name are cut ("By", "is a
  reporter", a weekday or month, "Updated", e-mail addresses, the outlet's own name);
- a date is this article's publication date: the page's metadata gives it (not a script's stamp
  or a guess from the text) and the page shows it close to the article, and it is not in the
  future.

>>> outlet_name("Copyright 2014", "https://example.com/a"), author_name("Phil Helsel is a reporter")
('example.com', 'Phil Helsel')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from .blocks import _text
from .clean import AGENCIES
from .metadata import HOST_WORDS, _name, is_iso_date, known_outlet, outlet_from_url, site_host

# --- outlets -------------------------------------------------------------------------------------

# Between a site's name and its tagline or a page's title: "Scinexx | Das Wissensmagazin".
_SEPARATOR = re.compile(r"\s+[-–—/~:]+\s+|\s*[|•·»«]+\s*|\s+::\s+")
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b|all rights reserved|alle rechte|\b(?:19|20)\d\d\b", re.I)
# What names a feed or a desk, not a publication: "DH News Service", "Web Desk".
_FEED_LABEL = re.compile(r"\b(?:news\s+service|news\s+desk|web\s+desk|online\s+desk|newsfeed)\b", re.I)
# A sentence or a title: a lower-case word ending in a full stop, colon or question mark.
_SENTENCE = re.compile(r"[a-zà-ÿ]{2,}[.?!:]\s+\S|\?$|\.\.\.|…")
_DECORATION = " :|•·»«-–—/\\~*☆★#_\"'"
# A publisher's legal form, left out of its name when the name is the site's: "Utopia GmbH".
_LEGAL_FORM = re.compile(
    r",?\s+(?:g?gmbh(?:\s*&\s*co\.?\s*kg)?|ag|inc\.?|ltd\.?|llc|s\.\s?[la]\.?|sp\.\s*z\s*o\.\s*o\..*)$", re.I
)
OUTLET_MAX_WORDS = 6


def outlet_name(value: Any, url: str | None = None, title: str | None = None) -> str | None:
    """The outlet to show for a page or feed that calls itself ``value``, found at ``url``.

    The known-outlet table wins; else the part of ``value`` that is a publication's name; else the
    domain. Copyright lines, host words, taglines, titles and news-service labels never pass.

    >>> outlet_name("Hosted", "http://hosted.ap.org/dynamic/stories/x")
    'Associated Press'
    >>> outlet_name("DH News Service", "https://www.deccanherald.com/national/x.html")
    'Deccan Herald'
    >>> outlet_name("Scinexx | Das Wissensmagazin", "https://www.scinexx.de/news/x")
    'Scinexx'
    >>> outlet_name("Achtsam durch die Krise | Die FURCHE", "https://www.furche.at/x")
    'Die FURCHE'
    >>> outlet_name("Ein Blog über alternative Lebensräume, ferne Länder und den dritten Lebensabschnitt")
    """
    return known_outlet(url) or site_name(value, site_host(url), title) or outlet_from_url(url)


def site_name(value: Any, host: str | None = None, title: str | None = None) -> str | None:
    """The publication's name in what a page calls its site, or ``None`` when it gives none."""
    text = _name(value, "outlet")
    if not text:
        return None
    parts = [p.lstrip(_DECORATION + ".").rstrip(_DECORATION) for p in _SEPARATOR.split(text)]
    parts = [_domain(p) or re.sub(r"\s*[|•·»«]\s*", " ", p) for p in parts if p]
    matching = [p for p in parts if host and _names_host(p, host)]
    if matching:
        name = _LEGAL_FORM.sub("", matching[0])
    elif len(parts) == 1 and not _LEGAL_FORM.search(parts[0]) and "," not in parts[0]:
        # not the site's own name: one word is a section or a title ("Start"), a company or a
        # place is the web agency's ("Fashionweb Kuster Gmbh, 5430 Wettingen")
        name = parts[0]
        if " " not in name and "." not in name:
            return None
    else:
        return None
    if title and len(name.split()) > 2 and name.casefold() in title.casefold():
        return None  # the article's title given as the site's name
    return name if _is_publication_name(name) else None


def page_title(title: Any, outlet: str | None, url: str | None, site: Any = None) -> str | None:
    """A page's title without the site's name the page adds after it: "Ultium Cells erhöht
    Gigafactory-Kapazität - Battery-News.de" is titled "Ultium Cells erhöht Gigafactory-Kapazität".
    A part after a separator goes when it is the outlet, the page's own site name (``site``), a
    domain, or the host spelt out.

    >>> page_title("Storm closes the harbour | Coastal News", "Coastal News", "https://coastal.example/a")
    'Storm closes the harbour'
    >>> page_title("Das neue E-MTB im Test – Newcomer mit Renn-Ambitionen", None, "https://ebike-mtb.com/a")
    'Das neue E-MTB im Test – Newcomer mit Renn-Ambitionen'
    """
    text = _name(title, "title")
    host = _fold(site_host(url) or "")
    names = {_fold(name) for name in (outlet, _text(site)) if name}
    while text and len(parts := _SEPARATOR.split(text)) > 1:
        last = parts[-1].strip(_DECORATION + ".")
        folded = _fold(last)
        if not folded or not (folded in names or _domain(last) or (len(folded) >= 3 and folded in host)):
            break
        head = re.sub(rf"(?:{_SEPARATOR.pattern})$", "", text[: text.rindex(parts[-1])]).strip()
        if len(head.split()) < 2:
            break
        text = head
    return text


def _is_publication_name(name: str) -> bool:
    words = name.split()
    return not (
        not words
        or len(words) > OUTLET_MAX_WORDS
        or name.casefold() in HOST_WORDS
        or _COPYRIGHT.search(name)
        or _FEED_LABEL.search(name)
        or _SENTENCE.search(name)
        or re.search(r"@|^https?|^www\.|_|,.*,|^\d+\.\s", name, re.I)
        or not any(c.isalpha() for c in name)
    )


def _domain(text: str) -> str | None:
    """The domain a part names ("http://www.tafelblog.com", "www.leichtathletik.de"), if it is one."""
    match = re.fullmatch(r"(?:https?://)?(?:www\.)?((?:[\w-]+\.)+[a-z]{2,})/?", text, re.I)
    return match.group(1).lower() if match else None


def _fold(text: str) -> str:
    """Letters and digits only, lower case, without accents: "Die FURCHE" → "diefurche"."""
    text = text.casefold().replace("ß", "ss")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text)


def _names_host(name: str, host: str) -> bool:
    """Whether a name is the one the host spells: "Die FURCHE" and furche.at, "DealDoktor"
    and dealdoktor.de, "Neue Zürcher Zeitung" and nzz.ch.

    >>> _names_host("Die FURCHE", "furche.at"), _names_host("Start", "kleinegruenemonster.wordpress.com")
    (True, False)
    """
    labels = [label for label in host.split(".")[:-1] if label not in HOST_WORDS]
    spelt = _fold("".join(labels))
    folded = _fold(name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))
    plain = _fold(name)
    if not spelt or not plain:
        return False
    words = [_fold(w) for w in re.split(r"[\s\-.&+]+", name)]
    initials = "".join(w[0] for w in words if w)
    return (
        any(
            len(candidate) >= 3 and (candidate in spelt or spelt in candidate)
            for candidate in (plain, folded)
        )
        or any(len(w) >= 4 and w in spelt for w in words)
        or (len(initials) >= 2 and initials in {_fold(label) for label in labels})
    )


# --- authors -------------------------------------------------------------------------------------

# What stands before a name in a byline: "By", "Von", "Par", "Text:", "Artikel von"…
_AUTHOR_PREFIX = re.compile(
    r"^(?:(?:written|posted|reported|text|texte|story|words|interview|fotos?|photos?|artikel|beitrag|"
    r"ein\s+beitrag|zum\s+profil|un\s+documentaire|autor(?:in)?|author|auteur|redaktion)\b[\s:]*)*"
    r"(?:(?:by|von|vom|par|por|de|di)\b[\s:]+)?",
    re.I,
)
_WEEKDAYS_MONTHS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|"
    "freitag|samstag|sonntag|january|february|march|april|may|june|july|august|september|october|"
    "november|december|januar|februar|märz|juni|juli|oktober|dezember|jan|feb|mar|apr|jun|jul|aug|"
    "sep|sept|oct|nov|dec"
)
# What follows a name: a date, a job description, "Updated", a place or outlet after "for"/"from"…
_AUTHOR_TAIL = re.compile(
    rf"\s+(?:(?:{_WEEKDAYS_MONTHS})\b\.?|\d.*|\((?!\w+\)$).*|"
    r"(?:is|was|has|ist|war|est|es|hat)\s.*|(?:says|said|writes|schreibt|im\s+gespräch)\b.*|"
    r"(?:for|für|pour|para|from|at|bei|aus|in|im)\s.*|"
    r"(?:updated|aktualisiert|stand|published|veröffentlicht|vor|staff|shares?|tiempo\s+de\s+lectura|"
    r"hora\s+de\s+publicaci[oó]n|ph\.?\s?d\.?|m\.?d\.?|mba)\b.*)$",
    re.I,
)
_AUTHOR_JOIN = re.compile(r"\s*(?:[;,&/|+]|\s(?:and|und|et|y|e|with|mit)\s)\s*", re.I)
_EMAIL_OR_URL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
# Words that name an organisation, a desk or a role, never a person.
_ORGANISATION = re.compile(
    r"\b(?:gmbh|ag|e\.?\s?v|verlag|media|médias?|redaktion|redacci[oó]n|r[ée]daction|editorial|editors?|"
    r"team|staff|desk|newsroom|online|magazin[e]?|zeitung|news|noticias|nachrichten|blog|stiftung|"
    r"verband|institut[e]?|ministerium|bundesministerium|department|inc|ltd|llc|corp(?:oration)?|"
    r"s\.?\s?[al]\.?|agencies|agencias|agenturen|press|presse|service|kitchens?|group|gruppe|"
    r"university|universität|office|bureau|club|partei|sport|global|solutions|nast|eg|"
    r"germany|deutschland|schweiz|österreich|austria|people|leute|kundin|customer|client)\b"
    r"|\w*(?:verband|anstalt|fraktion|institut|ministerium|stiftung|verein|kreuz|zeitung|magazin|bund)\b",
    re.I,
)
# Values a page gives where it has no author.
_PLACEHOLDER = re.compile(
    r"^(?:admin(?:istrator)?|name|unknown|anonym(?:ous)?|anónimo|guest|gast|user|super\s+user|"
    r"wordpressadmin|no\s+author|follow|datum|unbenannt|editor|author|autor|human|none|null)$",
    re.I,
)
# Agencies credited as the author of wire copy, besides those of datelines.
NEWS_AGENCIES = AGENCIES | {
    "Associated Press",
    "Agence France-Presse",
    "APA",
    "KNA",
    "epd",
    "SDA",
    "Keystone-SDA",
    "Kathpress",
    "JIJI",
    "Jiji",
    "PA",
    "PA Media",
    "AAP",
    "ANP",
    "Belga",
    "Lusa",
    "Europa Press",
}
_PARTICLES = frozenset(
    [
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "du",
        "des",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "zu",
        "ten",
        "ter",
        "st.",
        "mc",
    ]
)
# Words of a sentence that no name holds, however they are capitalised ("Has Worked As A …").
_NOT_NAME_WORDS = frozenset(
    [
        "has",
        "as",
        "the",
        "is",
        "was",
        "on",
        "at",
        "of",
        "for",
        "to",
        "and",
        "or",
        "this",
        "that",
        "with",
        "our",
        "your",
        "und",
        "mit",
        "ist",
        "im",
        "am",
        "ein",
        "eine",
        "about",
        "more",
        "new",
        "how",
        "what",
        "why",
    ]
)
AUTHOR_MAX_WORDS = 5
AUTHOR_MAX_NAMES = 4


def author_name(
    value: Any, outlet: str | None = None, url: str | None = None, site: str | None = None
) -> str | None:
    """The people or agencies a byline names, the words around them cut; ``None`` if none is left.

    A part that names the outlet itself (or ``site``, the name the page gives its site even
    when it is not shown as the outlet), an organisation, a place-like single word or a
    placeholder ("Admin") is left out; any other part that is no name makes the whole byline
    unknown (the page's author field held something else).

    >>> author_name("Malcolm Owen Monday; November"), author_name("CBS News February", "CBS News")
    ('Malcolm Owen', None)
    >>> author_name("Rob Picheta; CNN", "CNN"), author_name("Jane Roe with AP")
    ('Rob Picheta', 'Jane Roe with AP')
    >>> author_name("Glen Owen And Brendan Carlin For The Mail On Sunday")
    'Glen Owen, Brendan Carlin'
    >>> author_name("Hecho en Bolivia con Drupal por Smartica") is None
    True
    """
    text = _name(value, "author")
    if not text:
        return None
    text = _EMAIL_OR_URL.sub(" ", text)
    parts = [p for p in _AUTHOR_JOIN.split(text) if p.strip()]
    names: list[str] = []
    host = site_host(url)
    for part in parts:
        name = _person_or_agency(part, outlet, host)
        if name and site and _fold(name) in _fold(site):
            name = None
        if name is False:
            return None
        if name:
            names.append(name)
    if not names or len(names) > AUTHOR_MAX_NAMES:
        return None  # a list of many names is a page's staff or contributors, not a byline
    if names == [normalise(p) for p in parts]:
        return normalise(text)  # every part is a name: keep the byline's own joining words
    return ", ".join(dict.fromkeys(names))


def normalise(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:-–—\"'“”‘’")


def _person_or_agency(part: str, outlet: str | None, host: str | None) -> str | bool | None:
    """A part of a byline as a name; ``None`` to leave it out, ``False`` if it is no name at all."""
    name = normalise(part)
    if outlet and _fold(name) == _fold(outlet):
        return None  # the outlet credits itself: "Rob Picheta; CNN" at CNN
    if name in NEWS_AGENCIES:
        return name
    name = normalise(_AUTHOR_PREFIX.sub("", name))
    for _ in range(3):  # "Adam Aaronson PhillyVoice Staff": each tail cut in turn
        name = normalise(_AUTHOR_TAIL.sub("", name))
    if not name or _PLACEHOLDER.match(name) or name in NEWS_AGENCIES:
        return name if name in NEWS_AGENCIES else None
    words = name.split()
    if outlet and _fold(name) == _fold(outlet):
        return None
    if host and (_names_host(name, host) and (len(words) == 1 or _fold(name) in _fold(host))):
        return None
    if (outlet and _fold(outlet) in _fold(name)) or _ORGANISATION.search(name):
        return None
    if re.search(r"\b(?:com|net|org|de|at|ch|eu|info|it|fr)$", name, re.I):
        return None  # a domain whose dots were lost: "Tagesschau De"
    if len(words) == 1:
        return None  # a first name, a user name or a place: not enough to name someone
    if len(words) > AUTHOR_MAX_WORDS or not all(_name_word(w) for w in words):
        return False
    return name


def _name_word(word: str) -> bool:
    """A word of a person's name: capitalised (or a particle such as "von"), letters only."""
    if word.casefold() in _PARTICLES:
        return True
    if word.casefold() in _NOT_NAME_WORDS:
        return False
    core = word.strip(".'’")
    return bool(core) and core[0].isupper() and all(c.isalpha() or c in "-'’." for c in core)


# --- dates ---------------------------------------------------------------------------------------

_META_DATE_KEY = re.compile(
    r"publish|pubdate|created|issued|release|^date$|dc\.date|^article:published", re.I
)
_NOT_PUBLISHED = re.compile(r"modif|updat|expir|revis|build|last", re.I)
_LD_DATE = re.compile(r'"(?:datePublished|dateCreated|uploadDate)"\s*:\s*"(\d{4}-\d\d-\d\d)')
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|[^\d])")
_MONTH_NAMES = {
    1: "jan ene gen stycz",
    2: "feb fév fev lut",
    3: "mar mär mrz",
    4: "apr avr abr kwie",
    5: "may mai mag maio mayo maj",
    6: "jun juin giu czerw",
    7: "jul juil lug lip",
    8: "aug août ago sierp",
    9: "sep set wrz",
    10: "oct okt ott out paź",
    11: "nov lis",
    12: "dec dez déc dic gru",
}
FUTURE_TOLERANCE = timedelta(days=1)  # a page dated in a time zone ahead of the build's
EARLIEST_YEAR = 1900  # before the first news site: a typo in the year


def out_of_range(day: date, today: date | None = None) -> str | None:
    """Why a day can be no article's publication day (``before 1900``, ``in the future``), or ``None``.

    >>> out_of_range(date(1850, 1, 1)), out_of_range(date(2025, 1, 3), date(2025, 1, 1))
    ('before 1900', 'in the future')
    """
    if day.year < EARLIEST_YEAR:
        return f"before {EARLIEST_YEAR}"
    if day > (today or date.today()) + FUTURE_TOLERANCE:
        return "in the future"
    return None


def publication_date(value: Any, today: date | None = None) -> str | None:
    """An ISO date that can be an article's publication date: a real day, not in the future.

    >>> publication_date("2025-01-11T08:00:00+00:00", date(2025, 2, 1)), publication_date("2031-01-01")
    ('2025-01-11T08:00:00+00:00', None)
    """
    if not isinstance(value, str) or not is_iso_date(value.strip()):
        return None
    value = value.strip()
    return None if out_of_range(datetime.fromisoformat(value).date(), today) else value


@dataclass(frozen=True, slots=True)
class PageText:
    """What a saved page shows a reader (its visible text, folded for comparison) and the
    publication days its metadata gives: what its author and date are checked against."""

    visible: str
    days: frozenset[str]
    # the visible text with what names someone else (:data:`_OTHERS`) masked letter for letter
    bylines: str = ""

    @classmethod
    def of(cls, source: str, url: str | None = None) -> PageText:
        try:
            from lxml import html

            tree = html.fromstring(source.encode("utf-8", "replace"))
        except (ValueError, TypeError, html.etree.ParserError):
            return cls("", frozenset())
        days = frozenset(_structured_days(tree, url))
        for element in tree.xpath(_UNSEEN):
            element.drop_tree()
        visible = " ".join(" ".join(tree.itertext()).split())
        host = site_host(url)
        for element in tree.xpath(_OTHERS):
            if element.tag == "a" and not _other_site(element, host):
                continue
            for node in element.iter():
                node.text = _masked(node.text)
                if node is not element:
                    node.tail = _masked(node.tail)
        return cls(visible, days, " ".join(" ".join(tree.itertext()).split()))

    def near(self, first: str = "", last: str = "") -> str:
        """The visible text from :data:`BYLINE_BEFORE` letters before the article's ``first``
        paragraph to :data:`BYLINE_AFTER` after its ``last`` (all of it, when they are not found)."""
        head, tail = " ".join(first.split())[:40], " ".join(last.split())[-40:]
        start, end = self.visible.find(head), self.visible.rfind(tail)
        if not (head and tail and start >= 0 and end >= 0):
            return self.visible
        return self.visible[max(0, start - BYLINE_BEFORE) : end + len(tail) + BYLINE_AFTER]

    def shows(self, name: str, first: str = "", last: str = "") -> bool:
        """Whether the page shows each name of a byline: a name only in its metadata (or in an
        element the page hides) may be the account that uploaded the page, not the author.

        Given the article's ``first`` and ``last`` paragraphs, the name must stand close to the
        article: from :data:`BYLINE_BEFORE` letters before its start to :data:`BYLINE_AFTER`
        after its end, not in a teaser of another article or a comment further away.
        """
        text = _fold(_NOT_BYLINES.sub(" ", self.visible))
        masked = _fold(_NOT_BYLINES.sub(" ", self.bylines or self.visible))
        start, end = text.find(_fold(first)[:40]), text.rfind(_fold(last)[-40:])
        if first and last and start >= 0 and end >= 0:
            masked = masked[max(0, start - BYLINE_BEFORE) : end + len(_fold(last)[-40:]) + BYLINE_AFTER]
        return all(_fold(part) in masked for part in _AUTHOR_JOIN.split(name) if part.strip())


# Text near which a name is no byline: a copyright line ("Copyright © 2020 by Paul Sippel"), and
# the few words before a machine's time stamp ("Lutz Molter 2021-12-14T12:38:19+01:00", a theme's
# hidden author card shown as text).
_NOT_BYLINES = re.compile(
    r"(?:\bcopyright\s*)?(?:©|\(c\)|\bcopyright\b)\s*(?:\S{1,3}\s+(?=\d))?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?\S+(?:\s+\S+)?"
    r"|(?:\S+\s+){1,4}\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?(?:[+-]\d\d:?\d\d|Z)?",
    re.I,
)
# What a reader does not see: scripts, styles, the document head, and what the page hides.
_UNSEEN = (
    "//script|//style|//noscript|//template|//head|//*[@hidden]|//*[@aria-hidden='true']"
    "|//*[contains(translate(@style, ' ', ''), 'display:none')]"
    "|//*[contains(translate(@style, ' ', ''), 'visibility:hidden')]"
)
# What names someone other than the article's author: the publisher in the page's microdata, and
# links to other sites (a blogroll of the site owners' own sites).
_OTHERS = "//*[@itemprop='publisher']|//a[@href]"
_AUTHOR_LINK = re.compile(r"/(?:authors?|autor(?:en|in)?|auteurs?|profiles?|profil|people|journalist)", re.I)


def _other_site(link: Any, host: str | None) -> bool:
    """Whether a link goes to another site, and not to an author's page there (a sister site's
    author page, a profile at Blogger, ``rel="author"``)."""
    other = site_host(link.get("href"))
    if not host or not other or other.split(".")[-2:] == host.split(".")[-2:]:
        return False
    return "author" not in (link.get("rel") or "").split() and not _AUTHOR_LINK.search(link.get("href"))


def _masked(text: str | None) -> str | None:
    """A text with each letter and figure masked, as long as it is once folded (see :func:`_fold`)."""
    return text and "".join("x" * len(_fold(c)) if c.isalnum() else c for c in text)


# How far from the article's text a byline may stand (letters and figures of the visible text).
BYLINE_BEFORE = 800
BYLINE_AFTER = 300


def page_author(
    value: Any,
    outlet: str | None,
    url: str | None,
    page: PageText,
    site: str | None = None,
    article: tuple[str, str] = ("", ""),
) -> str | None:
    """The author a saved page names (see :func:`author_name`), when the page shows the name
    close to the ``article``'s (first, last) paragraphs, and not as one of more names there
    ("von Rudolf Fischer, Simon Kohler" where the metadata names only the first: the credit
    leaves someone out)."""
    author = author_name(value, outlet, url, site)
    if not author or not page.shows(author, *article):
        return None
    names = _BYLINE_JOIN.join(
        re.escape(normalise(part)) for part in _AUTHOR_JOIN.split(author) if part.strip()
    )
    for match in re.finditer(rf"{_BYLINE_WORD}{names}{_CO_AUTHOR}", page.near(*article)):
        other = match.group("other")
        if not _JOB.search(other) and author_name(other, outlet, url, site):
            return None
    return author


# Words of a job description after a name ("Alex Durán, AMP Project Marketing"), not a co-author's.
_JOB = re.compile(
    r"\b(?:\w*(?:marketing|editor|redakteur|coach|manager|direct|reporter|correspondent|korrespondent|"
    r"writer|journalist|producer|officer|president|founder|gründer|engineer|designer|trainer|"
    r"berater|consultant|analyst|professor|project|projekt|student|leiter|chef))\w*\b",
    re.I,
)
# What opens a byline: "By", "von", "par", "Words:", "Text:"…
_BYLINE_WORD = r"\b(?:by|von|par|por|di|door|words|text|texte|autor(?:in)?|author)\s*:?\s+"
# What joins two names in a byline, and what follows a name when a byline names one more person:
# a joining word and a first and last name.
_BYLINE_JOIN = r"\s*(?:,|&|/|\s(?:and|und|et|y|e)\s)\s*"
_CO_AUTHOR = rf"{_BYLINE_JOIN}(?P<other>[A-ZÀ-Þ][\w'’.-]+\s+[A-ZÀ-Þ][\w'’-]+)\b"


def page_date(value: Any, page: PageText, article: tuple[str, str] = ("", "")) -> str | None:
    """The date a saved page was published, when its metadata gives it and it shows it.

    ``value`` is the date trafilatura found; it is kept only when the page's structured metadata
    (meta tags, JSON-LD, ``<time datetime>``, the URL's path) gives the same day and the page's
    visible text shows that day close to the ``article`` (its first and last paragraphs; see
    :meth:`PageText.near`): a date from a script's build stamp, from a cited source in the text
    or from a list of other articles fails, and so does a software version's day, or the day of
    the last change where the page calls another day its publication's. A day before or after
    shown there too leaves the day in doubt; one further away (a comment, a teaser) does not.
    """
    published = publication_date(value)
    near = _VERSION.sub(" ", page.near(*article))
    if not published or published[:10] not in page.days or not shows_day(near, published[:10]):
        return None
    day = date.fromisoformat(published[:10])
    labelled = " ".join(_PUBLISHED.findall(near))  # "Erschienen am: 13.10.2021"
    if (
        re.search(r"\d", labelled)
        and not shows_day(labelled, published[:10])
        and not shows_day(_UPDATED.sub(" ", near), published[:10])
    ):
        return None  # shown only as the day of the last change, and the page says when it was published
    for offset in range(-NEARBY_DAYS, NEARBY_DAYS + 1):
        other = (day + timedelta(days=offset)).isoformat()
        if offset and shows_day(near, other):
            return None  # first published, updated, or the day in another time zone: which one?
    return published


# A date shown as the day of the last change ("Zuletzt geändert am: 15.10.2021", "Updated Jan. 3,
# 2024"): not the day the article was published.
_LABELLED_DAY = r"\b(?:\s+(?:am|on|le|el|il))?\s*:?\s*[^\s]+(?:\s+[^\s]+){0,3}"  # "… am: 13.10.2021"
_UPDATED = re.compile(
    r"(?:zuletzt\s+(?:geändert|aktualisiert|bearbeitet)|geändert|aktualisiert|updated|"
    r"last\s+(?:modified|updated|changed|edited)|modified|mis\s+à\s+jour|actualizad[oa]|"
    rf"aggiornat[oa]){_LABELLED_DAY}",
    re.I,
)
# The date of a software version ("Version: 9.04 - vom 12.02.2020"), not of the page's text.
_VERSION = re.compile(
    r"\b(?:version|release)\s*:?\s*v?\d[\w.]*\s*(?:[-–(]\s*)?(?:vom|from|of|du|del|dated)?\s*[^\s]+", re.I
)
# A date shown as the day of publication ("Erschienen am: 13.10.2021").
_PUBLISHED = re.compile(
    rf"(?:erschienen|veröffentlicht|published|posted|publié|publicado|pubblicato){_LABELLED_DAY}", re.I
)
# A page that shows another day this close to its metadata's (an update, a time zone's midnight,
# a second article) leaves its publication day in doubt.
NEARBY_DAYS = 1


def _structured_days(tree: Any, url: str | None) -> set[str]:
    """The publication days a page's metadata gives (modification dates, and the dates of its
    comments and reviews, left out)."""
    days = set()
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        if _META_DATE_KEY.search(key) and not _NOT_PUBLISHED.search(key) and not _in_reaction(meta):
            days.add((meta.get("content") or "").strip()[:10])
    for element in tree.xpath('//*[@itemprop="datePublished" or @itemprop="dateCreated"]|//time[@datetime]'):
        if not _in_reaction(element) and not _in_teaser(element):
            days.add((element.get("content") or element.get("datetime") or "").strip()[:10])
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        days.update(_LD_DATE.findall(script.text or ""))
    for page_url in (url, *tree.xpath('//link[@rel="canonical"]/@href')):
        if page_url and (match := _URL_DATE.search(urlsplit(page_url).path + "/")):
            days.add("-".join(match.groups()))
    return {d for d in days if re.fullmatch(r"\d{4}-\d\d-\d\d", d)}


# Containers of what readers add under an article (comments, replies, reviews), by a word of
# their class or id or by their schema.org type: their dates are not the article's.
_REACTION_WORDS = frozenset({"comment", "comments", "reply", "replies", "review", "reviews", "respond"})
_REACTION_TYPE = re.compile(r"/(?:Comment|Review)$")


def _in_reaction(element: Any) -> bool:
    """Whether an element stands in a comment, a reply or a review."""
    for node in element.iterancestors():
        words = re.split(r"[\s_-]+", f"{node.get('class', '')} {node.get('id', '')}".lower())
        if _REACTION_WORDS.intersection(words) or _REACTION_TYPE.search(node.get("itemtype", "")):
            return True
    return False


def _in_teaser(element: Any) -> bool:
    """Whether an element stands in a list item that links to another page: an entry of a list
    of other articles ("28.06.2022 09:28 Zu billig, um wahr zu sein")."""
    item = next(element.iterancestors("li"), None)
    return item is not None and any(
        (href := link.get("href", "").strip()) and not href.startswith("#") for link in item.iter("a")
    )


def shows_day(text: str, day: str) -> bool:
    """Whether a text shows the given ISO day, in figures or with the month's name.

    >>> shows_day("Stand: 19.02.2020, 18:37 Uhr", "2020-02-19"), shows_day("3 de mayo de 2022", "2022-05-03")
    (True, True)
    >>> shows_day("Published Feb. 19, 2020", "2020-02-18")
    False
    """
    year, month, dom = int(day[:4]), int(day[5:7]), int(day[8:10])
    names = "|".join(re.escape(n) for n in _MONTH_NAMES[month].split())
    patterns = (
        rf"\b0?{dom}\s*[./]\s*0?{month}\s*[./]\s*(?:{year}|{year % 100:02})\b",
        rf"\b{year}\s*[-/.]\s*0?{month}\s*[-/.]\s*0?{dom}\b",
        rf"\b0?{month}/0?{dom}/(?:{year}|{year % 100:02})\b",
        rf"\b0?{dom}(?:\.|er|º|st|nd|rd|th)?\s*(?:de\s+)?(?:{names})\w*\.?,?\s*(?:de\s+)?{year}\b",
        rf"\b(?:{names})\w*\.?\s+0?{dom}(?:st|nd|rd|th)?,?\s+{year}\b",
    )
    return any(re.search(pattern, text, re.I) for pattern in patterns)
