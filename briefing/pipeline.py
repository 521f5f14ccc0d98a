"""The build, stage by stage: load → analyse → group → summarize → merge → a Briefing per story.

Pelican-agnostic: the Pelican plugin calls :func:`build_briefings` with an :class:`Analyser`
(how articles are parsed is the caller's choice, see :mod:`briefing.analysers`).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from .cache import AnalysisCache, Store, code_version, digest, plain_key
from .config import BriefingConfig
from .entities import story_entities
from .errors import ArticleError, ArticleWarning, BriefingError
from .merge import story_claims
from .models import ArticleAnalysis, Briefing, Fact, SentenceRef, SourceArticle, Story
from .nlp import resolve_model
from .outline import outline
from .quotes import story_quotes
from .referents import who_is_who
from .sources import (
    MAX_FILE_BYTES,
    UNKNOWN_LANGUAGE,
    FileArticles,
    article_from_text,
    discover,
    kind_of,
    parse_source,
    read_file,
)
from .stories import article_terms, group_stories, name_sources
from .summarize import make_summarizer, summarize
from .timeline import story_timeline

logger = logging.getLogger(__name__)
# One line per input file that was skipped or guessed; the CLI prints them itself and mutes this.
input_logger = logging.getLogger("briefing.inputs")

MAX_MERGED_SENTENCES = 500  # per article (see merged_sentences)
MAX_SUMMARIZED_SENTENCES = 250  # per article; 4 of the 243 Multi-News evaluation articles have more


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build made, what it had to skip and what it had to guess."""

    briefings: tuple[Briefing, ...]
    skipped: tuple[ArticleError, ...]
    articles: int
    analysed: int  # articles parsed by spaCy in this build (the rest came from the cache)
    warnings: tuple[ArticleWarning, ...] = ()
    keys: Mapping[str, str] = field(default_factory=dict)  # story slug → the key of its briefing

    @property
    def summary(self) -> str:
        """``5 articles in 1 stories, 2 skipped (1 empty, 1 duplicate), 1 warning``."""
        line = f"{self.articles} articles in {len(self.briefings)} stories"
        if self.skipped:
            line += f", {len(self.skipped)} skipped ({count_reasons(self.skipped)})"
        if self.warnings:
            line += f", {len(self.warnings)} warning{'s' if len(self.warnings) > 1 else ''}"
        return line


