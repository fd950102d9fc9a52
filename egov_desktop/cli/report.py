"""`egov-desktop report | export-xlsx | template | questionnaire`: the documents of reports/."""
from __future__ import annotations

from pathlib import Path

from ..domain import AssessmentData
from ..errors import UserError
from ..i18n import bilingual, language, tr
from .score import resolve_framework

PASSPHRASE_ENV = "EGOV_DESKTOP_KEY_PASSPHRASE"


def register(sub) -> None:
    p = sub.add_parser("report", help="báo cáo PDF của một đánh giá / PDF report of an assessment")
    p.add_argument("assessment", metavar="ASSESSMENT", help="tệp .egov.json hoặc mã trong cơ sở dữ liệu")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--previous", metavar="ASSESSMENT", help="kỳ trước để so sánh (mặc định: kỳ trước trong CSDL)")
    p.add_argument("--eml", metavar="FILE.eml", help="viết thêm thư điện tử nháp đính kèm PDF")
    p.add_argument("--to", metavar="ADDRESS", default="", help="địa chỉ người nhận thư")
    p.add_argument("--passphrase-file", metavar="FILE",
                   help="tệp chứa mật khẩu của khoá ký (hoặc biến môi trường EGOV_DESKTOP_KEY_PASSPHRASE)")
    p.set_defaults(func=cmd_report)

    x = sub.add_parser("export-xlsx", help="xuất đánh giá ra Excel / export an assessment to Excel")
    x.add_argument("assessment", metavar="ASSESSMENT")
    x.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    x.set_defaults(func=cmd_export_xlsx)

    t = sub.add_parser("template", help="phiếu Excel trống để điền / blank Excel template to fill in")
    t.add_argument("framework", metavar="FRAMEWORK", nargs="?", help="mã hoặc tệp bộ tiêu chí")
    t.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    t.add_argument("--assessment", metavar="ASSESSMENT",
                   help="phiếu dành cho đánh giá này (ghi sẵn cơ quan, kỳ) / made for this assessment")
    t.set_defaults(func=cmd_template)

    q = sub.add_parser("questionnaire", help="phiếu giấy trống (PDF) / printable blank questionnaire")
    q.add_argument("framework", metavar="FRAMEWORK")
    q.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    q.set_defaults(func=cmd_questionnaire)


def load_assessment(ref: str) -> tuple[AssessmentData, AssessmentData | None]:
    """An assessment file, or a database id (then also its previous period, if any)."""
    from ..exchange import assessment_file
    if Path(ref).is_file() or not ref.isdigit():
        return assessment_file.read(ref), None
    from . import open_workspace
    with open_workspace() as ws:
        record = ws.get(int(ref))
        previous = ws.previous_period(record.id)
        return record.data, previous.data if previous else None


def write_output(path: str, data: bytes) -> Path:
    """Write atomically: a failed run never leaves half a file under the real name."""
    out = Path(path)
    tmp = out.with_name(out.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise UserError(bilingual("Không ghi được tệp: {err}", err=e.strerror), str(out)) from None
    return out


def _assessment_and_report(ref: str, previous_ref: str | None = None):
    from ..reports.data import build_report_data
    data, previous = load_assessment(ref)
    if previous_ref:
        previous = load_assessment(previous_ref)[0]
    fw = resolve_framework(None, data.framework_id, data.framework_version)
    return data, build_report_data(data, fw, previous=previous)


def _report_data(ref: str, previous_ref: str | None = None):
    return _assessment_and_report(ref, previous_ref)[1]


def key_passphrase(passphrase_file: str | None) -> str | None:
    """The signing key's passphrase from a file or the environment, never a prompt (a report
    is made in scripts and CI); None when the key needs none."""
    import os

    from ..exchange import signing
    if passphrase_file:
        from .. import untrusted
        try:
            return untrusted.read_file(passphrase_file, 64 * 1024).decode("utf-8").rstrip("\r\n")
        except (UserError, UnicodeDecodeError):
            raise UserError(bilingual("Không đọc được tệp mật khẩu"), passphrase_file) from None
    env = os.environ.get(PASSPHRASE_ENV)
    if env is not None:
        return env
    if signing.key_is_protected():
        raise UserError(bilingual("Khoá ký được bảo vệ bằng mật khẩu: dùng --passphrase-file TỆP "
                                  "hoặc biến môi trường {env}", env=PASSPHRASE_ENV))
    return None


def cmd_report(args) -> int:
    from ..exchange.report_export import export_report_pdf
    from ..reports.names import report_file_name
    passphrase = key_passphrase(args.passphrase_file)
    data, report = _assessment_and_report(args.assessment, args.previous)
    pdf = export_report_pdf(data, report, language(), passphrase)
    out = write_output(args.output, pdf)
    print(tr("Đã ghi {path} ({kb} KB)", path=out, kb=max(1, len(pdf) // 1024)))
    if args.eml:
        from ..reports.email import build_eml
        name = report_file_name(report.agency.name, report.period, report.framework_id, ".pdf")
        eml = write_output(args.eml, build_eml(report, pdf, name, args.to, lang=language()))
        print(tr("Đã ghi {path} ({kb} KB)", path=eml, kb=max(1, eml.stat().st_size // 1024)))
    return 0


def cmd_export_xlsx(args) -> int:
    from ..reports.excel.export import export_workbook
    out = write_output(args.output, export_workbook(_report_data(args.assessment), language()))
    print(tr("Đã ghi {path} ({kb} KB)", path=out, kb=max(1, out.stat().st_size // 1024)))
    return 0


def cmd_template(args) -> int:
    from ..reports.excel.template import write_template
    if args.assessment:
        data = load_assessment(args.assessment)[0]
        fw = resolve_framework(None, data.framework_id, data.framework_version)
        xlsx = write_template(fw, language(), data.agency, data.period)
    elif args.framework:
        xlsx = write_template(resolve_framework(args.framework, args.framework, None), language())
    else:
        raise UserError(bilingual("Cần mã bộ tiêu chí hoặc --assessment"))
    out = write_output(args.output, xlsx)
    print(tr("Đã ghi {path} ({kb} KB)", path=out, kb=max(1, out.stat().st_size // 1024)))
    return 0


def cmd_questionnaire(args) -> int:
    from ..reports.questionnaire import render_questionnaire
    fw = resolve_framework(args.framework, args.framework, None)
    out = write_output(args.output, render_questionnaire(fw, language()))
    print(tr("Đã ghi {path} ({kb} KB)", path=out, kb=max(1, out.stat().st_size // 1024)))
    return 0
