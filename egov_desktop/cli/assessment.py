"""`egov-desktop assessment list|new|show|export|import|delete|restore|purge|open-note|revise`: stored
assessments, headless."""
from __future__ import annotations

import json

from scoring.numbers import format_number
from scoring.record import asdict

from .. import untrusted
from ..domain import Agency, Respondent
from ..errors import UserError
from ..i18n import bilingual, language, pick, tr
from ..labels import status_name

# the services (SQLAlchemy) are imported inside the commands: building the parser stays light


def register(sub) -> None:
    p = sub.add_parser("assessment", help="các bản đánh giá đã lưu / stored assessments")
    asub = p.add_subparsers(dest="assessment_command", metavar="ACTION", required=True)
    lp = asub.add_parser("list", help="liệt kê / list")
    lp.add_argument("search", nargs="?", default=None, help="tìm theo tên cơ quan, kỳ (không cần dấu)")
    lp.add_argument("--deleted", action="store_true", help="thùng rác / the deleted ones")
    lp.add_argument("--json", action="store_true")
    lp.set_defaults(func=cmd_list)
    np_ = asub.add_parser("new", help="tạo bản đánh giá mới / create an assessment")
    np_.add_argument("--framework", required=True, metavar="ID[@VERSION]|FILE")
    np_.add_argument("--version", default=None)
    np_.add_argument("--period", required=True)
    np_.add_argument("--unit", metavar="CODE", help="mã đơn vị hành chính (của danh mục theo kỳ: trước 01/7/2025 là danh mục cũ)")
    np_.add_argument("--agency", metavar="NAME", help="tên cơ quan (khi không dùng --unit)")
    np_.add_argument("--level", default="commune")
    np_.add_argument("--respondent", default="")
    np_.set_defaults(func=cmd_new)
    sp = asub.add_parser("show", help="xem một bản đánh giá / show one (JSON)")
    sp.add_argument("id", type=int)
    sp.set_defaults(func=cmd_show)
    ep = asub.add_parser("export", help="xuất tệp đánh giá / export an assessment file")
    ep.add_argument("id", type=int)
    ep.add_argument("-o", "--output", required=True, metavar="FILE")
    ep.set_defaults(func=cmd_export)
    dp = asub.add_parser("delete", help="chuyển vào thùng rác / move to the recycle bin")
    dp.add_argument("id", type=int)
    dp.set_defaults(func=cmd_delete)
    rp = asub.add_parser("restore", help="khôi phục từ thùng rác / restore from the recycle bin")
    rp.add_argument("id", type=int)
    rp.set_defaults(func=cmd_restore)
    pp = asub.add_parser("purge", help="xóa vĩnh viễn bản ở thùng rác / delete for good from the recycle bin")
    which = pp.add_mutually_exclusive_group(required=True)
    which.add_argument("id", type=int, nargs="?")
    which.add_argument("--all", action="store_true", help="dọn cả thùng rác / empty the recycle bin")
    pp.set_defaults(func=cmd_purge)
    ip = asub.add_parser("import", help="nhập tệp đánh giá (.egov.json) hoặc phiếu Excel đã điền (.xlsx) / "
                                        "import an assessment file or a filled Excel template")
    ip.add_argument("file")
    ip.add_argument("--period", help="kỳ đánh giá (phiếu Excel) / period (Excel template)")
    ip.add_argument("--unit", metavar="CODE", help="mã đơn vị hành chính (phiếu Excel)")
    ip.add_argument("--agency", metavar="NAME", help="tên cơ quan (phiếu Excel, khi không dùng --unit)")
    ip.add_argument("--level", default="commune")
    ip.add_argument("--respondent", default="")
    ip.add_argument("--accept-partial", action="store_true",
                    help="nhận phần hợp lệ của phiếu Excel có lỗi / keep the valid part of a template with problems")
    ip.set_defaults(func=cmd_import)
    op = asub.add_parser("open-note", help="mở phiếu trả lại của Sở (PDF): lưu nhận xét với bản đánh giá / "
                                           "open the Sở's return note (PDF): keep its remarks with the assessment")
    op.add_argument("file", metavar="FILE.pdf")
    op.set_defaults(func=cmd_open_note)
    vp = asub.add_parser("revise", help="bản nháp để sửa một bản bị trả lại (lần sửa đổi mới) / "
                                        "the draft to correct a returned assessment in (a new revision)")
    vp.add_argument("id", type=int)
    vp.set_defaults(func=cmd_revise)


