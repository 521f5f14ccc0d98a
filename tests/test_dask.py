"""The analysis and the per-story stages on a Dask cluster give the same site, byte for byte, as
a build on this machine; a worker killed mid-build costs a retry, an unreachable scheduler one
clear error before anything is written."""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

import pytest

from briefing.cache import Store
from briefing.config import BriefingConfig
from briefing.evaluation.data import DEFAULT_DATA, load_clusters
from briefing.pipeline import article_summary, cache_salt, summary_key
from briefing.site import build_site

from .conftest import build
from .test_incremental import files

distributed = pytest.importorskip("distributed")

DEV_STORIES = 7  # with the demo, eight stories: enough for the merge and the rendering to map on 2 workers


@pytest.fixture(scope="module")
def dev_project(tmp_path_factory):
    """The demo and a few dev clusters (one story folder each), built here on one process."""
    from .conftest import ROOT

    if not DEFAULT_DATA.is_file():
        pytest.skip(f"evaluation data not found at {DEFAULT_DATA}")
    project = tmp_path_factory.mktemp("dask-project")
    shutil.copy(ROOT / "pelicanconf.py", project / "pelicanconf.py")
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(ROOT / "content", project / "content")
    for cluster in load_clusters(limit=DEV_STORIES):
        story = project / "content" / cluster.id
        story.mkdir()
        for number, text in enumerate(cluster.documents):
            (story / f"doc{number}.txt").write_text(text.strip() + "\n", encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def local_site(dev_project, tmp_path_factory):
    """The files of the site built on this machine, from an empty cache."""
    work = tmp_path_factory.mktemp("local")
    with pytest.MonkeyPatch.context() as patch:
        args = ("--jobs", "1", "--output", str(work / "output"))
        assert build(dev_project, work / "cache", *args, monkeypatch=patch) == 0
    shutil.rmtree(dev_project / "history")  # each build starts from no history
    return files(work / "output")


def test_a_local_cluster_of_two_workers_builds_the_same_site(
    dev_project, local_site, tmp_path, monkeypatch, caplog
):
    args = ("--executor", "dask", "--jobs", "2", "--output", str(tmp_path / "output"), "-v")
    assert build(dev_project, tmp_path / "cache", *args, monkeypatch=monkeypatch) == 0
    shutil.rmtree(dev_project / "history")
    assert "starting a Dask LocalCluster of 2 worker processes" in caplog.text
    assert "Dask scheduler tcp://127.0.0.1:" in caplog.text and "dashboard http://" in caplog.text
    assert "make_story of 8 stories on the Dask cluster" in caplog.text
    assert "render_bodies of 8 stories on the Dask cluster" in caplog.text
    made = files(tmp_path / "output")
    assert sorted(made) == sorted(local_site)
    assert [name for name in made if made[name] != local_site[name]] == []


class KillOnce(distributed.WorkerPlugin):
    """Kills its worker as it starts its first batch of articles, once in all (a marker file)."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish == "executing" and str(key).startswith("analyse-") and not os.path.exists(self.marker):
            Path(self.marker).touch()
            os._exit(1)


@pytest.fixture
def scheduler(tmp_path):
    """A running scheduler with two workers (as ``dask scheduler`` and ``dask worker`` give),
    one of which dies at the first batch it parses."""
    marker = tmp_path / "killed"
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.register_plugin(KillOnce(str(marker)), name="kill-once")
        yield cluster.scheduler_address
    assert marker.exists()  # a worker did die mid-build


def test_a_worker_killed_mid_build_costs_a_retry_not_the_build(
    dev_project, local_site, scheduler, tmp_path, monkeypatch
):
    monkeypatch.chdir(dev_project)
    seen = []
    result, output, _ = build_site(
        dev_project / "pelicanconf.py",
        output=tmp_path / "output",
        cache=tmp_path / "cache",
        progress=lambda done, total: seen.append((done, total)),
        scheduler=scheduler,
    )
    shutil.rmtree(dev_project / "history")
    assert result.analysed == len(seen) == seen[-1][0] == seen[-1][1]
    assert [done for done, _ in seen] == list(range(1, len(seen) + 1))
    made = files(output)
    assert [name for name in made if made.get(name) != local_site.get(name)] == []
    assert sorted(made) == sorted(local_site)


def test_the_analyser_gives_the_local_analyses_in_order_and_caches_each_summary(
    scheduler, demo_articles, demo_analyses, tmp_path
):
    from briefing.cluster import DaskAnalyser, DaskCluster

    config = BriefingConfig()
    cluster = DaskCluster(config.models, scheduler)
    try:
        found = list(DaskAnalyser(cluster, config, tmp_path).analyse(demo_articles))
    finally:
        cluster.close()
    assert found == [demo_analyses[a.id] for a in demo_articles]
    store, salt = Store(tmp_path), cache_salt(config)
    for article in demo_articles:
        summary = article_summary(demo_analyses[article.id].sentences, config)
        assert store.get("summary", summary_key(article.text, config, salt)) == summary


def test_an_unreachable_scheduler_is_one_clear_error_and_writes_nothing(
    project, tmp_path, monkeypatch, capsys
):
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{closed.getsockname()[1]}"
    monkeypatch.setattr("briefing.cluster.CONNECT_TIMEOUT", 1)
    output = tmp_path / "output"
    args = ("--scheduler", address, "--output", str(output))
    assert build(project, tmp_path / "cache", *args, monkeypatch=monkeypatch) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"briefing: error: cannot reach the Dask scheduler at {address} (")
    assert line.endswith("start one with 'dask scheduler', or check --scheduler (BRIEFING['scheduler'])")
    assert not output.exists()
    assert not (project / "history").exists()


def test_without_dask_the_executor_says_how_to_install_it(project, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "briefing.cluster", raising=False)
    args = ("--executor", "dask", "--output", str(tmp_path / "output"))
    assert build(project, tmp_path / "cache", *args, monkeypatch=monkeypatch) == 1
    assert capsys.readouterr().err == (
        "briefing: error: --executor dask needs Dask's distributed scheduler: pip install 'briefing[dask]'\n"
    )
    assert not (tmp_path / "output").exists()
