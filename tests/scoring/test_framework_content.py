"""The content of the built-in sets (issue 12): the 2025 sets on the Decision 405/QĐ-BKHCN
structure, and the corrections to the older sets, each against the text it comes from
(docs/frameworks.md, «Bộ chỉ số 2025» and «Sửa nội dung»)."""
from __future__ import annotations

import pytest

from egov_desktop.frameworks import registry
from egov_desktop.paths import resource_path
from scoring import score

DTI_2025 = ("xa-dti-2025", "so-nganh-dti-2025")
OLD_STRUCTURE = ("xa-2025", "so-nganh-2025", "huyen-2020")
# The 8 main indices of the provincial DTI (Decision 405/QĐ-BKHCN; ngaynay.vn, vietnamnet.vn 22/10/2025)
MAIN_INDICES = ["Nhận thức số", "Thể chế số", "Hạ tầng số", "Nhân lực số", "An toàn thông tin mạng",
                "Hoạt động chính quyền số", "Hoạt động kinh tế số", "Hoạt động xã hội số"]


def _text(fid: str) -> str:
    return (resource_path("frameworks") / f"{fid}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("fid", DTI_2025)
def test_2025_sets_follow_the_eight_main_indices_of_decision_405(fid):
    fw = registry.get(fid)
    assert [p.title.vi for p in fw.pillars] == MAIN_INDICES
    assert fw.period_from == "2025-07-01" and fw.period_to is None and fw.service_levels == "decree42"
    assert "405/QĐ-BKHCN" in fw.source.vi and "5279/QĐ-UBND" in fw.source.vi
    for ind in fw.indicators.values():
        # every indicator names its group of Decision 405 and the text it comes from
        assert "405/QĐ-BKHCN" in ind.basis.vi and "405/QD-BKHCN" in ind.basis.en, ind.id
        assert ind.help.vi and ind.help.en, ind.id


def test_2025_sets_are_for_their_level():
    assert registry.get("xa-dti-2025").levels == ("commune",)
    assert registry.get("so-nganh-dti-2025").levels == ("department",)
    # Hà Nội's department set has the completion of the year's plan; its commune set has the
    # population figures of the digital society group
    assert "plan_done_share" in registry.get("so-nganh-dti-2025").indicators
    assert "adults_eid" in registry.get("xa-dti-2025").indicators


def test_a_department_without_schools_or_clinics_is_not_scored_on_cashless_payments():
    fw = registry.get("so-nganh-dti-2025")
    from scoring import NA
    result = score(fw, {"cashless_services": NA})
    assert result.indicators["cashless_services"].max_points == 0


@pytest.mark.parametrize("fid", OLD_STRUCTURE[:2])
def test_old_structure_sets_say_what_they_are(fid):
    fw = registry.get(fid)
    assert "trước Quyết định 405" in fw.title.vi
    # they are not DTI sets and do not follow Decision 922 (superseded by 405)
    assert "trên cơ sở Quyết định 922" not in fw.source.vi
    assert "405/QĐ-BKHCN" in fw.source.vi


@pytest.mark.parametrize("fid", OLD_STRUCTURE)
def test_transcriptions_are_corrected(fid):
    text = _text(fid)
    assert "Kết luận Ban Chỉ đạo" not in text            # a speech at a meeting, not a conclusion
    assert "(giai đoạn 2019–2025)" not in text           # Bến Tre: 2019–2020, with orientation to 2025
    assert "định hướng đến 2025" in text
    fw = registry.get(fid)
    # the plans count documents sent and received electronically, not digitally signed ones
    assert not fw.indicator("docs_signed_share").targets
    assert "Kế hoạch 1759" not in fw.indicator("pcs_lan").basis.vi
    assert "tỷ lệ" in fw.indicator("video_meetings").basis.vi


@pytest.mark.parametrize("fid", (*OLD_STRUCTURE, *DTI_2025))
def test_free_antivirus_earns_nothing(fid):
    """Directive 14/CT-TTg (2019): the four-layer model with central monitoring; free,
    unmanaged anti-malware does not meet it, a licensed per-machine one half-way."""
    fw = registry.get(fid)
    ind = fw.indicator("antivirus")
    pts = {c.id: c.points for c in ind.choices}
    assert pts["free"] == 0 and pts["none"] == 0
    assert pts["licensed"] <= pts["central"] / 2


@pytest.mark.parametrize("fid", (*OLD_STRUCTURE, *DTI_2025))
def test_no_target_is_a_level_reached_or_outside_the_period(fid):
    fw = registry.get(fid)
    for ind in fw.indicators.values():
        for t in ind.targets:
            assert t.year, ind.id
            assert "mức đạt" not in t.source.vi.lower(), ind.id      # a level reached is not a plan target
            if fw.period_to:
                assert t.year <= int(fw.period_to[:4]), ind.id     # a target after the set's period


def test_commune_work_files_keep_both_dated_targets():
    targets = registry.get("xa-2025").indicator("work_files_online").targets
    assert [(t.value, t.year) for t in targets] == [(75, 2022), (60, 2025)]


def test_dti_2022_top_five_are_in_the_leading_group():
    """DTI 2022 (dti.gov.vn, methodology.md §5.4): Huế 0.6975 and Cần Thơ 0.6924, both above 0.69."""
    fw = registry.get("dti-tinh-2022")
    assert fw.version == "2022.2"
    values = {  # Thừa Thiên-Huế, TP. Cần Thơ main-index values
        "hue": (0.95, 0.90, 0.6823, 0.6794, 0.6423, 0.8262, 0.6787, 0.3001),
        "can_tho": (0.90, 0.80, 0.7233, 0.7376, 0.7226, 0.7325, 0.7556, 0.2947),
    }
    ids = [p.indicators[0].id for p in fw.pillars]
    for name, vals in values.items():
        result = score(fw, dict(zip(ids, vals)))
        assert result.total > 0.69, name
        assert result.band.label.vi == "Nhóm dẫn đầu", name
    assert registry.get("dti-tinh-2022", "2022.1").bands[-1].min == 0.7  # the earlier version is kept unchanged


# -- issue 12, later session: components of the 2024 DTI (405 structure) named by Gia Lai Plan
# 18/KH-UBND of 19/01/2026 (nhansu.vn), personal data protection, the Law on Data, Decree 42's date

GIA_LAI = "18/KH-UBND ngày 19/01/2026 của UBND tỉnh Gia Lai"


@pytest.mark.parametrize("fid", DTI_2025)
def test_components_named_by_the_gia_lai_plan_are_in_their_groups(fid):
    fw = registry.get(fid)
    assert fw.version == "2025.2"
    groups = {p.id: {i.id for i in p.indicators} for p in fw.pillars}
    assert {"systems_cloud_share", "ai_service"} <= groups["ha_tang_so"]
    assert "dx_training" in groups["nhan_luc_so"]
    assert "security_plan_share" in groups["an_toan_thong_tin"]
    for iid in ("systems_cloud", "ai_service", "dx_training", "security_plan_systems", "antivirus", "soc_connected"):
        assert GIA_LAI in fw.indicator(iid).basis.vi, iid
        assert "18/KH-UBND of 19 Jan 2026" in fw.indicator(iid).basis.en, iid
    assert "18/KH-UBND" in fw.source.vi


def test_commune_set_has_the_community_and_household_components():
    fw = registry.get("xa-dti-2025")
    groups = {p.id: {i.id for i in p.indicators} for p in fw.pillars}
    # Gia Lai lists households on fibre in the digital infrastructure group
    assert "households_fibre" in groups["ha_tang_so"] and "households_fibre" not in groups["xa_hoi_so"]
    assert {"cdt_per_100", "digital_skills_share"} <= groups["nhan_luc_so"]
    assert "trên 5%" in fw.indicator("cdt_per_100").basis.vi
    for iid in ("cdt_members", "digital_skills_people", "households_fibre"):
        assert GIA_LAI in fw.indicator(iid).basis.vi, iid


def test_community_team_members_earn_full_points_from_five_per_hundred():
    fw = registry.get("xa-dti-2025")
    ind = fw.indicator("cdt_per_100")
    def pts(members):
        return score(fw, {"population": 10000, "cdt_members": members}).indicators["cdt_per_100"].points
    assert pts(500) == pytest.approx(ind.max_points)
    assert pts(800) == pytest.approx(ind.max_points)
    assert pts(250) == pytest.approx(ind.max_points / 2)


@pytest.mark.parametrize("fid", DTI_2025)
def test_an_agency_without_systems_is_not_scored_on_cloud_or_security_plans(fid):
    fw = registry.get(fid)
    result = score(fw, {"systems_total": 0, "systems_classified": 0, "systems_cloud": 0, "security_plan_systems": 0})
    for iid in ("systems_cloud_share", "security_plan_share", "systems_classified_share"):
        assert result.indicators[iid].max_points == 0, iid
    full = score(fw, {"systems_total": 2, "systems_classified": 2, "systems_cloud": 2, "security_plan_systems": 2})
    assert full.indicators["security_plan_share"].points == full.indicators["security_plan_share"].max_points > 0


@pytest.mark.parametrize("fid", DTI_2025)
def test_personal_data_protection_cites_decree_13_and_the_2025_law(fid):
    fw = registry.get(fid)
    for iid in ("personal_data_officer", "personal_data_dpia"):
        ind = fw.indicator(iid)
        assert ind in next(p for p in fw.pillars if p.id == "an_toan_thong_tin").indicators
        assert "13/2023/NĐ-CP" in ind.basis.vi and "91/2025/QH15" in ind.basis.vi, iid
        assert "01/01/2026" in ind.basis.vi, iid     # the Law takes over from the Decree on 1 Jan 2026
    assert "Điều 30 khoản 1 điểm b" in fw.indicator("personal_data_officer").basis.vi
    assert "3.000237" in fw.indicator("personal_data_dpia").basis.vi
    assert "60/2024/QH15" in fw.indicator("population_db").basis.vi


@pytest.mark.parametrize(("fid", "old", "count"), [("xa-dti-2025", "2025.1", 46), ("so-nganh-dti-2025", "2025.1", 44),
                                                   ("huyen-2020", "2020.2", 53)])
def test_earlier_versions_ship_unchanged(fid, old, count):
    before = registry.get(fid, old)
    assert before.version == old and len(before.indicators) == count
    assert before.content_hash != registry.get(fid).content_hash
    if fid == "huyen-2020":
        assert before.period_to == "2022-06-23"
    else:
        assert "personal_data_dpia" not in before.indicators


def test_district_set_ends_the_day_before_decree_42_took_effect():
    """Decree 42/2022/NĐ-CP of 24/6/2022 took effect on 15/8/2022 and replaced Decree 43/2011
    (sotuphap.haugiang.gov.vn, lawnet.vn, truyenhinhthanhhoa.vn quoting the Government portal)."""
    fw = registry.get("huyen-2020")
    assert fw.version == "2020.3" and fw.period_to == "2022-08-14"
    assert "14/8/2022" in fw.description.vi and "23/6/2022" not in _text("huyen-2020")


def test_the_built_in_table_in_the_guide_matches_the_sets():
    """docs/frameworks.md «Built-in frameworks»: the indicator count and the period of each set."""
    import re
    from pathlib import Path
    doc = (Path(__file__).resolve().parents[2] / "docs" / "frameworks.md").read_text(encoding="utf-8")
    rows = {fid: (period, int(count)) for fid, period, count
            in re.findall(r"^\| `([a-z0-9-]+)` \| [^|]+ \| ([^|]+) \| [^|]+ \| (\d+)[^|]* \|", doc, re.M)}
    assert set(rows) == {i.id for i in registry.list() if i.builtin}
    for fid, (period, count) in rows.items():
        fw = registry.get(fid)
        assert count == len(fw.indicators), fid
        assert fw.period_from[:4] in period, fid
        if fw.period_to:
            assert fw.period_to[:4] in period, fid
    assert "2022-08-14" in rows["huyen-2020"][0]
