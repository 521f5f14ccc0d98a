"""Rebuilds: nothing to do when nothing changed, and the published site is never left half-built."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from .conftest import DEMO_STORY, build


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_unchanged_inputs_do_nothing(project, shared_cache, monkeypatch, capsys):
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    before = snapshot(project / "output")
    capsys.readouterr()
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    assert "nothing changed since the last build" in capsys.readouterr().out
    assert snapshot(project / "output") == before
    assert build(project, shared_cache, "--force", monkeypatch=monkeypatch) == 0
    assert "5 articles in 1 stories" in capsys.readouterr().out


def test_a_changed_input_rebuilds(project, shared_cache, monkeypatch, capsys):
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    (project / "templates" / "about.html").write_text(
        (project / "templates" / "about.html")
        .read_text()
        .replace("How this is made</h1>", "How we work</h1>")
    )
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    assert "0 analysed" in capsys.readouterr().out
    assert "How we work" in (project / "output" / "about.html").read_text()


def test_a_failed_build_leaves_the_published_site_whole(project, shared_cache, monkeypatch):
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    before = snapshot(project / "output")
    (project / "templates" / "article.html").write_text("{% block broken")
    with pytest.raises(Exception, match=r"(?i)template|block|unexpected"):
        build(project, shared_cache, monkeypatch=monkeypatch)
    assert snapshot(project / "output") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".output")) == []


@pytest.mark.parametrize("delay", [0.3, 1.0, 1.8])
def test_a_killed_build_leaves_the_published_site_whole(project, shared_cache, monkeypatch, delay):
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    before = snapshot(project / "output")
    (project / "content" / DEMO_STORY / "new.txt").write_text(
        "Seoul said on Monday it would send officials to Kyiv to question the two North Korean prisoners.\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "build", "--cache", str(shared_cache)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = snapshot(project / "output")
    # either the old site, untouched, or the whole new one: never a mix, never nothing
    if after != before:
        manifest = json.loads(after[".briefing-build.json"])
        assert set(manifest["files"]) | {".briefing-build.json"} == set(after)
        assert b"Seoul said on Monday" in after[f"{DEMO_STORY}/briefing.json"]


MODES = [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750)]  # umask, file, folder


@pytest.mark.parametrize(("umask", "file_mode", "folder_mode"), MODES)
def test_written_files_honour_the_umask(project, shared_cache, monkeypatch, umask, file_mode, folder_mode):
    history = project / "history" / f"{DEMO_STORY}.json"
    previous = os.umask(umask)
    try:
        assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    finally:
        os.umask(previous)
    output = project / "output"
    for path in [output / "index.json", output / DEMO_STORY / "briefing.json", history]:
        assert stat.S_IMODE(path.stat().st_mode) == file_mode, path
    for path in [output, output / DEMO_STORY, history.parent]:
        assert stat.S_IMODE(path.stat().st_mode) == folder_mode, path
