"""Validation, absolute scoring, skip logic, not-applicable, targets and improvements."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import NA, FrameworkError, build_framework, improvements, score, validate

FRAMEWORK = {
    "id": "test-xa", "version": "1", "title": {"vi": "Bộ thử", "en": "Test set"},
    "total": {"method": "points", "scale": 100},
    "bands": [
        {"min": 0, "label": {"vi": "Yếu", "en": "Weak"}},
        {"min": 0.5, "label": {"vi": "Trung bình", "en": "Average"}},
        {"min": 0.8, "label": {"vi": "Tốt", "en": "Good"}},
    ],
    "pillars": [
        {"id": "ha_tang", "title": "Hạ tầng", "max_points": 60, "indicators": [
            {"id": "staff", "label": "Số cán bộ", "type": "integer", "min": 1, "max": 5000},
            {"id": "computers", "label": "Số máy tính", "type": "integer", "min": 0},
            {"id": "pc_per_staff", "label": "Máy tính / cán bộ", "type": "calculated",
             "calculation": "${computers} / ${staff}",
             "constraints": [{"rule": ". <= 3", "level": "warning",
                              "message": {"vi": "Nhiều hơn 3 máy/cán bộ: kiểm tra lại", "en": "More than 3 per person"}}],
             "scoring": {"rule": "ratio", "max_points": 20}, "targets": [{"value": 0.8, "source": "KH 1759"}]},
            {"id": "lan", "label": "Có mạng LAN", "type": "yes_no", "scoring": {"rule": "yes_no", "max_points": 10}},
            {"id": "pcs_lan", "label": "Máy kết nối LAN", "type": "integer", "min": 0,
             "relevant": "${lan} = 'yes'",
             "constraints": [{"rule": ". <= ${computers}",
                              "message": {"vi": "Không thể nhiều hơn số máy tính", "en": "Cannot exceed computers"}}],
             "scoring": {"rule": "ratio", "denominator": "${computers}", "max_points": 10, "on_zero": "na"}},
            {"id": "cdn", "label": "Mạng chuyên dùng", "type": "yes_no", "allow_na": True,
             "scoring": {"rule": "yes_no", "max_points": 20}},
        ]},
        {"id": "ung_dung", "title": "Ứng dụng", "max_points": 40, "indicators": [
            {"id": "meetings", "label": "Số cuộc họp BCĐ", "type": "integer", "min": 0,
             "scoring": {"rule": "steps", "max_points": 20, "steps": [
                 {"min": 4, "points": 20}, {"min": 3, "points": 15}, {"min": 2, "points": 10}, {"min": 1, "points": 5}]}},
            {"id": "online_pct", "label": "Hồ sơ xử lý trên mạng", "type": "percent",
             "scoring": {"rule": "linear", "target": 75, "max_points": 10},
             "targets": [{"value": 75, "source": "KH 1759/KH-UBND"}]},
            {"id": "chair", "label": "Chủ trì", "type": "choice", "scoring": {"rule": "choice", "max_points": 10},
             "choices": [{"id": "head", "label": "Chủ tịch", "points": 10},
                         {"id": "deputy", "label": "Phó chủ tịch", "points": 5},
                         {"id": "none", "label": "Không có", "points": 0}]},
            {"id": "note", "label": "Ghi chú", "type": "text", "required": False},
        ]},
    ],
}

FULL = {"staff": 25, "computers": 25, "lan": "yes", "pcs_lan": 25, "cdn": "yes",
        "meetings": 4, "online_pct": 80, "chair": "head"}


@pytest.fixture(scope="module")
def fw():
    return build_framework(FRAMEWORK, "test.yaml")


def test_full_marks(fw):
    r = score(fw, FULL)
    assert r.total == pytest.approx(1.0)
    assert r.total_scaled == pytest.approx(100.0)
    assert r.band.label.vi == "Tốt"
    assert r.completeness == 1.0 and r.unanswered == ()
    assert validate(fw, FULL) == []


def test_points_per_rule(fw):
    answers = dict(FULL, computers=20, pcs_lan=10, meetings=3, online_pct=60, chair="deputy")
    r = score(fw, answers)
    s = r.indicators
    assert s["pc_per_staff"].points == pytest.approx(20 * 20 / 25)
    assert s["pcs_lan"].points == pytest.approx(10 * 10 / 20)
    assert s["meetings"].points == 15
    assert s["online_pct"].points == pytest.approx(10 * 60 / 75)
    assert s["chair"].points == 5
    # pillar 1: (16 + 10 + 5 + 20) / 60; pillar 2: (15 + 8 + 5) / 40; total = Σ / 100
    assert r.pillar("ha_tang").index == pytest.approx(51 / 60)
    assert r.pillar("ung_dung").index == pytest.approx(28 / 40)
    assert r.total == pytest.approx(0.79)
    assert r.band.label.vi == "Trung bình"


def test_targets_and_gaps(fw):
    r = score(fw, dict(FULL, computers=15, online_pct=60))
    pc = r.indicators["pc_per_staff"]
    assert pc.value == pytest.approx(0.6) and pc.gap == pytest.approx(0.2) and pc.target_met is False
    assert r.indicators["online_pct"].gap == pytest.approx(15)
    assert score(fw, FULL).indicators["online_pct"].target_met is True


def test_unanswered_counts_zero_and_is_reported(fw):
    answers = {k: v for k, v in FULL.items() if k != "meetings"}
    r = score(fw, answers)
    assert r.indicators["meetings"].status == "unanswered" and r.indicators["meetings"].points == 0
    assert "meetings" in r.unanswered
    assert r.total == pytest.approx(0.8)
    problems = validate(fw, answers)
    assert [(p.indicator_id, p.code, p.level) for p in problems] == [("meetings", "required", "error")]


def test_skip_logic_excludes_and_drops_the_hidden_answer(fw):
    answers = dict(FULL, lan="no", pcs_lan=999)
    r = score(fw, answers)
    assert r.indicators["pcs_lan"].status == "irrelevant"
    # LAN "no" = 0 of 10; pcs_lan excluded: pillar 1 = (20 + 0 + 20) / 50
    assert r.pillar("ha_tang").index == pytest.approx(40 / 50)
    problems = validate(fw, answers)
    assert [(p.indicator_id, p.code, p.level) for p in problems] == [("pcs_lan", "irrelevant", "warning")]


def test_not_applicable_is_excluded_and_the_maximum_rescaled(fw):
    r = score(fw, dict(FULL, cdn=NA))
    assert r.indicators["cdn"].status == "na" and r.indicators["cdn"].max_points == 0
    assert r.pillar("ha_tang").index == pytest.approx(1.0)
    assert validate(fw, dict(FULL, cdn=NA)) == []
    problems = validate(fw, dict(FULL, lan=NA))
    assert ("lan", "not_applicable", "error") in [(p.indicator_id, p.code, p.level) for p in problems]


def test_ratio_with_zero_denominator_follows_its_rule(fw):
    r = score(fw, dict(FULL, computers=0, pcs_lan=0))
    assert r.indicators["pcs_lan"].status == "na"
    assert r.indicators["pc_per_staff"].points == 0


@pytest.mark.parametrize("answers,indicator,code,level", [
    ({"staff": "many"}, "staff", "type", "error"),
    ({"staff": 2.5}, "staff", "type", "error"),
    ({"staff": 0}, "staff", "range", "error"),
    ({"online_pct": 120}, "online_pct", "range", "error"),
    ({"lan": "maybe"}, "lan", "type", "error"),
    ({"chair": "king"}, "chair", "type", "error"),
    ({"pcs_lan": 30}, "pcs_lan", "constraint", "error"),
    ({"computers": 100}, "pc_per_staff", "constraint", "warning"),
])
def test_validation_problems(fw, answers, indicator, code, level):
    problems = validate(fw, dict(FULL, **answers))
    assert (indicator, code, level) in [(p.indicator_id, p.code, p.level) for p in problems]
    msg = next(p.message for p in problems if p.indicator_id == indicator)
    assert msg.vi and msg.en


def test_constraint_message_comes_from_the_framework(fw):
    problems = validate(fw, dict(FULL, pcs_lan=30))
    assert problems[0].message.vi == "Không thể nhiều hơn số máy tính"


def test_improvements_are_ordered_by_gain_and_exact(fw):
    answers = dict(FULL, meetings=1, online_pct=60, chair="deputy")
    r = score(fw, answers)
    imps = improvements(fw, answers)
    assert [i.indicator_id for i in imps] == ["meetings", "chair", "online_pct"]
    for imp in imps:
        better = dict(answers)
        better[imp.indicator_id] = {"meetings": 4, "chair": "head", "online_pct": 75}[imp.indicator_id]
        assert score(fw, better).total - r.total == pytest.approx(imp.gain)
    assert imps[0].gain_scaled == pytest.approx(imps[0].gain * 100)


def test_pillar_mean_total(fw):
    data = dict(FRAMEWORK, total={"method": "pillar_mean"})
    pm = build_framework(data)
    r = score(pm, dict(FULL, meetings=2))
    assert r.total == pytest.approx((1.0 + 30 / 40) / 2)


def test_framework_errors_name_file_indicator_and_field():
    bad = {
        "id": "bad", "version": "1", "title": "t", "pillars": [{"id": "p", "title": "P", "indicators": [
            {"id": "a", "label": "A", "type": "calculated", "calculation": "${b} + 1"},
            {"id": "b", "label": "B", "type": "calculated", "calculation": "${a} * 2"},
            {"id": "c", "label": "C", "type": "integer", "relevant": "${zz} = 1"},
            {"id": "d", "label": "D", "type": "yes_no", "constraints": [". + 1 > 2"]},
            {"id": "e", "label": "E", "type": "integer", "scoring": {"rule": "steps", "max_points": 5}},
            {"id": "c", "label": "dup", "type": "integer"},
        ]}]}
    with pytest.raises(FrameworkError) as e:
        build_framework(bad, "bad.yaml")
    text = e.value.describe("en")
    assert "bad.yaml: pillars[0] (p).indicators[0] (a), calculation: circular calculation: a → b → a" in text
    assert "(c), relevant: '${zz} = 1': Reference to unknown indicator ${zz}" in text
    assert "(d), constraints[0]" in text and "Type error" in text
    assert "(e), scoring.steps" in text
    assert "duplicate indicator id 'c'" in text
    assert "vòng tròn" in e.value.describe("vi")


def test_text_is_normalised_to_nfc():
    decomposed = "Ha\u0300 No\u0323\u0302i"  # "Hà Nội" typed with combining marks
    fw = build_framework({"id": "n", "version": "1", "title": decomposed, "pillars": [
        {"id": "p", "title": decomposed, "indicators": [{"id": "x", "label": decomposed, "type": "text"}]}]})
    assert fw.title.vi == "Hà Nội" and fw.indicator("x").label.vi == "Hà Nội"


def test_content_hash_is_stable_and_sensitive():
    a = build_framework(FRAMEWORK)
    b = build_framework(dict(FRAMEWORK))
    c = build_framework(dict(FRAMEWORK, version="2"))
    assert a.content_hash == b.content_hash != c.content_hash


@settings(max_examples=150, deadline=None)
@given(staff=st.integers(1, 500), computers=st.integers(0, 1500), meetings=st.integers(0, 10),
       pct=st.floats(0, 100), lan=st.sampled_from(["yes", "no"]), chair=st.sampled_from(["head", "deputy", "none"]))
def test_scores_stay_within_bounds_and_are_deterministic(fw, staff, computers, meetings, pct, lan, chair):
    answers = {"staff": staff, "computers": computers, "lan": lan, "pcs_lan": min(computers, 3),
               "cdn": "no", "meetings": meetings, "online_pct": pct, "chair": chair}
    r1, r2 = score(fw, answers), score(fw, answers)
    assert r1 == r2
    assert 0.0 <= r1.total <= 1.0
    for s in r1.indicators.values():
        if s.points is not None:
            assert 0.0 <= s.points <= s.max_points + 1e-9


def test_package_exports_stay_functions_after_submodules_are_imported():
    """Lazy exports: no exported name may be shadowed by a submodule of the same name."""
    import importlib
    import pkgutil

    import scoring

    for m in pkgutil.iter_modules(scoring.__path__):
        importlib.import_module(f"scoring.{m.name}")
    for name in scoring.__all__:
        assert not isinstance(getattr(scoring, name), type(scoring)), name


def test_the_target_for_the_assessments_period_is_used():
    """An indicator may carry several dated targets: the one of the period's year, else the one
    already due, else the next; without a period the first as listed (issue 12)."""
    from scoring import build_framework, score

    fw = build_framework({"id": "t", "version": "1", "title": "T", "pillars": [{"id": "p", "title": "P", "indicators": [
        {"id": "online", "label": "Hồ sơ công việc trên mạng (%)", "type": "percent",
         "scoring": {"rule": "ratio", "max_points": 10},
         "targets": [{"value": 75, "year": 2022}, {"value": 60, "year": 2025}, {"value": 90, "year": 2030}]},
    ]}]})
    ind = fw.indicators["online"]
    assert [ind.target_for(p).value for p in ("2021", "2022", "2024", "2025", "2026-H1", "2031", None)] == \
        [75, 75, 75, 60, 60, 90, 75]
    s = score(fw, {"online": 65}, period="2025").indicators["online"]
    assert (s.target, s.gap, s.target_met) == (60, 0.0, True)      # the 2025 target is met
    s = score(fw, {"online": 65}, period="2022").indicators["online"]
    assert (s.target, s.gap, s.target_met) == (75, 10.0, False)
