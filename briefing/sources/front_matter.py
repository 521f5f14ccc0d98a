"""The YAML front matter of a Markdown file: split from the body, each value checked."""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

import yaml

from ..errors import ArticleError, ArticleWarning
from ..stories import slugify
from .kinds import REPORT, SOURCE_KINDS
from .language import language_code
from .metadata import FIELD_LIMITS, _safe_url, is_iso_date, parse_date_line
from .validate import out_of_range

logger = logging.getLogger(__name__)


FRONT_MATTER_KEYS = ("title", "outlet", "url", "published", "author", "language", "story", "kind")
# the longest value each key may have (a kind is one word of a short list)
VALUE_LIMITS = {**FIELD_LIMITS, "kind": 40}


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader without aliases: ``*name`` could make a few bytes expand to gigabytes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None,
                None,
                f"an alias (*{event.anchor}) is not accepted: write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A YAML date as a date, and one with no such day (2025-13-45) as the text it is."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


MAX_FRONT_MATTER = 16_000  # characters
HINT = " (quote values that contain ':', '#', '[' or start with a quote)"


def split_front_matter(source: str, rel: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter (between ``---`` lines) from a Markdown body.

    Only the known keys are kept, each checked in type and length: a value that is no text
    (a list, a mapping), too long, or a date that is none is left out with a warning, so that
    the article is built without it (see :func:`front_matter_problems`).
    """
    if not source.startswith("---"):
        return {}, source
    match = re.match(r"^---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*$\r?\n?", source, re.S | re.M)
    if not match:
        raise ArticleError(
            rel, "front matter starts with '---' but has no closing '---' line", "front matter"
        )
    if len(match.group(1)) > MAX_FRONT_MATTER:
        raise ArticleError(
            rel,
            f"front matter of {len(match.group(1)):,} characters, more than the {MAX_FRONT_MATTER:,} "
            f"its keys ({', '.join(FRONT_MATTER_KEYS)}) can need: remove what is not one of them",
            "front matter",
        )
    try:
        meta = yaml.load(match.group(1), Loader=_FrontMatterLoader) or {}
    except RecursionError as exc:  # [[[[…]]]] nested thousands deep
        raise ArticleError(rel, "malformed front matter: nested too deep", "front matter") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        hint = "" if isinstance(exc, yaml.composer.ComposerError) else HINT
        raise ArticleError(
            rel, f"malformed front matter{where}: {getattr(exc, 'problem', exc)}{hint}", "front matter"
        ) from exc
    if not isinstance(meta, dict):
        raise ArticleError(rel, "front matter must be 'key: value' lines", "front matter")
    unknown = sorted(str(k)[:40] for k in meta if k not in FRONT_MATTER_KEYS)
    if unknown:
        logger.warning("%s: unknown front matter keys ignored: %s", rel, ", ".join(unknown[:10]))
    return {k: meta[k] for k in FRONT_MATTER_KEYS if meta.get(k) is not None}, source[match.end() :]


def front_matter_problems(meta: dict[str, Any], rel: str) -> tuple[dict[str, Any], list[ArticleWarning]]:
    """The front matter values that can be used, and one warning for each that cannot.

    >>> meta, problems = front_matter_problems({"title": ["a"], "published": "2025-13-45"}, "a.md")
    >>> meta, [p.problem for p in problems]  # doctest: +NORMALIZE_WHITESPACE
    ({}, ["front matter 'title' is a list, not text: write it as one quoted line; ignored",
          "front matter 'published' is '2025-13-45', not a date: write it as YYYY-MM-DD; ignored"])
    >>> meta, problems = front_matter_problems({"url": "javascript:alert(1)", "language": "klingon"}, "a.md")
    >>> meta, [p.problem for p in problems]  # doctest: +NORMALIZE_WHITESPACE
    ({}, ["front matter 'url' is 'javascript:alert(1)', not an http(s) link: write the article's full
           https:// address; ignored",
          "front matter 'language' is 'klingon', not a language code: write a code such as en or de;
           ignored"])
    >>> meta, problems = front_matter_problems({"kind": "Post", "outlet": "X"}, "a.md")
    >>> meta, problems
    ({'kind': 'Post', 'outlet': 'X'}, [])
    """
    kept: dict[str, Any] = {}
    problems = []
    for key, value in meta.items():
        problem = None
        if key == "author" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ", ".join(value)  # several authors
        if key == "published" and isinstance(value, date):
            value = value.isoformat()
        limit = VALUE_LIMITS[key]
        if key == "published" and isinstance(value, str) and not is_iso_date(value.strip()):
            value = parse_date_line(value[:limit]) or value  # "January 11, 2025"
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            kinds = {list: "a list", dict: "a mapping", bool: "true or false"}
            problem = (
                f"is {kinds.get(type(value), type(value).__name__)}, not text: write it as one quoted line"
            )
        elif len(str(value)) > limit:
            problem = f"is {len(str(value)):,} characters long, more than {limit}: shorten it"
        else:
            problem = _value_problem(key, str(value).strip())
        if problem:
            problems.append(ArticleWarning(rel, f"front matter {key!r} {problem}; ignored", "front matter"))
        else:
            kept[key] = value
    return kept, problems


def _value_problem(key: str, value: str) -> str | None:
    """What is wrong with one front matter value of the right type and length, or ``None``."""
    if key == "published":
        if not is_iso_date(value):
            return f"is {value[:40]!r}, not a date: write it as YYYY-MM-DD"
        if why := out_of_range(date.fromisoformat(value[:10])):
            return f"is {value[:40]!r}, {why}: check the year"
    elif key == "url" and _safe_url(value) is None:
        return f"is {value[:40]!r}, not an http(s) link: write the article's full https:// address"
    elif key == "language" and language_code(value) is None:
        return f"is {value[:40]!r}, not a language code: write a code such as en or de"
    elif key == "kind" and value.lower() not in (*SOURCE_KINDS, REPORT):
        return f"is {value[:40]!r}, not a kind of source: write {', '.join(SOURCE_KINDS)} or {REPORT}"
    elif key == "story" and slugify(value) == "story" and value.lower() != "story":
        return f"is {value[:40]!r}, which has no letter or figure to name a folder: write a few words"
    return None
