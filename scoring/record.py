"""The engine's value types: frozen records, compared and hashed by their fields.

They are msgspec Structs rather than frozen dataclasses: a dataclass generates and compiles its
methods when its module is imported (0.8–1 ms a class on this machine), and the engine's thirty
are imported on the way to every assessment the program opens (docs/performance.md, GUI); a
Struct is made in C in a tenth of that, and its instances several times faster. They behave as
the dataclasses did: fields in order, given by position or by name, defaults, immutable
(AttributeError), == and hash by value, repr, pattern matching. `replace` and `fields` stand for
the functions of `dataclasses`; a field without a default has `NODEFAULT` as its default.
`defaults` is `fields` kept per class (each call of `fields` reads the annotations again).
"""
from __future__ import annotations

import functools
from typing import Any

import msgspec
from msgspec import NODEFAULT, field
from msgspec.structs import fields, replace

__all__ = ["NODEFAULT", "Record", "defaults", "field", "fields", "replace"]


class Record(msgspec.Struct, frozen=True):
    """The base of the engine's value types (see the module)."""


@functools.cache
def defaults(cls: type[Record]) -> tuple[tuple[str, Any], ...]:
    """(name, default) of each field of a Record class, in order: NODEFAULT for a field without a
    plain default (none, or one made by a factory)."""
    return tuple((f.name, f.default) for f in fields(cls))
