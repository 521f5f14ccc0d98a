from __future__ import annotations

import pytest

from briefing.quotes import normalise_quote, story_quotes
from briefing.timeline import parse_date


@pytest.fixture(scope="module")
def all_quotes(demo_articles, demo_analyses):
    return story_quotes([s for a in demo_articles for s in demo_analyses[a.id].sentences], 50)


def quote(quotes, words):
    return next(q for q in quotes if words in q.text)


def test_quotes_are_verbatim_in_every_cited_sentence(demo_briefing):
    assert demo_briefing.quotes
    for q in demo_briefing.quotes:
        assert {e.source for e in q.evidence} == set(q.sources)
        for evidence in q.evidence:
            assert normalise_quote(q.text) in normalise_quote(evidence.text)


def test_every_quote_has_its_speaker(demo_briefing, all_quotes):
    assert all(q.speaker for q in demo_briefing.quotes)
    assert quote(all_quotes, "comply with international law").speaker == "SBU spokesman"
    assert "Zelensky" in quote(all_quotes, "not an easy task").speaker


def test_pronoun_speaker_is_the_person_named_before(all_quotes):
    assert quote(all_quotes, "maximum pressure").speaker == "Andriy Sybiga"


def test_no_quote_from_the_other_front_line(demo_briefing):
    assert not any("Donetsk" in q.text or "Kurakhove" in q.text for q in demo_briefing.quotes)


def test_timeline_is_dated_and_ordered(demo_briefing):
    dated = [t for t in demo_briefing.timeline if t.iso]
    assert [t.iso for t in dated] == sorted(t.iso for t in dated)
    deployment = next(t for t in demo_briefing.timeline if t.date == "October 2024")
    assert deployment.iso == "2024-10" and deployment.sources
    facts = {f.id: f for f in demo_briefing.facts}
    assert all(facts[t.fact].text == t.text for t in demo_briefing.timeline)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("in August 2024", ("August 2024", "2024-08")),
        ("on January 9", ("January 9", None)),
        ("11 January 2025", ("11 January 2025", "2025-01-11")),
        ("since 2016", ("2016", "2016")),
        ("last month", None),
    ],
)
def test_parse_date(text, parsed):
    assert parse_date(text) == parsed
