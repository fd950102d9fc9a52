"""Scoring budget (design.md §4): a 100-indicator assessment scored < 2 ms; 11,000 assessments
scored relatively and ranked < 1 s; a built-in framework loaded < 50 ms.

Run: .venv/bin/python benchmarks/bench_scoring.py
"""
from __future__ import annotations

import random
import statistics
import time

from egov_desktop.frameworks import load_framework_file
from egov_desktop.paths import resource_path
from scoring import build_framework, competition_ranks, relative_scores, score, validate


def framework_100():
    """100 indicators over 5 pillars, every rule kind, calculations and skip logic."""
    pillars = []
    n = 0
    for p in range(5):
        inds = [{"id": f"staff{p}", "label": "Cán bộ", "type": "integer", "min": 1}]
        for i in range(19):
            n += 1
            k = i % 5
            iid = f"i{p}_{i}"
            if k == 0:
                inds.append({"id": iid, "label": "Máy tính", "type": "integer", "min": 0,
                             "constraints": [{"rule": f". <= ${{staff{p}}} * 3", "level": "warning"}],
                             "scoring": {"rule": "ratio", "denominator": f"${{staff{p}}}", "max_points": 10}})
            elif k == 1:
                inds.append({"id": iid, "label": "Có/không", "type": "yes_no", "scoring": {"rule": "yes_no", "max_points": 5}})
            elif k == 2:
                inds.append({"id": iid, "label": "Tỷ lệ", "type": "percent", "relevant": f"${{i{p}_{i-1}}} = 'yes'",
                             "scoring": {"rule": "linear", "target": 90, "max_points": 10}})
            elif k == 3:
                inds.append({"id": iid, "label": "Số lần", "type": "integer", "min": 0, "scoring": {
                    "rule": "steps", "max_points": 20, "steps": [{"min": 4, "points": 20}, {"min": 2, "points": 10}]}})
            else:
                inds.append({"id": iid, "label": "Tính", "type": "calculated",
                             "calculation": f"${{i{p}_{i-4}}} / ${{staff{p}}}",
                             "scoring": {"rule": "ratio", "max_points": 10}})
        pillars.append({"id": f"p{p}", "title": f"Trụ cột {p}", "indicators": inds})
    return build_framework({"id": "bench", "version": "1", "title": "Bench", "pillars": pillars,
                            "relative": {"components": [
                                {"id": f"c{p}", "zscore": True, "inputs": [f"i{p}_0", f"i{p}_3"]} for p in range(5)]}})


def answers_for(rng: random.Random):
    a = {}
    for p in range(5):
        a[f"staff{p}"] = rng.randint(5, 60)
        for i in range(19):
            k = i % 5
            iid = f"i{p}_{i}"
            if k == 0:
                a[iid] = rng.randint(0, 60)
            elif k == 1:
                a[iid] = rng.choice(["yes", "no"])
            elif k == 2:
                a[iid] = rng.uniform(0, 100)
            elif k == 3:
                a[iid] = rng.randint(0, 5)
    return a


def timeit(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    fw = framework_100()
    rng = random.Random(1)
    a = answers_for(rng)
    assert len(fw.indicators) == 100
    t = timeit(lambda: score(fw, a), 2000)
    print(f"score, 100 indicators:      median {statistics.median(t)*1e3:.3f} ms, p99 {sorted(t)[int(len(t)*.99)]*1e3:.3f} ms  (budget 2 ms)")
    t = timeit(lambda: validate(fw, a), 2000)
    print(f"validate, 100 indicators:   median {statistics.median(t)*1e3:.3f} ms")

    group = {i: answers_for(rng) for i in range(11_000)}
    t0 = time.perf_counter()
    rel = relative_scores(fw, group)
    t1 = time.perf_counter()
    totals = {k: score(fw, v).total for k, v in group.items()}
    t2 = time.perf_counter()
    competition_ranks(totals)
    t3 = time.perf_counter()
    assert len(rel) == 11_000
    print(f"relative scores + ranks, 11,000: {(t1-t0):.3f} s  (budget 1 s)")
    print(f"absolute scores, 11,000:         {(t2-t1):.3f} s")
    print(f"competition ranks, 11,000:       {(t3-t2)*1e3:.1f} ms")

    for path in sorted(resource_path("frameworks").glob("*.yaml")):
        t = timeit(lambda: load_framework_file(path), 20)
        print(f"load {path.name:<22} median {statistics.median(t)*1e3:.1f} ms  (budget 50 ms)")


if __name__ == "__main__":
    main()
