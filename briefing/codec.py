"""The frozen records of :mod:`briefing.models` as plain JSON values and back, exactly.

The stage caches store analyses, summaries and whole briefings this way: what comes back is
equal to what went in, so a briefing read from the cache renders byte for byte as the one
that was made.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, get_args, get_origin, get_type_hints


def to_plain(value: Any) -> Any:
    """A record as nested dicts, lists and scalars (tuples become lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    return value


def from_plain(kind: Any, value: Any) -> Any:
    """The record of type ``kind`` that :func:`to_plain` turned into ``value``.

    ``kind`` is a dataclass of :mod:`briefing.models` or a type built from them (``tuple[X, ...]``,
    ``dict[str, X]``, ``X | None``); a value of another shape raises ``ValueError``.
    """
    if value is None:
        return None
    origin = get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [k for k in get_args(kind) if k is not type(None)]
        if len(options) != 1:
            raise ValueError(f"cannot read a value of {kind}")
        return from_plain(options[0], value)
    if origin is tuple:
        item = get_args(kind)[0]
        return tuple(from_plain(item, v) for v in _checked(value, list))
    if origin is dict:
        _, item = get_args(kind)
        return {key: from_plain(item, v) for key, v in _checked(value, dict).items()}
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        fields = _checked(value, dict)
        return kind(**{name: from_plain(hints[name], fields[name]) for name in hints if name in fields})
    if kind is float and isinstance(value, int):
        return float(value)
    return _checked(value, kind)


@cache
def _hints(kind: type) -> dict[str, Any]:
    hints = get_type_hints(kind)
    return {f.name: hints[f.name] for f in dataclasses.fields(kind)}


def _checked(value: Any, kind: type) -> Any:
    if not isinstance(value, kind):
        raise ValueError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value
