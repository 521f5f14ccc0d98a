from __future__ import annotations

from briefing.merge import spelling_variants

from .conftest import DEMO_JUNK


def fact_with(briefing, words):
    for fact in briefing.facts:
        texts = [e.text for e in fact.evidence]
        if any(all(w in t for w in words) for t in texts):
            return fact
    raise AssertionError(f"no fact with {words}")


def outlets(briefing, fact):
    return sorted(briefing.source(s).path.rsplit("/", 1)[-1][:3] for s in fact.sources)


def test_spelling_variants_learned_from_the_articles(demo_articles, demo_analyses):
    sentences = [s for a in demo_articles for s in demo_analyses[a.id].sentences]
    variants = spelling_variants(sentences)
    assert variants["kiev"] == "kyiv"
    assert variants["zelenskyy"] == "zelensky"
    assert variants["tyva"] == "tuva"


def test_paraphrases_merge_into_one_fact_with_every_outlet(demo_briefing):
    language = fact_with(demo_briefing, ["do not speak"])
    assert outlets(demo_briefing, language) == ["000", "001", "002", "003", "004"]
    capture = fact_with(demo_briefing, ["captured two North Korean soldiers", "Kursk"])
    assert {"000", "002"} <= set(outlets(demo_briefing, capture))


def test_several_facts_carry_three_or_more_outlets(demo_briefing):
    assert sum(len(f.sources) >= 3 for f in demo_briefing.facts) >= 4


def test_a_fact_cites_each_article_once_with_its_exact_sentence(demo_briefing, demo_articles):
    text_of = {a.id: a.text for a in demo_articles}
    for fact in demo_briefing.facts:
        assert len(fact.sources) == len(fact.evidence) >= 2
        assert fact.text in [e.text for e in fact.evidence]
        for evidence in fact.evidence:
            assert text_of[evidence.source][evidence.start : evidence.end] == evidence.text


def test_other_front_line_is_not_a_shared_fact(demo_briefing):
    for fact in demo_briefing.facts:
        assert "Kurakhove" not in fact.text and "Pokrovsk" not in fact.text


def test_no_junk_in_facts_or_summaries(demo_briefing):
    texts = [f.text for f in demo_briefing.facts] + [
        s.text for ss in demo_briefing.summaries.values() for s in ss
    ]
    for junk in DEMO_JUNK:
        assert not any(junk in t for t in texts), junk


def test_lede_comes_first_and_is_not_redundant(demo_briefing):
    lede = demo_briefing.lede
    assert 3 <= len(lede) <= 5
    assert list(demo_briefing.facts[: len(lede)]) == list(lede)
    assert [f.id for f in demo_briefing.facts] == [f"f{i}" for i in range(1, len(demo_briefing.facts) + 1)]
    assert len({f.text for f in lede}) == len(lede)
