"""One build of the site, the same under ``briefing build``, ``briefing watch`` and ``pelican content``.

The Pelican plugin does the work: it builds into a fresh staging folder beside the output,
swaps it in whole once every page is written, then writes the history (see
:mod:`briefing.publish`). :func:`build_site`, which the command line calls, adds what only a
caller can do: it parses the settings once, skips a build whose inputs did not change, and
discards the staging folder of a build that fails. What a build needs that Pelican's settings
do not carry (the parsed config, the analyser, a progress callback) travels in a
:class:`SiteRun` stored in the settings under :data:`RUN`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pelican import Pelican
from pelican.settings import read_settings as pelican_settings

from .analysers import analyser_for, story_mapper
from .config import BriefingConfig
from .errors import BriefingError
from .history import HistoryUpdate
from .nlp import resolve_model
from .pipeline import Analyser, BuildResult, Mapper
from .publish import Staging, fingerprint, is_current
from .warm import WarmAnalyser

if TYPE_CHECKING:
    from .cluster import DaskCluster

logger = logging.getLogger(__name__)

RUN = "BRIEFING_RUN"  # the key of Pelican's settings that holds the SiteRun


@dataclass
class SiteRun:
    """One build: what it is given, and what it leaves for its caller."""

    config: BriefingConfig
    project: Path  # relative cache and history paths are read from here
    analyser: Analyser
    mapper: Mapper
    progress: Callable[[int, int], None] | None = None
    force_output: bool | None = None  # None: replace only a site a build wrote, unless Pelican empties it
    inputs: Callable[[HistoryUpdate | None], str] | None = None  # the hash in the site's manifest
    staging: Staging | None = None  # of the run under way; None once it is published
    result: BuildResult | None = None
    update: HistoryUpdate | None = None
    cluster: DaskCluster | None = None  # with the Dask executor: opened before the build, closed after

    @classmethod
    def for_settings(cls, settings: dict[str, Any], project: Path, **given: Any) -> SiteRun:
        config = BriefingConfig.from_settings(settings)
        run = cls(config, project, default_analyser(config), story_mapper(config.jobs), **given)
        if config.executor == "dask":
            from .cluster import DaskAnalyser, DaskCluster  # Dask is an optional extra

            run.cluster = DaskCluster(config.models, config.scheduler, config.jobs)
            run.analyser = DaskAnalyser(run.cluster, config, run.cache)
            run.mapper = run.cluster.mapper()
        return run

    @property
    def cache(self) -> Path | None:
        return self.project / self.config.cache if self.config.cache else None

    @property
    def history(self) -> Path | None:
        return self.project / self.config.history if self.config.history else None


def default_analyser(config: BriefingConfig) -> Analyser:
    """spaCy here (on the cores when there are enough new articles), behind the warm server
    when the build keeps one (``keep_warm`` > 0)."""
    local = analyser_for(config)
    return WarmAnalyser(config.models, config.keep_warm, local) if config.keep_warm else local


def site_run(settings: dict[str, Any]) -> SiteRun:
    """The run of these settings: the one :func:`build_site` put there, else (``pelican
    content``) one made now from ``BRIEFING``, with the current folder as the project's."""
    run = settings.get(RUN)
    if not isinstance(run, SiteRun):
        run = settings[RUN] = SiteRun.for_settings(settings, Path.cwd())
    return run


def read_settings(settings_file: Path, content: Path | None = None, output: Path | None = None) -> dict:
    """Pelican settings of ``settings_file`` (none when it is missing) with ``--content`` and
    ``--output`` applied."""
    if content is not None and not content.is_dir():
        raise BriefingError(f"{content}: content folder not found (check --content)")
    if not settings_file.is_file():
        return {"PATH": str(content or "content")}
    overrides = {}
    if content is not None:
        overrides["PATH"] = str(content.resolve())
    if output is not None:
        overrides["OUTPUT_PATH"] = str(output.resolve())
    try:
        return pelican_settings(str(settings_file), override=overrides)
    except ValueError as exc:  # Pelican's own check, e.g. the settings' PATH does not exist
        raise BriefingError(f"{settings_file}: {exc}") from exc


