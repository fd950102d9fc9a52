"""`egov-desktop score ASSESSMENT_FILE`: pillar scores, total, band and problems."""
from __future__ import annotations

import json
from pathlib import Path

from scoring import Framework, improvements, score, validate
from scoring.numbers import format_number

from ..errors import UserError
from ..exchange import assessment_file
from ..frameworks import library
from ..i18n import bilingual, language, pick, tr


def register(sub) -> None:
    p = sub.add_parser("score", help="chấm điểm một tệp đánh giá / score an assessment file")
    p.add_argument("assessment", metavar="ASSESSMENT_FILE")
    p.add_argument("--framework", metavar="ID_OR_FILE", help="bộ tiêu chí (mã hoặc tệp)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_score)


def resolve_framework(ref: str | None, framework_id: str, version: str | None) -> Framework:
    """The framework named by `ref` (a file, ID or ID@VERSION), else the assessment's own id and
    version (its newest installed version when that one is not here)."""
    if ref:
        return library.resolve(ref)
    try:
        return library.resolve(framework_id, version)
    except UserError:
        return library.resolve(framework_id)


def cmd_score(args) -> int:
    data = assessment_file.read(args.assessment)
    try:
        fw = resolve_framework(args.framework, data.framework_id, data.framework_version)
    except UserError as e:
        raise UserError(e.message, e.path or Path(args.assessment).name, e.where or "framework.id") from None
    if fw.id != data.framework_id:  # its answers mean nothing under another framework's indicators
        raise UserError(bilingual("Bản đánh giá được lập theo bộ tiêu chí «{id}», không phải «{other}»",
                                  id=data.framework_id, other=fw.id), Path(args.assessment).name, "framework.id")
    answers = data.engine_answers()
    result = score(fw, answers, period=data.period)
    problems = validate(fw, answers, data.evidence_counts())
    lang = language()
    if args.json:
        print(json.dumps({
            "framework": {"id": fw.id, "version": fw.version},
            "agency": data.agency.name,
            "period": data.period,
            "total": result.total,
            "total_scaled": result.total_scaled,
            "points": result.points,
            "max_points": result.max_points,
            "band": pick(result.band.label, lang) if result.band else None,
            "completeness": result.completeness,
            "pillars": [{"id": p.id, "title": pick(fw.pillar(p.id).title, lang), "index": p.index,
                         "points": p.points, "max_points": p.max_points} for p in result.pillars],
            "problems": [{"indicator": q.indicator_id, "level": q.level, "code": q.code,
                          "message": q.message.get(lang)} for q in problems],
            "improvements": [{"indicator": i.indicator_id, "gain": i.gain_scaled}
                             for i in improvements(fw, result=result, limit=5)],
        }, ensure_ascii=False, indent=1))
        return 1 if any(q.level == "error" for q in problems) else 0
    print(f"{data.agency.name} — {data.period} — {pick(fw.title, lang)} ({fw.id} {fw.version})")
    # numbers written as in the GUI and the reports, in the program's language (750,95 in Vietnamese)
    for p in result.pillars:
        idx = "—" if p.index is None else format_number(p.index, lang, 4)
        print(f"  {pick(fw.pillar(p.id).title, lang):<50} {idx:>7}  "
              f"{format_number(p.points, lang, 2):>8} / {format_number(p.max_points, lang)}")
    total = "—" if result.total is None else format_number(result.total, lang, 4)
    print(tr("Tổng: {total} ({points} / {max} điểm)", total=total, points=format_number(result.points, lang, 2),
             max=format_number(result.max_points, lang)))
    if result.band:
        print(tr("Xếp loại: {band}", band=pick(result.band.label, lang)))
    print(tr("Mức độ hoàn thành: {pct:.0f}%", pct=result.completeness * 100))
    if problems:
        print(tr("Vấn đề ({n}):", n=len(problems)))
        for q in problems:
            label = pick(fw.indicator(q.indicator_id).label, lang)
            level = tr("Lỗi") if q.level == "error" else tr("Cảnh báo")
            print(f"  [{level}] {q.indicator_id} ({label}): {q.message.get(lang)}")
    return 1 if any(q.level == "error" for q in problems) else 0