def cmd_open_note(args) -> int:
    """The note kept with its assessment; its remarks printed with their questions' numbers."""
    from scoring.numbering import question_numbers

    from ..reports.format import fmt_date
    from . import open_workspace

    with open_workspace() as ws:
        opened = ws.open_return_note(args.file)
        a = opened.returned
        fw = ws.framework(a.framework_id, a.framework_version)
    n = opened.note
    print(tr("Phiếu trả lại của {issuer} ngày {date}: {agency}, kỳ {period}, lần sửa đổi {rev} (bản số {id}) "
             "đã chuyển sang «Trả lại để sửa».", issuer=n.issuer or tr("Sở"), date=fmt_date(n.returned_at, language()),
             agency=a.agency_name,
             period=a.period, rev=a.revision, id=a.id))
    if n.note:
        print(tr("Nội dung cần sửa: {note}", note=n.note))
    numbers = question_numbers(fw)
    for iid in (i for i in fw.indicators if i in n.remarks):
        print(f"  {numbers[iid]} {pick(fw.indicators[iid].label)}: {n.remarks[iid]}")
    step = (tr("Sửa trong bản nháp số {id} rồi hoàn tất và gửi lại báo cáo.", id=opened.open_id)
            if opened.open_id != a.id else
            tr("Tạo lần sửa đổi mới để sửa: egov-desktop assessment revise {id}", id=a.id))
    print(step)
    return 0


def cmd_revise(args) -> int:
    from . import open_workspace

    with open_workspace() as ws:
        draft = ws.correction(args.id)
    print(tr("Bản nháp để sửa: số {id} (lần sửa đổi {rev})", id=draft.id, rev=draft.revision))
    return 0


