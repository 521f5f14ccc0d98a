"""The build, stage by stage: load → analyse → group → summarize → merge → a Briefing per story.

Pelican-agnostic: the Pelican plugin and the CLI both call :func:`build_briefings`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from importlib.metadata import version
from pathlib import Path

from .cache import AnalysisCache
from .config import BriefingConfig
from .entities import story_entities
from .errors import ArticleError
from .merge import story_claims
from .models import ArticleAnalysis, Briefing, Fact, SourceArticle, Story
from .nlp import analyse, load_pipeline, resolve_model
from .outline import outline
from .quotes import story_quotes
from .sources import article_from_text, discover, load_article
from .stories import group_stories
from .summarize import make_summarizer, summarize
from .timeline import story_timeline

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build made and what it had to skip."""

    briefings: tuple[Briefing, ...]
    skipped: tuple[ArticleError, ...]
    articles: int
    analysed: int  # articles parsed by spaCy in this build (the rest came from the cache)

    @property
    def summary(self) -> str:
        line = f"{self.articles} articles in {len(self.briefings)} stories"
        if self.skipped:
            line += f", {len(self.skipped)} skipped"
        return line


def load_articles(content_root: Path) -> tuple[list[SourceArticle], list[ArticleError]]:
    """Every usable article under the content root, and one error for each file that is not."""
    articles, skipped = [], []
    for path, story in discover(content_root):
        try:
            articles.append(load_article(path, content_root, story))
        except ArticleError as error:
            logger.warning("skipped %s", error)
            skipped.append(error)
    return articles, skipped


def analyse_articles(
    articles: Sequence[SourceArticle], config: BriefingConfig, cache_root: Path | None
) -> tuple[dict[str, ArticleAnalysis], int]:
    """Analysis of each article, from the cache where possible; spaCy loads only when needed."""
    name, model_version = resolve_model(config.models)
    salt = f"{name}-{model_version}|spacy-{version('spacy')}|briefing-{version('briefing')}"
    cache = AnalysisCache(cache_root, salt)
    found: dict[str, ArticleAnalysis] = {}
    missing: list[SourceArticle] = []
    for article in articles:
        cached = cache.get(article.text, article.id)
        if cached is None:
            missing.append(article)
        else:
            found[article.id] = cached
    if missing:
        nlp = load_pipeline(config.models)
        for article_id, analysis in analyse(missing, nlp).items():
            found[article_id] = analysis
        for article in missing:
            cache.put(article.text, found[article.id])
    return found, len(missing)


def build_briefings(
    content_root: Path, config: BriefingConfig, cache_root: Path | None = None
) -> BuildResult:
    """Read the content root and return one :class:`Briefing` per story.

    >>> result = build_briefings(Path("content"), BriefingConfig())  # doctest: +SKIP
    >>> result.summary  # doctest: +SKIP
    '5 articles in 1 stories'
    """
    articles, skipped = load_articles(content_root)
    analyses, analysed = analyse_articles(articles, config, cache_root)
    stories = group_stories(articles, analyses)
    briefings = tuple(make_briefing(story, analyses, config) for story in stories)
    return BuildResult(briefings, tuple(skipped), len(articles), analysed)


def briefing_from_texts(
    texts: Sequence[str], config: BriefingConfig, slug: str = "story", nlp=None
) -> tuple[Briefing, dict[str, ArticleAnalysis]]:
    """A briefing from bare article texts (``doc0.txt``, ``doc1.txt``… in that order), no files needed.

    Texts that clean to nothing are left out. Pass a loaded ``nlp`` to reuse it across calls.
    """
    articles = []
    for number, text in enumerate(texts):
        try:
            articles.append(article_from_text(text, f"doc{number}.txt", slug))
        except ArticleError as error:
            logger.info("left out %s", error)
    nlp = nlp or load_pipeline(config.models)
    analyses = analyse(articles, nlp)
    story = Story(slug, tuple(articles))
    return make_briefing(story, analyses, config), analyses


def make_briefing(story: Story, analyses: Mapping[str, ArticleAnalysis], config: BriefingConfig) -> Briefing:
    """Summaries, merged facts, lede and disagreements of one story."""
    summarizer = make_summarizer(config.summarizer)
    summaries = {}
    for article in story.articles:
        sentences = analyses[article.id].sentences
        chosen = summarize(sentences, config.summary_sentences, summarizer)
        summaries[article.id] = tuple(sentences[i] for i in chosen)
    sentences = [s for a in story.articles for s in analyses[a.id].sentences]
    claims = story_claims(sentences)
    plan = outline(claims, config)
    on_topic = claims.on_topic_sentences()
    return Briefing(
        slug=story.slug,
        title=story_title(story, plan.facts),
        updated=latest_date(a.published for a in story.articles),
        sources=story.articles,
        summaries=summaries,
        facts=plan.facts,
        conflicts=plan.conflicts,
        quotes=story_quotes(sentences, config.quotes, lambda s: (s.article_id, s.index) in on_topic),
        entities=tuple(story_entities(sentences, claims.lexicon)),
        timeline=story_timeline(plan.facts, {(s.article_id, s.index): s for s in sentences}),
    )


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
