"""Publishing the built site: skip a build whose inputs did not change, and swap the new site
in whole, so that a build stopped at any moment leaves the previous site as it was.

The site is built into a fresh folder beside the output folder; when it is complete, the two
folders are exchanged in one atomic step (``renameat2`` with ``RENAME_EXCHANGE`` on Linux; two
renames elsewhere) and the old site is removed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

logger = logging.getLogger(__name__)

MANIFEST = ".briefing-build.json"
STALE_SECONDS = 3600
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def fingerprint(paths: Iterable[Path], extra: str = "") -> str:
    """A hash of every file under the given paths (names and bytes) and of ``extra``.

    The briefing package's own source is part of it, so that a new version rebuilds.
    """
    digest = hashlib.sha256(extra.encode())
    digest.update(version("briefing").encode())
    package = Path(__file__).resolve().parent
    for root in [*paths, package]:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts:
                continue
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
    if manifest.get("inputs") != inputs:
        return False
    return all(
        (output / name).is_file() and (output / name).stat().st_size == size
        for name, size in manifest["files"].items()
    )


def staging_folder(output: Path) -> Path:
    """A fresh empty folder beside ``output`` to build the new site in.

    Folders left by builds that were killed more than an hour ago are removed first.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    for stale in output.parent.glob(f".{output.name}.building-*"):
        if time.time() - stale.stat().st_mtime > STALE_SECONDS:
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))


def publish(staging: Path, output: Path, inputs: str) -> None:
    """Record what ``staging`` was built from, then put it in the place of ``output``."""
    files = {str(p.relative_to(staging)): p.stat().st_size for p in sorted(staging.rglob("*")) if p.is_file()}
    (staging / MANIFEST).write_text(
        json.dumps({"inputs": inputs, "files": files}, indent=1), encoding="utf-8"
    )
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a published site is readable
    if not output.exists():
        os.rename(staging, output)
        return
    if not _exchange(staging, output):
        retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        os.rename(output, retired / output.name)
        os.rename(staging, output)
        staging = retired
    shutil.rmtree(staging, ignore_errors=True)


def discard(staging: Path) -> None:
    """Remove a build that did not finish; the published site is untouched."""
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
