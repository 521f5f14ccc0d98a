"""Frozen records passed between the pipeline stages.

Every stage takes and returns these; spaCy objects never leave ``nlp.py``. All of them are
plain values, so the per-article analysis can be cached as JSON and reloaded unchanged.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def visible(text: str) -> str:
    """``text`` without control and format characters (bidi overrides, zero-width characters),
    which could make a name read as another on a page.

    >>> visible("Reu\u200bters\u202e")
    'Reuters'
    """
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf"))


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """One input article after loading and cleaning.

    ``id`` is stable across builds (derived from the file's path in the content root);
    ``text`` is the cleaned body that the sentence offsets refer to; ``kind`` says when it is
    no outlet's report but a post or a statement of the person or body the story is about.
    """

    id: str
    path: str
    story: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    language: str = "en"
    removed: tuple[str, ...] = ()
    alias: str | None = None  # a story's name for a source whose outlet is unknown ("Source 3")
    # the body's section headings, (paragraphs before it, heading): kept for the Markdown that
    # ``briefing add`` writes, never analysed
    headings: tuple[tuple[int, str], ...] = ()
    items: tuple[int, ...] = ()  # the paragraphs that are items of a list, written as such
    kind: str | None = None  # "post" or "statement": the news itself, not an outlet's report

    @property
    def label(self) -> str:
        """The name a reader sees: the outlet, else the story's name for it, else its file."""
        if self.outlet:
            return self.outlet
        if self.alias:
            return self.alias
        return f"unnamed outlet ({self.file_name})"

    @property
    def file_name(self) -> str:
        """The file the article came from, without its folder or extension, as shown."""
        return visible(self.path.rsplit("/", 1)[-1].rsplit(".", 1)[0])  # it may hold bidi overrides


@dataclass(frozen=True, slots=True)
class Token:
    """One token of an analysed sentence, reduced to the values later stages read."""

    text: str
    lemma: str
    pos: str
    dep: str
    head: int  # index of the head token within the same sentence
    ent: str  # entity label, "" outside entities
    start: int  # character offset in the article text
    stop: bool
    ws: bool

    @property
    def lower_text(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """A sentence of an article: where it stands and what it says."""

    article_id: str
    index: int
    text: str
    start: int
    end: int
    tokens: tuple[Token, ...] = ()
    entities: tuple[Entity, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        """Content-word lemmas, lower-cased: what similarity between sentences is built on."""
        return tuple(
            t.lemma.lower()
            for t in self.tokens
            if not t.stop and t.pos in CONTENT_POS and any(c.isalnum() for c in t.text)
        )


CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """The NLP view of one article: its sentences with tokens and entities."""

    article_id: str
    sentences: tuple[SentenceRef, ...]
    model: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """The source sentence that supports a statement."""

    source: str
    sentence: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Detail:
    """A phrase of a statement that only some of its outlets give ("in Russia's Kursk region"):
    ``text[start:end]`` of the statement, and the outlets that give it."""

    start: int
    end: int
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Referent:
    """Who the words ``text[start:end]`` of a statement stand for ("He" → "Zelensky"), found in
    the article it is cut from; the page shows it in square brackets in their place."""

    start: int
    end: int
    name: str


SECTIONS = ("lede", "key", "single", "conflict", "detail")


@dataclass(frozen=True, slots=True)
class Fact:
    """One statement of the briefing and every outlet sentence that states it.

    ``section`` says where the page shows it: the lede; the main account (``key`` when several
    outlets state it, ``single`` when only one does); "where the outlets differ"
    (``conflict``); or the details, statements close to one already told (``detail``).
    ``origins`` counts independent reports: outlets that carry the same wire copy count once.
    """

    id: str
    text: str
    evidence: tuple[Evidence, ...]
    section: str = "key"
    origins: int = 1
    topic: int = 0
    details: tuple[Detail, ...] = ()
    referent: Referent | None = None
    topic_title: str | None = None  # what the statements of its topic are about ("Kursk region")

    @property
    def reading(self) -> str:
        """The statement as a reader sees it: its referent, if any, in square brackets."""
        if self.referent is None:
            return self.text
        r = self.referent
        return f"{self.text[: r.start]}[{r.name}]{self.text[r.end :]}"

    @property
    def lede(self) -> bool:
        return self.section == "lede"

    @property
    def sources(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for item in self.evidence:
            seen.setdefault(item.source, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a disagreement: what some outlets say, in one outlet's words."""

    text: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    fact: str | None = None  # id of the fact that shows this side


@dataclass(frozen=True, slots=True)
class Quote:
    """Words in quotation marks, verbatim in every source listed, with who said them."""

    text: str
    speaker: str | None
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Conflict:
    id: str
    topic: str
    sides: tuple[Side, ...]


@dataclass(frozen=True, slots=True)
class NamedEntity:
    """A person, organisation or place of a story, however each outlet spells it."""

    name: str
    label: str
    sources: tuple[str, ...]
    mentions: int


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated event: the date as the outlet wrote it, ISO when the text gives the year."""

    date: str
    iso: str | None
    text: str
    sources: tuple[str, ...]
    fact: str


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one event, to be merged into one briefing."""

    slug: str
    articles: tuple[SourceArticle, ...]
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """What a new version of a briefing adds: a new fact, a fact newly corroborated by another
    outlet, a new disagreement, a new outlet."""

    kind: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VersionInfo:
    number: int
    date: str | None
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class Briefing:
    """The merged result for one story; everything a page or the JSON export shows."""

    slug: str
    title: str
    updated: str | None
    sources: tuple[SourceArticle, ...]
    summaries: dict[str, tuple[SentenceRef, ...]]
    facts: tuple[Fact, ...]
    conflicts: tuple[Conflict, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[NamedEntity, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    version: int = 1
    changes: tuple[Change, ...] = ()  # since the previous version
    history: tuple[VersionInfo, ...] = ()  # every version, oldest first, this one last

    @property
    def lede(self) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.lede)

    def source(self, source_id: str) -> SourceArticle:
        for article in self.sources:
            if article.id == source_id:
                return article
        raise KeyError(source_id)
