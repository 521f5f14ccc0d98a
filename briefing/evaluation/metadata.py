"""The metadata a briefing shows for a saved page (author, date, outlet), against hand-checked values.

The pages come from a folder laid out like trafilatura's evaluation set: ``evaldata.json`` maps
each page's URL to its file under ``eval/`` and to the true ``author`` and ``date`` (an empty
value: the page gives none; several authors joined by ";", "," or "and"). Each page is read as
the build reads a saved page dropped into the content folder (no URL given), and what it would
show is compared with the truth: *right*, *wrong* (shown and not the truth) or *unknown* (not
shown). A wrong value is worse than none, so the aim is no wrong value at all. Outlets have no
truth there: each is checked against the host of the page's URL for what is plainly no
publication name (a copyright line, a word of the host such as "www", a sentence).

The truth has slips of its own, so each value shown that differs from it may carry a label
(``tests/data/page_metadata_labels.json``): two independent readers saw the page
and both values in random order, and judged which is right by this rubric; the stricter verdict
on the value shown is kept. *Author*: the person(s) or agency the page credits with the
article's main text (its byline or signature), not the site or an organisation that only
publishes it, a commenter, someone quoted or a product; none when no author is credited; a
missing or extra co-author is wrong, spelling and punctuation are not. *Date*: the day the
article was first published as the page states it (in the page's own time zone), not the day
of a comment, a cited source, an event it announces, a copyright year, or an update when the
first publication is shown too; none when the page shows none.

>>> score = metadata_eval(Path("../data/trafilatura-eval/tests"))  # doctest: +SKIP
>>> print(format_metadata(score))  # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ArticleError
from ..models import SourceArticle
from ..sources.metadata import HOST_WORDS
from .pages import read_index, read_page

FIELDS = ("author", "published")


@dataclass(frozen=True, slots=True)
class PageTruth:
    """A saved page and its hand-checked metadata (``None``: not checked; ``""``: the page has none)."""

    file: str
    url: str
    author: str | None
    date: str | None


@dataclass(slots=True)
class FieldScore:
    """How one field compares with the truth over the pages that have one for it."""

    right: int = 0
    wrong: int = 0
    unknown: int = 0  # the page has a value, none is shown
    none: int = 0  # the page has none, none is shown
    wrong_values: list[tuple[str, str, str]] = field(default_factory=list)  # (file, shown, truth)
    labels: Counter[str] = field(default_factory=Counter)  # the readers' label of each wrong value

    @property
    def coverage(self) -> float:
        """The share of the pages that have a value on which the right value is shown."""
        having = self.right + self.unknown + sum(1 for _, _, truth in self.wrong_values if truth)
        return self.right / having if having else 0.0


@dataclass(slots=True)
class MetadataScore:
    """Author and date against the truth; outlets checked against the page's host."""

    pages: int = 0
    unread: int = 0  # pages the build would skip (no article text left)
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    outlets: Counter[str] = field(default_factory=Counter)  # every outlet shown, with its host
    outlet_problems: list[tuple[str, str, str]] = field(default_factory=list)  # (file, outlet, why)
    outlet_unknown: int = 0


def load_pages(folder: Path) -> list[PageTruth]:
    """The pages of ``folder/evaldata.json`` whose file is in ``folder/eval`` and that have a true
    author or date, one per file."""
    pages, seen = [], set()
    for url, record in read_index(folder).items():
        name = record.get("file")
        if not name or name in seen or not (folder / "eval" / name).is_file():
            continue
        if record.get("author") is None and record.get("date") is None:
            continue
        seen.add(name)
        author = record.get("author")
        if isinstance(author, list):  # several authors, listed
            author = "; ".join(author)
        pages.append(PageTruth(name, url, author, record.get("date")))
    return pages


def same_authors(shown: str, truth: str) -> bool:
    """The same people, in any order and case ("Von"/"By", the joining words, accents, dots,
    a "PhD" or a "for The Mail on Sunday" aside).

    >>> same_authors("Jane Roe and JOHN DOE", "John Doe; Jane Roe"), same_authors("Jane Roe", "John Doe")
    (True, False)
    """
    return _people(shown) == _people(truth)


def _people(value: str) -> set[str]:
    value = unicodedata.normalize("NFC", value).casefold()
    parts = re.split(r"\s*(?:[;,&/|]|\band\b|\bund\b|\bwith\b|\bmit\b)\s*", value)
    names = (re.sub(r"^(?:by|von)\s+|\s+(?:for|from)\s.*$|\bph\.?d\.?$", "", p) for p in parts)
    # the same person with or without accents, dots or underscores: "Gàbor Muniér", "Herr_Rein"
    names = (
        "".join(c for c in unicodedata.normalize("NFKD", n) if not unicodedata.combining(c)) for n in names
    )
    return {" ".join(re.sub(r"[^\w\s'’-]|_", " ", n).split()) for n in names} - {""}


