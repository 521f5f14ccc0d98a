"""The ``briefing`` command, a thin shell over the library and Pelican.

briefing build [--content DIR] [--output DIR] [--cache DIR] [--settings FILE]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .errors import BriefingError

logger = logging.getLogger("briefing")

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def build(
    settings_file: Path,
    content: Path | None = None,
    output: Path | None = None,
    cache: Path | None = None,
    force: bool = False,
):
    """Build the site with Pelican and our plugin into a fresh folder, then swap it in whole.

    Returns the :class:`BuildResult` and the output folder; the result is ``None`` when the
    inputs have not changed since the site in the output folder was built (nothing is done).
    """
    from pelican.settings import read_settings

    from .publish import discard, fingerprint, is_current, publish, staging_folder

    if not settings_file.is_file():
        raise BriefingError(
            f"{settings_file}: settings file not found (run from the project folder or pass --settings)"
        )
    overrides: dict[str, object] = {}
    if content is not None:
        if not content.is_dir():
            raise BriefingError(f"{content}: content folder not found")
        overrides["PATH"] = str(content.resolve())
    if output is not None:
        overrides["OUTPUT_PATH"] = str(output.resolve())
    try:
        settings = read_settings(str(settings_file), override=overrides)
    except ValueError as exc:  # Pelican's own check, e.g. the settings' PATH does not exist
        raise BriefingError(f"{settings_file}: {exc}") from exc
    if cache is not None:
        settings["BRIEFING"] = {**(settings.get("BRIEFING") or {}), "cache": str(cache)}

    site = Path(settings["OUTPUT_PATH"])

    def inputs() -> str:
        theme = Path(settings["THEME"])
        paths = [settings_file, Path(settings["PATH"]), theme / "templates"]
        paths += [theme / p for p in settings.get("THEME_STATIC_PATHS", []) if (theme / p).exists()]
        return fingerprint(dict.fromkeys(paths), extra=_model_versions(settings))

    if not force and is_current(site, inputs()):
        return None, site
    staging = staging_folder(site)
    settings["OUTPUT_PATH"] = str(staging)
    try:
        result = _run_pelican(settings, settings_file)
    except BaseException:
        discard(staging)
        raise
    publish(staging, site, inputs())
    return result, site


def _model_versions(settings) -> str:
    from .config import BriefingConfig
    from .nlp import resolve_model

    try:
        return repr(resolve_model(BriefingConfig.from_settings(settings).models))
    except BriefingError:
        return ""


def _run_pelican(settings, settings_file: Path):
    from pelican import Pelican

    from .pelican_plugin import briefing_built

    results = []

    def remember(result, **_):
        results.append(result)

    briefing_built.connect(remember)
    try:
        Pelican(settings).run()
    finally:
        briefing_built.disconnect(remember)
    if not results:
        raise BriefingError(
            f"{settings_file}: the briefing plugin did not run; add 'briefing.pelican_plugin' to PLUGINS"
        )
    return results[-1]


def evaluate(args: argparse.Namespace) -> int:
    """``briefing eval``: both tables, printed as they are measured."""
    from .attribution import attribution_eval, format_attribution, load_gold
    from .config import BriefingConfig
    from .evaluate import format_table, rouge_eval

    config = BriefingConfig()
    started = time.perf_counter()
    rows = rouge_eval(args.data, args.limit, args.budget, config)
    print(format_table(rows))
    print(f"({time.perf_counter() - started:.0f} s)\n")
    score = attribution_eval(args.content, args.gold, config)
    print(format_attribution(score, load_gold(args.gold)["story"]))
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", help="log each step")
    parser = argparse.ArgumentParser(
        prog="briefing", description="Sourced news briefings as a static site.", parents=[common]
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_cmd = commands.add_parser("build", help="build the site from the content folder", parents=[common])
    build_cmd.add_argument("--content", type=Path, help="content folder (default: PATH of the settings)")
    build_cmd.add_argument("--output", type=Path, help="output folder (default: OUTPUT_PATH of the settings)")
    build_cmd.add_argument("--cache", type=Path, help="analysis cache folder (default: BRIEFING['cache'])")
    build_cmd.add_argument("--force", action="store_true", help="build even when no input changed")
    build_cmd.add_argument(
        "--settings",
        type=Path,
        default=Path("pelicanconf.py"),
        help="settings file (default: pelicanconf.py)",
    )
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
        "--content", type=Path, default=Path("content"), help="content folder of the gold story"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.WARNING)
    logger.setLevel(logging.INFO if args.verbose else logging.WARNING)
    started = time.perf_counter()
    try:
        if args.command == "eval":
            return evaluate(args)
        result, output = build(args.settings, args.content, args.output, args.cache, args.force)
    except BriefingError as error:
        print(f"briefing: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    elapsed = time.perf_counter() - started
    if result is None:
        print(f"nothing changed since the last build; {output} is up to date ({elapsed:.1f} s)")
        return EXIT_OK
    for problem in result.skipped:
        print(f"briefing: skipped {problem}", file=sys.stderr)
    print(f"{result.summary}; {result.analysed} analysed, wrote {output} in {elapsed:.1f} s")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
