"""briefing watch rebuilds on change; --jobs parses on several processes with the same result."""

from __future__ import annotations

import re
import threading
from dataclasses import replace

from briefing.analysers import LocalAnalyser, processes_for
from briefing.cli import parser as _parser
from briefing.cli.watch import watch
from briefing.config import BriefingConfig

from .conftest import DEMO_STORY, wait_for

BUILD_WAIT = 30.0  # seconds for a rebuild to show


def test_watch_rebuilds_when_an_article_arrives(project, shared_cache, monkeypatch, capsys):
    monkeypatch.chdir(project)
    args = _parser().parse_args(["watch", "--cache", str(shared_cache), "--interval", "0.2"])
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(args, stop), daemon=True)
    thread.start()
    record = project / "output" / DEMO_STORY / "briefing.json"
    assert wait_for(record.is_file, BUILD_WAIT)
    (project / "content" / DEMO_STORY / "zz_new.txt").write_text(
        "Tokyo said on Tuesday it was following the questioning of the two North Korean prisoners in Kyiv.\n"
    )
    assert wait_for(lambda: "Tokyo said on Tuesday" in record.read_text(), BUILD_WAIT)
    stop.set()
    thread.join(timeout=30)
    out = capsys.readouterr().out
    assert "5 articles in 1 stories" in out
    assert re.search(r"6 articles in 1 stories[^;\n]*; 1 analysed", out)


def test_several_processes_give_the_same_analysis(demo_articles, nlp):
    """Enough articles for two processes (the demo's, seven times under other names): the same
    analyses, in the same order, as on one."""
    articles = [replace(a, id=f"{a.id}-{n}") for n in range(7) for a in demo_articles]
    assert processes_for(len(articles), 2) == 2
    single = list(LocalAnalyser(BriefingConfig().models, 1).analyse(articles))
    parallel = list(LocalAnalyser(BriefingConfig().models, 2).analyse(articles))
    assert parallel == single
    assert [a.article_id for a in parallel] == [a.id for a in articles]
