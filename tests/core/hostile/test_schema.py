"""The in-code check of the published assessment schema (egov_desktop.exchange.schema) agrees
with jsonschema (a test dependency only) on valid files and on every mutation of them."""
from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egov_desktop.errors import UserError
from egov_desktop.exchange import schema
from tests.core.exchange_samples import install_framework
from tests.core.hostile import samples as S
from tests.core.hostile.test_fuzz import JSON_VALUES, paths_of, replace_at

SCHEMA = "assessment.schema.json"


@pytest.fixture(scope="module")
def base():
    install_framework()
    return S.payload()


def _ours(doc) -> bool:
    try:
        schema.validate(doc, SCHEMA, "f.egov.json")
        return True
    except UserError as e:
        assert e.path == "f.egov.json" and e.message.vi and e.message.en
        return False


def _theirs(doc) -> bool:
    return jsonschema.Draft202012Validator(schema.load(SCHEMA)).is_valid(doc)


def test_valid_files_pass_both(base):
    assert _ours(base) and _theirs(base)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_agrees_with_jsonschema_on_mutated_files(base, data):
    doc = base
    for _ in range(data.draw(st.integers(1, 3))):
        places = list(paths_of(doc))
        where = places[data.draw(st.integers(0, len(places) - 1))]
        value = data.draw(JSON_VALUES.filter(lambda v: not _has_nan(v)))
        doc = replace_at(doc, where, value, delete=data.draw(st.booleans()))
    assert _ours(doc) == _theirs(doc), json.dumps(doc, ensure_ascii=True)[:500]


def _has_nan(v) -> bool:
    if isinstance(v, float):
        return v != v
    if isinstance(v, dict):
        return any(_has_nan(x) for x in v.values())
    if isinstance(v, list):
        return any(_has_nan(x) for x in v)
    return False


def test_a_keyword_the_checker_does_not_implement_is_refused(monkeypatch, tmp_path):
    folder = tmp_path / "schemas"
    folder.mkdir()
    (folder / "x.json").write_text(json.dumps({"type": "object", "properties": {"a": {"uniqueItems": True}}}))
    monkeypatch.setattr(schema, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    schema.load.cache_clear()
    try:
        with pytest.raises(ValueError, match="uniqueItems"):
            schema.load("x.json")
    finally:
        schema.load.cache_clear()


def _at(doc, path):
    for part in path:
        doc = doc[part]
    return doc


def _written(path) -> str:
    """A jsonschema path as our messages write a place: «answers.x.evidence[0].size»."""
    out = ""
    for part in path:
        out = f"{out}[{part}]" if isinstance(part, int) else (f"{out}.{part}" if out else part)
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_the_place_named_is_one_jsonschema_names(base, data):
    """The compiled checker builds the place only on its way out of a failure: it must still be
    a place where jsonschema finds an error (a missing key: the object that lacks it)."""
    doc = base
    for _ in range(data.draw(st.integers(1, 3))):
        places = list(paths_of(doc))
        where = places[data.draw(st.integers(0, len(places) - 1))]
        value = data.draw(JSON_VALUES.filter(lambda v: not _has_nan(v)))
        doc = replace_at(doc, where, value, delete=data.draw(st.booleans()))
    try:
        schema.validate(doc, SCHEMA, "f.egov.json")
        return
    except UserError as e:
        where = e.where or ""
    errors = list(jsonschema.Draft202012Validator(schema.load(SCHEMA)).iter_errors(doc))
    # a missing key is named under the object that lacks it; jsonschema names the object
    theirs = {_written(err.absolute_path) for err in errors}
    theirs |= {_written(list(err.absolute_path) + [key]) for err in errors if err.validator == "required"
               for key in err.validator_value if key not in _at(doc, err.absolute_path)}
    assert where in theirs, (where, sorted(theirs))
