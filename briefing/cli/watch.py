"""``briefing watch``: build, then rebuild whenever the content, settings or templates change."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from ..errors import BriefingError
from ..site import read_settings
from ..walk import walk_files
from .build import build
from .common import EXIT_OK, report


def register(commands, parents) -> None:
    command = commands.add_parser(
        "watch", help="rebuild whenever the content, settings or templates change", parents=parents
    )
    command.add_argument("--interval", type=float, default=1.0, help="seconds between checks (default: 1)")
    command.set_defaults(run=watch)


def watch(args: argparse.Namespace, stop: threading.Event | None = None) -> int:
    """Build, then rebuild whenever an input changes, until interrupted (or until ``stop`` is
    set). spaCy stays loaded between builds, so a new article costs only its own analysis and
    the story it joins. The build writes nothing into what is watched."""
    content = Path(read_settings(args.settings, args.content)["PATH"])
    watched = [args.settings, content, args.settings.parent / "templates"]
    seen = None
    stop = stop or threading.Event()
    print(f"watching {', '.join(str(p) for p in watched)}; Ctrl-C stops", flush=True)
    try:
        while not stop.is_set():
            state = snapshot(watched)
            if state != seen:
                seen = state
                started = time.perf_counter()
                try:
                    result, output = build(args, keep_warm=0)
                except BriefingError as error:
                    print(f"briefing: error: {error}", file=sys.stderr, flush=True)
                else:
                    if result is not None:
                        report(result, output, time.perf_counter() - started)
            stop.wait(args.interval)
    except KeyboardInterrupt:
        print("stopped watching")
    return EXIT_OK


def snapshot(paths: Sequence[Path]) -> frozenset[tuple[str, int, int]]:
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
