from __future__ import annotations

import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefing.analysers import LocalAnalyser
from briefing.cli import main
from briefing.config import BriefingConfig
from briefing.evaluation.attribution import load_furniture
from briefing.nlp import analyse, load_pipeline
from briefing.pipeline import load_articles, make_briefing
from briefing.stories import group_stories

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DEMO_STORY = "ukraine-north-korean-prisoners"
DATA = Path(__file__).resolve().parent / "data"

# Text that is page furniture in the demo articles and must never reach a fact or summary.
DEMO_JUNK = load_furniture(DATA / "demo_furniture.json")
# spaCy in the test process, one process: what the tests parse with
LOCAL = LocalAnalyser(BriefingConfig().models, jobs=1)


@pytest.fixture(scope="session", autouse=True)
def private_runtime_folder(tmp_path_factory):
    """The tests' warm spaCy servers live in a folder of their own, never the user's; none
    outlives the tests."""
    from briefing.warm import servers, stop_server

    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_RUNTIME_DIR", str(tmp_path_factory.mktemp("run")))
    yield
    for server in servers():
        stop_server(server)
    patch.undo()


@pytest.fixture
def runtime(tmp_path_factory, monkeypatch):
    """A runtime folder of the test's own; every server started in it is stopped at the end."""
    from briefing import warm

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path_factory.mktemp("warm")))
    yield warm.runtime_folder()
    for server in warm.servers():
        warm.stop_server(server)


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline(BriefingConfig().models)


@pytest.fixture(scope="session")
def demo_articles():
    articles, skipped = load_articles(CONTENT)
    assert not skipped
    return articles


@pytest.fixture(scope="session")
def demo_analyses(demo_articles, nlp):
    return analyse(demo_articles, nlp)


@pytest.fixture(scope="session")
def demo_briefing(demo_articles, demo_analyses):
    (story,) = group_stories(demo_articles, demo_analyses)
    return make_briefing(story, demo_analyses, BriefingConfig())


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def project(tmp_path):
    """A copy of the project's settings, templates and demo content in a temporary folder."""
    shutil.copy(ROOT / "pelicanconf.py", tmp_path / "pelicanconf.py")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(CONTENT, tmp_path / "content")
    return tmp_path


def build(project: Path, cache: Path, *extra: str, monkeypatch) -> int:
    """``briefing build`` in ``project`` with the test session's analysis cache."""
    monkeypatch.chdir(project)
    return main(["build", "--cache", str(cache), *extra])


@pytest.fixture
def site(project, shared_cache, monkeypatch):
    """The demo site, freshly built into a temporary project folder."""
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    return project / "output"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags_of(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def links_of(html: str) -> list[tuple[str, dict[str, str]]]:
    return [(attrs["href"], attrs) for tag, attrs in tags_of(html) if tag == "a" and "href" in attrs]


def wait_for(check, seconds: float) -> bool:
    """Whether ``check()`` comes true within ``seconds`` (asked every tenth of a second)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False
