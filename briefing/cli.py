"""The ``briefing`` command, a thin shell over the library and Pelican.

briefing build [--content DIR] [--output DIR] [--cache DIR] [--settings FILE] [--strict] [--keep-warm SECONDS]
briefing add PATH|URL... [--story SLUG] [--content DIR]
briefing warm [--status | --stop]
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from .errors import BriefingError
from .walk import walk_files

logger = logging.getLogger("briefing")

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_STRICT = 3  # build --strict: some input files were skipped or needed a guess; nothing was built


def build(
    settings_file: Path,
    content: Path | None = None,
    output: Path | None = None,
    cache: Path | None = None,
    force: bool = False,
    jobs: int | None = None,
    keep_warm: int | None = None,
    force_output: bool = False,
):
    """Build the site with Pelican and our plugin into a fresh folder, then swap it in whole.

    Returns the :class:`BuildResult` and the output folder; the result is ``None`` when the
    inputs have not changed since the site in the output folder was built (nothing is done).
    The output folder must be the tool's own (see :func:`briefing.publish.check_output`;
    ``force_output`` replaces any other folder). The history is written once the site is published.
    ``keep_warm`` (default ``BRIEFING["keep_warm"]``) > 0: when the build parsed articles, a warm
    spaCy server is left behind once the site is published (:mod:`briefing.warm`).
    """
    from .config import BriefingConfig
    from .publish import Staging, check_output, fingerprint, is_current, protected_paths

    if not settings_file.is_file():
        raise BriefingError(
            f"{settings_file}: settings file not found (run from the project folder or pass --settings)"
        )
    settings = _settings(settings_file, content, output)
    given = {"cache": str(cache) if cache is not None else None, "jobs": jobs, "keep_warm": keep_warm}
    overrides = {name: value for name, value in given.items() if value is not None}
    if overrides:  # the command line's options win over BRIEFING
        settings["BRIEFING"] = {**(settings.get("BRIEFING") or {}), **overrides}

    site = Path(settings["OUTPUT_PATH"])
    content_root = Path(settings["PATH"])
    config = BriefingConfig.from_settings(settings)
    history = content_root / config.history if config.history else None
    check_output(
        site, protected_paths(settings, config, settings_file.resolve().parent), [content_root], force_output
    )

    def inputs(history_text: str | None = None) -> str:
        """A hash of everything the site is made of; the history as it is on disk, or as it
        will be once ``history_text`` is written."""
        theme = Path(settings["THEME"])
        paths = [settings_file, content_root, theme / "templates"]
        paths += [theme / p for p in settings.get("THEME_STATIC_PATHS", []) if (theme / p).exists()]
        if history_text is None and history is not None:
            history_text = _read_or_none(history)
        extra = f"{_model_versions(settings)}\0{history_text or ''}"
        return fingerprint(dict.fromkeys(paths), extra=extra, skip=[history] if history else [])

    if not force and is_current(site, inputs()):
        return None, site
    staging = Staging(site)
    settings["OUTPUT_PATH"] = str(staging.path)
    try:
        result, config, update = _run_pelican(settings, settings_file)
        staging.publish(inputs(update.text if update else None))
    except BaseException:
        staging.discard()
        raise
    if update is not None:
        try:
            update.write()
        except OSError as error:
            raise BriefingError(f"{update.path}: the history could not be written ({error})") from error
    if config.keep_warm and result.analysed:
        _keep_spacy_warm(config)
    return result, site


def _read_or_none(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _keep_spacy_warm(config) -> None:
    """Leave a warm spaCy server behind (unless one runs); never fails the build."""
    from .warm import WarmServerError, start_server

    try:
        if start_server(config.models, config.keep_warm):
            print(
                f"spaCy is kept warm in the background for the next builds; it exits after "
                f"{config.keep_warm} s without one ('briefing warm --stop' ends it now)",
                flush=True,
            )
    except (WarmServerError, OSError) as error:
        logger.warning("spaCy is not kept warm: %s", error)


def stop_warm(settings_file: Path) -> None:
    """``build --keep-warm 0``: stop the warm spaCy server this project's builds would use."""
    from .config import BriefingConfig
    from .warm import WarmServerError, server_for, stop_server

    try:
        if stop_server(server_for(BriefingConfig.from_settings(_settings(settings_file, None)).models)):
            print("stopped the warm spaCy server", flush=True)
    except WarmServerError as error:
        logger.warning("%s", error)