def same_day(shown: str, truth: str) -> bool:
    """The same calendar day, whatever the time or its notation.

    >>> same_day("2021-10-30T08:00:00+02:00", "2021-10-30"), same_day("2021-10-30", "2021-10-3")
    (True, False)
    """
    return _day(shown) == _day(truth)


def _day(value: str) -> str | None:
    match = re.match(r"(\d{4})-(\d{2})[-.](\d{1,2})", value.strip())
    return f"{match.group(1)}-{match.group(2)}-{int(match.group(3)):02}" if match else None


def outlet_problem(outlet: str, url: str) -> str | None:
    """Why an outlet shown for the page at ``url`` is plainly no publication name, or ``None``.

    >>> outlet_problem("Hosted", "http://hosted.ap.org/x"), outlet_problem("Copyright 2014", "http://a.com/")
    ('a word of the host', 'a copyright line or a date')
    >>> outlet_problem("Deccan Herald", "https://www.deccanherald.com/x") is None
    True
    """
    folded = outlet.casefold()
    if re.search(r"©|\(c\)|copyright|all rights reserved|\b(?:19|20)\d\d\b", folded):
        return "a copyright line or a date"
    if folded in HOST_WORDS or folded == (urlsplit(url).hostname or "").split(".")[0] in HOST_WORDS:
        return "a word of the host"
    if re.search(r"\bnews service\b", folded):
        return "a news service label"
    if len(outlet.split()) > 7 or re.search(r"[|•·»]|\s[-–—]\s|[a-zäöüß]{2,}[.?:]\s|\?$|https?:", outlet):
        return "a name joined to a tagline or title, or a sentence"
    return None


LABELS = Path(__file__).resolve().parents[2] / "tests" / "data" / "page_metadata_labels.json"


def load_labels(path: Path | None) -> dict[tuple[str, str, str], str]:
    """The readers' label (``right``, ``wrong``) of each (file, field, value shown) labelled."""
    if path is None or not path.is_file():
        return {}
    values = json.loads(path.read_text(encoding="utf-8"))["values"]
    return {(v["file"], v["field"], v["shown"]): v["label"] for v in values}


def metadata_eval(
    folder: Path,
    limit: int | None = None,
    labels: Path | None = LABELS,
    reader: Callable[[bytes, str], SourceArticle] = read_page,
) -> MetadataScore:
    """Read the pages of ``folder`` as the build would (``reader``) and score the metadata they
    would show; each wrong value is looked up in the readers' ``labels``."""
    judged = load_labels(labels)
    score = MetadataScore()
    for page in load_pages(folder)[:limit]:
        score.pages += 1
        try:
            raw = (folder / "eval" / page.file).read_bytes()
            article = reader(raw, page.file)
        except ArticleError:
            score.unread += 1
            shown: dict[str, str | None] = {"author": None, "published": None}
            outlet = ""
        else:
            shown = {"author": article.author, "published": article.published}
            outlet = article.outlet
        for key, truth, same in (
            ("author", page.author, same_authors),
            ("published", page.date, same_day),
        ):
            if truth is None:
                continue
            counts, value = score.fields[key], shown[key]
            if value is None:
                if truth:
                    counts.unknown += 1
                else:
                    counts.none += 1
            elif truth and same(value, truth):
                counts.right += 1
            else:
                counts.wrong += 1
                counts.wrong_values.append((page.file, value, truth))
                counts.labels[judged.get((page.file, key, value), "not labelled")] += 1
        if not outlet:
            score.outlet_unknown += outlet is None
            continue
        score.outlets[outlet] += 1
        if why := outlet_problem(outlet, page.url):
            score.outlet_problems.append((page.file, outlet, why))
    return score


def format_metadata(score: MetadataScore) -> str:
    """The metadata scores as an aligned plain-text table, then every wrong value."""
    lines = [
        f"metadata of saved pages ({score.pages} with a true author or date; "
        f"{score.unread} left unread: no article text)",
        f"{'field':10} {'right':>6} {'wrong':>6} {'unknown':>8} {'none, none shown':>17} {'coverage':>9}",
    ]
    for key, counts in score.fields.items():
        lines.append(
            f"{key:10} {counts.right:6} {counts.wrong:6} {counts.unknown:8} {counts.none:17} "
            f"{100 * counts.coverage:8.1f}%"
        )
    for key, counts in score.fields.items():
        if counts.wrong:
            lines.append(
                f"{key} shown and not the truth, {counts.wrong}: readers judge {counts.labels['wrong']} "
                f"wrong and {counts.labels['right']} right (the truth errs); "
                f"{counts.labels['not labelled']} not labelled"
            )
    lines.append(
        f"outlets: {sum(score.outlets.values())} shown ({len(score.outlets)} names), "
        f"{score.outlet_unknown} unknown, {len(score.outlet_problems)} plainly no publication name"
    )
    for key, counts in score.fields.items():
        for file, shown, truth in counts.wrong_values:
            lines.append(f"  wrong {key}: {shown!r} (truth {truth!r}) in {file}")
    for file, outlet, why in score.outlet_problems:
        lines.append(f"  outlet {outlet!r} is {why} in {file}")
    return "\n".join(lines)
