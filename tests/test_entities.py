from __future__ import annotations

import pytest

from briefing.entities import acronym_definitions, corrected_label, learn_lexicon, story_entities, term_of


@pytest.fixture(scope="module")
def demo_sentences(demo_articles, demo_analyses):
    return [s for a in demo_articles for s in demo_analyses[a.id].sentences]


@pytest.fixture(scope="module")
def lexicon(demo_sentences):
    return learn_lexicon(demo_sentences)


def test_acronyms_defined_in_the_articles(demo_sentences):
    found = dict(acronym_definitions(s.text for s in demo_sentences))
    assert found[("security", "service", "of", "ukraine")] == "sbu"
    assert found[("ukrainian", "security", "service")] == "sbu"
    assert found[("national", "intelligence", "service")] == "nis"


@pytest.mark.parametrize(
    ("variant", "name"),
    [
        ("kiev", "kyiv"),
        ("zelenskyy", "zelensky"),
        ("tyva", "tuva"),
        ("korean", "korea"),
        ("ukrainian", "ukraine"),
    ],
)
def test_spellings_unified_from_the_articles(lexicon, variant, name):
    assert lexicon.spellings[variant] == name


def test_one_name_one_term(lexicon, demo_sentences):
    def terms(words):
        sentence = next(s for s in demo_sentences if words in s.text)
        start = next(i for i, t in enumerate(sentence.tokens) if words.startswith(t.text))
        return lexicon.terms(sentence.tokens[start : start + len(words.split())])

    assert terms("Security Service of Ukraine") == ["sbu"]
    assert terms("National Intelligence Service") == ["nis"]
    assert terms("DPRK") == ["north", "korea"]


def test_model_mistakes_on_places_are_corrected(demo_sentences):
    labels = {}
    for sentence in demo_sentences:
        for entity in sentence.entities:
            labels.setdefault(entity.text, []).append(
                (entity.label, corrected_label(entity, sentence.tokens))
            )
    # the model calls Kiev a person; "to Kiev" says it is a place
    assert ("PERSON", "GPE") in labels["Kiev"]
    # and Kursk a product; "in the Kursk region" says it is a place
    assert {corrected for _, corrected in labels["Kursk"]} == {"GPE"}


def test_story_entities(demo_sentences, lexicon):
    entities = {e.name: e for e in story_entities(demo_sentences, lexicon)}
    # across the story every spelling of the capital is one place
    assert entities["Kyiv"].label == "GPE" and len(entities["Kyiv"].sources) >= 4 and "Kiev" not in entities
    assert entities["Kursk"].label == "GPE"
    assert "Volodymyr Zelensky" in entities and "Zelensky" not in entities
    assert (
        entities["Volodymyr Zelensky"].label == "PERSON" and len(entities["Volodymyr Zelensky"].sources) == 5
    )
    assert len([n for n in entities if n in {"SBU", "Security Service of Ukraine"}]) == 1


def test_a_season_is_one_word_in_either_english(nlp):
    """A season in the fall of 2024 is the autumn of 2024; prices that fall do not turn autumnal."""
    from briefing.nlp import analyse
    from briefing.sources import article_from_text

    article = article_from_text("He got it in the fall of 2024. Prices fall when troops leave.", "s.txt", "s")
    season, prices = analyse([article], nlp)[article.id].sentences
    assert "autumn" in [term_of(t) for t in season.tokens]
    assert "fall" in [term_of(t) for t in prices.tokens]
