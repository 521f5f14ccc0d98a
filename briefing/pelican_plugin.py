"""Pelican plugin: briefings become Pelican articles; embeds, fragments, outlet pages, the
method page, the feed, the sitemap and the JSON are written beside them.

Enable it with ``PLUGINS = ["briefing.pelican_plugin"]`` in ``pelicanconf.py``.
"""

from __future__ import annotations

import importlib.util
import logging
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from blinker import signal
from pelican import signals
from pelican.contents import Article
from pelican.generators import Generator

from .compose import render_briefing
from .config import BriefingConfig
from .export import (
    briefing_from_record,
    embed_path,
    fragment_path,
    json_ld,
    lede_text,
    page_path,
    version_path,
    write_json,
)
from .history import record_versions
from .models import Briefing
from .outlets import outlet_path, outlet_reports
from .pipeline import BuildResult, build_briefings
from .publish import check_output, protected_paths

logger = logging.getLogger(__name__)

# Sent with the BuildResult (``config=`` the BriefingConfig, ``history=`` the HistoryUpdate or
# None) after the briefings are made; the CLI listens to report counts, to keep spaCy warm and
# to write the history once the site is published. A receiver that returns True writes the
# history itself; else the plugin writes it when the site's files are written.
briefing_built = signal("briefing_built")
# Sent with (articles parsed, total) while spaCy parses new articles; the CLI draws a bar.
analysis_progress = signal("analysis_progress")

# Pelican sorts articles by date; a briefing whose sources carry no date sorts last.
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)


def register() -> None:
    signals.initialized.connect(check_output_path)
    signals.article_generator_pretaxonomy.connect(add_briefings)
    signals.get_generators.connect(export_generator)
    signals.finalized.connect(index_for_search)


def check_output_path(pelican) -> None:
    """Under ``pelican content`` too, the output is never the project, the content or the history,
    nor inside the content (what Pelican writes there would be read as articles next time); a
    folder Pelican is set to empty first (``DELETE_OUTPUT_DIRECTORY``) must be a site a build wrote."""
    settings = pelican.settings
    content = Path(settings["PATH"])
    check_output(
        Path(settings["OUTPUT_PATH"]),
        protected_paths(settings, BriefingConfig.from_settings(settings), content.resolve().parent),
        [content],
        force=not settings.get("DELETE_OUTPUT_DIRECTORY"),
    )


def index_for_search(pelican) -> None:
    """A static search index of the briefings (Pagefind, from PyPI), written beside the pages.

    Search is an addition: without Pagefind, or without JavaScript in the browser, every page
    still reads as it is.
    """
    if not BriefingConfig.from_settings(pelican.settings).search:
        return
    if importlib.util.find_spec("pagefind") is None:
        logger.warning("search index skipped: Pagefind is not installed (pip install 'pagefind[bin]')")
        return
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(pelican.output_path),
        "--output-subdir",
        "pagefind",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        logger.warning(
            "search index skipped: Pagefind failed: %s", (done.stderr or done.stdout).strip()[-500:]
        )


def add_briefings(generator) -> None:
    """Build the briefings of the content root and add each as a Pelican article."""
    settings = generator.settings
    config = BriefingConfig.from_settings(settings)
    cache = Path(config.cache) if config.cache else None
    result = build_briefings(
        Path(settings["PATH"]), config, cache, lambda done, total: analysis_progress.send(done, total=total)
    )
    history: dict = {}
    update = None
    if config.history:
        content_root = Path(settings["PATH"])
        briefings, history, update = record_versions(
            content_root / config.history, result.briefings, content_root
        )
        result = replace(result, briefings=tuple(briefings))
    generator.context["briefing_result"] = result
    generator.context["briefing_history"] = history
    for briefing in result.briefings:
        generator.articles.append(_article(briefing, generator))
    generator.articles.sort(key=lambda a: (a.date, a.slug), reverse=True)
    answers = briefing_built.send(result, config=config, history=update)
    # the CLI writes the history once it has published the site; under `pelican content`, the
    # plugin writes it after the last page
    taken = any(answer is True for _, answer in answers)
    generator.context["briefing_history_update"] = None if taken else update
    logger.info("%s", result.summary)


