from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.config import BriefingConfig
from briefing.nlp import analyse, load_pipeline
from briefing.pipeline import load_articles, make_briefing
from briefing.stories import group_stories

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DEMO_STORY = "ukraine-north-korean-prisoners"
DATA = Path(__file__).resolve().parent / "data"

# Text that is page furniture in the demo articles and must never reach a fact or summary.
DEMO_JUNK = (
    "Newsletter",
    "Advertisement",
    "ADVERTISEMENT",
    "Share this article",
    "Also read",
    "Read more",
    "Related article",
    "Photo by",
    "FILE -",
    "Copyright",
    "\ufffd",
    "pic.twitter.com",
    "@ZelenskyUa",
    "(ał)",
    "Source: Reuters",
    "With inputs from agencies",
    "Go to accessibility shortcuts",
    "Original url",
    "By Daniel Bellamy",
)


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
