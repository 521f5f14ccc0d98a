"""Extractive summaries of single articles with sumy, fed from spaCy sentences.

sumy's own parsers need NLTK data and turn all-caps lines into headings; we build its document
model directly from our sentences, so it sees exactly the sentences the rest of the pipeline
sees, and we get sentence indices back, not bare text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

from .models import SentenceRef

Summarizer = Callable[[ObjectDocumentModel, int], Sequence[Sentence]]


class _KnownWords:
    """A sumy tokenizer that returns the words spaCy already found for each sentence."""

    language = "english"

    def __init__(self, words: dict[str, tuple[str, ...]]) -> None:
        self._words = words

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return self._words.get(sentence, ())


def make_summarizer(name: str) -> Summarizer:
    """A sumy summarizer by name: ``lexrank``, ``textrank`` or ``lsa``."""
    if name == "lexrank":
        from sumy.summarizers.lex_rank import LexRankSummarizer

        return LexRankSummarizer()
    if name == "textrank":
        from sumy.summarizers.text_rank import TextRankSummarizer

        return TextRankSummarizer()
    if name == "lsa":
        return _stable_lsa()
    raise ValueError(f"unknown summarizer {name!r}: use lexrank, textrank or lsa")


def _stable_lsa() -> Summarizer:
    """sumy's LSA, with its word rows in sorted order.

    sumy numbers the rows of its term matrix in set order, which changes with Python's hash
    seed; the SVD then picks other sentences from run to run. Sorted rows make it repeatable.
    """
    from sumy.summarizers.lsa import LsaSummarizer

    class StableLsa(LsaSummarizer):
        def _create_dictionary(self, document):
            words = super()._create_dictionary(document)
            return {word: row for row, word in enumerate(sorted(words))}

    return StableLsa()


def summarize(sentences: Sequence[SentenceRef], count: int, summarizer: Summarizer) -> tuple[int, ...]:
    """Indices (in document order) of the ``count`` sentences sumy ranks highest.

    Sentences with no content words cannot be ranked and are never chosen.
    """
    if count <= 0 or not sentences:
        return ()
    usable = [s for s in sentences if s.terms]
    if len(usable) <= count:
        return tuple(s.index for s in usable)
    tokenizer = _KnownWords({s.text: s.terms for s in usable})
    model_sentences = [Sentence(s.text, tokenizer) for s in usable]
    document = ObjectDocumentModel([Paragraph(model_sentences)])
    position = {id(m): s.index for m, s in zip(model_sentences, usable, strict=True)}
    chosen = summarizer(document, count)
    return tuple(sorted(position[id(m)] for m in chosen))