class _ProgressBar:
    """A bar on the terminal while spaCy parses new articles, shown only for long builds."""

    SHOW_FROM = 20  # articles

    def __init__(self) -> None:
        self._bar = None

    def update(self, done: int, total: int, **_) -> None:
        if total < self.SHOW_FROM:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="article", desc="analysing", leave=False)
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _model_versions(settings) -> str:
    from .config import BriefingConfig
    from .nlp import resolve_model

    try:
        return repr(resolve_model(BriefingConfig.from_settings(settings).models))
    except BriefingError:
        return ""


def _run_pelican(settings, settings_file: Path):
    from pelican import Pelican

    from .pelican_plugin import analysis_progress, briefing_built

    results = []
    bar = _ProgressBar() if sys.stderr.isatty() else None

    def remember(result, config, history=None, **_):
        results.append((result, config, history))
        return True  # the history is written here, once the site is published

    briefing_built.connect(remember)
    if bar:
        analysis_progress.connect(bar.update)
    try:
        Pelican(settings).run()
    finally:
        briefing_built.disconnect(remember)
        if bar:
            analysis_progress.disconnect(bar.update)
            bar.close()
    if not results:
        raise BriefingError(
            f"{settings_file}: the briefing plugin did not run; add 'briefing.pelican_plugin' to PLUGINS"
        )
    return results[-1]


def watch(args: argparse.Namespace, stop: threading.Event | None = None) -> int:
    """``briefing watch``: build, then rebuild whenever an input changes, until interrupted
    (or until ``stop`` is set). spaCy stays loaded between builds, so a new article costs only
    its own analysis."""
    content = Path(_settings(args.settings, args.content)["PATH"])
    watched = [args.settings, content, args.settings.parent / "templates"]
    seen = None
    stop = stop or threading.Event()
    print(f"watching {', '.join(str(p) for p in watched)}; Ctrl-C stops", flush=True)
    try:
        while not stop.is_set():
            state = _snapshot(watched)
            if state != seen:
                seen = state
                started = time.perf_counter()
                try:
                    result, output = build(
                        args.settings, args.content, args.output, args.cache, False, args.jobs, keep_warm=0
                    )
                except BriefingError as error:
                    print(f"briefing: error: {error}", file=sys.stderr, flush=True)
                else:
                    if result is not None:
                        _report(result, output, time.perf_counter() - started)
                seen = _snapshot(watched)  # the build may have written the history
            stop.wait(args.interval)
    except KeyboardInterrupt:
        print("stopped watching")
    return EXIT_OK


def _snapshot(paths: Sequence[Path]) -> frozenset[tuple[str, int, int]]:
    """Name, size and modification time of every file under the paths: what a change touches."""
    found = set()
    for root in paths:
        files = [root] if root.is_file() else walk_files(root, hidden=True).files
        for path in files:
            try:
                info = path.stat()
            except OSError:  # removed meanwhile, or a broken link
                continue
            found.add((str(path), info.st_size, info.st_mtime_ns))
    return frozenset(found)


def _report(result, output: Path, elapsed: float) -> None:
    for problem in result.skipped:
        print(f"briefing: skipped {problem}", file=sys.stderr)
    for warning in getattr(result, "warnings", ()):
        print(f"briefing: warning: {warning}", file=sys.stderr)
    print(f"{result.summary}; {result.analysed} analysed, wrote {output} in {elapsed:.1f} s", flush=True)


def _settings(settings_file: Path, content: Path | None, output: Path | None = None) -> dict:
    """Pelican settings of ``settings_file`` (none when it is missing) with ``--content`` and
    ``--output`` applied."""
    from pelican.settings import read_settings

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
        return read_settings(str(settings_file), override=overrides)
    except ValueError as exc:  # Pelican's own check, e.g. the settings' PATH does not exist
        raise BriefingError(f"{settings_file}: {exc}") from exc


def strict_check(settings_file: Path, content: Path | None) -> bool:
    """``build --strict``: read every input first; list what is wrong and say whether all is well."""
    from .config import BriefingConfig
    from .pipeline import count_reasons, load_content, pipeline_languages

    settings = _settings(settings_file, content)
    root = Path(settings["PATH"])
    if not root.is_dir():
        raise BriefingError(f"{root}: content folder not found")
    loaded = load_content(root, pipeline_languages(BriefingConfig.from_settings(settings)))
    for problem in loaded.skipped:
        print(f"briefing: skipped {problem}", file=sys.stderr)
    for warning in loaded.warnings:
        print(f"briefing: warning: {warning}", file=sys.stderr)
    if loaded.problems:
        print(
            f"briefing: error: --strict: {len(loaded.problems)} input problems "
            f"({count_reasons(loaded.problems)}); nothing was built",
            file=sys.stderr,
        )
    return not loaded.problems


