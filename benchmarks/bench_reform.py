"""Ranking across the 2025 reform: every commune of the country before 1 July 2025 (10,035, period
2024) and after (3,321, period 2025) in a province store, ranked for 2025 with the rank change
through the mapping of old units into new ones; one new ward's trend through its predecessors.

Budget (design.md §4): ranking 11,000 submissions under 1 s (here 3,321 ranked, with the 10,035 of
the previous period ranked too and carried to their successors). The rows are written straight
into the store (no files): what is measured is province/ranking.py and province/reform.py.

    .venv/bin/python benchmarks/bench_reform.py
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["EGOV_DESKTOP_DATA_DIR"] = str(Path(tmp) / "data")
        from egov_desktop import units
        from egov_desktop.province import ranking
        from egov_desktop.province.models import SubmissionRow
        from egov_desktop.province.store import open_store
        from tests.core.exchange_samples import FRAMEWORK, install_framework

        install_framework()
        store = open_store()
        rows = []
        for period, listed in (("2024", units.communes(old=True)), ("2025", units.communes())):
            for i, u in enumerate(listed):
                total = ((i * 7919) % 1000) / 1000
                rows.append(dict(slot=f"xa-thu|{period}|{u.code}", content_hash=f"{period}{u.code}",
                                 framework_id="xa-thu", framework_version=FRAMEWORK["version"], period=period,
                                 agency_code=u.code, agency_name=u.name, agency_level="commune",
                                 parent_code=u.parent_code, parent_name=u.parent_name, status="accepted",
                                 received_at="2026-01-01T00:00:00+00:00", total=total, total_scaled=total * 1000,
                                 pillars={"ha_tang": total, "dich_vu": total}, indicators={}, payload="{}"))
        with store.write() as s:
            s.execute(SubmissionRow.__table__.insert(), rows)
        units.successors("00001")   # the unit lists loaded once, as at the first ranking of a session
        t0 = time.perf_counter()
        plain = ranking.rank(store, "xa-thu", "2025", previous="")
        t_plain = time.perf_counter() - t0
        t0 = time.perf_counter()
        r = ranking.rank(store, "xa-thu", "2025")
        t_across = time.perf_counter() - t0
        # all but the 5 special zones made of island districts (districts are not in this store)
        assert len(r.rows) == len(plain.rows) == 3321 and sum(1 for a in r.rows if a.predecessors) == 3316
        t0 = time.perf_counter()
        t = ranking.trend(store, agency_code="00070", framework_id="xa-thu")
        t_trend = time.perf_counter() - t0
        assert [len(p.predecessors) for p in t] == [14, 0]
        print(f"rank 3,321 (2025) without a previous period: {t_plain:.3f} s")
        print(f"rank 3,321 (2025) with the change from 10,035 old communes (2024): {t_across:.3f} s (budget 1 s)")
        print(f"trend of Phường Hoàn Kiếm through its 14 predecessors: {t_trend * 1000:.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
