"""The dated events of a briefing, from the dates its statements give."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .models import Fact, SentenceRef, TimelineEntry

MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH = "|".join(m.capitalize() for m in MONTHS)
_DATE = re.compile(
    rf"\b(?:(?P<month>{_MONTH})\.?(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})(?:\s+(?P<year2>(?:19|20)\d\d))?"
    rf"|(?:in|since|of|autumn|spring|summer|winter|fall)\s+(?P<year3>(?:19|20)\d\d))\b"
)


def parse_date(text: str) -> tuple[str, str | None] | None:
    """The date a phrase names, as written and as ISO 8601 when it gives the year.

    >>> parse_date("in August 2024")
    ('August 2024', '2024-08')
    >>> parse_date("on January 9")
    ('January 9', None)
    """
    match = _DATE.search(text)
    if not match:
        return None
    month_name = match.group("month") or match.group("month2")
    day = match.group("day") or match.group("day2")
    year = match.group("year") or match.group("year2") or match.group("year3")
    written = match.group(0)
    written = re.sub(r"^(?:in|since|of)\s+", "", written)
    if not year:
        return written, None
    if not month_name:
        return written, year
    month = MONTHS.index(month_name.lower()) + 1
    return written, f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")


def story_timeline(
    facts: Sequence[Fact], sentences: Mapping[tuple[str, int], SentenceRef]
) -> tuple[TimelineEntry, ...]:
    """One entry per statement that dates what it reports, earliest first.

    Only dates the model tags as dates and that name a month or a year count: "last month"
    or "on Saturday" cannot be placed without guessing.
    """
    entries = []
    for fact in facts:
        pieces = [p.strip(" .") for p in fact.text.split(" … ")]
        for evidence in fact.evidence:
            sentence = sentences[(evidence.source, evidence.sentence)]
            if not all(p[1:] in sentence.text for p in pieces):
                continue
            for entity in sentence.entities:
                if entity.label != "DATE" or not any(
                    entity.text in p or p in entity.text for p in [fact.text]
                ):
                    continue
                parsed = parse_date(entity.text) or parse_date(_context(sentence, entity.start))
                if parsed:
                    entries.append(TimelineEntry(parsed[0], parsed[1], fact.text, fact.sources, fact.id))
                    break
            break
    unique = {(e.date, e.fact): e for e in entries}
    ordered = sorted(unique.values(), key=lambda e: (e.iso is None, e.iso or "", int(e.fact[1:])))
    return tuple(ordered)


def _context(sentence: SentenceRef, start: int) -> str:
    offset = start - sentence.start
    return sentence.text[max(0, offset - 8) : offset + 40]
