"""The dated events of a briefing, from the dates its statements give."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from .models import Fact, SentenceRef, TimelineEntry

MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
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


def day_of(words: Sequence[str], published: str | None = None, ahead: bool = False) -> str | None:
    """The month and day ("01-09") a date phrase names, so that outlets that date one event
    differently can be compared: "January 9" or "9 January"; or a weekday, counted from the
    article's publication date — back to the last such day (that very day included), or
    forward to the next one for what is ``ahead``.

    >>> day_of(["on", "january", "9"]), day_of(["thursday"], "2025-01-11")
    ('01-09', '01-09')
    >>> day_of(["monday"], "2025-01-11", ahead=True), day_of(["thursday"]), day_of(["last", "month"])
    ('01-13', None, None)
    """
    lowered = [w.lower().rstrip(".") for w in words]
    for k, word in enumerate(lowered):
        if word not in MONTHS:
            continue
        for near in (lowered[k + 1 : k + 2], lowered[k - 1 : k] if k else []):
            day = _DAY.fullmatch(near[0]) if near else None
            if day and 1 <= int(day.group(1)) <= 31:
                return f"{MONTHS.index(word) + 1:02d}-{int(day.group(1)):02d}"
    weekday = next((WEEKDAYS.index(w) for w in lowered if w in WEEKDAYS), None)
    if weekday is None or not published:
        return None
    try:
        today = date.fromisoformat(published[:10])
    except ValueError:
        return None
    if ahead or "next" in lowered:
        when = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    else:
        when = today - timedelta(days=(today.weekday() - weekday) % 7)
    return f"{when.month:02d}-{when.day:02d}"


def weekday_of(day: str, around: str | None) -> str | None:
    """The weekday of a month and day ("01-09") in the year of a nearby date: the year of
    ``around``, or the one before when that puts the day more than a month after it.

    >>> weekday_of("01-09", "2025-01-11"), weekday_of("12-30", "2025-01-11"), weekday_of("01-09", None)
    ('thursday', 'monday', None)
    """
    try:
        near = date.fromisoformat((around or "")[:10])
        month, day_number = (int(x) for x in day.split("-"))
        when = date(near.year, month, day_number)
        if when > near + timedelta(days=31):
            when = date(near.year - 1, month, day_number)
    except ValueError:
        return None
    return WEEKDAYS[when.weekday()]


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
