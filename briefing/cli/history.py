"""``briefing history``: list the versions of each briefing, or prune the oldest."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..config import BriefingConfig
from ..errors import BriefingError
from ..history import list_versions, prune
from ..site import read_settings
from .common import EXIT_OK


def register(commands, parents) -> None:
    command = commands.add_parser(
        "history",
        help="list the versions of each briefing kept in the history folder, or prune the oldest",
        parents=parents,
    )
    command.add_argument(
        "--story", action="append", default=[], metavar="SLUG", help="only this story (repeatable)"
    )
    command.add_argument(
        "--prune",
        action="store_true",
        help="remove all but the latest --keep versions of each story (their pages go at the next build)",
    )
    command.add_argument("--keep", type=int, default=10, help="versions kept by --prune (default: 10)")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = history_folder(args.settings)
    if args.prune:
        if args.keep < 1:
            raise BriefingError(f"--keep {args.keep}: keep at least 1 version")
        removed = prune(folder, args.keep, args.story)
        for slug, count in sorted(removed.items()):
            print(f"{slug}: removed {count} version{'s' if count > 1 else ''}, kept the latest {args.keep}")
        if not removed:
            print(f"no story has more than {args.keep} versions in {folder}")
        return EXIT_OK
    stories = [s for s in list_versions(folder) if not args.story or s.slug in args.story]
    if not stories:
        print(f"no history in {folder}")
    for story in stories:
        if story.problem:
            print(f"{story.slug}: not a briefing history ({story.problem})")
            continue
        print(f"{story.slug}: {len(story.versions)} versions, {story.size:,} bytes")
        for number, date, statements, sources in story.versions:
            print(f"  v{number}  {date or 'undated':<25}  {statements} statements, {sources} sources")
    return EXIT_OK


def history_folder(settings_file: Path) -> Path:
    """The history folder of the project of ``settings_file``."""
    config = BriefingConfig.from_settings(read_settings(settings_file))
    if not config.history:
        raise BriefingError(f"{settings_file}: BRIEFING['history'] is None: this project keeps no history")
    return settings_file.resolve().parent / config.history