def add(args: argparse.Namespace) -> int:
    """``briefing add``: one line for each file written and for each input that could not be used."""
    from .ingest import add_articles

    if args.content is None and not args.settings.is_file():
        raise BriefingError(
            f"{args.settings}: settings file not found, so this is no project folder: run briefing add "
            "in the project folder, or give the content folder with --content DIR"
        )
    if args.content is not None and not args.content.is_dir():
        args.content.mkdir(parents=True)
        print(f"created the content folder {args.content}", file=sys.stderr)
    root = Path(_settings(args.settings, args.content)["PATH"])
    result = add_articles(args.inputs, root, args.story, args.timeout)
    for article in result.added:
        print(f"added {article.path}" + (f" ({article.title})" if article.title else ""))
    for warning in result.warnings:
        print(f"briefing: warning: {warning}", file=sys.stderr)
    for error in result.failed:
        print(f"briefing: error: {error}", file=sys.stderr)
    return EXIT_ERROR if result.failed else EXIT_OK


def warm(args: argparse.Namespace) -> int:
    """``briefing warm``: list this user's warm spaCy servers, or ``--stop`` them all.

    Exit code 0 when a server for this project's code and model is ready, else 1.
    """
    from .config import BriefingConfig
    from .warm import runtime_folder, server_for, server_status, servers, stop_server

    found = servers()
    if not found:
        print(f"no warm spaCy server is running ({runtime_folder()})")
    if args.stop:
        for server in found:
            stop_server(server)
            print(f"stopped the warm spaCy server {server.socket}")
        return EXIT_OK
    ours = server_for(BriefingConfig.from_settings(_settings(args.settings, None)).models).name
    ready = False
    for server in found:
        status = server_status(server)
        if status is None:
            print(f"{server.socket}: loading spaCy, or busy with a build")
            continue
        print(
            f"{server.socket}: pid {status['pid']}, {status['model']}, spaCy {status['spacy']}, "
            f"{status['memory_mb']} MB, idle {status['idle']} s (exits at {status['keep_warm']} s), "
            f"{status['articles']} articles for {status['builds']} builds"
            + ("" if server.name == ours else " (another briefing code, model or Python)")
        )
        ready = ready or server.name == ours
    return EXIT_OK if ready else EXIT_ERROR


