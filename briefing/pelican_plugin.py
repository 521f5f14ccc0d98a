"""Pelican plugin: briefings become Pelican articles; embeds, fragments, outlet pages, the
method page, the feed, the sitemap and the JSON are written beside them.

Enable it with ``PLUGINS = ["briefing.pelican_plugin"]`` in ``pelicanconf.py``.
"""

from __future__ import annotations

import importlib.util
import logging
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.generators import Generator

from .cache import Store, code_version, digest, plain_key
from .compose import render_briefing, render_briefing_views
from .errors import BriefingError
from .export import (
    briefing_from_record,
    briefing_record,
    dump,
    embed_path,
    fragment_path,
    json_ld,
    lede_text,
    page_path,
    version_path,
    write_json,
)
from .history import LEGACY_NAME, record_versions
from .models import Briefing
from .outlets import outlet_path, outlet_reports
from .pipeline import build_briefings
from .publish import Staging, check_output, protected_paths
from .site import site_run

logger = logging.getLogger(__name__)

# Pelican sorts articles by date; a briefing whose sources carry no date sorts last.
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)


def register() -> None:
    signals.get_generators.connect(export_generator)  # sent at each run, before any output
    signals.article_generator_pretaxonomy.connect(add_briefings)
    signals.finalized.connect(finish)


def stage_output(pelican) -> None:
    """Build into a fresh staging folder beside the output, whoever runs Pelican (and at each
    run of a Pelican that runs again, as under ``pelican --autoreload``).

    The output is never the project, the content, the history or the cache, nor inside the
    content (what Pelican writes there would be read as articles next time); a folder that
    holds something else than a site a build wrote is replaced only when asked (``--force-output``;
    under ``pelican content``, ``DELETE_OUTPUT_DIRECTORY``)."""
    settings = pelican.settings
    run = site_run(settings)
    content = Path(settings["PATH"])
    force = run.force_output if run.force_output is not None else not settings.get("DELETE_OUTPUT_DIRECTORY")
    output = Path(settings["OUTPUT_PATH"])
    read = [(content, "the content folder")] + ([(run.history, "the history folder")] if run.history else [])
    check_output(output, protected_paths(settings, run.config, run.project), read, force=force)
    run.staging = Staging(output)
    pelican.output_path = str(run.staging.path)


def finish(pelican) -> None:
    """Once every page is written: the search index, then the swap, then the history."""
    run = site_run(pelican.settings)
    if run.config.search:
        index_for_search(Path(pelican.output_path))
    if run.staging is None:
        return
    run.staging.publish(run.inputs(run.update) if run.inputs else "")
    run.staging = None  # published: the next run of this Pelican stages anew
    if run.update is not None:
        try:
            run.update.write()
        except OSError as error:
            raise BriefingError(f"the history could not be written ({error})") from error


def index_for_search(site: Path) -> None:
    """A static search index of the briefings (Pagefind, from PyPI), written beside the pages.

    Search is an addition: without Pagefind, or without JavaScript in the browser, every page
    still reads as it is.
    """
    if importlib.util.find_spec("pagefind") is None:
        logger.warning("search index skipped: Pagefind is not installed (pip install 'pagefind[bin]')")
        return
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        logger.warning(
            "search index skipped: Pagefind failed: %s", (done.stderr or done.stdout).strip()[-500:]
        )


def add_briefings(generator) -> None:
    """Build the briefings of the content root and add each as a Pelican article."""
    settings = generator.settings
    run = site_run(settings)
    result = build_briefings(
        Path(settings["PATH"]), run.config, run.cache, run.analyser, run.progress, run.mapper
    )
    stored: dict = {}
    if run.history:
        legacy = Path(settings["PATH"]) / LEGACY_NAME
        briefings, stored, run.update = record_versions(run.history, result.briefings, legacy)
        result = replace(result, briefings=tuple(briefings))
    run.result = result
    generator.context["briefing_result"] = result
    generator.context["briefing_history"] = stored
    store = Store(run.cache)
    bodies = rendered(result.briefings, result.keys, store, run.mapper)
    generator.context["briefing_json"] = {slug: made.record for slug, made in bodies.items()}
    for briefing in result.briefings:
        generator.articles.append(_article(briefing, generator, bodies[briefing.slug]))
    generator.articles.sort(key=lambda a: (a.date, a.slug), reverse=True)
    logger.info("%s", result.summary)


