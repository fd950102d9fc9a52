"""The pictures of docs/reports.md: the commune example's final report, the same as a draft, the
published ranking and the return note, each page rendered by pdftoppm at 60 dpi.

Run from the repository: `.venv/bin/python scripts/report_images.py` (needs poppler-utils).
"""
from __future__ import annotations

import dataclasses
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"


def pages(pdf: bytes, stem: str, first: int = 1, last: int | None = None) -> list[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        args = ["pdftoppm", "-png", "-r", "60", "-f", str(first)] + (["-l", str(last)] if last else [])
        subprocess.run(args + [str(src), str(Path(tmp) / "p")], check=True)
        made = []
        for i, png in enumerate(sorted(Path(tmp).glob("p*.png")), start=first):
            target = OUT / f"{stem}-{i}.png"
            target.write_bytes(png.read_bytes())
            made.append(target)
        return made


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from egov_desktop.domain import AgencyProfile
    from egov_desktop.exchange import assessment_file
    from egov_desktop.frameworks import registry
    from egov_desktop.reports.data import build_report_data
    from egov_desktop.reports.pdf import render_pdf

    data = assessment_file.read(ROOT / "examples" / "xa-2025.egov.json")
    fw = registry.get(data.framework_id, data.framework_version)
    profile = AgencyProfile(number="125", signer_name="Trần Văn Bình")   # the rest from the defaults
    final = dataclasses.replace(data, profile=profile, status="finalised", finalised_at="2025-12-15T16:30:00+07:00")
    final = dataclasses.replace(final, content_hash=assessment_file.to_payload(final)["content_hash"])
    draft = dataclasses.replace(final, status="draft", finalised_at="", content_hash="",
                                profile=dataclasses.replace(profile, number=""))
    made = pages(render_pdf(build_report_data(final, fw)), "report-final")
    made += pages(render_pdf(build_report_data(draft, fw, report_date="2025-12-15")), "report-draft", 1, 1)
    made += ranking_pages()
    for p in made:
        print(p.relative_to(ROOT))
    return 0


def ranking_pages() -> list[Path]:
    """Nine variants of the commune example imported into a fresh province store and ranked."""
    import os

    from egov_desktop.exchange import assessment_file
    from egov_desktop.province import importer, publish, ranking, review
    from egov_desktop.province.store import open_store

    from egov_desktop.frameworks import registry
    from scoring import score, validate

    data = assessment_file.read(ROOT / "examples" / "xa-2025.egov.json")
    fw = registry.get(data.framework_id, data.framework_version)
    base = score(fw, data.engine_answers()).total
    names = ["Phường Đồng Hới", "Phường Đồng Thuận", "Phường Đồng Sơn", "Xã Quảng Ninh", "Xã Lệ Ninh",
             "Xã Trường Ninh", "Phường Ba Đồn", "Xã Bố Trạch", "Xã Nam Gianh"]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["EGOV_DESKTOP_DATA_DIR"] = tmp
        files = []
        for i, name in enumerate(names):
            answers = dict(data.answers)
            for key, a in data.answers.items():   # lower one number that no cross-check ties to another
                if isinstance(a.value, (int, float)) and not a.na and a.value >= i:
                    trial = {**answers, key: dataclasses.replace(a, value=a.value - i)}
                    values = dataclasses.replace(data, answers=trial).engine_answers()
                    if (score(fw, values).total != base and
                            not [q for q in validate(fw, values) if q.level == "error"]):
                        answers = trial
                        break
            variant = dataclasses.replace(data, agency=dataclasses.replace(data.agency, name=name, code=f"1{i:04d}"),
                                          answers=answers, uid=f"{data.uid[:-2]}{i:02d}", status="finalised",
                                          finalised_at="2025-12-15T16:30:00+07:00", content_hash="")
            variant = dataclasses.replace(variant, content_hash=assessment_file.to_payload(variant)["content_hash"])
            path = Path(tmp) / f"{i}.egov.json"
            path.write_bytes(assessment_file.dumps(variant))
            files.append(path)
        store = open_store()
        try:
            result = importer.import_files(store, files)
            refused = [i.reason.vi for i in result.items if i.reason]
            assert not refused, refused
            for item in result.items:  # the province accepts them: only accepted ones are published
                review.accept(store, item.submission_id)
            r = ranking.rank(store, data.framework_id, data.period)
        finally:
            store.close()
    pdf = publish.ranking_pdf(r, authority="Sở Khoa học và Công nghệ tỉnh Quảng Trị", date_iso="2026-01-15")
    return pages(pdf, "ranking", 1, 1)


if __name__ == "__main__":
    sys.exit(main())
