"""scoring.record: records behave as the frozen dataclasses they replaced."""
from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.record import Record, asdict, field, replace
from scoring.text import Text


class Box(Record):
    value: Any
    items: tuple = ()
    named: dict = field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class DataBox:
    value: Any
    items: tuple = ()
    named: dict = dataclasses.field(default_factory=dict)


def _pair(depth: int):
    """(a Box, the DataBox of the same content) trees, with Text, lists, tuples and dicts inside."""
    leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5),
                     st.builds(Text, st.text(max_size=5), st.text(max_size=5))).map(lambda v: (v, v))
    if depth == 0:
        return leaf
    inner = _pair(depth - 1)
    lists = st.lists(inner, max_size=3)
    return st.one_of(
        leaf,
        lists.map(lambda xs: ([a for a, _ in xs], [b for _, b in xs])),
        lists.map(lambda xs: (tuple(a for a, _ in xs), tuple(b for _, b in xs))),
        st.dictionaries(st.text(max_size=3), inner, max_size=3).map(
            lambda d: ({k: a for k, (a, _) in d.items()}, {k: b for k, (_, b) in d.items()})),
        st.tuples(inner, lists, st.dictionaries(st.text(max_size=3), inner, max_size=2)).map(
            lambda t: (Box(t[0][0], tuple(a for a, _ in t[1]), {k: a for k, (a, _) in t[2].items()}),
                       DataBox(t[0][1], tuple(b for _, b in t[1]), {k: b for k, (_, b) in t[2].items()}))),
    )


@given(_pair(3))
def test_asdict_gives_what_dataclasses_asdict_gives_for_the_same_tree(pair):
    record, data = pair if isinstance(pair[0], Box) else (Box(pair[0]), DataBox(pair[1]))
    assert asdict(record) == dataclasses.asdict(data)
    assert repr(asdict(record)) == repr(dataclasses.asdict(data))  # tuples stay tuples, lists lists


class Point(Record):
    x: int
    y: int = 0


def test_a_record_is_immutable_and_compared_and_hashed_by_its_fields():
    a = Point(1, y=2)
    assert a == Point(1, 2) and hash(a) == hash(Point(1, 2)) and a != Point(2, 2) and Point(1) == Point(1, 0)
    with pytest.raises(AttributeError):
        a.x = 2  # type: ignore[misc]
    assert replace(a, x=3) == Point(3, 2) and a.x == 1
    assert Box(1).named == {} and Box(1).named is not Box(1).named  # a factory per instance
    assert repr(a) == "Point(x=1, y=2)"
    match a:
        case Point(x, y):
            assert (x, y) == (1, 2)
