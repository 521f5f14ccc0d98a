"""A rebuild computes only the stories whose inputs changed, and gives the same site, byte for
byte, as a build from an empty cache of the same inputs and history."""

from __future__ import annotations

import shutil

from .conftest import DATA, DEMO_STORY, build
from .test_history import NEW_ARTICLE


def files(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def own_cache(shared_cache, tmp_path):
    """A cache of the test's own (no story another test built), with the analyses parsed so far."""
    cache = tmp_path / "cache"
    if (shared_cache / "analysis").is_dir():
        shutil.copytree(shared_cache / "analysis", cache / "analysis")
    return cache


def test_an_incremental_build_equals_one_from_scratch(project, shared_cache, tmp_path, monkeypatch, caplog):
    shared_cache = own_cache(shared_cache, tmp_path)
    content = project / "content"
    shutil.copytree(DATA / "two_suspects", content / "two-suspects")
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    # one new article in one story: the other story's briefing and pages come from the cache
    (content / DEMO_STORY / "005_wire.md").write_text(NEW_ARTICLE, encoding="utf-8")
    caplog.clear()
    assert build(project, shared_cache, "-v", monkeypatch=monkeypatch) == 0
    assert f"stories made: 1 ({DEMO_STORY}); read from the cache: 1" in caplog.text
    # one article edited in the other story
    history = tmp_path / "history-before"
    shutil.copytree(project / "history", history)
    edited = sorted((content / "two-suspects").glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThe court will sit again on Monday.\n")
    caplog.clear()
    assert build(project, shared_cache, "-v", monkeypatch=monkeypatch) == 0
    assert "stories made: 1 (two-suspects); read from the cache: 1" in caplog.text

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    for name in ("pelicanconf.py", "templates", "content"):
        copy = shutil.copytree if (project / name).is_dir() else shutil.copy
        copy(project / name, scratch / name)
    shutil.copytree(history, scratch / "history")
    assert build(scratch, tmp_path / "empty-cache", monkeypatch=monkeypatch) == 0
    incremental, from_scratch = files(project / "output"), files(scratch / "output")
    assert sorted(incremental) == sorted(from_scratch)
    assert [name for name in incremental if incremental[name] != from_scratch[name]] == []
    assert files(project / "history") == files(scratch / "history")
    assert len(files(project / "history")) == 2


def test_stories_made_on_two_processes_give_the_same_site(
    project, shared_cache, tmp_path, monkeypatch, caplog
):
    content = project / "content"
    for number in range(4):  # eight stories: enough for the merge and the rendering to use two processes
        shutil.copytree(DATA / "two_suspects", content / f"suspects-{number}")
        if number:
            shutil.copytree(content / DEMO_STORY, content / f"prisoners-{number}")
    outputs = {}
    for jobs in ("1", "2"):
        shutil.rmtree(project / "history", ignore_errors=True)
        caplog.clear()
        output = tmp_path / f"jobs-{jobs}"
        args = ("--jobs", jobs, "--output", str(output), "--cache", str(tmp_path / f"cache-{jobs}"), "-v")
        assert build(project, shared_cache, *args, monkeypatch=monkeypatch) == 0
        outputs[jobs] = files(output)
    assert "make_story of 8 stories on 2 processes" in caplog.text
    assert "render_bodies of 8 stories on 2 processes" in caplog.text
    assert outputs["1"] == outputs["2"]
