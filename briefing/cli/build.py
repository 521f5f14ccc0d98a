"""``briefing build``: the site from the content folder, rebuilt only where an input changed."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from ..config import BriefingConfig
from ..errors import BriefingError
from ..pipeline import count_reasons, load_content, pipeline_languages
from ..site import build_site, read_settings
from ..warm import WarmServerError, server_for, start_server, stop_server
from .common import EXIT_OK, EXIT_STRICT, ProgressBar, report

logger = logging.getLogger("briefing")


def register(commands, parents) -> None:
    command = commands.add_parser("build", help="build the site from the content folder", parents=parents)
    command.add_argument("--force", action="store_true", help="build even when no input changed")
    command.add_argument(
        "--force-output",
        action="store_true",
        help="replace the output folder even when it holds files that no build of briefing wrote",
    )
    command.add_argument(
        "--strict",
        action="store_true",
        help=f"stop, building nothing, when an input is skipped or guessed (exit code {EXIT_STRICT})",
    )
    command.add_argument(
        "--keep-warm",
        type=_seconds,
        metavar="SECONDS",
        help="after parsing articles, keep spaCy loaded in a background server for later builds "
        "until SECONDS pass idle; 0 stops it (default: BRIEFING['keep_warm'], 0)",
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.strict and not strict_check(args.settings, args.content):
        return EXIT_STRICT
    if args.keep_warm == 0:
        stop_warm(args.settings)
    result, output = build(args, args.force, args.keep_warm, args.force_output)
    elapsed = time.perf_counter() - started
    if result is None:
        print(f"nothing changed since the last build; {output} is up to date ({elapsed:.1f} s)")
        return EXIT_OK
    report(result, output, elapsed)
    return EXIT_OK


def build(
    args: argparse.Namespace, force: bool = False, keep_warm: int | None = None, force_output: bool = False
):
    """One build of the site with a progress bar on a terminal; spaCy kept warm after it when asked."""
    bar = ProgressBar() if sys.stderr.isatty() else None
    try:
        result, output, done = build_site(
            args.settings,
            args.content,
            args.output,
            args.cache,
            force,
            args.jobs,
            keep_warm,
            force_output,
            bar.update if bar else None,
            args.executor,
            args.scheduler,
        )
    finally:
        if bar:
            bar.close()
    if result is not None and done.config.keep_warm and result.analysed:
        keep_spacy_warm(done.config)
    return result, output


def keep_spacy_warm(config: BriefingConfig) -> None:
    """Leave a warm spaCy server behind (unless one runs); never fails the build."""
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
    try:
        if stop_server(server_for(BriefingConfig.from_settings(read_settings(settings_file)).models)):
            print("stopped the warm spaCy server", flush=True)
    except WarmServerError as error:
        logger.warning("%s", error)


def strict_check(settings_file: Path, content: Path | None) -> bool:
    """``build --strict``: read every input first; list what is wrong and say whether all is well."""
    settings = read_settings(settings_file, content)
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


def _seconds(value: str) -> int:
    """A whole number of seconds >= 0, for argparse."""
    try:
        seconds = int(value)
    except ValueError:
        seconds = -1
    if seconds < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of seconds >= 0")
    return seconds