@dataclass(frozen=True, slots=True)
class Bodies:
    """A briefing's body as HTML: on its page, in the fragment (h3 sections) and in the embed;
    and its JSON export."""

    page: str
    fragment: str
    embed: str
    record: str


def rendered(
    briefings: Sequence[Briefing], keys: Mapping[str, str], store: Store, mapper
) -> dict[str, Bodies]:
    """Each briefing's bodies, from the cache when the same briefing and history were rendered
    before (``keys`` are those of the stories' briefings; the version and changes are added
    here), the others rendered by ``mapper`` (on several processes when there are many)."""
    keys = {
        b.slug: digest("rendered", keys[b.slug], plain_key((b.version, b.changes, b.history)))
        for b in briefings
    }
    found = {b.slug: store.record("rendered", keys[b.slug], Bodies) for b in briefings}
    missing = [b for b in briefings if found[b.slug] is None]
    for briefing, bodies in zip(missing, mapper(render_bodies, missing), strict=True):
        found[briefing.slug] = bodies
        store.put_record("rendered", keys[briefing.slug], bodies)
    return found


def render_bodies(briefing: Briefing) -> Bodies:
    """The bodies of a briefing: on its page; in the fragment, whose title is an h2 (its
    sections become h3); in the embed, where links off the page open in the top window and
    footnotes stay in the frame. The Markdown is parsed once for the three."""
    page, fragment, embed = render_briefing_views(briefing, [(0, None), (1, None), (0, "_top")])
    return Bodies(page, fragment, embed, dump(briefing_record(briefing)))


def _article(briefing: Briefing, generator, bodies: Bodies) -> Article:
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
        "fragment_html": bodies.fragment,
        "embed_html": bodies.embed,
    }
    return Article(
        content=bodies.page,
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
    info = next(v for v in latest.history if v.number == number)
    return replace(earlier, version=number, changes=info.changes, history=latest.history[:number])


def _site_url(settings) -> str:
    """The site's absolute address when the settings give one (for the feed and sitemap)."""
    url = settings.get("SITEURL") or ""
    return url.rstrip("/") if url.startswith(("http://", "https://")) else ""


class BriefingSite(Generator):
    """Writes what Pelican's own generators do not: embeds, fragments, outlet pages, the method
    page, the Atom feed, the sitemap, ``index.json`` and each briefing's JSON."""

    def generate_output(self, writer) -> None:
        result = self.context.get("briefing_result")
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
        store = Store(site_run(self.settings).cache)
        for briefing in briefings:
            for stored in history.get(briefing.slug, []):
                number = stored["version"]
                if number == briefing.version:  # the latest version is the briefing page itself
                    earlier, page = briefing, articles[briefing.slug]
                else:
                    earlier = attach_version(briefing_from_record(stored["briefing"]), briefing, number)
                    key = digest("version", code_version(), plain_key(stored), plain_key(earlier.history))
                    page = VersionPage(rendered_version(earlier, key, store))
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
        write_json(Path(self.output_path), briefings, self.context.get("briefing_json"))


def rendered_version(earlier: Briefing, key: str, store: Store) -> str:
    """The body of an earlier version's page, from the cache when it was rendered before."""
    found = store.get("rendered", key)
    if not isinstance(found, str):
        found = render_briefing(earlier)
        store.put("rendered", key, found)
    return found


def export_generator(pelican) -> type[BriefingSite]:
    """Our generator, for a run that writes into a staging folder of its own."""
    stage_output(pelican)
    return BriefingSite