def _article(briefing: Briefing, generator) -> Article:
    metadata = {
        "title": briefing.title,
        "slug": briefing.slug,
        "date": _date(briefing.updated),
        "summary": lede_text(briefing),
        "briefing": briefing,
        "save_as": page_path(briefing.slug),
        "url": page_path(briefing.slug),
        "template": "article",
        "json_ld": json_ld(briefing, _site_url(generator.settings)),
        # for the fragment, whose title is an h2: its sections become h3
        "fragment_html": render_briefing(briefing, heading_offset=1),
        # for the embed: links off the page open in the top window, footnotes stay in the frame
        "embed_html": render_briefing(briefing, link_target="_top"),
    }
    return Article(
        content=render_briefing(briefing),
        metadata=metadata,
        settings=generator.settings,
        source_path=str(Path(generator.settings["PATH"]) / briefing.slug),
        context=generator.context,
    )


def _date(updated: str | None) -> datetime:
    if not updated:
        return UNDATED
    moment = datetime.fromisoformat(updated)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class VersionPage:
    """What the version template reads of an earlier version: its HTML."""

    def __init__(self, content: str) -> None:
        self.content = content


def attach_version(earlier: Briefing, latest: Briefing, number: int) -> Briefing:
    """An earlier version with its place in the latest briefing's history."""
    info = latest.history[number - 1]
    return replace(earlier, version=number, changes=info.changes, history=latest.history[:number])


def _site_url(settings) -> str:
    """The site's absolute address when the settings give one (for the feed and sitemap)."""
    url = settings.get("SITEURL") or ""
    return url.rstrip("/") if url.startswith(("http://", "https://")) else ""


class BriefingSite(Generator):
    """Writes what Pelican's own generators do not: embeds, fragments, outlet pages, the method
    page, the Atom feed, the sitemap, ``index.json`` and each briefing's JSON."""

    def generate_output(self, writer) -> None:
        result: BuildResult | None = self.context.get("briefing_result")
        if result is None:
            return
        briefings = sorted(result.briefings, key=lambda b: (_date(b.updated), b.slug), reverse=True)
        articles = {a.slug: a for a in self.context.get("articles", [])}
        relative = self.settings.get("RELATIVE_URLS", False)

        def write(name: str, template: str, **values) -> None:
            writer.write_file(name, self.get_template(template), self.context, relative, **values)

        for briefing in briefings:
            article = articles[briefing.slug]
            write(embed_path(briefing.slug), "embed", article=article, briefing=briefing)
            write(fragment_path(briefing.slug), "fragment", article=article, briefing=briefing)
        history = self.context.get("briefing_history", {})
        for briefing in briefings:
            for stored in history.get(briefing.slug, []):
                number = stored["version"]
                if number == briefing.version:  # the latest version is the briefing page itself
                    earlier, page = briefing, articles[briefing.slug]
                else:
                    earlier = attach_version(briefing_from_record(stored["briefing"]), briefing, number)
                    page = VersionPage(render_briefing(earlier))
                write(
                    version_path(briefing.slug, number),
                    "version",
                    article=page,
                    briefing=earlier,
                    latest=briefing,
                )
        reports, unnamed = outlet_reports(briefings)
        write("outlets/index.html", "outlets", reports=reports, unnamed=unnamed, outlet_path=outlet_path)
        for report in reports:
            write(outlet_path(report.slug), "outlet", report=report)
        write("about.html", "about")
        write("search.html", "search")
        site_url = _site_url(self.settings)
        for name in ("feed.atom", "sitemap.xml"):
            writer.write_file(
                name,
                self.env.get_template(name),
                self.context,
                False,
                briefings=briefings,
                site_url=site_url,
                reports=reports,
                outlet_path=outlet_path,
                page_path=page_path,
                version_path=version_path,
            )
        write_json(Path(self.output_path), briefings)
        update = self.context.get("briefing_history_update")
        if update is not None:
            update.write()


def export_generator(pelican) -> type[BriefingSite]:
    return BriefingSite
