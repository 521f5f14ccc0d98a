"""Publishing the built site: skip a build whose inputs did not change, and swap the new site
in whole, so that a build stopped at any moment leaves the previous site as it was.

The site is built into a fresh folder beside the output folder; when it is complete, the two
folders are exchanged in one atomic step (``renameat2`` with ``RENAME_EXCHANGE`` on Linux; two
renames elsewhere) and the old site is removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import glob
import hashlib
import json
import logging
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import code_version
from .errors import BriefingError
from .files import current_umask, write_text
from .walk import walk_files

if TYPE_CHECKING:
    from .config import BriefingConfig

logger = logging.getLogger(__name__)

MANIFEST = ".briefing-build.json"
STALE_SECONDS = 3600
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def fingerprint(paths: Iterable[Path], extra: str = "") -> str:
    """A hash of every file under the given paths (names and bytes) and of ``extra``.

    Folders are listed as the build lists the content (:func:`briefing.walk.walk_files`: no
    hidden files, nothing outside the folder). The briefing package's own source is part of it,
    so that a new version rebuilds.
    """
    digest = hashlib.sha256(extra.encode())
    digest.update(version("briefing").encode())
    digest.update(code_version().encode())
    for root in paths:
        files = [root] if root.is_file() else walk_files(root).files
        for path in files:
            digest.update(str(path.relative_to(root.parent) if root.is_dir() else path.name).encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def is_current(output: Path, inputs: str) -> bool:
    """Whether ``output`` holds a complete site built from exactly these inputs."""
    try:
        manifest = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(manifest, dict) or manifest.get("inputs") != inputs:
        return False
    if not isinstance(manifest.get("files"), dict):
        return False
    return all(
        (output / name).is_file() and (output / name).stat().st_size == size
        for name, size in manifest["files"].items()
    )


def check_output(
    output: Path,
    protected: Iterable[tuple[Path, str]],
    read: Iterable[tuple[Path, str]] = (),
    force: bool = False,
) -> None:
    r"""Refuse an output folder the build must not replace, in one line that says what to do.

    The build replaces the output folder whole, so it must be the tool's own: missing, empty,
    or holding the marker (:data:`MANIFEST`) of a site a build wrote; ``force`` accepts any
    other folder. Never accepted, even with ``force``: a file, a symbolic link, the file
    system's root, the home folder, and any of ``protected`` (the project, the content, the
    history…, each with what it is), a folder that holds one of them, and a folder inside
    one of the folders the build ``read``\s (the content and the history, each with what it is).
    """
    if output.is_symlink():
        raise BriefingError(
            f"{output}: the output is a symbolic link; give the folder it points to, or another folder"
        )
    if output.exists() and not output.is_dir():
        raise BriefingError(f"{output}: the output is a file, not a folder; give a folder for the site")
    target = output.resolve()
    for path, why in _untouchable(protected):
        if target == path or path.is_relative_to(target):
            raise BriefingError(
                f"{output}: the output folder {'is' if target == path else 'holds'} {why} ({path}), "
                "which the build never replaces; "
                "give a folder of its own for the site, such as 'output'"
            )
    for folder, what in read:
        if target.is_relative_to(folder.resolve()):
            raise BriefingError(
                f"{output}: the output folder is inside {what} {folder}, which the build "
                "reads; give a folder outside it, such as 'output'"
            )
    if not output.is_dir() or owns(output) or not any(output.iterdir()):
        return
    if not force:
        raise BriefingError(
            f"{output}: the folder is not empty and holds no site built by briefing ({MANIFEST}); "
            "the build replaces its output whole: give a new or empty folder, "
            "or pass --force-output to replace this one"
        )
    logger.warning("%s: replacing a folder that holds no site built by briefing (--force-output)", output)


def protected_paths(
    settings: dict[str, Any], config: BriefingConfig, project: Path
) -> list[tuple[Path, str]]:
    """What no output may replace, with what it is: the project folder, the content, the theme
    and its templates, the history and the analysis cache of these Pelican settings."""
    content = Path(settings["PATH"])
    theme = Path(settings["THEME"])
    found = [
        (project, "the project folder"),
        (content, "the content folder"),
        (theme, "the theme"),
        (theme / "templates", "the templates"),
    ]
    if config.history:
        found.append((project / config.history, "the briefing history"))
    if config.cache:
        found.append((project / config.cache, "the build cache"))
    return found


def _untouchable(protected: Iterable[Path]) -> list[tuple[Path, str]]:
    found = [(Path(Path.cwd().anchor), "the root of the file system")]
    with contextlib.suppress(RuntimeError):  # no home folder known
        found.append((Path.home().resolve(), "your home folder"))
    for path, why in protected:
        found.append((Path(path).resolve(), why))
    return found


def owns(output: Path) -> bool:
    """Whether ``output`` holds a site a build wrote (its marker names the inputs and files)."""
    try:
        manifest = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and isinstance(manifest.get("files"), dict)


class Staging:
    """A fresh empty folder beside ``output`` to build the new site in, held by this build.

    Each staging folder has a lock file beside it, held while its build runs: a folder whose
    lock no process holds was left by a build that was killed, and the next build removes it.
    The lock is taken before the folder exists, so a live build's folder is never mistaken
    for a dead one's.
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        output.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(output)
        while True:
            name = f".{output.name}.building-{secrets.token_hex(4)}"
            try:
                flags = os.O_RDWR | os.O_CREAT | os.O_EXCL
                self._lock = os.open(output.parent / f"{name}.lock", flags, 0o600)
            except FileExistsError:
                continue
            break
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        self.name = name
        self.path = output.parent / name
        self.path.mkdir(mode=0o700)

    def publish(self, inputs: str) -> None:
        """Record what the staging folder holds, then put it in the place of ``output``."""
        retired = self.output.parent / self.name.replace(".building-", ".old-")
        publish(self.path, self.output, inputs, retired)
        self.release()

    def discard(self) -> None:
        """Remove a build that did not finish; the published site is untouched."""
        shutil.rmtree(self.path, ignore_errors=True)
        self.release()

    def release(self) -> None:
        if self._lock < 0:
            return
        (self.output.parent / f"{self.name}.lock").unlink(missing_ok=True)
        os.close(self._lock)
        self._lock = -1


