"""The analysis and the per-story stages on a Dask cluster (``briefing build --executor dask``).

A build outgrows one machine in the per-article map: parsing is a pure function of one
article's text. :class:`DaskAnalyser` sends the articles missing from the cache to Dask's
distributed scheduler a batch at a time; each worker loads the spaCy pipeline once (a worker
plugin) and answers with the records the cache stores, which the build caches as it caches its
own. When many stories changed, :meth:`DaskCluster.mapper` makes their briefings and renders
their pages on the workers too (they read the analyses from the build cache, which must then be
a folder every worker reaches at the same path). The site is the same, byte for byte, as a
build on this machine makes.

With a scheduler's address the build connects to it; without one it starts a ``LocalCluster``
of one worker process per core (``jobs``) for the duration of the build. Dask is an optional
extra, imported only when this executor is chosen.
"""

from __future__ import annotations

import atexit
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .analysers import MAP_FROM, cores
from .cache import Store, analysis_from_record, analysis_record
from .config import BriefingConfig
from .errors import BriefingError
from .models import ArticleAnalysis, SourceArticle
from .nlp import analyse_each, load_pipeline
from .pipeline import article_summary, cache_salt, summary_key

INSTALL = "pip install 'briefing[dask]'"

try:
    from distributed import Client, LocalCluster, as_completed
    from distributed.diagnostics.plugin import WorkerPlugin
    from distributed.scheduler import KilledWorker
except ImportError as error:  # the optional extra is not installed
    raise BriefingError(f"--executor dask needs Dask's distributed scheduler: {INSTALL}") from error

logger = logging.getLogger(__name__)

BATCH = 8  # articles per task: a task costs a few milliseconds, parsing 8 articles about a second
RETRIES = 2  # a batch that raised is tried again this often (one whose worker died: see below)
CONNECT_TIMEOUT = 5  # seconds to reach a scheduler (a refused connection is tried again until then)
# A task whose worker dies is given to another up to this many times, then the build stops with
# one error (the bound of the build's own cluster; a running scheduler applies its own setting,
# distributed.scheduler.allowed-failures, 3 unless changed).
ALLOWED_FAILURES = 3


class DaskError(BriefingError):
    """The Dask cluster cannot be reached or used; nothing is published."""


class SpacyOnWorkers(WorkerPlugin):
    """Loads the spaCy pipeline on each worker as it joins, once, before its first batch."""

    idempotent = True  # registered by every build on a shared cluster: loaded once per worker

    def __init__(self, models: tuple[str, ...]) -> None:
        self.models = models

    def setup(self, worker: Any) -> None:
        load_pipeline(self.models)


def analyse_batch(
    config: BriefingConfig, summaries: bool, articles: Sequence[SourceArticle]
) -> list[tuple[dict, list[int] | None]]:
    """The task: the analysis of each article as the record the cache stores, and (when
    ``summaries``) its summary as the cache stores it."""
    return [
        (analysis_record(a), article_summary(a.sentences, config) if summaries else None)
        for a in analyse_each(articles, load_pipeline(config.models))
    ]


