"""The built-in framework xa-un-egdi-2024: OSI from all 95 LOSI 2024 indicators, TII, HCI.

The 95 indicators, their six criteria and their codes come from UN DESA's LOSI 2024 indicator
guidance (modules 2.1–2.6) as docs/frameworks.md cites it. The LOSI part scores as the UN scores
LOSI: 1 if found, 0 if not, the share of indicators met per criterion and in total. TII and HCI
are built as in xa-un-egdi-2022 (their hand computation is in test_xa_un_egdi.py); here the
same figures give the same components, and OSI comes from the 95-item share.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egov_desktop.cli import main
from egov_desktop.frameworks import registry
from scoring import relative_scores, score
from tests.core.test_xa_un_egdi import _synthetic, commune, losi_items, three

FID = "xa-un-egdi-2024"
FILE = Path(__file__).resolve().parents[2] / "egov_desktop" / "resources" / "frameworks" / f"{FID}.yaml"
# criterion pillar, UN module, number of indicators (guidance modules 2.1–2.6: 6+30+22+15+10+12 = 95)
CRITERIA = (("losi_the_che", "2.1", 6), ("losi_noi_dung", "2.2", 30), ("losi_dich_vu", "2.3", 22),
            ("losi_tham_gia", "2.4", 15), ("losi_ky_nang", "2.5", 10), ("losi_cong_nghe", "2.6", 12))
# the items whose portal content Decree 42/2022 requires or names as a channel (docs/frameworks.md)
DECREE_42 = {"if_org_chart", "if_heads", "te_contact", "if_open_data_policy", "pe_open_data", "egl_social"}


@pytest.fixture(scope="module")
def fw():
    return registry.get(FID)


def items(fw, pillar=None):
    return losi_items(fw) if pillar is None else [i.id for i in fw.pillar(pillar).indicators if i.type == "yes_no"]


# ---------------------------------------------------------------- the set itself

def test_the_set_loads_and_passes_frameworks_check(fw, capsys):
    assert main(["frameworks", "check", str(FILE)]) == 0
    assert FID in capsys.readouterr().out
    assert [p.id for p in fw.pillars] == [c for c, _, _ in CRITERIA] + ["tii", "hci"]
    assert fw.levels == ("commune",) and fw.period_from == "2024-01-01"
    assert [c.id for c in fw.relative.components] == ["osi", "tii", "hci"]
    assert [c.weight for c in fw.relative.components] == [1, 1, 1]        # EGDI: equal weights


def test_the_95_losi_2024_indicators_in_six_criteria_each_with_code_help_and_source(fw):
    assert len(items(fw)) == 95
    codes = []
    for pillar, module, n in CRITERIA:
        ids = items(fw, pillar)
        assert len(ids) == n, pillar
        for iid in ids:
            ind = fw.indicators[iid]
            m = re.match(r"LOSI 2024, .*chỉ tiêu #(\d{3}[ab]?) \(Hướng dẫn chỉ tiêu LOSI của UN DESA, mô-đun (\d\.\d)\)",
                         ind.basis.vi)
            assert m and m.group(2) == module, iid
            assert f"indicator #{m.group(1)} (UN DESA LOSI indicator guidance, module {module})" in ind.basis.en
            assert ind.help.vi and ind.help.en and ind.scoring.max_points == 1, iid
            codes.append(m.group(1))
    # every code once, except #236: the guidance's extraction gives it to both open-data items
    assert {c for c in codes if codes.count(c) > 1} == {"236"} and len(set(codes)) == 94
    assert all(201 <= int(c[:3]) <= 299 for c in codes)


def test_the_vietnamese_rule_is_cited_where_it_applies(fw):
    cited = {iid for iid in items(fw) if "42/2022" in fw.indicators[iid].basis.vi}
    assert DECREE_42 <= cited
    for iid in cited:
        assert "Decree 42/2022/ND-CP" in fw.indicators[iid].basis.en
    assert "điểm e khoản 1 Điều 4" in fw.indicators["if_org_chart"].basis.vi   # structure and chart
    assert "điểm e khoản 1 Điều 4" in fw.indicators["te_contact"].basis.vi     # address, phone, e-mail


def test_tii_and_hci_are_built_as_in_the_2022_set(fw):
    old = registry.get("xa-un-egdi-2022")
    for a, b in zip(fw.relative.components[1:], old.relative.components[1:]):
        assert (a.id, a.zscore, a.normalise) == (b.id, b.zscore, b.normalise)
        assert [(i.indicator, i.weight, i.cap) for i in a.inputs] == [(i.indicator, i.weight, i.cap) for i in b.inputs]


# ---------------------------------------------------------------- LOSI shares per criterion and in total

@settings(max_examples=40, deadline=None)
@given(st.lists(st.booleans(), min_size=95, max_size=95))
def test_losi_scores_the_share_of_indicators_present_per_criterion_and_in_total(flags):
    fw = registry.get(FID)
    answers = commune(fw, 0)
    answers.update({iid: "yes" if y else "no" for iid, y in zip(items(fw), flags)})
    result = score(fw, answers)
    start = 0
    for pillar, _, n in CRITERIA:
        met = sum(flags[start:start + n])
        assert result.pillar(pillar).index == pytest.approx(met / n), pillar            # per criterion
        assert result.indicators["losi_n_" + pillar.removeprefix("losi_")].value == met  # its count
        start += n
    assert result.total == pytest.approx(sum(flags) / 95)                               # in total
    assert result.indicators["losi_share"].value == pytest.approx(sum(flags) / 95)      # the OSI input


def test_an_indicator_not_answered_counts_zero(fw):
    answers = commune(fw, 95)
    del answers["te_helpdesk"]
    r = score(fw, answers)
    assert r.indicators["losi_share"].value == pytest.approx(94 / 95)
    assert r.pillar("losi_cong_nghe").index == pytest.approx(11 / 12)


def test_the_band_follows_the_un_thresholds(fw):
    labels = {yes: score(fw, commune(fw, yes)).band.label.en for yes in (23, 24, 48, 72)}
    assert labels == {23: "Low", 24: "Middle", 48: "High", 72: "Very high"}   # 0.242, 0.253, 0.505, 0.758


# ---------------------------------------------------------------- relative

def test_osi_tii_hci_and_composite_match_the_hand_computation(fw):
    # OSI = min–max of 60/95, 40/95, 30/95: 1, 1/3, 0. TII and HCI as computed by hand in
    # test_xa_un_egdi.py (0.45890, 0.25484), so B's composite is the same 0.34903.
    r = relative_scores(fw, three(fw, yes=(60, 40, 30)))
    assert r["B"].components["osi"] == pytest.approx(1 / 3, abs=1e-12)
    assert r["B"].components["tii"] == pytest.approx(0.4588989907, abs=1e-9)
    assert r["B"].components["hci"] == pytest.approx(0.2548434480, abs=1e-9)
    assert r["B"].composite == pytest.approx(0.3490252574, abs=1e-9)
    assert [r[k].rank for k in "ABC"] == [1, 2, 3]


def test_across_100_communes_the_best_component_is_1_and_the_worst_0(fw):
    r = relative_scores(fw, _synthetic(fw, 100, seed=2024))
    for comp in ("osi", "tii", "hci"):
        values = [x.components[comp] for x in r.values()]
        assert max(values) == pytest.approx(1.0, abs=1e-12) and min(values) == pytest.approx(0.0, abs=1e-12)
    assert sorted(x.rank for x in r.values())[0] == 1


def test_the_names_the_2024_survey_prints_are_cited(fw):
    """Twelve indicators appear by name in the Survey 2024's Chapter 4 figures (docs/frameworks.md)."""
    named = {iid: fw.indicators[iid].basis for iid in items(fw)
             if "Khảo sát Chính phủ điện tử 2024, Hình 4." in fw.indicators[iid].basis.vi}
    assert set(named) == {"sp_tax_filing", "sp_e_procurement", "sp_police_report", "sp_marriage", "sp_vehicle",
                          "sp_environment_permit", "cp_waste", "cp_transport", "cp_smart_city", "cp_emerging_tech",
                          "if_open_data_policy", "pe_open_data"}
    assert 'Figure 4.15: "Open government data policy online"' in named["if_open_data_policy"].en
    assert all("E-Government Survey 2024, Figure 4.1" in b.en for b in named.values())