def count_reasons(problems: Sequence[ArticleError | ArticleWarning]) -> str:
    """``2 empty, 1 duplicate``: how many problems of each kind, most frequent first."""
    counts = Counter(problem.reason for problem in problems)
    return ", ".join(f"{n} {reason}" for reason, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass(frozen=True, slots=True)
class LoadedContent:
    """The articles of a content root, the files (or feed entries) skipped, and the guesses made."""

    articles: tuple[SourceArticle, ...]
    skipped: tuple[ArticleError, ...]
    warnings: tuple[ArticleWarning, ...]

    @property
    def problems(self) -> tuple[ArticleError | ArticleWarning, ...]:
        return (*self.skipped, *self.warnings)


def load_content(
    content_root: Path, languages: Collection[str] | None = None, store: Store | None = None
) -> LoadedContent:
    """Every usable article under the content root, with one line for each input that is not.

    ``languages`` are the language codes the spaCy pipeline covers (``xx``: all); an article
    in another language is skipped. ``None`` accepts every language. The same article twice
    (same URL, or same text from the same or an unnamed outlet) is kept once. With a ``store``,
    a file read before without a problem is not read and cleaned again (see :func:`read_cached`).
    """
    articles: list[SourceArticle] = []
    skipped: list[ArticleError] = []
    warnings: list[ArticleWarning] = []
    for path, story in discover(content_root, skipped):
        try:
            found = read_cached(path, content_root, story, store or Store(None))
        except ArticleError as error:
            skipped.append(error)
            continue
        skipped.extend(found.skipped)
        warnings.extend(found.warnings)
        for article in found.articles:
            if languages is None or covers(languages, article.language):
                articles.append(article)
            else:
                skipped.append(
                    ArticleError(
                        article.path,
                        f"the article is in {article.language!r}, which the spaCy pipeline does not cover "
                        f"(it reads {', '.join(sorted(languages))}): set BRIEFING['model'] to a pipeline "
                        f"for {article.language!r} or remove the file",
                        "language",
                    )
                )
    articles, duplicates = drop_duplicates(articles)
    skipped.extend(duplicates)
    return LoadedContent(tuple(articles), tuple(skipped), tuple(warnings))


def read_cached(path: Path, content_root: Path, story: str | None, store: Store) -> FileArticles:
    """:func:`briefing.sources.read_file`, from the cache when the same bytes were read at the
    same place before and gave articles without a problem (a file with a problem is read again,
    so that each build reports it)."""
    if store.folder is None:
        return read_file(path, content_root, story)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return read_file(path, content_root, story)  # which says what is wrong
    if len(raw) > MAX_FILE_BYTES:
        return read_file(path, content_root, story)
    rel = path.relative_to(content_root).as_posix()
    key = digest("read", code_version(), rel, story or "", hashlib.sha256(raw).hexdigest())
    found = store.record("read", key, tuple[SourceArticle, ...])
    if found:
        return FileArticles(found)
    read = parse_source(raw, rel, kind_of(path.suffix, rel), story)
    if not read.skipped and not read.warnings:
        store.put_record("read", key, read.articles)
    return read


def load_articles(
    content_root: Path, languages: Collection[str] | None = None
) -> tuple[list[SourceArticle], list[ArticleError]]:
    """Every usable article under the content root, and one error for each input that is not."""
    loaded = load_content(content_root, languages)
    return list(loaded.articles), list(loaded.skipped)


def covers(languages: Collection[str], language: str) -> bool:
    """Whether pipelines for ``languages`` can read an article in ``language`` (unknown: yes)."""
    return language == UNKNOWN_LANGUAGE or language in languages or "xx" in languages


def pipeline_languages(config: BriefingConfig) -> frozenset[str]:
    """The languages the configured spaCy pipeline reads, from its package name (``en_core_web_sm``)."""
    name, _ = resolve_model(config.models)
    prefix = name.split("_", 1)[0].lower()
    return frozenset({prefix if re.fullmatch(r"[a-z]{2,3}", prefix) else "xx"})


def drop_duplicates(articles: Sequence[SourceArticle]) -> tuple[list[SourceArticle], list[ArticleError]]:
    """Keep each article once in a story: the same URL, or the same text unless two named outlets
    carry it.

    Of two articles with the same URL the one with more text is kept (a feed entry is often a
    summary of the saved page). The same wire copy at two named outlets is not a duplicate: both
    are credited, and merging counts them as one independent report. The same article in two
    story folders is no duplicate either: it serves both stories. A loose copy of an article of a
    story is one, whichever comes first (see :func:`_kept_copy`).
    """
    kept: list[SourceArticle] = []
    dropped: list[ArticleError] = []
    by_url: dict[str, list[int]] = {}  # key → positions in ``kept``
    by_text: dict[str, list[int]] = {}
    for article in articles:
        url_key = _url_key(article.url) if article.url else None
        text_key = _text_key(article.text)
        twin, why = None, ""
        for position in by_url.get(url_key, []) if url_key is not None else []:
            if _same_story(article, kept[position]):
                twin, why = position, f"same URL {article.url}"
                break
        else:
            for position in by_text.get(text_key, []):
                other = kept[position]
                named_apart = article.outlet and other.outlet and article.outlet != other.outlet
                if _same_story(article, other) and not named_apart:
                    twin, why = position, "same text"
                    break
        if twin is None:
            kept.append(article)
            position = len(kept) - 1
        else:
            keep, drop = _kept_copy(kept[twin], article)
            kept[twin] = keep
            position = twin
            dropped.append(
                ArticleError(
                    drop.path, f"same article as {keep.path} ({why}): kept {keep.path} only", "duplicate"
                )
            )
        if url_key is not None:
            by_url.setdefault(url_key, []).append(position)
        by_text.setdefault(text_key, []).append(position)
    return kept, dropped


def _kept_copy(first: SourceArticle, second: SourceArticle) -> tuple[SourceArticle, SourceArticle]:
    """Which of two copies of an article is kept, and which dropped: the one with more text, else
    the one in a story folder, else the first. A loose copy kept for its text stays in the story
    of the copy it replaces, so that the story does not lose a source."""
    if len(second.text) > len(first.text) or (
        len(second.text) == len(first.text) and second.story and not first.story
    ):
        keep, drop = second, first
    else:
        keep, drop = first, second
    if not keep.story and drop.story:
        keep = replace(keep, story=drop.story)
    return keep, drop


def _same_story(a: SourceArticle, b: SourceArticle) -> bool:
    """Whether two articles may be one story's duplicates: the same story, or one is loose."""
    return a.story == b.story or not a.story or not b.story


def _url_key(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    query = "&".join(q for q in parts.query.split("&") if q and not q.startswith("utm_"))
    return f"{host}{parts.path.rstrip('/')}?{query}"


def _text_key(text: str) -> str:
    words = re.findall(r"\w+", text.lower())
    return hashlib.sha1(" ".join(words).encode()).hexdigest()


def cache_salt(config: BriefingConfig) -> str:
    """What besides the text an analysis depends on: the model and the library versions."""
    name, model_version = resolve_model(config.models)
    return f"{name}-{model_version}|spacy-{version('spacy')}|briefing-{version('briefing')}"


class Analyser(Protocol):
    """What parses articles: spaCy here, on several processes, or elsewhere (see
    :mod:`briefing.analysers`). Yields one analysis per article, in their order."""

    def analyse(self, articles: Sequence[SourceArticle]) -> Iterator[ArticleAnalysis]: ...


def analyse_articles(
    articles: Sequence[SourceArticle],
    config: BriefingConfig,
    cache_root: Path | None,
    analyser: Analyser,
    progress: Callable[[int, int], None] | None = None,
    keep: bool = True,
) -> tuple[dict[str, ArticleAnalysis], int]:
    """Analysis of each article, from the cache where possible, else from the ``analyser``.

    Each new analysis is cached as soon as it is made, so a stopped build keeps what it did.
    ``progress(done, total)`` is called after each article the analyser parses. With ``keep``
    false and a cache, nothing is returned: each analysis is only made sure to be in the cache
    (so that a build holds one story's analyses at a time, not all of them).
    """
    cache = AnalysisCache(cache_root, cache_salt(config))
    keep = keep or cache_root is None
    found: dict[str, ArticleAnalysis] = {}
    missing: list[SourceArticle] = []
    for article in articles:
        if not keep:
            if not cache.has(article.text):
                missing.append(article)
            continue
        cached = cache.get(article.text, article.id)
        if cached is None:
            missing.append(article)
        else:
            found[article.id] = cached
    by_id = {a.id: a for a in missing}
    for done, analysis in enumerate(analyser.analyse(missing), 1):
        if keep:
            found[analysis.article_id] = analysis
        cache.put(by_id[analysis.article_id].text, analysis)
        if progress:
            progress(done, len(missing))
    return found, len(missing)


def build_briefings(
    content_root: Path,
    config: BriefingConfig,
    cache_root: Path | None,
    analyser: Analyser,
    progress: Callable[[int, int], None] | None = None,
    mapper: Mapper = map,
) -> BuildResult:
    """Read the content root and return one :class:`Briefing` per story.

    Only what changed is computed: a story whose articles, settings, model and code are those
    of a briefing in the cache is read from it; the articles of the other stories are analysed
    (from the cache where possible) and summarized, and their briefings made and cached.
    Loose articles are analysed to be grouped into stories. ``mapper`` maps :func:`make_story`
    over the stories to make (``map``: here, one at a time; the shell may give a map over
    several processes).
    """
    store = Store(cache_root)
    loaded = load_content(content_root, pipeline_languages(config), store)
    for error in loaded.skipped:
        input_logger.warning("skipped %s", error)
    for warning in loaded.warnings:
        input_logger.warning("%s", warning)
    articles = loaded.articles
    salt = cache_salt(config)
    loose = [a for a in articles if not a.story]
    analyses, analysed = analyse_articles(loose, config, cache_root, analyser, progress)
    terms: dict[str, Mapping[str, int]] = {}
    if loose:  # they may join a named story: its articles are compared with them
        named = [a for a in articles if a.story]
        terms, more, analysed_more = named_terms(named, config, cache_root, analyser, store, salt, progress)
        analyses.update(more)
        analysed += analysed_more
    stories = group_stories(articles, analyses, terms=terms)
    keys = {story.slug: story_key(story, config, salt) for story in stories}
    made = {s.slug: store.record("briefing", keys[s.slug], Briefing) for s in stories}
    missing = [s for s in stories if made[s.slug] is None]
    if missing:
        needed = [a for s in missing for a in s.articles if a.id not in analyses]
        # parsed in one batch (on several processes when it pays), then read back one story at a time
        more, analysed_more = analyse_articles(needed, config, cache_root, analyser, progress, keep=False)
        analysed += analysed_more
        analyses.update(more)  # empty with a cache: then each story reads its own from it
        jobs = [
            StoryJob(
                story,
                config,
                cache_root,
                salt,
                {a.id: analyses[a.id] for a in story.articles if a.id in analyses},
            )
            for story in missing
        ]
        for story, briefing in zip(missing, mapper(make_story, jobs), strict=True):
            made[story.slug] = briefing
            store.put_record("briefing", keys[story.slug], briefing)
    logger.info(
        "stories made: %d (%s); read from the cache: %d",
        len(missing),
        ", ".join(s.slug for s in missing) or "none",
        len(stories) - len(missing),
    )
    briefings = tuple(made[s.slug] for s in stories)
    return BuildResult(briefings, loaded.skipped, len(articles), analysed, loaded.warnings, keys)


def named_terms(
    articles: Sequence[SourceArticle],
    config: BriefingConfig,
    cache_root: Path | None,
    analyser: Analyser,
    store: Store,
    salt: str,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, Mapping[str, int]], dict[str, ArticleAnalysis], int]:
    """What loose articles are compared with in the articles of named stories (their
    :func:`briefing.stories.article_terms`), kept in the cache apart from their analyses so
    that grouping does not read every analysis at each build. Also the analyses that had to be
    read or made for it, and how many articles were parsed."""
    terms: dict[str, Mapping[str, int]] = {}
    keys = {a.id: digest("terms", code_version(), salt, a.text) for a in articles}
    missing = []
    for article in articles:
        found = store.get("terms", keys[article.id])
        if isinstance(found, dict):
            terms[article.id] = found
        else:
            missing.append(article)
    analyses, analysed = analyse_articles(missing, config, cache_root, analyser, progress)
    for article in missing:
        terms[article.id] = article_terms(analyses[article.id])
        store.put("terms", keys[article.id], terms[article.id])
    return terms, analyses, analysed


@dataclass(frozen=True, slots=True)
class StoryJob:
    """What making one story's briefing takes: its analyses are read from the cache, but for
    those given (loose articles, or all of them when there is no cache)."""

    story: Story
    config: BriefingConfig
    cache_root: Path | None
    salt: str
    analyses: Mapping[str, ArticleAnalysis]


Mapper = Callable[[Callable[[StoryJob], Briefing], Sequence[StoryJob]], Iterable[Briefing]]


def make_story(job: StoryJob) -> Briefing:
    """The briefing of one story, its summaries from the cache where possible (a pure function
    of the job, so that it can run in another process)."""
    cache = AnalysisCache(job.cache_root, job.salt)
    own = {a.id: _analysis(a, job.analyses, cache) for a in job.story.articles}
    summaries = article_summaries(job.story.articles, own, job.config, Store(job.cache_root), job.salt)
    return make_briefing(job.story, own, job.config, summaries)


def _analysis(
    article: SourceArticle, given: Mapping[str, ArticleAnalysis], cache: AnalysisCache
) -> ArticleAnalysis:
    if article.id in given:
        return given[article.id]
    analysis = cache.get(article.text, article.id)
    if analysis is None:
        raise BriefingError(f"{article.path}: its analysis went missing from the cache during the build")
    return analysis


def story_key(story: Story, config: BriefingConfig, salt: str) -> str:
    """What a story's briefing is made of: its articles as read, the settings, the model and the code."""
    return digest("briefing", code_version(), salt, config.fingerprint(), plain_key(story))


def article_summaries(
    articles: Sequence[SourceArticle],
    analyses: Mapping[str, ArticleAnalysis],
    config: BriefingConfig,
    store: Store | None = None,
    salt: str = "",
) -> dict[str, tuple[SentenceRef, ...]]:
    """Each article's summary: the sentences sumy ranks highest, from the cache where possible.

    LexRank compares every sentence with every other: a very long article is summarized from
    its first :data:`MAX_SUMMARIZED_SENTENCES` sentences only.
    """
    store = store or Store(None)
    summarizer = None
    summaries = {}
    for article in articles:
        sentences = analyses[article.id].sentences
        key = summary_key(article.text, config, salt)
        chosen = store.get("summary", key)
        if chosen is None:
            summarizer = summarizer or make_summarizer(config.summarizer)
            chosen = article_summary(sentences, config, summarizer)
            store.put("summary", key, chosen)
        # the page shows their words only: the tokens are not kept with the briefing
        summaries[article.id] = tuple(replace(sentences[i], tokens=(), entities=()) for i in chosen)
    return summaries


def summary_key(text: str, config: BriefingConfig, salt: str) -> str:
    """Where the cache keeps the summary of an article's text."""
    settings = f"{config.summarizer}|{config.summary_sentences}|{MAX_SUMMARIZED_SENTENCES}"
    return digest("summary", code_version(), salt, text, settings)


def article_summary(sentences: Sequence[SentenceRef], config: BriefingConfig, summarizer=None) -> list[int]:
    """The indices of the sentences of one article's summary (as the cache stores them)."""
    summarizer = summarizer or make_summarizer(config.summarizer)
    return list(summarize(sentences[:MAX_SUMMARIZED_SENTENCES], config.summary_sentences, summarizer))


def briefing_from_texts(
    texts: Sequence[str], config: BriefingConfig, slug: str = "story", *, analyser: Analyser
) -> tuple[Briefing, dict[str, ArticleAnalysis]]:
    """A briefing from bare article texts (``doc0.txt``, ``doc1.txt``… in that order), no files
    and no cache needed. Texts that clean to nothing are left out."""
    articles = []
    for number, text in enumerate(texts):
        try:
            articles.append(article_from_text(text, f"doc{number}.txt", slug))
        except ArticleError as error:
            logger.info("left out %s", error)
    analyses = {a.article_id: a for a in analyser.analyse(articles)}
    story = Story(slug, tuple(articles))
    return make_briefing(story, analyses, config), analyses


def make_briefing(
    story: Story,
    analyses: Mapping[str, ArticleAnalysis],
    config: BriefingConfig,
    summaries: Mapping[str, tuple[SentenceRef, ...]] | None = None,
) -> Briefing:
    """Summaries (made here unless given), merged facts, lede and disagreements of one story."""
    if summaries is None:
        summaries = article_summaries(story.articles, analyses, config)
    sentences = [s for a in story.articles for s in merged_sentences(analyses[a.id].sentences)]
    updated = latest_date(a.published for a in story.articles)
    claims = story_claims(sentences, {a.id: a.published for a in story.articles}, updated)
    plan = outline(claims, config, {a.id: analyses[a.id].sentences for a in story.articles})
    on_topic = claims.on_topic_sentences()
    return Briefing(
        slug=story.slug,
        title=story_title(story, plan.facts),
        updated=updated,
        sources=name_sources(story.articles),
        summaries=dict(summaries),
        facts=plan.facts,
        conflicts=plan.conflicts + tuple(who_is_who(sentences, claims.lexicon, len(plan.conflicts) + 1)),
        quotes=story_quotes(sentences, config.quotes, lambda s: (s.article_id, s.index) in on_topic),
        entities=tuple(story_entities(sentences, claims.lexicon)),
        timeline=story_timeline(plan.facts, {(s.article_id, s.index): s for s in sentences}),
    )


def merged_sentences(sentences: Sequence[SentenceRef]) -> list[SentenceRef]:
    """The sentences of one article that the merge compares: each wording once (a repeated
    sentence says nothing new), the first :data:`MAX_MERGED_SENTENCES` of them.

    The merge compares every sentence with every other article's: the bound keeps an article
    of thousands of sentences from costing minutes. The longest of the 243 Multi-News
    evaluation articles has about 450 sentences.
    """
    seen: set[str] = set()
    kept = []
    for sentence in sentences:
        if sentence.text not in seen:
            seen.add(sentence.text)
            kept.append(sentence)
    if len(kept) > MAX_MERGED_SENTENCES:
        logger.info(
            "%s: only the first %d of its %d sentences are compared with the other articles",
            sentences[0].article_id,
            MAX_MERGED_SENTENCES,
            len(kept),
        )
    return kept[:MAX_MERGED_SENTENCES]


def story_title(story: Story, facts: Sequence[Fact]) -> str:
    """The outlet headline that best matches the lede; else the story's name."""
    if story.title:
        return story.title
    lede_words = {w.lower().strip(".,\"'“”") for f in facts if f.lede for w in f.text.split()}
    titles = [a.title for a in story.articles if a.title]
    if titles:
        return max(titles, key=lambda t: (len({w.lower() for w in t.split()} & lede_words), -titles.index(t)))
    return story.slug.replace("-", " ").capitalize()


def latest_date(values) -> str | None:
    """The latest of some ISO 8601 dates or date-times, ignoring values that are neither."""
    parsed = []
    for value in values:
        if not value:
            continue
        try:
            parsed.append((datetime.fromisoformat(value).isoformat(), value))
        except ValueError:
            try:
                parsed.append((date.fromisoformat(value[:10]).isoformat(), value[:10]))
            except ValueError:
                logger.debug("ignoring unparseable date %r", value)
    return max(parsed)[1] if parsed else None
