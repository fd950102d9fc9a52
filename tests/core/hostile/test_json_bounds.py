"""untrusted.load_json / check_tree refuse exactly the data too deep or holding a lone surrogate,
whichever way they walk it (the quick walk of a sound file, the one that names the place)."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egov_desktop import untrusted
from egov_desktop.errors import UserError

LIMIT = untrusted.MAX_JSON_DEPTH
texts = st.text(st.characters(min_codepoint=0, max_codepoint=0xFFFF, exclude_categories=("Cc",)), max_size=5)
leaves = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), texts)
trees = st.recursive(leaves, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(texts, inner, max_size=3)), max_leaves=12)


@st.composite
def nested(draw):
    """A tree hung at the bottom of a chain of lists and objects around the depth limit."""
    tree = draw(trees)
    for kind in draw(st.lists(st.booleans(), min_size=LIMIT - 3, max_size=LIMIT + 2)):
        tree = [tree] if kind else {"k": tree}
    return tree


def too_deep(v, depth=0) -> bool:
    if depth > LIMIT:
        return True
    children = v.values() if isinstance(v, dict) else v if isinstance(v, list) else ()
    return any(too_deep(x, depth + 1) for x in children)


def lone_surrogate(v) -> bool:
    if isinstance(v, str):
        return any(0xD800 <= ord(c) <= 0xDFFF for c in v)
    if isinstance(v, dict):
        return any(lone_surrogate(k) or lone_surrogate(x) for k, x in v.items())
    return isinstance(v, list) and any(lone_surrogate(x) for x in v)


def refused(fn) -> bool:
    try:
        fn()
        return False
    except UserError as e:
        assert e.path == "f.json" and e.message.vi
        return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(trees, nested()))
def test_refused_exactly_when_too_deep_or_a_lone_surrogate(data):
    bad = too_deep(data) or lone_surrogate(data)
    assert refused(lambda: untrusted.check_tree(data, "f.json")) == bad
    escaped = json.dumps(data, ensure_ascii=True).encode()     # a surrogate only as \udxxx
    assert refused(lambda: untrusted.load_json(escaped, "f.json")) == bad
    if not lone_surrogate(data):                               # raw UTF-8: the quick path
        raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
        assert refused(lambda: untrusted.load_json(raw, "f.json")) == bad


@pytest.mark.parametrize("depth, refused_", [(LIMIT, False), (LIMIT + 1, True)])
def test_a_number_one_level_too_deep_is_refused_with_its_place(depth, refused_):
    doc = json.dumps(1)
    for _ in range(depth):
        doc = f"[{doc}]"
    if refused_:
        with pytest.raises(UserError) as e:
            untrusted.load_json(doc.encode(), "f.json")
        assert e.value.where == "[0]" * depth
    else:
        untrusted.load_json(doc.encode(), "f.json")
