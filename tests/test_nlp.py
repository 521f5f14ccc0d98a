from __future__ import annotations

from briefing.models import SourceArticle
from briefing.nlp import analyse, paragraphs


def test_sentence_offsets_point_into_the_cleaned_text(demo_articles, demo_analyses):
    for article in demo_articles:
        sentences = demo_analyses[article.id].sentences
        assert sentences, article.path
        for index, sentence in enumerate(sentences):
            assert sentence.index == index
            assert article.text[sentence.start : sentence.end] == sentence.text


def test_no_sentence_crosses_a_paragraph(demo_articles, demo_analyses):
    for article in demo_articles:
        for sentence in demo_analyses[article.id].sentences:
            assert "\n" not in sentence.text


def test_quotation_of_several_sentences_stays_whole(nlp):
    text = (
        '"Our soldiers captured North Korean soldiers in the Kursk region. These are two soldiers who, '
        'although wounded, survived," Zelensky wrote on social media.'
    )
    analysis = analyse([SourceArticle("a", "a.txt", "s", text)], nlp)["a"]
    assert [s.text for s in analysis.sentences] == [text]


def test_tokens_and_entities_are_plain_values(demo_analyses):
    sentence = next(iter(demo_analyses.values())).sentences[1]
    assert "capture" in sentence.terms
    assert any(e.text == "Kursk" for e in sentence.entities)
    assert all(isinstance(t.head, int) and 0 <= t.head < len(sentence.tokens) for t in sentence.tokens)


def test_paragraph_offsets():
    assert list(paragraphs("One.\n\nTwo two.")) == [(0, "One."), (6, "Two two.")]
