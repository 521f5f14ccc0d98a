"""What the commands share: exit codes and the report of a build."""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_STRICT = 3  # build --strict: some input files were skipped or needed a guess; nothing was built


def report(result, output: Path, elapsed: float) -> None:
    """One line per input problem on standard error, then the build's summary line."""
    for problem in result.skipped:
        print(f"briefing: skipped {problem}", file=sys.stderr)
    for warning in result.warnings:
        print(f"briefing: warning: {warning}", file=sys.stderr)
    print(f"{result.summary}; {result.analysed} analysed, wrote {output} in {elapsed:.1f} s", flush=True)


class ProgressBar:
    """A bar on the terminal while spaCy parses new articles, shown only for long builds."""

    SHOW_FROM = 20  # articles

    def __init__(self) -> None:
        self._bar = None

    def update(self, done: int, total: int) -> None:
        if total < self.SHOW_FROM:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="article", desc="analysing", leave=False)
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
