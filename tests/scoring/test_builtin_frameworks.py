"""The built-in frameworks: they load, say everything in both languages, cite their targets,
use the vocabulary of their period, and match the published JSON Schema."""
from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from egov_desktop.frameworks import FrameworkRegistry, load_framework_file, registry
from egov_desktop.paths import resource_path
from scoring import FrameworkError, build_framework
from scoring.model import INDICATOR_TYPES, RULE_KINDS

LEVEL_FRAMEWORKS = ("xa-2025", "so-nganh-2025", "huyen-2020")
DTI_2025 = ("xa-dti-2025", "so-nganh-dti-2025")
ALL = (*LEVEL_FRAMEWORKS, *DTI_2025, "dti-tinh-2022", "xa-un-egdi-2022", "xa-un-egdi-2024")
FOLDER = resource_path("frameworks")


def raw(fid: str) -> dict:
    """The framework file as plain JSON data (YAML dates become ISO text, as in JSON)."""
    data = yaml.safe_load((FOLDER / f"{fid}.yaml").read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str))


@pytest.fixture(scope="module")
def schema_validator():
    schema = json.loads(resource_path("schemas", "framework.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("fid", ALL)
def test_loads_with_its_file_name_as_id(fid):
    fw = load_framework_file(FOLDER / f"{fid}.yaml")
    assert fw.id == fid
    assert fw.title.vi and fw.title.en
    assert fw.description.vi and fw.description.en and fw.source.vi and fw.source.en
    assert fw.bands and all(b.label.vi and b.label.en and b.narrative.vi and b.narrative.en for b in fw.bands)


@pytest.mark.parametrize("fid", ALL)
def test_every_indicator_is_bilingual_with_help_and_basis(fid):
    fw = registry.get(fid)
    for ind in fw.indicators.values():
        for name in ("label", "help", "basis"):
            t = getattr(ind, name)
            assert t.vi and t.en, f"{fid}: {ind.id}.{name} must have vi and en"
        for c in ind.choices:
            assert c.label.vi and c.label.en, f"{fid}: {ind.id} choice {c.id}"
        for c in ind.constraints:
            assert c.message.vi and c.message.en, f"{fid}: {ind.id} constraint message"


@pytest.mark.parametrize("fid", LEVEL_FRAMEWORKS)
def test_level_frameworks_are_complete_sets(fid):
    fw = registry.get(fid)
    assert len(fw.indicators) >= 30
    assert [p.id for p in fw.pillars] == ["ha_tang", "ung_dung", "dich_vu_cong", "nhan_luc", "an_toan", "ke_hoach"]
    assert fw.total_method == "points" and fw.total_scale == 1000
    assert fw.max_total_points == 1000
    for p in fw.pillars:  # each pillar's scale is exactly what its indicators can earn
        assert p.max_points == sum(i.max_points for i in p.indicators), p.id
    types = {i.type for i in fw.indicators.values()}
    assert types == set(INDICATOR_TYPES), f"{fid} misses types {set(INDICATOR_TYPES) - types}"
    rules = {i.scoring.kind for i in fw.indicators.values() if i.scoring}
    assert rules == set(RULE_KINDS)
    on_zero = {i.scoring.on_zero for i in fw.indicators.values() if i.scoring and i.scoring.kind == "ratio"}
    assert {"na", "zero"} <= on_zero  # ("full" rewarded reporting no incident: none of the sets uses it now)
    assert {i.na_counts for i in fw.indicators.values() if i.allow_na} == {"exclude", "zero"}
    assert any(i.relevant is not None for i in fw.indicators.values())
    levels = {c.level for i in fw.indicators.values() for c in i.constraints}
    assert levels == {"error", "warning"}


@pytest.mark.parametrize("fid", LEVEL_FRAMEWORKS)
def test_named_rules_of_the_brief(fid):
    fw = registry.get(fid)
    cps = fw.indicator("computers_per_staff")
    assert cps.type == "calculated" and cps.calculation.source == "${computers} / ${staff}"
    assert any(c.level == "warning" and c.expression.source == ". <= 3" for c in cps.constraints)
    lan = fw.indicator("pcs_lan")
    assert any(c.level == "error" and c.expression.source == ". <= ${computers}" for c in lan.constraints)
    steps = fw.indicator("steering_meetings").scoring
    assert [(s.min, s.points) for s in steps.steps] == [(4, 20), (3, 15), (2, 10), (1, 5)]
    head = fw.indicator("steering_head")
    points = sorted(c.points for c in head.choices)
    assert points == [0, head.scoring.max_points / 2, head.scoring.max_points]  # half credit


@pytest.mark.parametrize("fid", LEVEL_FRAMEWORKS)
def test_targets_carry_their_source(fid):
    fw = registry.get(fid)
    targets = [t for i in fw.indicators.values() for t in i.targets]
    assert len(targets) >= 5
    for t in targets:
        assert t.source.vi and t.source.en and t.year


def test_plan_targets_follow_the_level():
    """Work files online 95 / 85 / 75 %; computers per staff 100 % above commune, 80 % at commune."""
    def first(fid, iid):
        return registry.get(fid).indicator(iid).target.value
    assert first("so-nganh-2025", "work_files_online") == 95
    assert first("huyen-2020", "work_files_online") == 85
    assert first("xa-2025", "work_files_online") == 75
    assert first("xa-2025", "computers_per_staff") == 0.8
    # Điện Biên's 2020 level reached is not a plan target; Bến Tre's 2021–2025 target lies outside
    # huyen-2020's period (2020 – 14/8/2022): neither set carries a target for it (issue 12)
    assert not registry.get("so-nganh-2025").indicator("computers_per_staff").targets
    assert not registry.get("huyen-2020").indicator("computers_per_staff").targets
    assert first("so-nganh-dti-2025", "computers_share") == 100
    assert first("xa-dti-2025", "computers_share") == 80
    assert "Lâm Đồng" in registry.get("xa-2025").indicator("work_files_online").target.source.vi


def _all_text(fid: str) -> str:
    return (FOLDER / f"{fid}.yaml").read_text(encoding="utf-8").lower()


@pytest.mark.parametrize("fid", ALL)
def test_vocabulary_matches_the_period(fid):
    fw = registry.get(fid)
    text = _all_text(fid)
    # Decree 42/2022/NĐ-CP took effect on 15/8/2022 and replaced Decree 43/2011/NĐ-CP
    # (sotuphap.haugiang.gov.vn, lawnet.vn; docs/frameworks.md)
    if fw.service_levels == "decree43":
        assert fw.period_to is not None and fw.period_to < "2022-08-15"
        assert "mức độ 3" in text and "mức độ 4" in text
        assert "toàn trình" not in text and "42/2022" not in text
    elif fw.service_levels == "decree42":
        assert fw.period_from >= "2022-08-15"
        assert "toàn trình" in text and "một phần" in text
        assert "mức độ 3" not in text and "mức độ 4" not in text and "43/2011" not in text
    else:  # no online public service levels asked
        assert fid in ("dti-tinh-2022", "xa-un-egdi-2022", "xa-un-egdi-2024")


def test_district_framework_is_for_the_period_before_two_tier_government():
    fw = registry.get("huyen-2020")
    assert fw.levels == ("district",) and fw.service_levels == "decree43"
    assert fw.period_from == "2020-01-01" and fw.period_to == "2022-08-14"  # the day before Decree 42/2022 took effect
    assert registry.get("xa-2025").levels == ("commune",) and registry.get("xa-2025").period_from == "2025-07-01"


def test_dti_framework_reproduces_the_decision_922_weights():
    fw = registry.get("dti-tinh-2022")
    assert [p.max_points for p in fw.pillars] == [100, 100, 100, 100, 100, 200, 150, 150]
    assert fw.max_total_points == 1000 and fw.total_scale == 1000
    for p in fw.pillars:
        (ind,) = p.indicators
        assert ind.type == "number" and ind.min == 0 and ind.max == 1
        assert ind.scoring.kind == "linear" and ind.scoring.target == 1 and ind.max_points == p.max_points


def test_registry_lists_all_four():
    ids = {i.id for i in registry.list() if i.builtin}
    assert set(ALL) <= ids


@pytest.mark.parametrize("fid", ALL)
def test_matches_the_json_schema(fid, schema_validator):
    errors = list(schema_validator.iter_errors(raw(fid)))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def _broken_documents():
    base = raw("xa-2025")

    def edit(fn):
        d = copy.deepcopy(base)
        fn(d)
        return d

    def ind(d, iid):
        return next(i for p in d["pillars"] for i in p["indicators"] if i["id"] == iid)

    return {
        "bad type": edit(lambda d: ind(d, "staff").__setitem__("type", "float")),
        "unknown rule": edit(lambda d: ind(d, "qlvb").__setitem__("scoring", {"rule": "bonus", "max_points": 5})),
        "no max_points": edit(lambda d: ind(d, "qlvb")["scoring"].pop("max_points")),
        "bad on_zero": edit(lambda d: ind(d, "pcs_lan")["scoring"].__setitem__("on_zero", "ignore")),
        "no title": edit(lambda d: d.pop("title")),
        "bad framework id": edit(lambda d: d.__setitem__("id", "Xã 2025")),
        "calculated without calculation": edit(lambda d: ind(d, "computers_per_staff").pop("calculation")),
        "bad constraint level": edit(lambda d: ind(d, "pcs_lan")["constraints"][0].__setitem__("level", "fatal")),
        "no pillars": edit(lambda d: d.__setitem__("pillars", [])),
        "bad na_counts": edit(lambda d: ind(d, "video_conf").__setitem__("na_counts", "half")),
    }


@pytest.mark.parametrize("name", sorted(_broken_documents()))
def test_broken_documents_are_refused_by_schema_and_builder(name, schema_validator):
    doc = _broken_documents()[name]
    assert list(schema_validator.iter_errors(doc)), f"schema accepted: {name}"
    with pytest.raises(FrameworkError) as e:
        build_framework(doc, "broken.yaml")
    assert all(p.source == "broken.yaml" for p in e.value.problems)


def test_loads_from_the_built_package(tmp_path):
    """The frameworks ship as package data: build the packages as a wheel would hold them
    (setuptools build_py on a copy of the sources, so the shared tree is not touched) and
    load the built-in frameworks from there, away from the source checkout."""
    root = Path(__file__).resolve().parents[2]
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("scoring", "egov_desktop", "ui"):
        shutil.copytree(root / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, src / name)
    lib = tmp_path / "lib"
    r = subprocess.run([sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py",
                        "--build-lib", str(lib)], cwd=src, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    for fid in ALL:
        assert (lib / "egov_desktop" / "resources" / "frameworks" / f"{fid}.yaml").is_file()
    assert (lib / "egov_desktop" / "resources" / "schemas" / "framework.schema.json").is_file()
    code = (f"import sys; sys.path.insert(0, {str(lib)!r}); import egov_desktop; "
            "from egov_desktop.frameworks import registry; "
            "print(egov_desktop.__file__); print(','.join(sorted(i.id for i in registry.list() if i.builtin)))")
    out = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={"EGOV_DESKTOP_DATA_DIR": str(tmp_path / "data")})
    assert out.returncode == 0, out.stderr
    where, ids = out.stdout.strip().splitlines()
    assert where.startswith(str(lib))
    assert set(ids.split(",")) >= set(ALL)


def test_a_separate_registry_folder_sees_only_what_it_holds(tmp_path):
    (tmp_path / "xa-2025.yaml").write_text((FOLDER / "xa-2025.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    reg = FrameworkRegistry([(tmp_path, False)])
    assert [i.id for i in reg.list()] == ["xa-2025"]
    assert reg.get("xa-2025").content_hash == registry.get("xa-2025").content_hash