def build_site(
    settings_file: Path,
    content: Path | None = None,
    output: Path | None = None,
    cache: Path | None = None,
    force: bool = False,
    jobs: int | None = None,
    keep_warm: int | None = None,
    force_output: bool = False,
    progress: Callable[[int, int], None] | None = None,
    executor: str | None = None,
    scheduler: str | None = None,
) -> tuple[BuildResult | None, Path, SiteRun]:
    """Build the site with Pelican and the plugin into a fresh folder, then swap it in whole.

    Returns the :class:`BuildResult` (``None`` when the inputs have not changed since the site
    in the output folder was built: nothing is done), the output folder and the run. The output
    folder must be the tool's own (:func:`briefing.publish.check_output`; ``force_output``
    replaces any other folder). The history is written once the site is published.
    """
    if not settings_file.is_file():
        raise BriefingError(
            f"{settings_file}: settings file not found (run from the project folder or pass --settings)"
        )
    settings = read_settings(settings_file, content, output)
    given = {
        "cache": str(cache.absolute()) if cache is not None else None,
        "jobs": jobs,
        "keep_warm": keep_warm,
        "executor": executor or ("dask" if scheduler else None),  # an address says where to send the work
        "scheduler": scheduler,
    }
    overrides = {name: value for name, value in given.items() if value is not None}
    if overrides:  # the command line's options win over BRIEFING
        settings["BRIEFING"] = {**(settings.get("BRIEFING") or {}), **overrides}
    project = settings_file.resolve().parent
    run = SiteRun.for_settings(settings, project, progress=progress, force_output=force_output)
    if "briefing.pelican_plugin" not in [getattr(p, "__name__", p) for p in settings.get("PLUGINS") or []]:
        raise BriefingError(f"{settings_file}: add 'briefing.pelican_plugin' to PLUGINS")
    model = _model_versions(run.config)
    content_root = Path(settings["PATH"])
    theme = Path(settings["THEME"])
    paths = [settings_file, content_root, theme / "templates"]
    paths += [theme / p for p in settings.get("THEME_STATIC_PATHS", []) if (theme / p).exists()]

    # the files as the build starts to read them: a file changed during the build makes the
    # next build run again
    read = fingerprint(dict.fromkeys(paths), extra=f"{model}\0{run.config.fingerprint()}")

    def inputs(update: HistoryUpdate | None = None) -> str:
        """A hash of everything the site is made of, the history as it will be once ``update`` is written."""
        history = history_state(run.history, update) if run.history else ""
        return hashlib.sha256(f"{read}\0{history}".encode()).hexdigest()

    run.inputs = inputs
    site = Path(settings["OUTPUT_PATH"])
    if not force and is_current(site, inputs()):
        return None, site, run
    settings[RUN] = run
    show_every_message()
    try:
        if run.cluster is not None:  # an unreachable scheduler stops the build before it writes anything
            run.cluster.client(run.cache)
        Pelican(settings).run()
    finally:
        if run.staging is not None:  # a run that did not finish publishes nothing
            run.staging.discard()
        if run.cluster is not None:
            run.cluster.close()
    if run.result is None:
        raise BriefingError(
            f"{settings_file}: the briefing plugin did not run; add 'briefing.pelican_plugin' to PLUGINS"
        )
    return run.result, site, run


def show_every_message() -> None:
    """Pelican's loggers (every logger made once Pelican is imported) drop a message they have
    shown before; under ``briefing watch`` a problem with an input must be shown at each build
    that meets it, so briefing's own loggers keep every message."""
    for name, found in logging.Logger.manager.loggerDict.items():
        if name.split(".")[0] == "briefing" and hasattr(found, "disable_filter"):
            found.disable_filter()


def history_state(folder: Path, update: HistoryUpdate | None = None) -> str:
    """A hash of the history files in ``folder`` as they will be once ``update`` is written."""
    files: dict[str, bytes] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            files[path.name] = path.read_bytes()
    for path, text in (update.files if update else {}).items():
        files[path.name] = text.encode()
    hashed = hashlib.sha256()
    for name, data in sorted(files.items()):
        hashed.update(f"{name}\0{len(data)}\0".encode())
        hashed.update(data)
    return hashed.hexdigest()


def _model_versions(config: BriefingConfig) -> str:
    try:
        return repr(resolve_model(config.models))
    except BriefingError:
        return ""