class DaskCluster:
    """The build's connection to a Dask scheduler (``scheduler``: its address), or to a
    ``LocalCluster`` of ``workers`` processes (default: the cores) it starts; opened on first
    use, closed by :meth:`close` (or when the process exits)."""

    def __init__(
        self, models: tuple[str, ...], scheduler: str | None = None, workers: int | None = None
    ) -> None:
        self.models = models
        self.scheduler = scheduler
        self.workers = workers
        self._client: Client | None = None
        self._local: LocalCluster | None = None

    def client(self, cache: Path | None = None) -> Client:
        """The client, connected now if it is not yet; raises :class:`DaskError` when the
        scheduler cannot be reached or (with ``cache``) a worker cannot see the build cache."""
        if self._client is None:
            self._client = self._connect()
            atexit.register(self.close)
            info = self._client.scheduler_info()
            logger.info(
                "Dask scheduler %s: %d workers, %d threads; dashboard %s",
                info.get("address", self.scheduler),
                len(info.get("workers", {})),
                self.threads(),
                self.dashboard() or "none (install bokeh where the scheduler runs)",
            )
            self._client.register_plugin(SpacyOnWorkers(self.models), name="briefing-spacy")
        if cache is not None:
            check_cache(self._client, cache)
        return self._client

    def _connect(self) -> Client:
        logging.getLogger("distributed").setLevel(logging.WARNING)  # each of its steps is not the build's
        if self.scheduler is None:
            import dask

            workers = self.workers or cores()
            logger.info("starting a Dask LocalCluster of %d worker processes", workers)
            with dask.config.set(
                {
                    "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                    # no sampling of the workers' stacks every 10 ms for the dashboard's profile
                    "distributed.worker.profile.enabled": False,
                    # every batch goes to a worker at once (stolen back when another is idle): the
                    # scheduler shares this process, busy caching results, and must not pace the workers
                    "distributed.scheduler.worker-saturation": float("inf"),
                }
            ):
                self._local = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address="127.0.0.1:0",  # any free port: another build may hold 8787
                    silence_logs=logging.ERROR,
                )
            return Client(self._local)
        try:
            return Client(self.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as error:
            raise DaskError(
                f"cannot reach the Dask scheduler at {self.scheduler} ({_reason(error)}): start one "
                "with 'dask scheduler', or check --scheduler (BRIEFING['scheduler'])"
            ) from None

    def threads(self) -> int:
        """Tasks the cluster runs at once: its workers' threads."""
        workers = self.client().scheduler_info().get("workers", {})
        return sum(w.get("nthreads", 1) for w in workers.values())

    def dashboard(self) -> str | None:
        """The address of the scheduler's dashboard, when it serves one."""
        client = self.client()
        services = client.scheduler_info().get("services", {})
        return client.dashboard_link if "dashboard" in services else None

    def mapper(self) -> Callable[[Callable[[Any], Any], Sequence[Any]], Iterable[Any]]:
        """A map of a per-story stage (the merge, the rendering) on the workers when there are
        enough stories for two of them (as :func:`briefing.analysers.story_mapper` decides),
        else the plain ``map``. The results come in the order of the stories."""

        def mapper(function: Callable[[Any], Any], items: Sequence[Any]) -> Iterable[Any]:
            if min(self.threads(), len(items) // MAP_FROM) < 2:
                return map(function, items)
            logger.info("%s of %d stories on the Dask cluster", function.__name__, len(items))
            client = self.client()
            futures = client.map(function, items, retries=RETRIES, pure=False)
            try:
                return client.gather(futures)
            except KilledWorker:
                raise DaskError(
                    f"the workers running {function.__name__} died {ALLOWED_FAILURES + 1} times on one "
                    "story (out of memory?); see the workers' logs"
                ) from None
            finally:
                client.cancel(futures)

        return mapper

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._local is not None:
            self._local.close()
            self._local = None


class DaskAnalyser:
    """Articles parsed and summarized on a Dask cluster, :data:`BATCH` at a time (fewer when
    there are too few for every worker); the analyses come in the articles' order, each as soon
    as it and those before it are back. Each summary goes into the ``cache`` (the build caches
    the analyses) where the build's own stories find it."""

    def __init__(self, cluster: DaskCluster, config: BriefingConfig, cache: Path | None) -> None:
        self.cluster = cluster
        self.config = config
        self.store = Store(cache)

    def analyse(self, articles: Sequence[SourceArticle]) -> Iterator[ArticleAnalysis]:
        if not articles:
            return
        client = self.cluster.client()
        size = max(1, min(BATCH, -(-len(articles) // self.cluster.threads())))  # a batch for each worker
        batches = [articles[i : i + size] for i in range(0, len(articles), size)]
        logger.info("analysing %d articles in %d batches on the Dask cluster", len(articles), len(batches))
        run = uuid.uuid4().hex[:8]
        summaries = self.store.folder is not None  # with no cache, each story summarizes its own
        futures = [
            client.submit(
                analyse_batch, self.config, summaries, batch, key=f"analyse-{run}-{n}", retries=RETRIES
            )
            for n, batch in enumerate(batches)
        ]
        salt = cache_salt(self.config)
        order = {future.key: n for n, future in enumerate(futures)}
        done: dict[int, list[dict]] = {}
        next_batch = 0
        try:
            for future in as_completed(futures):
                done[order[future.key]] = _result(future, batches[order[future.key]])
                while next_batch in done:
                    for article, (record, summary) in zip(
                        batches[next_batch], done.pop(next_batch), strict=True
                    ):
                        if summary is not None:
                            self.store.put("summary", summary_key(article.text, self.config, salt), summary)
                        yield analysis_from_record(record, article.id)
                    next_batch += 1
        finally:
            client.cancel(futures)


def _result(future: Any, batch: Sequence[SourceArticle]) -> list[tuple[dict, list[int] | None]]:
    """What a batch's task returned; a task that failed for good is one clear error."""
    try:
        return future.result()
    except KilledWorker:
        raise DaskError(
            f"the workers parsing {batch[0].path} and the {len(batch) - 1} articles after it died "
            f"{ALLOWED_FAILURES + 1} times (out of memory?); see the workers' logs"
        ) from None


def check_cache(client: Client, cache: Path) -> None:
    """Make sure every worker sees the build cache at ``cache`` (the stories made on the workers
    read their articles' analyses from it)."""
    cache.mkdir(parents=True, exist_ok=True)
    probe = cache / f".dask-probe-{uuid.uuid4().hex}"
    probe.touch()
    try:
        seen = client.run(os.path.isfile, str(probe))
    finally:
        probe.unlink(missing_ok=True)
    blind = sorted(worker for worker, found in seen.items() if not found)
    if blind:
        raise DaskError(
            f"the Dask workers at {', '.join(blind)} cannot see the build cache {cache}: put it in a "
            "folder every worker and the build reach at the same path (--cache)"
        )


def _reason(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
