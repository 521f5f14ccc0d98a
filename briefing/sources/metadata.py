"""Article metadata as shown on the pages: the length of each field, titles, outlets and
authors as visible text, dates, safe URLs and the outlet a URL's domain names."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from ..models import visible
from ..render import URL_SAFE
from .blocks import _text, normalise_space

# The longest value each front matter key may have, in characters.
FIELD_LIMITS = {
    "title": 400,
    "outlet": 120,
    "url": 2000,
    "published": 40,
    "author": 300,
    "language": 20,
    "story": 100,
}


# Well-known news domains; any other domain is shown as the domain itself.
OUTLETS_BY_DOMAIN = {
    "abc.net.au": "ABC News (Australia)",
    "abcnews.go.com": "ABC News",
    "aljazeera.com": "Al Jazeera",
    "ap.org": "Associated Press",
    "apnews.com": "Associated Press",
    "axios.com": "Axios",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "bloomberg.com": "Bloomberg",
    "cbc.ca": "CBC News",
    "cbsnews.com": "CBS News",
    "cnbc.com": "CNBC",
    "cnn.com": "CNN",
    "deccanherald.com": "Deccan Herald",
    "dw.com": "Deutsche Welle",
    "economist.com": "The Economist",
    "euronews.com": "Euronews",
    "foxnews.com": "Fox News",
    "france24.com": "France 24",
    "ft.com": "Financial Times",
    "huffpost.com": "HuffPost",
    "independent.co.uk": "The Independent",
    "japantimes.co.jp": "The Japan Times",
    "kyivindependent.com": "The Kyiv Independent",
    "kyivpost.com": "Kyiv Post",
    "latimes.com": "Los Angeles Times",
    "lemonde.fr": "Le Monde",
    "meduza.io": "Meduza",
    "nbcnews.com": "NBC News",
    "newsweek.com": "Newsweek",
    "npr.org": "NPR",
    "nytimes.com": "The New York Times",
    "politico.com": "Politico",
    "politico.eu": "Politico Europe",
    "rferl.org": "Radio Free Europe/Radio Liberty",
    "reuters.com": "Reuters",
    "scmp.com": "South China Morning Post",
    "sky.com": "Sky News",
    "spiegel.de": "Der Spiegel",
    "telegraph.co.uk": "The Telegraph",
    "theatlantic.com": "The Atlantic",
    "theguardian.com": "The Guardian",
    "themoscowtimes.com": "The Moscow Times",
    "time.com": "Time",
    "usatoday.com": "USA Today",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "yna.co.kr": "Yonhap",
}


_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_DATE_LINE = re.compile(
    r"^(?:(?:published|posted|first\ published)(?:\ on)?:?\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:(?P<m1>[A-Za-z]+)\.?\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s+(?P<m2>[A-Za-z]+)\.?,?\s+(?P<y2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))(?:[ ,T|].{0,24})?$",
    re.I | re.X,
)


def parse_date_line(text: str) -> str | None:
    """The ISO date of a line that is only a date ("January 11, 2025", "Published 11 Jan 2025")."""
    match = _DATE_LINE.match(text)
    if not match:
        return None
    if match.group("iso"):
        return match.group("iso")
    month_name = (match.group("m1") or match.group("m2")).lower()
    month = next(
        (i for i, m in enumerate(_MONTHS, 1) if len(month_name) >= 3 and m.startswith(month_name)), None
    )
    if month is None:
        return None
    day = int(match.group("d1") or match.group("d2"))
    year = int(match.group("y1") or match.group("y2"))
    try:
        return date(year, month, day).isoformat()
    except ValueError:  # 31 February
        return None


def is_iso_date(value: Any) -> bool:
    """An ISO 8601 date or date-time with a real day (not "last Tuesday", not 2025-13-45)."""
    if not isinstance(value, str) or len(value) > FIELD_LIMITS["published"]:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _name(value: Any, key: str) -> str | None:
    """A title, outlet or author as shown on the pages: one line of visible text, no longer than
    :data:`FIELD_LIMITS` allows (else nothing: a cut name could name someone else), with no
    format characters (bidi overrides, zero-width characters) that could make it read as another."""
    text = _text(value)
    if text is None:
        return None
    text = normalise_space(visible(text))
    return text if text and len(text) <= FIELD_LIMITS[key] else None


def _date_text(value: Any) -> str | None:
    """Front matter dates come as ``date`` objects from YAML or as strings; keep ISO 8601 text."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return _text(value)


def _safe_url(url: str | None) -> str | None:
    """Only absolute http(s) URLs are kept; anything else (``javascript:``, ``data:``…) is dropped.

    The URL comes back percent-encoded wherever it held a character that could end or break the
    Markdown, HTML or JSON around it (quotes, angle brackets, backslashes, spaces, controls).

    >>> _safe_url("https://example.com/a b" + chr(92)), _safe_url("javascript:alert(1)")
    ('https://example.com/a%20b%5C', None)
    """
    if not url:
        return None
    url = url.strip().strip("<>")
    if len(url) > FIELD_LIMITS["url"] or visible(url) != url:
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    if not re.fullmatch(r"[\w.:@\[\]%-]+", parts.netloc) or "\\" in parts.netloc:
        return None
    return urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc,
            quote(parts.path, safe=URL_SAFE),
            quote(parts.query, safe=URL_SAFE + "?"),
            quote(parts.fragment, safe=URL_SAFE + "?#"),
        )
    )


# Labels of a host that name no publication: hosted.ap.org, edition.cnn.com, m.example.de.
HOST_WORDS = frozenset(
    {"www", "www1", "www2", "m", "amp", "mobile", "edition", "hosted", "cdn", "static", "web", "home"}
)
_ARCHIVED = re.compile(r"^/web/\d+(?:[a-z]{2}_)?/(?P<url>https?://.+)$")


def site_host(url: str | None) -> str | None:
    """The host that names a page's site: without "www." or other host words, and the archived
    page's own host for a copy in the Wayback Machine.

    >>> site_host("https://web.archive.org/web/2019/https://www.tagesschau.de/x"), site_host("http://m.dw.com/a")
    ('tagesschau.de', 'dw.com')
    """
    if not url:
        return None
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if host == "web.archive.org" and (match := _ARCHIVED.match(parts.path)):
        return site_host(match.group("url"))
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in HOST_WORDS:
        labels = labels[1:]
    return ".".join(labels) or None


def known_outlet(url: str | None) -> str | None:
    """The name the known-outlet table gives a URL's domain, if it knows it."""
    host = site_host(url) or ""
    for domain, name in OUTLETS_BY_DOMAIN.items():
        if host == domain or host.endswith("." + domain):
            return name
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's name from a URL's domain: a known name, else the domain itself."""
    return known_outlet(url) or site_host(url)
