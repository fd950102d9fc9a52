"""`egov-desktop review list|return|changes`: the province's review of received submissions,
headless (the same store as `import`: --db URL or EGOV_DESKTOP_DB)."""
from __future__ import annotations

from ..errors import UserError
from ..i18n import bilingual, language, pick, tr


def register(sub) -> None:
    from .exchange import _db

    p = sub.add_parser("review", help="duyệt hồ sơ đã nhận / review received submissions")
    rsub = p.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    lp = rsub.add_parser("list", help="liệt kê hồ sơ / list the submissions")
    lp.add_argument("--framework", default=None, metavar="ID")
    lp.add_argument("--period", default=None)
    _db(lp)
    lp.set_defaults(func=cmd_list)
    tp = rsub.add_parser("return", help="trả lại để sửa, lập phiếu trả lại (PDF) / return for correction with a "
                                        "return note (PDF)")
    tp.add_argument("id", type=int, metavar="SUBMISSION")
    tp.add_argument("--note", default="", help="nội dung cần sửa / what to correct")
    tp.add_argument("--remark", action="append", default=[], metavar="INDICATOR=TEXT",
                    help="nhận xét cho một câu hỏi (lặp lại được) / a remark on one indicator (repeatable)")
    tp.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    tp.add_argument("--reviewer", default="", help="người ký phiếu / who signs the note")
    tp.add_argument("--authority", default="", help="Sở trả lại / the returning Sở")
    _db(tp)
    tp.set_defaults(func=cmd_return)
    cp = rsub.add_parser("changes", help="thay đổi so với lần bị trả lại / changes since the revision returned")
    cp.add_argument("id", type=int, metavar="SUBMISSION")
    _db(cp)
    cp.set_defaults(func=cmd_changes)


def parse_remarks(items: list[str]) -> dict[str, str]:
    """["computers=Số máy không khớp", ...] → {"computers": "Số máy không khớp"}."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, text = item.partition("=")
        if not sep or not key.strip() or not text.strip():
            raise UserError(bilingual("Nhận xét phải có dạng MÃ_CÂU_HỎI=NỘI_DUNG: {item}", item=item), "--remark")
        out[key.strip()] = f"{out[key.strip()]}\n{text.strip()}" if key.strip() in out else text.strip()
    return out


def cmd_list(args) -> int:
    from ..labels import status_name
    from ..province import review
    from .exchange import _store

    store = _store(args)
    try:
        rows = review.submissions(store, args.framework, args.period)
    finally:
        store.close()
    for s in rows:
        print(f"{s.id:>6}  {s.agency_name[:40]:<40} {s.period:<8} {s.framework_id:<12} r{s.revision:<3} "
              f"{pick(status_name(s.status))}")
    return 0


def cmd_return(args) -> int:
    from ..province import review
    from .exchange import _store

    given = parse_remarks(args.remark)
    store = _store(args)
    try:
        # the review's own remarks (review.remarks_for), those given here in their place
        remarks = {**review.remarks_for(store, args.id), **given}
        returned, path = review.return_with_note(store, args.id, args.note, args.output, args.reviewer,
                                                 args.authority, language(), remarks=remarks)
    finally:
        store.close()
    print(tr("Đã trả lại {agency} (lần sửa đổi {rev}); phiếu trả lại: {path} ({n} nhận xét theo câu hỏi)",
             agency=returned.agency_name, rev=returned.revision, path=path, n=len(remarks)))
    return 0


def cmd_changes(args) -> int:
    from ..province.changes import appraisal_note, since_returned
    from ..reports.format import fmt_number
    from .exchange import _store

    store = _store(args)
    try:
        found = since_returned(store, args.id)
    finally:
        store.close()
    if found is None:
        print(tr("Hồ sơ số {id} không có lần sửa đổi nào trước đó bị trả lại.", id=args.id))
        return 0
    lang = language()
    print(tr("Lần sửa đổi {rev} so với lần {old} bị trả lại: {n} câu thay đổi; điểm {a} → {b}",
             rev=found.revision, old=found.returned_revision, n=len(found.changes),
             a=fmt_number(found.old_total, lang), b=fmt_number(found.new_total, lang)))
    if appraisal_note(found):
        print(appraisal_note(found))
    for c in found.changes:
        what = [w for w, on in ((tr("trả lời"), c.answer_changed), (tr("tài liệu"), c.evidence_changed),
                                (tr("ghi chú"), c.comment_changed)) if on]
        points = f"{fmt_number(c.old_points, lang)} → {fmt_number(c.new_points, lang)}"
        print(f"  {c.number} {pick(c.question)}: {c.old_answer.get(lang) or '—'} → {c.new_answer.get(lang) or '—'} "
              f"({tr('điểm')} {points}; {', '.join(what)})")
        if c.remark:
            print("      " + tr("Nhận xét (đã sửa): {remark}", remark=c.remark))
    for c in found.remarks_not_acted_on:
        print(f"  {c.number} {pick(c.question)}: " + tr("CHƯA SỬA theo nhận xét: {remark}", remark=c.remark))
    return 0
