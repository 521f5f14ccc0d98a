"""The ``briefing`` command: a thin shell over the library, one module per command.

briefing build [--content DIR] [--output DIR] [--cache DIR] [--settings FILE] [--strict] [--keep-warm SECONDS]
               [--executor local|dask] [--scheduler ADDRESS]
briefing watch [same options] [--interval SECONDS]
briefing add PATH|URL... [--story SLUG] [--content DIR]
briefing history [--story SLUG] [--prune --keep N]
briefing warm [--status | --stop]
briefing eval [--data FILE] [--limit N] | --pages DIR [--limit N]
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import BriefingError
from . import add, build, evaluate, history, warm, watch
from .common import EXIT_ERROR

logger = logging.getLogger("briefing")


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", help="log each step")
    top = argparse.ArgumentParser(
        prog="briefing", description="Sourced news briefings as a static site.", parents=[common]
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
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
    site.add_argument("--cache", type=Path, help="build cache folder (default: BRIEFING['cache'])")
    site.add_argument(
        "--jobs",
        type=int,
        help="processes for the analysis of many new articles (default: BRIEFING['jobs'], else the "
        "machine's cores when there are enough new articles to pay for loading spaCy in each)",
    )
    site.add_argument(
        "--executor",
        choices=("local", "dask"),
        help="where new articles are parsed: on this machine, or on a Dask cluster "
        "(default: BRIEFING['executor'], local; dask needs pip install 'briefing[dask]')",
    )
    site.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --executor dask: the address of a running 'dask scheduler' (tcp://host:8786); "
        "without it the build starts a local cluster of --jobs workers (default: BRIEFING['scheduler'])",
    )
    build.register(commands, [common, site])
    add.register(commands, [common, paths])
    watch.register(commands, [common, site])
    history.register(commands, [common, settings])
    warm.register(commands, [common, settings])
    evaluate.register(commands, [common])
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.WARNING)
    logger.setLevel(logging.INFO if args.verbose else logging.WARNING)
    logging.getLogger("briefing.inputs").setLevel(logging.ERROR)  # each input problem is printed once
    try:
        return args.run(args)
    except BriefingError as error:
        print(f"briefing: error: {error}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
