"""`egov-desktop report | export-xlsx | template | questionnaire`: the documents of reports/."""
from __future__ import annotations

from pathlib import Path

from ..domain import AssessmentData
from ..errors import UserError
from ..i18n import bilingual, language, tr
from .score import resolve_framework

PASSPHRASE_ENV = "EGOV_DESKTOP_KEY_PASSPHRASE"
P12_PASSPHRASE_ENV = "EGOV_DESKTOP_P12_PASSPHRASE"
PIN_ENV = "EGOV_DESKTOP_TOKEN_PIN"


def register(sub) -> None:
    p = sub.add_parser("report", help="báo cáo PDF của một đánh giá / PDF report of an assessment")
    p.add_argument("assessment", metavar="ASSESSMENT", help="tệp .egov.json hoặc mã trong cơ sở dữ liệu")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--previous", metavar="ASSESSMENT", help="kỳ trước để so sánh (mặc định: kỳ trước trong CSDL)")
    p.add_argument("--eml", metavar="FILE.eml", help="viết thêm thư điện tử nháp đính kèm PDF")
    p.add_argument("--to", metavar="ADDRESS", default="", help="địa chỉ người nhận thư")
    p.add_argument("--passphrase-file", metavar="FILE",
                   help="tệp chứa mật khẩu của khoá ký (hoặc biến môi trường EGOV_DESKTOP_KEY_PASSPHRASE)")
    sign = p.add_argument_group("ký số / digital signature (PAdES)")
    how = sign.add_mutually_exclusive_group()
    how.add_argument("--sign-p12", metavar="FILE.p12", nargs="?", const="",
                     help="ký số bằng tệp chứng thư số .p12/.pfx (không ghi tệp: theo cài đặt)")
    how.add_argument("--sign-pkcs11", metavar="MODULE", nargs="?", const="",
                     help="ký số bằng thiết bị ký số (token) qua trình điều khiển PKCS#11 (.dll, .so; "
                          "không ghi: theo cài đặt `keys certificate`)")
    sign.add_argument("--token-label", metavar="LABEL", help="nhãn thiết bị ký số (mặc định: theo cài đặt)")
    sign.add_argument("--key-label", metavar="LABEL", help="nhãn khoá trên thiết bị (mặc định: theo cài đặt)")
    sign.add_argument("--pin-file", metavar="FILE", help=f"tệp chứa mã PIN (hoặc biến môi trường {PIN_ENV})")
    sign.add_argument("--p12-passphrase-file", metavar="FILE",
                      help=f"tệp chứa mật khẩu tệp .p12 (hoặc biến môi trường {P12_PASSPHRASE_ENV})")
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
    from ..services.reports import write_atomically
    return write_atomically(path, data)


def _report(ref: str, previous_ref: str | None = None):
    """The report use case (services.reports.Report) of an assessment file or database id."""
    from ..services.reports import Report
    data, previous = load_assessment(ref)
    if previous_ref:
        previous = load_assessment(previous_ref)[0]
    fw = resolve_framework(None, data.framework_id, data.framework_version)
    return Report(data, fw, previous, language())


def secret(file: str | None, env: str) -> str | None:
    """A passphrase or PIN from a file or the environment, never a prompt (reports are made in
    scripts and CI); None when neither is given."""
    import os
    if file:
        from .. import untrusted
        try:
            return untrusted.read_file(file, 64 * 1024).decode("utf-8").rstrip("\r\n")
        except (UserError, UnicodeDecodeError):
            raise UserError(bilingual("Không đọc được tệp mật khẩu"), file) from None
    return os.environ.get(env)


def key_passphrase(passphrase_file: str | None) -> str | None:
    """The Ed25519 key's passphrase; None when the key needs none."""
    from ..exchange import signing
    found = secret(passphrase_file, PASSPHRASE_ENV)
    if found is None and signing.key_is_protected():
        raise UserError(bilingual("Khoá ký được bảo vệ bằng mật khẩu: dùng --passphrase-file TỆP "
                                  "hoặc biến môi trường {env}", env=PASSPHRASE_ENV))
    return found


def digital_signer(args):
    """The exchange.pades.Signer the options (then the saved settings) ask for, or None."""
    from ..exchange import pades, signing_settings
    if args.sign_p12 is None and args.sign_pkcs11 is None:
        return None
    settings = signing_settings.load()
    if args.sign_p12 is not None:
        path = args.sign_p12 or settings.p12_file
        if not path:
            raise UserError(bilingual("Chưa chọn tệp chứng thư số: dùng --sign-p12 TỆP.p12"))
        return pades.Signer.from_p12(path, secret(args.p12_passphrase_file, P12_PASSPHRASE_ENV))
    module = args.sign_pkcs11 or settings.pkcs11_module
    if not module:
        raise UserError(bilingual("Chưa chọn trình điều khiển PKCS#11 của thiết bị ký số: dùng --sign-pkcs11 TỆP "
                                  "hoặc `egov-desktop keys certificate --pkcs11-module TỆP`"))
    pin = secret(args.pin_file, PIN_ENV)
    if pin is None:
        raise UserError(bilingual("Cần mã PIN của thiết bị ký số: dùng --pin-file TỆP hoặc biến môi trường {env}",
                                  env=PIN_ENV))
    return pades.Signer.from_token(module, args.token_label or settings.token_label or None,
                                   args.key_label or settings.key_label or None, pin)


def cmd_report(args) -> int:
    passphrase = key_passphrase(args.passphrase_file)
    signer = digital_signer(args)
    report = _report(args.assessment, args.previous)
    try:
        pdf = report.pdf(passphrase, signer)
    finally:
        if signer is not None:
            signer.close()
    out = write_output(args.output, pdf)
    print(tr("Đã ghi {path} ({kb} KB)", path=out, kb=max(1, len(pdf) // 1024)))
    if args.eml:  # the very PDF just written is the attachment
        eml = write_output(args.eml, report.email(pdf, args.to))
        print(tr("Đã ghi {path} ({kb} KB)", path=eml, kb=max(1, eml.stat().st_size // 1024)))
    return 0


def cmd_export_xlsx(args) -> int:
    out = write_output(args.output, _report(args.assessment).workbook())
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