def remove_stale(output: Path) -> None:
    """Remove the staging folders of killed builds of ``output`` (their lock is free)."""
    prefix = f".{output.name}."
    for lock_file in output.parent.glob(f"{glob.escape(prefix)}building-*.lock"):
        name = lock_file.name.removesuffix(".lock")
        try:
            lock = os.open(lock_file, os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a live build holds it
            os.close(lock)
            continue
        try:
            for folder in (name, name.replace(".building-", ".old-")):
                stale = output.parent / folder
                if stale.is_dir() and not stale.is_symlink():
                    shutil.rmtree(stale, ignore_errors=True)
                    logger.info("removed %s, left by a build that was stopped", stale)
            lock_file.unlink(missing_ok=True)
        finally:
            os.close(lock)
    # folders of builds that kept no lock file: only when nothing can be using them any more
    for pattern in ("building-*", "old-*"):
        for stale in output.parent.glob(f"{glob.escape(prefix)}{pattern}"):
            if stale.suffix == ".lock" or (output.parent / f"{stale.name}.lock").exists():
                continue
            lock_name = stale.name.replace(".old-", ".building-") + ".lock"
            if (output.parent / lock_name).exists() or not stale.is_dir() or stale.is_symlink():
                continue
            if time.time() - stale.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(stale, ignore_errors=True)


def publish(staging: Path, output: Path, inputs: str, retired: Path | None = None) -> None:
    """Record what ``staging`` was built from, then put it in the place of ``output``.

    ``retired`` is where the old site goes where the system cannot swap two folders in one step.
    """
    files = {str(p.relative_to(staging)): p.stat().st_size for p in sorted(staging.rglob("*")) if p.is_file()}
    write_text(staging / MANIFEST, json.dumps({"inputs": inputs, "files": files}, indent=1))
    os.chmod(staging, 0o777 & ~current_umask())  # mkdtemp makes it private; a published site is readable
    if not output.exists():
        os.rename(staging, output)
        return
    if not _exchange(staging, output):
        retired = retired or Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        os.rename(output, retired)
        os.rename(staging, output)
        staging = retired
    shutil.rmtree(staging, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step where the system can; ``False`` where it cannot."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result != 0:
        logger.debug("renameat2 failed (errno %s); falling back to two renames", ctypes.get_errno())
        return False
    return True