def evaluate(args: argparse.Namespace) -> int:
    """``briefing eval``: the tables (ROUGE, attribution, grouping), printed as they are measured."""
    from .config import BriefingConfig
    from .evaluation.attribution import attribution_eval, format_attribution, load_gold
    from .evaluation.grouping import format_grouping, grouping_eval
    from .evaluation.reading import format_reading, reading_eval
    from .evaluation.rouge import format_table, rouge_eval
    from .evaluation.support import format_support, load_labels, score_support, support_pairs, uncredited_keys

    config = BriefingConfig()
    started = time.perf_counter()
    briefings: list = []
    rows = rouge_eval(args.data, args.limit, args.budget, config, briefings)
    print(format_table(rows))
    print(f"({time.perf_counter() - started:.0f} s)\n")
    if args.support.is_file():
        pairs = [pair for briefing, analyses in briefings for pair in support_pairs(briefing, analyses)]
        left_out = {key for briefing, analyses in briefings for key in uncredited_keys(briefing, analyses)}
        print(format_support(score_support(pairs, load_labels(args.support), left_out)) + "\n")
    referents = args.support.with_name("referent_labels.json")
    labels = load_labels(referents) if referents.is_file() else {}
    print(format_reading(reading_eval(briefings, labels)) + "\n")
    score = attribution_eval(args.content, args.gold, args.furniture, config)
    print(format_attribution(score, load_gold(args.gold)["story"]))
    cache = Path(config.cache) if config.cache else None
    print("\n" + format_grouping(grouping_eval(args.data, args.limit, config, cache)))
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", help="log each step")
    parser = argparse.ArgumentParser(
        prog="briefing", description="Sourced news briefings as a static site.", parents=[common]
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    settings = argparse.ArgumentParser(add_help=False)
    settings.add_argument(
        "--settings",
        type=Path,
        default=Path("pelicanconf.py"),
        help="settings file (default: pelicanconf.py)",
    )
    paths = argparse.ArgumentParser(add_help=False, parents=[settings])  # where the project's files are
    paths.add_argument("--content", type=Path, help="content folder (default: PATH of the settings)")
    site = argparse.ArgumentParser(add_help=False, parents=[paths])  # what build and watch share
    site.add_argument("--output", type=Path, help="output folder (default: OUTPUT_PATH of the settings)")
    site.add_argument("--cache", type=Path, help="analysis cache folder (default: BRIEFING['cache'])")
    site.add_argument("--jobs", type=int, help="processes for the analysis of many new articles (default: 1)")
    build_cmd = commands.add_parser(
        "build", help="build the site from the content folder", parents=[common, site]
    )
    build_cmd.add_argument("--force", action="store_true", help="build even when no input changed")
    build_cmd.add_argument(
        "--force-output",
        action="store_true",
        help="replace the output folder even when it holds files that no build of briefing wrote",
    )
    build_cmd.add_argument(
        "--strict",
        action="store_true",
        help=f"stop, building nothing, when an input is skipped or guessed (exit code {EXIT_STRICT})",
    )
    build_cmd.add_argument(
        "--keep-warm",
        type=_seconds,
        metavar="SECONDS",
        help="after parsing articles, keep spaCy loaded in a background server for later builds "
        "until SECONDS pass idle; 0 stops it (default: BRIEFING['keep_warm'], 0)",
    )
    add_cmd = commands.add_parser(
        "add",
        help="write files or URLs into the content folder as Markdown articles",
        parents=[common, paths],
    )
    add_cmd.add_argument("inputs", nargs="+", metavar="PATH|URL", help="saved page, feed, text file or URL")
    add_cmd.add_argument("--story", help="put the articles in this story's folder")
    add_cmd.add_argument(
        "--timeout", type=float, default=20.0, help="seconds to wait for a server (default: 20)"
    )
    watch_cmd = commands.add_parser(
        "watch", help="rebuild whenever the content, settings or templates change", parents=[common, site]
    )
    watch_cmd.add_argument("--interval", type=float, default=1.0, help="seconds between checks (default: 1)")
    warm_cmd = commands.add_parser(
        "warm",
        help="show or stop the warm spaCy servers left by build --keep-warm",
        parents=[common, settings],
    )
    action = warm_cmd.add_mutually_exclusive_group()
    action.add_argument("--status", action="store_true", help="list the servers (the default)")
    action.add_argument("--stop", action="store_true", help="stop every server")
    eval_cmd = commands.add_parser(
        "eval",
        help="measure the briefings: ROUGE against peers, attribution against a gold reading",
        parents=[common],
    )
    eval_cmd.add_argument(
        "--data",
        type=Path,
        help="evaluation clusters, JSON lines (default: ../shared/evaldata/multinews_dev.jsonl)",
    )
    eval_cmd.add_argument("--limit", type=int, help="score only the first N clusters")
    eval_cmd.add_argument("--budget", type=int, default=250, help="words per summary (default: 250)")
    eval_cmd.add_argument(
        "--gold", type=Path, default=Path("tests/data/demo_gold.json"), help="gold reading of a story"
    )
    eval_cmd.add_argument(
        "--furniture",
        type=Path,
        default=Path("tests/data/demo_furniture.json"),
        help="page furniture of the gold story's articles, which no statement may hold",
    )
    eval_cmd.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder of the gold story"
    )
    eval_cmd.add_argument(
        "--support",
        type=Path,
        default=Path("tests/data/support_labels.json"),
        help="labelled sample of statement/sentence pairs for the support table",
    )
    return parser


def _seconds(value: str) -> int:
    """A whole number of seconds >= 0, for argparse."""
    try:
        seconds = int(value)
    except ValueError:
        seconds = -1
    if seconds < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of seconds >= 0")
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.WARNING)
    logger.setLevel(logging.INFO if args.verbose else logging.WARNING)
    logging.getLogger("briefing.inputs").setLevel(logging.ERROR)  # each input problem is printed once below
    started = time.perf_counter()
    try:
        if args.command == "eval":
            return evaluate(args)
        if args.command == "watch":
            return watch(args)
        if args.command == "add":
            return add(args)
        if args.command == "warm":
            return warm(args)
        if args.strict and not strict_check(args.settings, args.content):
            return EXIT_STRICT
        if args.keep_warm == 0:
            stop_warm(args.settings)
        result, output = build(
            args.settings,
            args.content,
            args.output,
            args.cache,
            args.force,
            args.jobs,
            args.keep_warm,
            args.force_output,
        )
    except BriefingError as error:
        print(f"briefing: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    elapsed = time.perf_counter() - started
    if result is None:
        print(f"nothing changed since the last build; {output} is up to date ({elapsed:.1f} s)")
        return EXIT_OK
    _report(result, output, elapsed)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
