"""Strict framework checks: a key the program does not know, a field of the wrong type or a
relative section that cannot rank is refused at load, with its place and a suggestion, instead
of passing as valid while the rule the author wrote is simply not there (issue 12)."""
from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import FrameworkError, build_framework
from scoring.framework import _KEYS, _SCORING_KEYS


def base() -> dict:
    return {
        "id": "strict-test", "version": "1", "title": "Thử",
        "pillars": [{
            "id": "p", "title": "Trụ cột",
            "indicators": [
                {"id": "staff", "label": "Số cán bộ", "type": "integer", "min": 0,
                 "constraints": [{"rule": ". >= 0", "message": "không âm"}]},
                {"id": "pcs", "label": "Số máy tính", "type": "integer", "min": 0,
                 "scoring": {"rule": "ratio", "numerator": "${pcs}", "denominator": "${staff}", "max_points": 10}},
                {"id": "name", "label": "Tên", "type": "text", "required": False},
            ],
        }],
        "relative": {"components": [
            {"id": "a", "label": "A", "inputs": [{"indicator": "pcs", "cap": 100}], "zscore": True},
            {"id": "b", "label": "B", "inputs": ["staff"]},
        ]},
    }


def problems(data: dict) -> list[str]:
    with pytest.raises(FrameworkError) as e:
        build_framework(data, "strict.yaml")
    return [f"{p.where} | {p.field} | {p.message.en}" for p in e.value.problems]


def test_the_base_framework_is_valid():
    build_framework(base(), "strict.yaml")


@pytest.mark.parametrize("place, wrong, right", [
    (lambda d: d["pillars"][0]["indicators"][0], "constraint", "constraints"),  # the XLSForm column name
    (lambda d: d["pillars"][0], "wieght", "weight"),
    (lambda d: d["relative"]["components"][0], "normalize", "normalise"),
    (lambda d: d, "relativ", "relative"),
    (lambda d: d["pillars"][0]["indicators"][1]["scoring"], "denominater", "denominator"),
    (lambda d: d["pillars"][0]["indicators"][0]["constraints"][0], "mesage", "message"),
])
def test_a_misspelt_key_is_refused_with_the_key_it_meant(place, wrong, right):
    d = base()
    target = place(d)
    target[wrong] = target.pop(right, "x")
    found = problems(d)
    assert any(wrong in p and f"did you mean '{right}'" in p for p in found), found


def test_a_key_of_another_rule_is_refused():
    d = base()
    d["pillars"][0]["indicators"][1]["scoring"]["target"] = 5  # a linear rule's key on a ratio rule
    assert any("scoring.target" in p and "unknown key" in p for p in problems(d))


def test_a_key_far_from_any_lists_the_known_ones():
    d = base()
    d["pillars"][0]["xyzzy"] = 1
    (p,) = problems(d)
    assert "known keys:" in p and "indicators" in p


def test_booleans_are_booleans():
    d = base()
    d["relative"]["components"][0]["zscore"] = "false"  # read as true before
    d["pillars"][0]["indicators"][2]["required"] = "no"
    found = problems(d)
    assert any("zscore" in p and "true or false" in p for p in found)
    assert any("required" in p and "true or false" in p for p in found)


@pytest.mark.parametrize("decimals", [-1, 20, "4", 2.5, True])
def test_relative_decimals_must_be_a_small_whole_number(decimals):
    d = base()
    d["relative"]["decimals"] = decimals
    assert any("relative | decimals" in p for p in problems(d))


def test_relative_weights_all_zero_are_refused():
    d = base()
    for c in d["relative"]["components"]:
        c["weight"] = 0
    assert any("every component has weight 0" in p for p in problems(d))


def test_a_component_whose_inputs_all_weigh_zero_is_refused():
    d = base()
    d["relative"]["components"][0]["inputs"][0]["weight"] = 0
    assert any("every input of the component has weight 0" in p for p in problems(d))


def test_duplicate_component_ids_are_refused():
    d = base()
    d["relative"]["components"][1]["id"] = "a"
    assert any("duplicate component id 'a'" in p for p in problems(d))


