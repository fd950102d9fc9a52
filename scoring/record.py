"""Frozen records, compared and hashed by their fields: the engine's value types, and the
application's data on the way to the first list and to an open assessment (the domain, the
services' list and record, a backup's entry, the frameworks' index and list entries).

They are msgspec Structs rather than frozen dataclasses: a dataclass generates and compiles its
methods when its module is imported (0.8–1.5 ms a class on this machine), and these are imported
at every start (docs/performance.md, GUI); a Struct is made in C in a tenth of that, and its
instances several times faster. They behave as the dataclasses did: fields in order, given by
position or by name, defaults, immutable (AttributeError), == and hash by value, repr, pattern
matching. `replace`, `fields` and `asdict` stand for the functions of `dataclasses`; a field
without a default has `NODEFAULT` as its default. `defaults` is `fields` kept per class (each
call of `fields` reads the annotations again). A class's field names, in order, are
`cls.__struct_fields__`.
"""
from __future__ import annotations

import dataclasses
import functools
from typing import Any

import msgspec
from msgspec import NODEFAULT, field
from msgspec.structs import fields, replace

__all__ = ["NODEFAULT", "Record", "asdict", "defaults", "field", "fields", "replace"]


class Record(msgspec.Struct, frozen=True):
    """The base of the engine's value types (see the module)."""


@functools.cache
def defaults(cls: type[Record]) -> tuple[tuple[str, Any], ...]:
    """(name, default) of each field of a Record class, in order: NODEFAULT for a field without a
    plain default (none, or one made by a factory)."""
    return tuple((f.name, f.default) for f in fields(cls))


def asdict(record: Record) -> dict[str, Any]:
    """The fields of `record` as a dict, as `dataclasses.asdict` gives a dataclass's: the records
    and dataclasses inside made dicts too, through lists, tuples (kept tuples) and dicts."""
    return {name: _plain(getattr(record, name)) for name in record.__struct_fields__}


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return asdict(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # scoring.text.Text
        return dataclasses.asdict(value)
    return value
