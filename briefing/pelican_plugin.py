"""Pelican plugin: briefings become Pelican articles; their JSON is written beside the pages.

Enable it with ``PLUGINS = ["briefing.pelican_plugin"]`` in ``pelicanconf.py``.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from blinker import signal
from pelican import signals
from pelican.contents import Article

from .compose import render_briefing
from .config import BriefingConfig
from .export import lede_text, page_path, write_json
from .models import Briefing
from .pipeline import BuildResult, build_briefings

logger = logging.getLogger(__name__)

# Sent with the BuildResult after the briefings are made; the CLI listens to report counts.
briefing_built = signal("briefing_built")

# Pelican sorts articles by date; a briefing whose sources carry no date sorts last.
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)


def register() -> None:
    signals.article_generator_pretaxonomy.connect(add_briefings)
    signals.get_generators.connect(export_generator)


def add_briefings(generator) -> None:
    """Build the briefings of the content root and add each as a Pelican article."""
    settings = generator.settings
    config = BriefingConfig.from_settings(settings)
    cache = Path(config.cache) if config.cache else None
    result = build_briefings(Path(settings["PATH"]), config, cache)
    generator.context["briefing_result"] = result
    for briefing in result.briefings:
        generator.articles.append(_article(briefing, generator))
    generator.articles.sort(key=lambda a: (a.date, a.slug), reverse=True)
    briefing_built.send(result)
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


class BriefingExport:
    """A Pelican generator that writes ``index.json`` and each briefing's JSON."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs) -> None:
        self.context = context
        self.output_path = Path(output_path)

    def generate_output(self, writer) -> None:
        result: BuildResult | None = self.context.get("briefing_result")
        if result is not None:
            ordered = sorted(result.briefings, key=lambda b: (_date(b.updated), b.slug), reverse=True)
            write_json(self.output_path, ordered)


def export_generator(pelican) -> type[BriefingExport]:
    return BriefingExport
