"""Listing the files of a folder without ever leaving it.

The content folder is untrusted (a contributor can commit a symbolic link to ``/etc``), so
the listing reads only what lies inside the folder: a link is followed only when its target is
inside too, and a file reached twice (once by a link) is listed once. A folder that cannot be
listed, a link loop, a link that leaves the folder, a folder nested too deep or a file that is
no regular file (a FIFO, a device) is skipped with one line each; the listing goes on.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> (root / "story").mkdir(); _ = (root / "story" / "a.txt").write_text("text")
>>> (root / "etc").symlink_to("/etc")
>>> listing = walk_files(root)
>>> [p.relative_to(root).as_posix() for p in listing.files]
['story/a.txt']
>>> [str(s) for s in listing.skipped]
['etc: a link that leads out of the folder, not followed: copy what it holds into the folder instead']
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

MAX_DEPTH = 32  # folders below the root; deeper ones are no story layout anyone means


@dataclass(frozen=True, slots=True)
class SkippedPath:
    """A path the listing did not take, and why, relative to the listed folder."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass(slots=True)
class Listing:
    """The files found, in a stable order (sorted by path), and the paths skipped."""

    files: list[Path] = field(default_factory=list)
    skipped: list[SkippedPath] = field(default_factory=list)


def walk_files(root: Path, hidden: bool = False, max_depth: int = MAX_DEPTH) -> Listing:
    """Every regular file under ``root`` that lies inside it, by path.

    Names starting with ``.`` or ``_`` are left out unless ``hidden``. A link whose target is
    inside ``root`` is listed under its own name, unless the target is listed already (files
    reached directly come first). A broken link is listed, so that reading it can say so.
    """
    listing = Listing()
    try:
        top = root.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        listing.skipped.append(SkippedPath(str(root), f"cannot be read ({_why(exc)})"))
        return listing
    direct: list[tuple[Path, Path]] = []  # (path, real path)
    links: list[Path] = []
    folders = [(root, 0)]
    walked = set()  # real paths of the folders listed
    while folders:
        folder, depth = folders.pop()
        walked.add(_real(folder))
        try:
            with os.scandir(folder) as entries:
                names = sorted((e.name, e) for e in entries)
        except OSError as exc:
            listing.skipped.append(_skip(root, folder, f"folder cannot be listed ({_why(exc)}), skipped"))
            continue
        for name, entry in names:
            if not hidden and name.startswith((".", "_")):
                continue
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    links.append(path)
                elif entry.is_dir(follow_symlinks=False):
                    if depth + 1 > max_depth:
                        listing.skipped.append(
                            _skip(root, path, f"folder nested more than {max_depth} deep, skipped")
                        )
                    else:
                        folders.append((path, depth + 1))
                elif entry.is_file(follow_symlinks=False):
                    direct.append((path, top / path.relative_to(root)))  # no link on the way
                else:
                    listing.skipped.append(_skip(root, path, "not a regular file (a FIFO, socket or device)"))
            except OSError as exc:
                listing.skipped.append(_skip(root, path, f"cannot be read ({_why(exc)})"))
    found = {real for _, real in direct}
    files = [path for path, _ in direct]
    for link in sorted(links):
        try:
            real = link.resolve(strict=True)
        except FileNotFoundError:
            files.append(link)  # a broken link: reading it reports it
            continue
        except (OSError, RuntimeError) as exc:
            listing.skipped.append(_skip(root, link, f"link cannot be followed ({_why(exc)})"))
            continue
        if not real.is_relative_to(top):
            fix = "copy " + ("what it holds" if real.is_dir() else "the file") + " into the folder instead"
            listing.skipped.append(
                _skip(root, link, f"a link that leads out of the folder, not followed: {fix}")
            )
        elif real.is_dir():
            if real in walked:
                logger.debug("%s: a link to a folder listed already", link)
                continue
            inner = walk_files(link, hidden, max_depth)
            walked.add(real)
            files.extend(p for p in inner.files if _real(p) not in found)
            found.update(_real(p) for p in inner.files)
            listing.skipped.extend(SkippedPath(_rel(root, link / s.path), s.problem) for s in inner.skipped)
        elif not stat.S_ISREG(real.stat().st_mode):
            listing.skipped.append(_skip(root, link, "a link to no regular file (a FIFO, socket or device)"))
        elif real not in found:
            found.add(real)
            files.append(link)
    listing.files = sorted(files)
    return listing


def _real(path: Path) -> Path:
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return path


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _skip(root: Path, path: Path, problem: str) -> SkippedPath:
    return SkippedPath(_rel(root, path), problem)


def _why(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
