"""The warm spaCy server: left by one build, used by the next, with the same result to the byte."""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefing import analysers, warm
from briefing.cli import build as build_command
from briefing.cli import main
from briefing.config import BriefingConfig
from briefing.errors import SettingsError

from .conftest import CONTENT, DEMO_STORY, ROOT, build, wait_for

SERVER_WAIT = 120.0  # seconds: loading spaCy on a busy machine

MODELS = BriefingConfig().models


def ready() -> dict:
    """The status of this code and model's server, once it has loaded spaCy."""
    server = warm.server_for(MODELS)
    assert wait_for(lambda: warm.server_status(server) is not None, SERVER_WAIT), server.log_file.read_text()
    return warm.server_status(server)


def new_project(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy(ROOT / "pelicanconf.py", root / "pelicanconf.py")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(CONTENT, root / "content")
    return root


def add_article(project: Path, place: str) -> None:
    """A new article in the demo story, its text different in each test (so no cache holds it)."""
    (project / "content" / DEMO_STORY / "zz_new.txt").write_text(
        f"{place} said on Tuesday that it was following the questioning of the two North Korean "
        "prisoners in Kyiv closely and that it would share what it learned with its allies.\n",
        encoding="utf-8",
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def refuse(*_):
    raise AssertionError("spaCy was loaded in the build process")


def test_a_build_leaves_a_warm_server_and_the_next_build_uses_it(tmp_path, runtime, monkeypatch, caplog):
    here = new_project(tmp_path / "here")  # the reference: every article parsed in this process
    assert build(here, tmp_path / "here-cache", monkeypatch=monkeypatch) == 0
    add_article(here, "Tokyo")
    assert build(here, tmp_path / "here-cache", monkeypatch=monkeypatch) == 0

    served = new_project(tmp_path / "served")
    # a one-shot build in its own process, its output captured: it returns, the server lives on
    argv = [sys.executable, "-m", "briefing", "build", "--cache", str(tmp_path / "served-cache")]
    done = subprocess.run(
        [*argv, "--keep-warm", "60"],
        cwd=served,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert ready()["articles"] == 0
    add_article(served, "Tokyo")
    monkeypatch.setattr(analysers, "load_pipeline", refuse)
    caplog.set_level(logging.INFO, logger="briefing.warm")
    assert build(served, tmp_path / "served-cache", "--keep-warm", "60", monkeypatch=monkeypatch) == 0
    assert "articles analysed by the warm spaCy server: 1" in caplog.text
    assert ready()["articles"] == 1
    assert snapshot(served / "output") == snapshot(here / "output")
    assert snapshot(tmp_path / "served-cache") == snapshot(tmp_path / "here-cache")


def test_keep_warm_setting_and_a_stale_socket(project, tmp_path, runtime, monkeypatch, caplog, capsys):
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text().replace('"lede_facts": 4,', '"lede_facts": 4, "keep_warm": 60,'))
    assert build(project, tmp_path / "cache", monkeypatch=monkeypatch) == 0
    os.kill(ready()["pid"], signal.SIGKILL)  # the server dies without cleaning up
    server = warm.server_for(MODELS)
    assert wait_for(lambda: not warm.servers(), SERVER_WAIT)
    assert server.socket.exists()
    add_article(project, "Canberra")
    caplog.set_level(logging.INFO, logger="briefing.warm")
    capsys.readouterr()
    assert build(project, tmp_path / "cache", monkeypatch=monkeypatch) == 0
    assert "removed the stale socket" in caplog.text
    assert "; 1 analysed" in capsys.readouterr().out
    assert "starting a warm spaCy server" in caplog.text  # in place of the one that died


def test_a_failing_server_never_fails_the_build(project, shared_cache, runtime, monkeypatch, caplog, capsys):
    server = warm.server_for(MODELS, create=True)
    server.key_file.write_bytes(b"k" * 32)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(server.socket))
    listener.listen()

    def answer_with_an_error():
        connection, _ = listener.accept()
        with connection:
            warm._send(connection, {"challenge": "00" * 32})
            warm._receive(connection)  # the proof
            warm._receive(connection)  # the request
            warm._send(connection, {"error": "out of memory"})

    thread = threading.Thread(target=answer_with_an_error, daemon=True)
    thread.start()
    add_article(project, "Ottawa")
    monkeypatch.setattr(build_command, "start_server", lambda *_: False)  # no real server after the build
    try:
        assert build(project, shared_cache, "--keep-warm", "60", monkeypatch=monkeypatch) == 0
    finally:
        listener.close()
    thread.join(timeout=10)
    assert re.search(r"out of memory; analysing the \d articles left here instead", caplog.text)
    assert "6 articles in 1 stories" in capsys.readouterr().out


def test_warm_status_and_stop(project, shared_cache, runtime, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert warm.start_server(MODELS, 60) is True
    assert warm.start_server(MODELS, 60) is False  # two builds at once start one server
    ready()
    assert len(warm.servers()) == 1
    assert main(["warm", "--status"]) == 0
    assert "en_core_web_sm" in capsys.readouterr().out
    assert main(["warm", "--stop"]) == 0
    assert "stopped the warm spaCy server" in capsys.readouterr().out
    assert warm.servers() == []
    assert not warm.server_for(MODELS).socket.exists()
    assert main(["warm"]) == 1
    assert "no warm spaCy server is running" in capsys.readouterr().out

    assert warm.start_server(MODELS, 60) is True
    ready()
    assert build(project, shared_cache, "--keep-warm", "0", monkeypatch=monkeypatch) == 0
    assert "stopped the warm spaCy server" in capsys.readouterr().out
    assert warm.servers() == []


def test_the_server_exits_when_idle(runtime):
    assert warm.start_server(MODELS, 1)
    server = warm.server_for(MODELS)
    assert wait_for(lambda: "no request for 1 s: exiting" in server.log_file.read_text(), SERVER_WAIT)
    assert wait_for(lambda: not warm.servers(), SERVER_WAIT)
    assert not server.socket.exists() and not server.key_file.exists()


def test_the_server_is_named_after_the_code_model_and_python(runtime, monkeypatch):
    name = warm.server_name(MODELS)
    assert name == warm.server_name(MODELS) and len(name) == 16
    monkeypatch.setattr(sys, "executable", "/another/python")
    assert warm.server_name(MODELS) != name
    assert len(str(warm.server_for(MODELS).socket)) <= warm.MAX_SOCKET_PATH


def test_a_folder_open_to_others_is_never_used(runtime, monkeypatch):
    runtime.mkdir(mode=0o755)
    runtime.chmod(0o755)
    try:
        with pytest.raises(warm.WarmServerError, match="not a private folder"):
            warm.server_for(MODELS)
        assert warm.analyse_remotely([], MODELS) is None
        assert main(["warm"]) == 1
    finally:
        runtime.chmod(0o700)


def test_keep_warm_setting_is_checked():
    assert BriefingConfig.from_settings({"BRIEFING": {"keep_warm": 900}}).keep_warm == 900
    for wrong in (-1, "900", True, 1.5):
        with pytest.raises(SettingsError, match="keep_warm"):
            BriefingConfig.from_settings({"BRIEFING": {"keep_warm": wrong}})
    with pytest.raises(SystemExit):
        main(["build", "--keep-warm", "-5"])
