"""Import N received report PDFs into a fresh province store, then rank them.

Budget (design.md §4): 11,000 files imported in under 60 s on one core with memory under
300 MB; ranking them under 1 s. The PDFs are generated in a temporary folder (not kept):
one reportlab page each, carrying a different finalised assessment of the sample framework.

    .venv/bin/python benchmarks/bench_import.py [--count 11000]
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
        page = plain_pdf("Bao cao tu danh gia")
        for i in range(args.count):
            data = assessment(f"{i:05d}", f"Xã số {i}", parent=f"{i % 34:02d}", computers=i % 21,
                              dvc=(i * 7) % 101, lan="yes" if i % 3 else "no", portal="yes" if i % 5 else "no")
            (inbox / f"{i:05d}.pdf").write_bytes(pdf_attachment.embed(page, assessment_file.dumps(data)))
        made = time.perf_counter() - t0
        store = open_store()
        t0 = time.perf_counter()
        report = importer.import_files(store, [inbox])
        took = time.perf_counter() - t0
        counts = report.counts()
        assert counts["imported"] == args.count, counts
        t0 = time.perf_counter()
        r = ranking.rank(store, "xa-thu", "2025")
        rank_s = time.perf_counter() - t0
        assert len(r.rows) == args.count
        t0 = time.perf_counter()
        ranking.rank(store, "xa-thu", "2025", method="relative")
        rel_s = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"generated {args.count} PDFs in {made:.1f} s (not part of the budget)")
        print(f"import: {took:.1f} s ({took / args.count * 1000:.2f} ms per file), peak RSS {peak_mb:.0f} MB")
        print(f"rank absolute: {rank_s:.3f} s; rank relative: {rel_s:.3f} s")
        store.close()


if __name__ == "__main__":
    main()
