"""The built-in framework xa-un-egdi-2022 (OSI from LOSI 2022, TII, HCI on the UN method).

The LOSI part scores as the UN scores LOSI: the share of indicators found on the portal. The
relative part builds OSI, TII and HCI as the UN builds EGDI (cap 120, z-score, min–max, equal
weights, competition ranks on 4 decimals). The UN does not publish the raw TII/HCI inputs of
every country in any copy that could be found, so the method is checked against a hand
computation on a small group (docs/frameworks.md says so).
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egov_desktop.cli import main
from egov_desktop.frameworks import registry
from scoring import relative_scores, score

FID = "xa-un-egdi-2022"
FILE = Path(__file__).resolve().parents[2] / "egov_desktop" / "resources" / "frameworks" / f"{FID}.yaml"


@pytest.fixture(scope="module")
def fw():
    return registry.get(FID)


def losi_items(fw):
    """The LOSI checks of a set, in order (every yes/no item of its `losi_…` pillars)."""
    return [i.id for p in fw.pillars if p.id.startswith("losi_") for i in p.indicators if i.type == "yes_no"]


def commune(fw, yes: int, *, pop=10000, net=70.0, mob=9000, mbb=7000, fbb=2000,
            lit=96.0, ger=80.0, eys=12.5, mys=9.0) -> dict:
    a = {iid: ("yes" if n < yes else "no") for n, iid in enumerate(losi_items(fw))}
    a.update(population=pop, internet_users_pct=net, mobile_subs=mob, mobile_bb_subs=mbb, fixed_bb_subs=fbb,
             tii_source="Sở KH&CN", tii_as_of="2024-12-31", adult_literacy=lit, gross_enrolment=ger,
             expected_schooling=eys, mean_schooling=mys, hci_source="Hồ sơ phổ cập", hci_as_of="2024-12-31")
    return a


# ---------------------------------------------------------------- the set itself

def test_the_set_loads_and_passes_frameworks_check(fw, capsys):
    assert main(["frameworks", "check", str(FILE)]) == 0
    assert FID in capsys.readouterr().out
    assert [p.id for p in fw.pillars] == ["losi_tham_gia", "tii", "hci"]
    assert fw.levels == ("commune",)
    assert [c.id for c in fw.relative.components] == ["osi", "tii", "hci"]
    assert [c.weight for c in fw.relative.components] == [1, 1, 1]        # EGDI: equal weights
    assert fw.relative.decimals == 4


def test_the_losi_items_are_the_17_participation_indicators_each_with_help_and_source(fw):
    items = losi_items(fw)
    assert len(items) == 17                          # LOSI 2022: participation and engagement, 17
    for iid in items:
        ind = fw.indicators[iid]
        assert ind.help.vi and ind.help.en, iid      # how to verify it on the portal
        assert ind.basis.vi.startswith("LOSI 2022") and ind.basis.en.startswith("LOSI 2022"), iid
        assert ind.scoring.max_points == 1           # value 1 if found, 0 if not
    assert {b.min for b in fw.bands} == {0, 0.25, 0.5, 0.75}   # the UN's low/middle/high/very high


def test_tii_caps_at_120_and_weights(fw):
    tii = {c.id: c for c in fw.relative.components}["tii"]
    assert [i.indicator for i in tii.inputs] == ["internet_users_pct", "mobile_per100", "mobile_bb_per100",
                                                 "fixed_bb_per100"]
    assert all(i.cap == 120 and i.weight == 1 for i in tii.inputs) and tii.zscore
    hci = {c.id: c for c in fw.relative.components}["hci"]
    assert [i.weight for i in hci.inputs] == [3, 2, 2, 2] and hci.zscore


# ---------------------------------------------------------------- LOSI: the agency's own (absolute) number

@settings(max_examples=40, deadline=None)
@given(st.lists(st.booleans(), min_size=17, max_size=17))
def test_losi_scores_the_share_of_indicators_present(yes_flags):
    fw = registry.get(FID)
    answers = commune(fw, 0)
    answers.update({iid: "yes" if y else "no" for iid, y in zip(losi_items(fw), yes_flags)})
    result = score(fw, answers)
    share = sum(yes_flags) / 17
    assert result.pillar("losi_tham_gia").index == pytest.approx(share)   # per criterion
    assert result.total == pytest.approx(share)                           # and in total
    assert result.indicators["losi_share"].value == pytest.approx(share)  # the OSI input


def test_an_indicator_not_found_counts_zero_in_the_share(fw):
    answers = commune(fw, 17)
    del answers["pe_e_voting"]
    assert score(fw, answers).indicators["losi_share"].value == pytest.approx(16 / 17)


def test_the_band_follows_the_un_thresholds(fw):
    labels = {yes: score(fw, commune(fw, yes)).band.label.en for yes in (4, 5, 9, 13)}
    assert labels == {4: "Low", 5: "Middle", 9: "High", 13: "Very high"}   # 0.235, 0.294, 0.529, 0.765


# ---------------------------------------------------------------- relative: by hand on three communes

def three(fw, yes=(12, 6, 3)):
    """A caps its 130 mobile subscriptions per 100 at 120; B is in between; C is last."""
    return {
        "A": commune(fw, yes[0], pop=10000, net=80, mob=13000, mbb=9000, fbb=3000, lit=99, ger=85, eys=13, mys=10),
        "B": commune(fw, yes[1], pop=5000, net=60, mob=5500, mbb=3500, fbb=1000, lit=96, ger=75, eys=12, mys=8),
        "C": commune(fw, yes[2], pop=8000, net=50, mob=8000, mbb=4000, fbb=800, lit=92, ger=80, eys=11.5, mys=7),
    }


def test_tii_hci_osi_and_composite_match_a_hand_computation(fw):
    # Per 100 inhabitants (mobile capped at 120): Internet 80/60/50, mobile 120/110/100,
    # mobile broadband 90/70/50, fixed broadband 30/20/10.
    # z-scores (population sd): Internet (16.67, −3.33, −13.33)/12.472 = 1.3363, −0.2673, −1.0690;
    # the other three are ±10, ±20, ±10 around their means: 1.2247, 0, −1.2247.
    # Mean of the four: A 1.25264, B −0.06682, C −1.18578 → min–max: 1, 0.45890, 0.
    # HCI (weights 3/9, 2/9, 2/9, 2/9 of the z-scores), min–max: 1, 0.25484, 0.
    # OSI = min–max of the LOSI shares 12/17, 6/17, 3/17: 1, 1/3, 0.
    # Composite B = (1/3 + 0.45890 + 0.25484) / 3 = 0.34903.
    r = relative_scores(fw, three(fw))
    assert r["B"].components["tii"] == pytest.approx(0.4588989907, abs=1e-9)
    assert r["B"].components["hci"] == pytest.approx(0.2548434480, abs=1e-9)
    assert r["B"].components["osi"] == pytest.approx(1 / 3, abs=1e-12)
    assert r["B"].composite == pytest.approx(0.3490252574, abs=1e-9)
    assert [r[k].rank for k in "ABC"] == [1, 2, 3]
    for k, want in (("A", 1.0), ("C", 0.0)):
        assert all(v == pytest.approx(want) for v in r[k].components.values())


def test_the_cap_of_120_is_applied(fw):
    group = three(fw)
    capped = relative_scores(fw, group)["B"].components["tii"]
    group["A"]["mobile_subs"] = 12000                       # exactly 120 per 100: the same after the cap
    assert relative_scores(fw, group)["B"].components["tii"] == pytest.approx(capped, abs=1e-12)
    # without the cap (130 kept) B would score 0.41742
    assert abs(capped - 0.4174243050) > 0.04


def test_ranks_are_competition_ranks_on_4_decimals(fw):
    group = three(fw)
    group["B2"] = dict(group["B"], internet_users_pct=60.00001)   # differs far beyond the 4th decimal
    r = relative_scores(fw, group)
    assert r["B"].composite != r["B2"].composite
    assert round(r["B"].composite, 4) == round(r["B2"].composite, 4)
    assert (r["A"].rank, r["B"].rank, r["B2"].rank, r["C"].rank) == (1, 2, 2, 4)


def _synthetic(fw, n: int, seed: int) -> dict:
    rnd = random.Random(seed)
    group = {}
    for k in range(n):
        pop = rnd.randint(2000, 60000)
        group[f"x{k:03}"] = commune(
            fw, rnd.randint(0, len(losi_items(fw))), pop=pop, net=round(rnd.uniform(30, 95), 1),
            mob=round(pop * rnd.uniform(0.6, 1.4)), mbb=round(pop * rnd.uniform(0.3, 1.0)),
            fbb=round(pop * rnd.uniform(0.05, 0.4)), lit=round(rnd.uniform(85, 99.5), 1),
            ger=round(rnd.uniform(55, 95), 1), eys=round(rnd.uniform(10, 14), 1), mys=round(rnd.uniform(6, 11), 1))
    return group


def test_across_100_communes_the_best_component_is_1_and_the_worst_0(fw):
    r = relative_scores(fw, _synthetic(fw, 100, seed=15))
    for comp in ("osi", "tii", "hci"):
        values = [x.components[comp] for x in r.values()]
        assert max(values) == pytest.approx(1.0, abs=1e-12) and min(values) == pytest.approx(0.0, abs=1e-12)
    assert all(0 <= x.composite <= 1 for x in r.values())
    ranks = sorted(x.rank for x in r.values())
    assert ranks[0] == 1 and len(ranks) == 100


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=2, max_value=40), st.integers(min_value=0, max_value=10_000))
def test_in_any_group_each_component_spans_0_to_1(n, seed):
    fw = registry.get(FID)
    r = relative_scores(fw, _synthetic(fw, n, seed))
    for comp in ("osi", "tii", "hci"):
        values = [x.components[comp] for x in r.values()]
        if len(set(values)) > 1:
            assert max(values) == pytest.approx(1.0) and min(values) == pytest.approx(0.0)


def test_the_relative_index_changes_with_the_group_and_the_note_says_so(fw):
    group = three(fw)
    with_c = relative_scores(fw, group)["B"].composite
    del group["C"]
    without_c = relative_scores(fw, group)["B"].composite
    assert with_c != pytest.approx(without_c)          # same figures, another group, another index
    assert score(fw, three(fw)["B"]).total == pytest.approx(6 / 17)   # the commune's own number does not move
    assert "nhóm thay đổi" in fw.relative.note.vi and "group changes" in fw.relative.note.en
