"""Hostile and careless input: the build never deletes what it did not make, never reads what is
outside the content folder, and no single input makes it hang, crash or publish something unsafe."""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import time
from pathlib import Path

import pytest

from briefing import merge, publish, walk, warm
from briefing import nlp as analysis
from briefing.compose import markdown_link
from briefing.config import BriefingConfig
from briefing.errors import ArticleError, BriefingError
from briefing.history import HistoryUpdate, record_versions
from briefing.models import SentenceRef
from briefing.pipeline import MAX_MERGED_SENTENCES, load_content, merged_sentences
from briefing.render import render_markdown
from briefing.sources import article as sources_article
from briefing.sources import article_from_text, read, read_file
from briefing.sources.article import article_from_blocks
from briefing.sources.blocks import Block
from briefing.sources.feeds import MAX_FEED_ENTRIES
from briefing.sources.front_matter import split_front_matter
from briefing.stories import group_stories

from .conftest import DEMO_STORY, build, wait_for

ALIAS_BOMB = (
    "---\ntitle: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 9))
    + "---\nThe harbour was closed on Sunday after a storm damaged two of its piers, officials said.\n"
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the output folder is the build's own ---------------------------------------------------------


def test_an_output_folder_holding_other_files_is_refused(project, shared_cache, monkeypatch, capsys):
    notes = project / "notes"
    notes.mkdir()
    (notes / "precious.txt").write_text("keep me")
    assert build(project, shared_cache, "--output", "notes", monkeypatch=monkeypatch) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "notes" in error and "--force-output" in error
    assert snapshot(notes) == {"precious.txt": b"keep me"}
    assert not [p for p in project.iterdir() if ".building-" in p.name]


@pytest.mark.parametrize(
    "output",
    [
        "content",
        ".",
        "..",
        "/",
        "templates",
        "pelicanconf.py",
        f"content/{DEMO_STORY}",
        "content/site",
        "history",
        "history/site",
    ],
)
def test_the_build_never_replaces_the_project_the_content_or_a_file(
    output, project, shared_cache, monkeypatch, capsys
):
    (project / "history").mkdir()
    before = snapshot(project)
    for force in ((), ("--force-output",)):
        assert build(project, shared_cache, "--output", output, *force, monkeypatch=monkeypatch) == 1
        assert capsys.readouterr().err.startswith("briefing: error: ")
    assert snapshot(project) == before


def test_force_output_replaces_a_folder_and_a_site_of_its_own_is_replaced_without(
    project, shared_cache, monkeypatch
):
    (project / "old").mkdir()
    (project / "old" / "page.html").write_text("an older site")
    assert build(project, shared_cache, "--output", "old", "--force-output", monkeypatch=monkeypatch) == 0
    assert not (project / "old" / "page.html").exists()
    assert publish.owns(project / "old")
    assert build(project, shared_cache, "--output", "old", "--force", monkeypatch=monkeypatch) == 0
    (project / "empty").mkdir()
    assert build(project, shared_cache, "--output", "empty", monkeypatch=monkeypatch) == 0
    assert (project / "empty" / DEMO_STORY / "index.html").is_file()


def test_a_symbolic_link_as_output_is_refused(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(BriefingError, match="symbolic link"):
        publish.check_output(tmp_path / "link", [], force=True)


def test_staging_folders_of_killed_builds_are_removed_and_a_live_one_is_kept(tmp_path):
    output = tmp_path / "output"
    dead = publish.Staging(output)
    (dead.path / "partial.html").write_text("half")
    os.close(dead._lock)  # as if its build was killed: nothing holds the lock any more
    alive = publish.Staging(output)  # removes the dead one, holds its own
    assert not dead.path.exists() and alive.path.is_dir()
    other = publish.Staging(output)
    assert alive.path.is_dir()  # another build's folder, still in use
    other.discard()
    alive.publish("inputs")
    assert publish.owns(output) and sorted(p.name for p in tmp_path.iterdir()) == ["output"]


# --- only what is inside the content folder is read -----------------------------------------------


def test_links_out_of_the_content_folder_are_skipped_and_inside_ones_read_once(tmp_path):
    root = tmp_path / "content"
    story = root / "harbour"
    story.mkdir(parents=True)
    text = "The harbour was closed on Sunday after a storm damaged two of its piers, officials said.\n"
    (story / "a.txt").write_text(text)
    secret = tmp_path / "secret.txt"
    secret.write_text("The secret password of the server is swordfish, the administrator said.\n")
    (story / "leak.txt").symlink_to(secret)
    (root / "etcstory").symlink_to("/etc")
    (root / "proc").symlink_to("/proc")
    (story / "again.txt").symlink_to(story / "a.txt")
    (root / "alias").symlink_to(story)
    (story / "loop1.txt").symlink_to(story / "loop2.txt")
    (story / "loop2.txt").symlink_to(story / "loop1.txt")
    deep = story
    for _ in range(40):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text(text)
    os.mkfifo(story / "pipe.txt")
    loaded = load_content(root)
    assert [a.path for a in loaded.articles] == ["harbour/a.txt"]
    skipped = {e.path: e.problem for e in loaded.skipped}
    too_deep = "harbour" + "/d" * walk.MAX_DEPTH  # the first folder below the limit
    expected = {"etcstory", "proc", "harbour/pipe.txt", too_deep}
    assert set(skipped) == expected | {f"harbour/{name}" for name in ("leak.txt", "loop1.txt", "loop2.txt")}
    assert "leads out of the folder" in skipped["etcstory"] and "nested" in skipped[too_deep]
    assert all("swordfish" not in e.problem for e in loaded.skipped)


def test_a_folder_that_cannot_be_listed_is_skipped(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text("text")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    listing = walk.walk_files(tmp_path)
    assert [p.name for p in listing.files] == ["a.txt"]
    assert [str(s) for s in listing.skipped] == [
        "locked: folder cannot be listed (Permission denied), skipped"
    ]


# --- bounded work per input -------------------------------------------------------------------------


def test_yaml_aliases_are_refused_at_once(tmp_path):
    (tmp_path / "bomb.md").write_text(ALIAS_BOMB)
    with pytest.raises(ArticleError, match=r"bomb.md: malformed front matter .*alias") as caught:
        read_file(tmp_path / "bomb.md", tmp_path, None)
    assert caught.value.reason == "front matter" and "\n" not in str(caught.value)


def test_front_matter_values_are_checked_in_type_length_and_date(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: [a, b]\nauthor: [Jane Roe, John Doe]\npublished: 2025-13-45\n"
        f"outlet: {'x' * 500}\nurl: 'https://example.com/a\\'\n---\n"
        "The harbour was closed on Sunday after a storm damaged two of its piers, officials said.\n"
    )
    found = read_file(tmp_path / "a.md", tmp_path, None)
    (article,) = found.articles
    assert (article.title, article.author, article.published, article.outlet) == (
        None,
        "Jane Roe, John Doe",
        None,
        "example.com",
    )
    assert article.url == "https://example.com/a%5C"
    assert sorted(w.problem.split("'")[1] for w in found.warnings) == ["outlet", "published", "title"]
    assert split_front_matter("---\npublished: January 11, 2025\n---\nx", "a.md")[0] == {
        "published": "January 11, 2025"
    }


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("url: javascript:alert(1)", "'url' is 'javascript:alert(1)', not an http(s) link"),
        ("url: ftp://example.com/a", "'url' is 'ftp://example.com/a', not an http(s) link"),
        ("language: klingon", "'language' is 'klingon', not a language code"),
        ("published: 1850-01-01", "'published' is '1850-01-01', before 1900: check the year"),
        ("published: 2999-01-01", "'published' is '2999-01-01', in the future: check the year"),
        ("published: last Tuesday", "'published' is 'last Tuesday', not a date"),
        ("story: '!!!'", "'story' is '!!!', which has no letter or figure"),
    ],
)
def test_each_front_matter_value_is_one_warning_naming_the_file_field_and_fix(tmp_path, line, problem):
    (tmp_path / "a.md").write_text(
        f"---\n{line}\n---\n"
        "The harbour was closed on Sunday after a storm damaged two of its piers, officials said.\n"
    )
    found = read_file(tmp_path / "a.md", tmp_path, None)
    (warning,) = found.warnings
    assert str(warning).startswith(f"a.md: front matter {problem}")
    assert str(warning).endswith("; ignored") and "\n" not in str(warning)
    (article,) = found.articles
    key, value = line.split(": ", 1)
    assert value.strip("'") not in str(getattr(article, key))  # the article is built without it


def test_text_too_long_is_refused_before_cleaning(tmp_path, monkeypatch):
    def never(*_):
        raise AssertionError("cleaned")

    monkeypatch.setattr(sources_article, "clean_blocks", never)
    (tmp_path / "big.txt").write_text("word " * (read.MAX_SOURCE_CHARS // 5 + 1))
    with pytest.raises(ArticleError, match="too large"):
        read_file(tmp_path / "big.txt", tmp_path, None)


def test_the_character_and_word_comparisons_are_bounded(nlp, monkeypatch):
    compared = []
    real = merge.SequenceMatcher

    def recording(junk, a, b, **options):
        compared.append(max(len(a), len(b)))
        return real(junk, a, b, **options)

    monkeypatch.setattr(merge, "SequenceMatcher", recording)
    token = "x" * 20_000
    texts = {
        "a": f"The harbour was closed on Sunday after {token} damaged two of its piers, officials said.",
        "b": f"The harbour was closed on Sunday after {token} damaged two of its piers, the mayor said.",
    }
    merge.story_claims([sentence_of(nlp, article, text) for article, text in texts.items()])
    assert compared and max(compared) <= max(merge.NEAR_COPY_CHARS, merge.PASSAGE_WORDS)


def sentence_of(pipeline, article_id: str, text: str) -> SentenceRef:
    return analysis._sentence(pipeline(text)[:], article_id, 0, 0)


def test_an_open_quotation_keeps_a_sentence_bounded(nlp):
    paragraph = "“" + " ".join(f"The storm damaged pier number {n} of the harbour." for n in range(200))
    sentences = list(analysis._quoted_sentences(nlp(paragraph)))
    assert len(sentences) > 1 and max(len(s) for s in sentences) <= analysis.MAX_QUOTED_TOKENS + 20


def test_an_article_repeating_itself_is_merged_once_and_bounded(demo_analyses):
    sentence = next(iter(demo_analyses.values())).sentences[0]
    many = [SentenceRef(sentence.article_id, i, f"{sentence.text} {i}", 0, 1) for i in range(2000)]
    assert len(merged_sentences([sentence] * 500)) == 1
    assert len(merged_sentences(many)) == MAX_MERGED_SENTENCES


# --- site paths, history, text ----------------------------------------------------------------------


def test_a_story_named_like_a_site_folder_gets_a_slug_of_its_own(demo_articles, demo_analyses, caplog):
    from dataclasses import replace

    articles = [
        replace(a, story=s)
        for a, s in zip(demo_articles, ["outlets", "outlets", "v1", "theme", "x"], strict=True)
    ]
    slugs = [s.slug for s in group_stories(articles, demo_analyses)]
    assert slugs == ["outlets-story", "theme-story", "v1-story", "x"]
    assert sum("uses that name for its own pages" in r.message for r in caplog.records) == 3


@pytest.mark.parametrize(
    "stored",
    [
        "[]",
        "null",
        '{"schema": 2, "story": "demo"}',
        '{"schema": 2, "texts": [], "sources": [], "versions": [{"version": 1, "date": "2025-99-99", '
        '"title": 0, "updated": null, "sources": [], "facts": [], "conflicts": []}]}',
        "{not json",
        '{"schema": 2, "texts": ["a"], "sources": [], "versions": [{"version": 1, "date": null, '
        '"title": 0, "updated": null, "sources": [], "facts": [{}], "conflicts": []}]}',
        '{"schema": 2, "texts": ["a"], "sources": [], "versions": [{"version": 2, "date": null, '
        '"title": 0, "updated": null, "sources": [], "facts": [], "conflicts": []}, {"version": 1}]}',
    ],
)
def test_a_history_of_the_wrong_shape_is_set_aside(stored, tmp_path, demo_briefing, caplog):
    path = tmp_path / f"{demo_briefing.slug}.json"
    path.write_text(stored)
    briefings, _, update = record_versions(tmp_path, [demo_briefing])
    assert "not a briefing history" in caplog.text
    assert briefings[0].version == 1 and path.read_text() == stored  # nothing written yet
    update.write()
    (kept,) = tmp_path.glob(f"{path.name}.bad-*")
    assert kept.read_text() == stored and json.loads(path.read_text())["schema"] == 2


def test_a_linked_history_is_neither_read_nor_written(tmp_path, demo_briefing):
    other = tmp_path / "other"
    record_versions(other, [demo_briefing])[2].write()
    (stored,) = other.iterdir()
    before = stored.read_bytes()
    (tmp_path / "history").mkdir()
    linked = tmp_path / "history" / stored.name
    linked.symlink_to(stored)
    briefings, _, update = record_versions(tmp_path / "history", [demo_briefing])
    assert briefings[0].version == 1  # the link was not read
    update.write()
    assert stored.read_bytes() == before and linked.is_symlink()
    HistoryUpdate({linked: "{}"}, (linked,)).write()
    assert stored.read_bytes() == before


def test_a_failed_build_writes_no_history(project, shared_cache, monkeypatch):
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    history = project / "history" / f"{DEMO_STORY}.json"
    before = history.read_bytes()
    (project / "content" / DEMO_STORY / "new.txt").write_text(
        "Seoul said on Monday it would send officials to Kyiv to question the two North Korean prisoners.\n"
    )
    (project / "templates" / "article.html").write_text("{% block broken")
    with pytest.raises(Exception, match=r"(?i)template|block|unexpected"):
        build(project, shared_cache, monkeypatch=monkeypatch)
    assert history.read_bytes() == before
    assert not [p for p in project.iterdir() if ".building-" in p.name or ".old-" in p.name]


def test_names_lose_invisible_characters_and_urls_cannot_break_a_link():
    article = article_from_blocks(
        [Block("The harbour was closed on Sunday after a storm damaged two of its piers.")],
        {"title": "Storm\u202e closes harbour", "outlet": "Reu\u200bters\u2066", "author": "Jane\u200d Roe"},
        "a.md",
        "harbour",
    )
    assert (article.title, article.outlet, article.author) == ("Storm closes harbour", "Reuters", "Jane Roe")
    html = render_markdown(markdown_link("the article", "https://example.com/a\\") + " and more", "doc")
    assert 'href="https://example.com/a%5C"' in html and "and more" in html


def test_a_hostile_content_folder_still_builds_a_safe_site(
    project, shared_cache, monkeypatch, capsys, caplog
):
    content = project / "content"
    (content / "etcstory").symlink_to("/etc")
    (content / DEMO_STORY / "bomb.md").write_text(ALIAS_BOMB)
    (content / "outlets").mkdir()
    (content / "outlets" / "storm.md").write_text(
        '---\noutlet: "Harbour \u202eNews"\nurl: "https://example.com/storm\\\\"\n---\n'
        "The harbour of Valletta was closed on Sunday after a storm damaged two of its piers, the port "
        "authority said. Ferries to Gozo were cancelled until Tuesday, the operator said.\n"
    )
    (project / "history").mkdir()
    (project / "history" / f"{DEMO_STORY}.json").write_text("[]")
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    err = capsys.readouterr().err + caplog.text
    assert (
        "etcstory" in err and "bomb.md" in err and "outlets-story" in err and "not a briefing history" in err
    )
    output = project / "output"
    assert "The Moscow Times" in (output / "outlets" / "index.html").read_text()  # the site's own page
    page = (output / "outlets-story" / "index.html").read_text()
    assert "Harbour News" in page and "\u202e" not in page
    assert "https://example.com/storm%5C" in page
    assert not any("etcstory" in p.read_text(errors="ignore") for p in output.rglob("*") if p.is_file())
    assert list((project / "history").glob("*.bad-*"))


# --- the warm server --------------------------------------------------------------------------------


def test_a_stalled_warm_server_is_abandoned_and_one_not_proven_reads_nothing_large(
    runtime, demo_articles, monkeypatch
):
    models = BriefingConfig().models
    assert warm.start_server(models, 60)
    server = warm.server_for(models)
    assert wait_for(lambda: warm.server_status(server) is not None, 120.0)
    # a client that has not proven it knows the key announces a 1 GiB message: refused unread
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(5)
        client.connect(str(server.socket))
        warm._receive(client)
        client.sendall(struct.pack("!I", 1 << 30))
        assert client.recv(1) == b""  # the server closed the connection
    assert warm.server_status(server) is not None  # and still serves
    pid = warm.server_status(server)["pid"]
    monkeypatch.setattr(warm, "CONNECT_TIMEOUT", 0.5)
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        remote = warm.analyse_remotely(demo_articles[:1], models)
        with pytest.raises(warm.WarmServerError):
            list(remote) if remote is not None else (_ for _ in ()).throw(warm.WarmServerError("none"))
        assert time.monotonic() - started < 30  # not the 600 s a reply could take before
    finally:
        os.kill(pid, signal.SIGCONT)


def test_a_feed_gives_at_most_its_first_entries(tmp_path):
    item = (
        "<item><title>Storm {n}</title><link>https://example.com/{n}</link><description>The harbour "
        "was closed on Sunday after storm {n} damaged two of its piers, officials said.</description></item>"
    )
    entries = "".join(item.format(n=n) for n in range(MAX_FEED_ENTRIES + 50))
    (tmp_path / "f.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel>{entries}</channel></rss>'
    )
    found = read_file(tmp_path / "f.rss", tmp_path, None)
    assert len(found.articles) == MAX_FEED_ENTRIES
    (warning,) = found.warnings
    assert f"{MAX_FEED_ENTRIES + 50} entries: only the first {MAX_FEED_ENTRIES}" in str(warning)


def test_a_page_showing_too_much_text_is_refused_before_extraction(tmp_path, monkeypatch):
    def never(*_, **__):
        raise AssertionError("extracted")

    monkeypatch.setattr(read, "html_page", never)
    paragraph = "<p>The harbour was closed on Sunday after a storm damaged two of its piers.</p>"
    script = "<script>var x = '" + "y" * 2_000_000 + "';</script>"
    (tmp_path / "ok.html").write_text(f"<html><body>{script}{paragraph * 10}</body></html>")
    (tmp_path / "big.html").write_text(f"<html><body>{paragraph * 6000}</body></html>")
    with pytest.raises(ArticleError, match="too large: more than"):
        read_file(tmp_path / "big.html", tmp_path, None)
    with pytest.raises(AssertionError, match="extracted"):  # scripts do not count: it is read
        read_file(tmp_path / "ok.html", tmp_path, None)


def test_an_unnamed_outlet_shows_its_file_name_without_invisible_characters():
    article = article_from_text(
        "The harbour was closed on Sunday after a storm damaged two of its piers.", "news\u202eexe.txt"
    )
    assert article.label == "unnamed outlet (newsexe)"


def test_a_linked_content_folder_is_read_and_its_inner_links_once(tmp_path):
    real = tmp_path / "articles"
    (real / "harbour").mkdir(parents=True)
    (real / "harbour" / "a.txt").write_text("text")
    (real / "harbour" / "again.txt").symlink_to(real / "harbour" / "a.txt")
    (tmp_path / "content").symlink_to(real)
    listing = walk.walk_files(tmp_path / "content")
    assert [p.relative_to(tmp_path / "content").as_posix() for p in listing.files] == ["harbour/a.txt"]
    assert listing.skipped == []
