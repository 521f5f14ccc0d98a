"""Where articles are parsed (spaCy in this process, on several processes, or by a warm server),
and where stories are merged (here, or on several processes).

The build asks an :class:`~briefing.pipeline.Analyser` for the analyses it does not find in the
cache and never learns how they were made. The shells (the CLI, the Pelican plugin, the
evaluation) choose one with :func:`analyser_for`.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from .config import BriefingConfig
from .models import ArticleAnalysis, SourceArticle
from .nlp import analyse_each, load_pipeline

logger = logging.getLogger(__name__)

# Articles per process below which one process is faster: each extra process parses about
# 8 articles a second and costs about a second to start.
PARALLEL_FROM = 16


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def processes_for(articles: int, jobs: int | None) -> int:
    """How many processes parse ``articles`` new articles: ``jobs`` (default: the cores) when
    there are enough for each to pay for loading spaCy again, else one.

    >>> processes_for(10, 2), processes_for(100, 2), processes_for(100, 1)
    (1, 2, 1)
    """
    wanted = jobs or cores()
    return wanted if wanted > 1 and articles >= PARALLEL_FROM * wanted else 1


@dataclass(frozen=True)
class LocalAnalyser:
    """spaCy loaded in this process; ``jobs`` processes forked from it for a batch big enough
    to pay for them, one otherwise. The analyses come in the articles' order either way."""

    models: tuple[str, ...]
    jobs: int | None = None

    def analyse(self, articles: Sequence[SourceArticle]) -> Iterator[ArticleAnalysis]:
        if not articles:
            return
        nlp = load_pipeline(self.models)  # before the processes fork: they inherit it loaded
        n_process = processes_for(len(articles), self.jobs)
        if n_process == 1:
            yield from analyse_each(articles, nlp)
            return
        logger.info("analysing %d articles on %d processes", len(articles), n_process)
        # each process parses a few articles at a time and sends back their records: cheaper
        # than spaCy's own n_process, which sends every Doc back to be converted here
        chunks = [(self.models, articles[i : i + CHUNK]) for i in range(0, len(articles), CHUNK)]
        with ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork")) as pool:
            for analyses in pool.map(_analyse_chunk, chunks):
                yield from analyses


CHUNK = 4  # articles a process parses at a time


def _analyse_chunk(job: tuple[tuple[str, ...], Sequence[SourceArticle]]) -> list[ArticleAnalysis]:
    models, articles = job
    return list(analyse_each(articles, load_pipeline(models)))


MAP_FROM = 4  # stories per process below which one process makes them all


def story_mapper(jobs: int | None) -> Callable[[Callable[[Any], Any], Sequence[Any]], Iterable[Any]]:
    """A map of a per-story stage (the merge, the rendering) over ``jobs`` processes (default:
    the cores) when there are enough stories for each, else the plain ``map``. The results come
    in the order of the stories, so the site is the same either way."""

    def mapper(function: Callable[[Any], Any], items: Sequence[Any]) -> Iterable[Any]:
        n_process = min(jobs or cores(), len(items) // MAP_FROM)
        if n_process < 2:
            return map(function, items)
        logger.info("%s of %d stories on %d processes", function.__name__, len(items), n_process)
        with ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(function, items))

    return mapper


def analyser_for(config: BriefingConfig) -> LocalAnalyser:
    """The analyser of a one-shot build: spaCy here, on ``config.jobs`` processes (default: the
    cores) when there are enough new articles. The warm server is an opt-in adapter
    (:class:`briefing.warm.WarmAnalyser`) that the command line puts in front of it."""
    return LocalAnalyser(config.models, config.jobs)
