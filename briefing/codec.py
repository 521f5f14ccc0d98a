"""The frozen records of :mod:`briefing.models` as plain JSON values and back, exactly.

The stage caches store analyses, summaries and whole briefings this way: what comes back is
equal to what went in, so a briefing read from the cache renders byte for byte as the one
that was made.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
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
    ``tuple[X, Y]``,
    ``dict[str, X]``, ``X | None``); a value of another shape raises ``ValueError``, ``KeyError``
    or ``TypeError``.
    """
    return _decoder(kind)(value)


@cache
def _decoder(kind: Any) -> Callable[[Any], Any]:
    """A function that reads values of ``kind``, made once per type (reading a story's cached
    analyses builds some 100,000 records: a walk over the type hints for each would dominate)."""
    origin = get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [k for k in get_args(kind) if k is not type(None)]
        if len(options) != 1:
            raise ValueError(f"cannot read a value of {kind}")
        inner = _decoder(options[0])
        return lambda value: None if value is None else inner(value)
    if origin is tuple and get_args(kind)[-1] is not Ellipsis:  # tuple[int, str]: each place its type
        places = [_decoder(k) for k in get_args(kind)]

        def fixed(value: Any) -> tuple:
            if len(_checked(value, list)) != len(places):
                raise ValueError(f"expected {len(places)} values, found {len(value)}")
            return tuple(read(v) for read, v in zip(places, value, strict=True))

        return fixed
    if origin is tuple:
        item = _decoder(get_args(kind)[0])
        return lambda value: tuple(map(item, _checked(value, list)))
    if origin is dict:
        item = _decoder(get_args(kind)[1])
        return lambda value: {key: item(v) for key, v in _checked(value, dict).items()}
    if dataclasses.is_dataclass(kind):
        hints = get_type_hints(kind)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(kind)]

        def record(value: Any) -> Any:
            given = _checked(value, dict)
            return kind(**{name: read(given[name]) for name, read in fields if name in given})

        return record
    if kind is float:
        return lambda value: float(_checked(value, int | float))
    if kind in (str, int, bool):
        return lambda value: _checked(value, kind)
    raise ValueError(f"cannot read a value of {kind}")


def _checked(value: Any, kind: Any) -> Any:
    if not isinstance(value, kind):
        raise ValueError(f"expected {kind}, found {type(value).__name__}")
    return value