def cmd_list(args) -> int:
    from . import open_workspace

    with open_workspace() as ws:
        rows = ws.list_assessments(args.search, deleted_only=args.deleted)
    if args.json:
        print(json.dumps([{**asdict(r), "band": pick(r.band) if r.band else None} for r in rows],
                         ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        total = "—" if r.total_scaled is None else format_number(r.total_scaled, language(), 2)
        print(f"{r.id:>5}  {r.agency_name[:40]:<40} {r.period:<8} {r.framework_id:<12} {pick(status_name(r.status)):<14} "
              f"r{r.revision:<3} {r.completeness * 100:>4.0f}%  {total:>7}  {pick(r.band) if r.band else ''}")
    return 0


def _agency(args) -> Agency:
    if args.unit:
        from .. import units

        u = units.get(args.unit, period=args.period)  # a period before July 2025: the list of that time
        if u is None:
            raise UserError(bilingual("Không có đơn vị hành chính mã {code}", code=args.unit))
        return Agency(u.name, u.level, u.code, u.parent_name, u.parent_code)
    if not args.agency:
        raise UserError(bilingual("Cần --unit MÃ hoặc --agency TÊN"))
    return Agency(untrusted.CONTROL.sub("", args.agency), args.level)  # a name may hold no control character


def cmd_new(args) -> int:
    from . import open_workspace
    from .frameworks import framework_arg

    fw = framework_arg(args.framework, args.version)
    with open_workspace() as ws:
        a = ws.create_assessment(fw.id, fw.version, _agency(args), args.period,
                                 Respondent(args.respondent))
    print(tr("Đã tạo bản đánh giá số {id}: {agency}, kỳ {period}", id=a.id, agency=a.agency_name, period=a.period))
    return 0


def cmd_show(args) -> int:
    from . import open_workspace

    with open_workspace() as ws:
        rec = ws.get(args.id)
    from ..exchange import assessment_file

    print(assessment_file.dumps(rec.data).decode("utf-8"))
    return 0


def cmd_export(args) -> int:
    from . import open_workspace

    with open_workspace() as ws:
        path = ws.export_file(args.id, args.output)
    print(tr("Đã xuất {path}", path=path))
    return 0


def cmd_delete(args) -> int:
    from ..services import Workspace

    with Workspace() as ws:
        a = ws.summary(args.id)
        ws.delete(args.id)
    print(tr("Đã chuyển bản đánh giá số {id} ({agency}, kỳ {period}) vào thùng rác", id=a.id,
             agency=a.agency_name, period=a.period))
    return 0


def cmd_restore(args) -> int:
    from ..services import Workspace

    with Workspace() as ws:
        a = ws.restore_deleted(args.id)
    print(tr("Đã khôi phục bản đánh giá số {id} ({agency}, kỳ {period})", id=a.id, agency=a.agency_name,
             period=a.period))
    return 0


def cmd_purge(args) -> int:
    from ..services import Workspace

    with Workspace() as ws:
        done = ws.purge_deleted(None if args.all else args.id)
    print(tr("Đã xóa vĩnh viễn {n} bản đánh giá và {files} tệp đính kèm không còn dùng",
             n=len(done.deleted), files=done.files_removed))
    if done.kept:
        print(tr("Giữ lại {n} bản đã hoàn tất (hồ sơ đã khóa): số {ids}", n=len(done.kept),
                 ids=", ".join(map(str, done.kept))))
    return 0


def cmd_import(args) -> int:
    from . import open_workspace

    if args.file.lower().endswith(".xlsx"):
        return _import_template(args)
    with open_workspace() as ws:
        res = ws.import_file(args.file)
    if res.outcome == "duplicate":
        print(tr("Đã có sẵn (bản đánh giá số {id}), không nhập lại", id=res.assessment_id))
    else:
        print(tr("Đã nhập thành bản đánh giá số {id}: {agency}, kỳ {period}", id=res.assessment_id,
                 agency=res.summary.agency_name, period=res.summary.period))
    return 0



def _import_template(args) -> int:
    """A filled Excel template becomes a new draft, all answers in one transaction, and only
    when the whole sheet is valid (or the user accepts the valid part)."""
    import sys
    from pathlib import Path

    from ..domain import AssessmentData
    from ..frameworks import registry
    from ..reports.excel.reader import read_filled_template, read_template_details, read_template_framework
    from . import open_workspace

    fid, version = read_template_framework(args.file)
    # A template names its agency and period in its top cells (format 2); options override them.
    try:
        details = read_template_details(args.file)
        args.period = args.period or details.period
        if not (args.unit or args.agency):
            args.unit, args.agency = details.unit_code or None, details.agency_name or None
    except UserError:
        pass  # an old template without those cells: the options must say it
    if not args.period or not (args.unit or args.agency):
        raise UserError(bilingual("Phiếu Excel không ghi cơ quan và kỳ: hãy cho biết --period và --unit hoặc --agency"),
                        Path(args.file).name)
    try:
        fw = registry.get(fid, version)
    except KeyError:
        raise UserError(bilingual("Chưa cài bộ tiêu chí «{id}» phiên bản {version}", id=fid, version=version),
                        Path(args.file).name) from None
    answers, problems = read_filled_template(args.file, fw, accept_partial=args.accept_partial)
    for p in problems:
        print(f"{Path(args.file).name}: {p.describe()}", file=sys.stderr)
    if problems and not args.accept_partial:
        print(tr("Không nhập gì: phiếu còn {n} lỗi", n=len(problems)), file=sys.stderr)
        return 1
    data = AssessmentData(fw.id, fw.version, fw.content_hash, _agency(args), args.period, answers,
                          Respondent(name=args.respondent))
    with open_workspace() as ws:
        res = ws.import_data(data, Path(args.file).name)
    print(tr("Đã nhập thành bản đánh giá số {id}: {agency}, kỳ {period}", id=res.assessment_id,
             agency=res.summary.agency_name, period=res.summary.period))
    return 1 if problems else 0
