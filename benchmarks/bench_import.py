"""Import N received report PDFs into a fresh province store, appraise part of them, then rank them.

Budget (design.md §4): 11,000 files imported in under 60 s on one core with memory under
300 MB (issue 13: the real reports under 30 s); ranking them under 1 s, with appraisals (thẩm
định) on every --appraise-every'th one (three indicators each, saved one submission at a time
as a reviewer saves them). The import's CPU time and the load average are printed beside its
wall time: the machine may be shared. The PDFs are generated in a temporary folder (not kept):
one reportlab page each, carrying a different finalised assessment of the sample framework.
With --reports, each file is instead the real report PDF of examples/xa-2025.egov.json (the
built-in 45-indicator commune framework, ~130 KB, made by services.reports as the
`report` command makes it) carrying a different finalised variant of that assessment.

    .venv/bin/python benchmarks/bench_import.py [--count 11000] [--reports]
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=11_000)
    ap.add_argument("--reports", action="store_true", help="real report PDFs of the xa-2025 example")
    ap.add_argument("--appraise-every", type=int, default=10, metavar="N",
                    help="appraise every N'th submission (0: none)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["EGOV_DESKTOP_DATA_DIR"] = str(Path(tmp) / "data")
        from egov_desktop.exchange import assessment_file, pdf_attachment
        from egov_desktop.province import importer, ranking
        from egov_desktop.province.store import open_store
        from tests.core.exchange_samples import assessment, install_framework, plain_pdf

        install_framework()
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        t0 = time.perf_counter()
        if args.reports:
            framework_id = "xa-2025"
            for i, (data, pdf) in enumerate(real_reports(args.count)):
                (inbox / f"{i:05d}.pdf").write_bytes(pdf)
        else:
            framework_id = "xa-thu"
            page = plain_pdf("Bao cao tu danh gia")
            for i in range(args.count):
                data = assessment(f"{i:05d}", f"Xã số {i}", parent=f"{i % 34:02d}", computers=i % 21,
                                  dvc=(i * 7) % 101, lan="yes" if i % 3 else "no", portal="yes" if i % 5 else "no")
                (inbox / f"{i:05d}.pdf").write_bytes(pdf_attachment.embed(page, assessment_file.dumps(data)))
        made = time.perf_counter() - t0
        size_kb = sum(f.stat().st_size for f in inbox.iterdir()) / args.count / 1024
        store = open_store()
        load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        t0, cpu0 = time.perf_counter(), time.process_time()
        report = importer.import_files(store, [inbox])
        took, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        counts = report.counts()
        assert counts["imported"] == args.count, counts
        t0 = time.perf_counter()
        appraised = appraise(store, framework_id, report, args.appraise_every)
        appraise_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        r = ranking.rank(store, framework_id, "2025", include_pending=True)  # imported, not yet reviewed
        rank_s = time.perf_counter() - t0
        assert len(r.rows) == args.count
        final = {a.submission_id: a.value for a in r.rows}
        for sid, total in appraised.items():   # ranked on the final scores
            assert abs(final[sid] - total) < 1e-9, (sid, final[sid], total)
        t0 = time.perf_counter()
        if framework_id == "xa-thu":  # the built-in frameworks declare no relative method
            ranking.rank(store, framework_id, "2025", method="relative", include_pending=True)
        rel_s = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"generated {args.count} PDFs ({size_kb:.0f} KB each) in {made:.1f} s (not part of the budget)")
        print(f"import: {took:.1f} s ({took / args.count * 1000:.2f} ms per file; {cpu:.1f} s of CPU), "
              f"peak RSS {peak_mb:.0f} MB; load average {load_before:.1f} before, {load_after:.1f} after")
        if appraised:
            print(f"appraise {len(appraised)} submissions (3 indicators each): {appraise_s:.1f} s "
                  f"({appraise_s / len(appraised) * 1000:.1f} ms per save)")
        print(f"rank absolute: {rank_s:.3f} s; rank relative: {rel_s:.3f} s")
        store.close()


def appraise(store, framework_id: str, report, every: int) -> dict[int, float]:
    """Appraise every `every`'th imported submission as a reviewer would (points for two
    indicators, a remark on a third); {submission id: final total index}."""
    from egov_desktop.frameworks import registry
    from egov_desktop.province import appraisal

    if every <= 0:
        return {}
    fw = registry.get(framework_id, None)
    scored = [i for i in fw.indicators.values() if i.scoring is not None][:3]
    out = {}
    for n, item in enumerate(report.items):
        if n % every:
            continue
        sid = item.submission_id
        typed = [appraisal.AppraisalInput(scored[0].id, points=scored[0].scoring.max_points),
                 appraisal.AppraisalInput(scored[1].id, points=0.0, remark="Không có tài liệu kiểm chứng"),
                 appraisal.AppraisalInput(scored[2].id, remark="Đúng với biên bản")]
        sheet = appraisal.save(store, sid, typed, "Người thẩm định", 0)
        out[sid] = sheet.final_total
    return out


def real_reports(count: int):
    """(assessment, report PDF) pairs: the example's real report, re-attached with a variant of its
    assessment per agency (rendering 11,000 reports would take an hour; what the importer reads,
    the report's pages and objects plus the attachment, is the same)."""
    from scoring.record import replace

    from egov_desktop.domain import FINALISED, Agency, Answer
    from egov_desktop.exchange import assessment_file, pdf_attachment
    from egov_desktop.frameworks import registry
    from egov_desktop.services.reports import Report

    example = assessment_file.read(Path(__file__).resolve().parent.parent / "examples" / "xa-2025.egov.json")
    example = replace(example, status=FINALISED, finalised_at="2025-12-20T08:00:00+00:00")
    fw = registry.get(example.framework_id, example.framework_version)
    pdf = Report(example, fw).pdf()
    for i in range(count):
        data = replace(example, uid=f"bench-{i}", agency=Agency(f"Xã số {i}", "commune", f"{i:05d}",
                                                                 "Tỉnh thử", f"{i % 34:02d}"),
                       answers={**example.answers, "internet_mbps": Answer(10 + i % 190)})
        data = replace(data, content_hash=assessment_file.to_payload(data)["content_hash"])
        yield data, pdf_attachment.embed_assessment(pdf, data)


if __name__ == "__main__":
    main()
