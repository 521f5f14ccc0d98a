"""Disagreements about which of two people a detail belongs to."""

from __future__ import annotations

import pytest

from briefing.compose import compose_markdown
from briefing.config import BriefingConfig
from briefing.merge import story_claims
from briefing.pipeline import briefing_from_texts
from briefing.referents import person_kinds, read_pairs

from .conftest import DATA, LOCAL

SUSPECTS = sorted((DATA / "two_suspects").glob("*.txt"))


def outlet(briefing, source_id):
    return briefing.source(source_id).path.rsplit("/", 1)[-1][:3]


def file_stem(article):
    """The fixture file an article was read from (``briefing_from_texts`` names them docN.txt)."""
    return SUSPECTS[int(article.path.removeprefix("doc").removesuffix(".txt"))].stem


def which_of_two(briefing):
    return [c for c in briefing.conflicts if c.topic.endswith("said of the same person?")]


def test_demo_outlets_pair_the_prisoners_details_differently(demo_briefing):
    sides = {
        c.topic: [sorted(outlet(demo_briefing, s) for s in k.sources) for k in c.sides]
        for c in which_of_two(demo_briefing)
    }
    # 003 and 004: the soldier with the ID card believed he was sent for training; 001: the other
    assert sides["Are “believed” and “ID” said of the same person?"] == [["003", "004"], ["001"]]
    # 004: the man with the bandaged jaw also has the broken leg; 001 and 003: the other man
    assert sides["Are “broken” and “jaw” said of the same person?"] == [["004"], ["001", "003"]]


def test_each_side_cites_the_sentences_that_tell_who_is_who(demo_briefing, demo_articles):
    text_of = {a.id: a.text for a in demo_articles}
    (leg,) = [c for c in which_of_two(demo_briefing) if "jaw" in c.topic]
    said = [e.text for e in leg.sides[0].evidence]
    assert any("the other with a bandaged jaw" in t for t in said)
    assert any("the second man also has a broken leg" in t for t in said)
    for conflict in which_of_two(demo_briefing):
        for claim in conflict.sides:
            assert claim.fact is None
            for e in claim.evidence:
                assert text_of[e.source][e.start : e.end] == e.text
            # the side shows one outlet's own sentences, trimmed to whole sentences
            assert all(piece in " ".join(e.text for e in claim.evidence) for piece in claim.text.split(" … "))


def test_every_footnote_of_a_side_is_defined_once(demo_briefing):
    markdown = compose_markdown(demo_briefing)
    definitions = [line.split("]:")[0] + "]" for line in markdown.splitlines() if line.startswith("[^")]
    assert len(definitions) == len(set(definitions))
    body = markdown.split("\n[^", 1)[0]
    for conflict in which_of_two(demo_briefing):
        assert f"[^{conflict.id}-1-" in body and f"[^{conflict.id}-2-" in body
    for label in definitions:
        assert label in body


@pytest.fixture(scope="module")
def suspects(nlp):
    return briefing_from_texts(
        [p.read_text(encoding="utf-8") for p in SUSPECTS], BriefingConfig(), analyser=LOCAL
    )


def test_a_story_of_two_suspects_who_carried_the_knife(suspects):
    briefing, _ = suspects
    names = {a.id: file_stem(a) for a in briefing.sources}
    (knife,) = which_of_two(briefing)
    assert "knife" in knife.topic
    # City Radio and the Leeds Post: the man who fled in the van had the knife; Yorkshire News:
    # the man held in the shop
    assert [sorted(names[s] for s in c.sources) for c in knife.sides] == [
        ["city-radio", "leeds-post"],
        ["yorkshire-news"],
    ]


def test_he_and_the_man_follow_the_person_last_spoken_of(suspects):
    briefing, analyses = suspects
    sentences = [s for a in briefing.sources for s in analyses[a.id].sentences]
    lexicon = story_claims(sentences).lexicon
    kinds = person_kinds(sentences)
    assert {"man", "suspect"} <= kinds
    post = next(a for a in briefing.sources if file_stem(a) == "leeds-post")
    (pair,) = read_pairs(analyses[post.id].sentences, lexicon, kinds)
    caught, fled = pair
    # "the man who fled in the van" is the other one; "He was carrying a knife" follows him
    assert {"van", "bradford", "knife"} <= fled.said.keys()
    assert "knife" not in caught.said and "shop" in caught.said
    # the sentences after the thread breaks ("Rings and watches…") are no one's
    assert "ring" not in fled.said and "ring" not in caught.said


def test_outlets_that_agree_on_who_is_who_make_no_disagreement(nlp):
    texts = [p.read_text(encoding="utf-8") for p in SUSPECTS]
    # make Yorkshire News agree with the others: the man who fled had the knife
    texts = [
        t.replace(
            "He was carrying a knife when he was held, police said.", "Police said he had no injuries."
        ).replace("and was arrested near Bradford.", "and was arrested near Bradford carrying a knife.")
        for t in texts
    ]
    briefing, _ = briefing_from_texts(texts, BriefingConfig(), analyser=LOCAL)
    assert which_of_two(briefing) == []


def test_he_after_a_named_speaker_is_given_to_no_one(nlp):
    """ "Sarah Holt said he…" may mean her or a suspect: the thread stops rather than guess."""
    texts = [p.read_text(encoding="utf-8") for p in SUSPECTS]
    texts = [
        t.replace(
            "He was carrying a knife when he was held, police said.",
            "Detective Inspector Sarah Holt said he was carrying a knife when he was held.",
        )
        for t in texts
    ]
    briefing, analyses = briefing_from_texts(texts, BriefingConfig(), analyser=LOCAL)
    sentences = [s for a in briefing.sources for s in analyses[a.id].sentences]
    lexicon = story_claims(sentences).lexicon
    news = next(a for a in briefing.sources if file_stem(a) == "yorkshire-news")
    (pair,) = read_pairs(analyses[news.id].sentences, lexicon, person_kinds(sentences))
    assert "knife" not in pair[0].said and "knife" not in pair[1].said
