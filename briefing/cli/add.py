"""``briefing add``: files or URLs written into the content folder as Markdown articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import BriefingError
from ..site import read_settings
from .common import EXIT_ERROR, EXIT_OK


def register(commands, parents) -> None:
    command = commands.add_parser(
        "add", help="write files or URLs into the content folder as Markdown articles", parents=parents
    )
    command.add_argument("inputs", nargs="+", metavar="PATH|URL", help="saved page, feed, text file or URL")
    command.add_argument("--story", help="put the articles in this story's folder")
    command.add_argument(
        "--timeout", type=float, default=20.0, help="seconds to wait for a server (default: 20)"
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """``briefing add``: one line for each file written and for each input that could not be used."""
    from ..ingest import add_articles  # reads pages and feeds: loaded only for this command

    if args.content is None and not args.settings.is_file():
        raise BriefingError(
            f"{args.settings}: settings file not found, so this is no project folder: run briefing add "
            "in the project folder, or give the content folder with --content DIR"
        )
    if args.content is not None and not args.content.is_dir():
        args.content.mkdir(parents=True)
        print(f"created the content folder {args.content}", file=sys.stderr)
    root = Path(read_settings(args.settings, args.content)["PATH"])
    result = add_articles(args.inputs, root, args.story, args.timeout)
    for article in result.added:
        print(f"added {article.path}" + (f" ({article.title})" if article.title else ""))
    for warning in result.warnings:
        print(f"briefing: warning: {warning}", file=sys.stderr)
    for error in result.failed:
        print(f"briefing: error: {error}", file=sys.stderr)
    return EXIT_ERROR if result.failed else EXIT_OK
