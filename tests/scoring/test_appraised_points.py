"""Points an appraisal (thẩm định) gives in place of the rule's: the engine sums them into the
pillars and the total like any other points. Checked over random answers and appraisals of
every built-in framework."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import score
from tests.scoring.test_monotonicity import FRAMEWORKS, assessments


@pytest.mark.parametrize("fw_id", sorted(FRAMEWORKS))
def test_appraised_points_replace_the_rule_s_and_are_summed_by_the_engine(fw_id):
    fw = FRAMEWORKS[fw_id]

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(assessments(fw), st.data())
    def check(answers, data):
        _check(fw, answers, data)

    check()


def _check(fw, answers, data):
    own = score(fw, answers)
    counted = [i for i, s in own.indicators.items() if s.status != "irrelevant" and fw.indicators[i].scoring]
    if not counted:
        return
    chosen = data.draw(st.lists(st.sampled_from(counted), unique=True, max_size=5))
    shares = data.draw(st.lists(st.floats(-0.5, 1.5), min_size=len(chosen), max_size=len(chosen)))
    appraised = {i: share * fw.indicators[i].scoring.max_points for i, share in zip(chosen, shares)}
    got = score(fw, answers, appraised=appraised)
    for i, pts in appraised.items():
        mx = fw.indicators[i].scoring.max_points
        assert got.indicators[i].points == pytest.approx(min(max(pts, 0.0), mx))
        assert got.indicators[i].max_points == mx
    for i, s in got.indicators.items():
        if i not in appraised:
            assert (s.points, s.max_points) == (own.indicators[i].points, own.indicators[i].max_points)
    # each pillar is still its indicators' points over their counted maximum
    for p in got.pillars:
        ins = [s for s in got.indicators.values() if s.pillar_id == p.id and s.points is not None]
        mx = sum(s.max_points for s in ins)
        assert p.index == (pytest.approx(sum(s.points for s in ins) / mx) if mx > 0 else None)
    # appraising every counted indicator at the points it already has changes nothing
    same = {i: own.indicators[i].points for i in counted if own.indicators[i].points is not None
            and own.indicators[i].max_points}
    assert score(fw, answers, appraised=same).total == pytest.approx(own.total)