@pytest.mark.parametrize("cap", [-5, 0])
def test_a_cap_that_makes_a_constant_is_refused(cap):
    d = base()
    d["relative"]["components"][0]["inputs"][0]["cap"] = cap
    assert any("cap must be greater than 0" in p for p in problems(d))


def test_a_text_indicator_is_not_a_relative_input():
    d = base()
    d["relative"]["components"][1]["inputs"] = ["name"]
    assert any("'name' is not numeric" in p for p in problems(d))


def test_the_key_lists_are_the_schema_ones():
    """The loader and the published JSON Schema agree on what each part may hold."""
    from egov_desktop.paths import resource_path

    schema = json.loads(resource_path("schemas", "framework.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    rel = defs["relative"]["properties"]
    comp = rel["components"]["items"]
    inp = next(x for x in comp["properties"]["inputs"]["items"]["oneOf"] if x.get("type") == "object")
    expected = {
        "framework": schema["properties"], "period": schema["properties"]["period"]["properties"],
        "total": schema["properties"]["total"]["properties"], "band": defs["band"]["properties"],
        "choice": defs["choice"]["properties"], "target": defs["target"]["properties"],
        "constraint": defs["constraint"]["oneOf"][1]["properties"], "step": defs["step"]["properties"],
        "pillar": defs["pillar"]["properties"], "indicator": defs["indicator"]["properties"],
        "relative": rel, "component": comp["properties"], "input": inp["properties"],
    }
    for part, props in expected.items():
        assert _KEYS[part] == set(props), part
    for branch in defs["scoring"]["allOf"]:
        kind = branch["if"]["properties"]["rule"]["const"]
        assert _SCORING_KEYS[kind] | {"rule", "max_points"} == set(branch["then"]["properties"]), kind


def _places(d: dict) -> list[dict]:
    """Every mapping of a framework where an author writes keys."""
    out = [d]
    stack = [d]
    while stack:
        node = stack.pop()
        for k, v in node.items():
            items = v if isinstance(v, list) else [v]
            if k == "choice_lists":  # its keys are the author's list names
                items = [c for lst in v.values() for c in lst]
            for x in items:
                if isinstance(x, dict):
                    out.append(x)
                    stack.append(x)
    return out


def _builtin(name: str) -> dict:
    import yaml

    from egov_desktop.paths import resource_path
    return yaml.safe_load(resource_path("frameworks", f"{name}.yaml").read_text(encoding="utf-8"))


BUILTINS = {p.stem: _builtin(p.stem) for p in sorted(__import__("egov_desktop.paths", fromlist=["x"]).resource_path("frameworks").glob("*.yaml"))}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(BUILTINS)), pick=st.integers(min_value=0), suffix=st.sampled_from(["x", "_", "s"]))
def test_any_misspelt_key_anywhere_in_a_builtin_framework_is_refused(name, pick, suffix):
    d = copy.deepcopy(BUILTINS[name])
    places = [p for p in _places(d) if p]
    place = places[pick % len(places)]
    key = sorted(place)[pick % len(place)]
    place[key + suffix] = place.pop(key)
    with pytest.raises(FrameworkError) as e:
        build_framework(d, f"{name}.yaml")
    assert any((key + suffix) in p.field for p in e.value.problems)


def test_the_content_hash_ignores_how_the_file_spells_it_and_fields_left_at_their_default():
    a = base()
    b = copy.deepcopy(a)
    b["pillars"][0]["indicators"][0]["label"] = {"vi": "Số cán bộ"}          # the same text, spelt as a mapping
    b["pillars"][0]["indicators"][0]["min"] = 0.0                             # the same number as a float
    b["pillars"][0]["indicators"][0]["hidden_counts"] = "exclude"             # a default written out
    assert build_framework(a).content_hash == build_framework(b).content_hash
    b["pillars"][0]["indicators"][0]["min"] = 1
    assert build_framework(a).content_hash != build_framework(b).content_hash
