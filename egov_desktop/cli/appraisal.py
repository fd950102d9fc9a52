"""`egov-desktop appraise ID INDICATOR (--points X | --value V) [--remark TEXT] --reviewer NAME`
and `egov-desktop appraisal ID`: the province's appraisal (thẩm định) of a received submission,
headless, on the store `--db URL` (or EGOV_DESKTOP_DB) names, as the other province commands."""
from __future__ import annotations

from scoring.numbers import format_number

from ..errors import UserError
from ..i18n import bilingual, language, pick, tr
from .exchange import _db, _store


def register(sub) -> None:
    p = sub.add_parser("appraise", help="thẩm định một chỉ tiêu của hồ sơ đã nhận / appraise one indicator")
    p.add_argument("id", type=int, metavar="ID", help="số hồ sơ / submission number")
    p.add_argument("indicator", metavar="INDICATOR", help="mã chỉ tiêu / indicator id")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--points", metavar="X", help="điểm thẩm định / appraised points")
    what.add_argument("--value", metavar="V", help="giá trị thẩm định (câu trả lời đúng) / appraised answer")
    what.add_argument("--clear", action="store_true", help="bỏ thẩm định của chỉ tiêu / withdraw the appraisal")
    p.add_argument("--remark", default="", help="nhận xét / remark")
    p.add_argument("--reviewer", required=True, metavar="NAME", help="người thẩm định / reviewer")
    _db(p)
    p.set_defaults(func=cmd_appraise)

    p = sub.add_parser("appraisal", help="điểm tự đánh giá, thẩm định và cuối cùng của hồ sơ / "
                                         "self, appraised and final scores of a submission")
    p.add_argument("id", type=int, metavar="ID", help="số hồ sơ / submission number")
    p.add_argument("--log", action="store_true", help="cả nhật ký thẩm định / the appraisal log too")
    _db(p)
    p.set_defaults(func=cmd_appraisal)


def cmd_appraise(args) -> int:
    from ..province import appraisal

    if args.points is None and args.value is None and not args.clear and not args.remark.strip():
        raise UserError(bilingual("Cần --points, --value, --remark hoặc --clear"))
    typed = appraisal.AppraisalInput(args.indicator, None if args.clear or args.points is None else appraisal.points_from_text(args.points, "--points"),
                                     None if args.clear else args.value, "" if args.clear else args.remark)
    store = _store(args)
    try:
        before = appraisal.sheet(store, args.id)
        try:
            after = appraisal.save(store, args.id, [typed], args.reviewer, before.version)
        except appraisal.AppraisalConflict:
            raise
        except UserError as e:
            raise UserError(bilingual("{msg} — chưa lưu gì", msg=e.message), e.path, e.where) from None
    finally:
        store.close()
    line = next((i for i in after.indicators if i.indicator_id == args.indicator), None)
    lang = language()
    if line is not None:
        print(tr("{id}: tự đánh giá {own}, thẩm định {appraised}, cuối cùng {final} / {max}", id=args.indicator,
                 own=_n(line.self_points, lang), appraised=_n(line.appraised_points, lang),
                 final=_n(line.final_points, lang), max=_n(line.max_points, lang)))
    print(tr("Tổng điểm: tự đánh giá {own}, cuối cùng {final}", own=_n(after.self_total_scaled, lang),
             final=_n(after.final_total_scaled, lang)))
    return 0


def _n(x, lang: str) -> str:
    return format_number(x, lang, 2, "—")


def cmd_appraisal(args) -> int:
    from ..province import appraisal

    store = _store(args)
    try:
        sheet = appraisal.sheet(store, args.id)
        entries = appraisal.log(store, args.id) if args.log else []
    finally:
        store.close()
    lang = language()
    print(tr("Hồ sơ {id}: {agency}, kỳ {period}, lần sửa đổi {rev}", id=sheet.submission_id,
             agency=sheet.agency_name, period=sheet.period, rev=sheet.revision))
    head = (tr("Chỉ tiêu"), tr("Tự đánh giá"), tr("Thẩm định"), tr("Cuối cùng"), tr("Tối đa"))
    print(f"{head[0]:<42} {head[1]:>12} {head[2]:>12} {head[3]:>12} {head[4]:>10}")
    for p in sheet.pillars:
        for line in (i for i in sheet.indicators if i.pillar_id == p.pillar_id):
            name = f"  {line.indicator_id} {pick(line.label, lang)}"[:42]
            print(f"{name:<42} {_n(line.self_points, lang):>12} {_n(line.appraised_points, lang):>12} "
                  f"{_n(line.final_points, lang):>12} {_n(line.max_points, lang):>10}")
            a = line.appraisal
            if a and a.carried_from:
                print("      " + tr("Thẩm định chuyển từ lần {rev} (cơ quan không sửa câu này): {who}, {at}",
                                    rev=a.carried_from, who=a.reviewer, at=a.at))
            if a and a.remark:
                print(f"      {tr('Nhận xét')}: {a.remark} ({a.reviewer}, {a.at})")
            if line.previous is not None and a is None:
                print("      " + tr("Lần trước (lần {rev}, cơ quan đã sửa): {what}", rev=sheet.previous_revision,
                                    what=appraisal.summary(line.previous, lambda x: _n(x, lang))))
        name = pick(p.title, lang)[:42]
        print(f"{name:<42} {_n(p.self_points, lang):>12} {_n(p.appraised_points, lang):>12} "
              f"{_n(p.final_points, lang):>12} {_n(p.max_points, lang):>10}")
    print(f"{tr('Tổng điểm'):<42} {_n(sheet.self_total_scaled, lang):>12} {_n(sheet.appraised_total_scaled, lang):>12} "
          f"{_n(sheet.final_total_scaled, lang):>12} {_n(sheet.scale, lang):>10}")
    if sheet.saved_by:
        print(tr("{n} chỉ tiêu đã thẩm định; lưu lần cuối bởi {who} lúc {at}", n=sheet.appraised,
                 who=sheet.saved_by, at=sheet.saved_at))
    for e in entries:
        what = (tr("bỏ thẩm định") if e.action == appraisal.CLEARED
                else tr("điểm {p}", p=_n(e.points, lang)) if e.points is not None
                else tr("giá trị {v}", v=e.value) if e.value is not None else tr("nhận xét"))
        if e.action == appraisal.CARRIED:
            what += " (" + tr("chuyển từ lần {rev}", rev=e.carried_from) + ")"
        print(f"  {e.at}  {e.reviewer:<24} {e.indicator_id:<16} {what}  {e.remark}")
    return 0
