"""Dataclasses to JSON-ready dicts and back, driven by the type hints of `auditor.model`."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_data(obj: Any) -> Any:
    """A JSON-ready structure of dicts, lists and scalars (dates as ISO strings)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_data(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


def from_data(cls: type[T], data: Any) -> T:
    """Rebuild a dataclass (recursively) from `to_data` output; unknown keys are ignored."""
    return _convert(cls, data)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(args[0], value) if len(args) == 1 else value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp) if f.init}
        return tp(**{k: _convert(hints[k], v) for k, v in value.items() if k in names})
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_convert(item, v) for v in value]
    if origin is dict:
        _, item = typing.get_args(tp)
        return {k: _convert(item, v) for k, v in value.items()}
    if origin is frozenset:
        return frozenset(value)
    if tp is date:
        return date.fromisoformat(value)
    return value
