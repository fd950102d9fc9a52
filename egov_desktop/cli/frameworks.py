"""`egov-desktop frameworks list|check|install|remove|export`."""
from __future__ import annotations

import json
import sys

from scoring import FrameworkError
from scoring.record import asdict

from ..frameworks import library, load_framework_file, registry
from ..i18n import language, tr


def register(sub) -> None:
    p = sub.add_parser("frameworks", help="bộ tiêu chí: liệt kê, kiểm tra / frameworks: list, check")
    fsub = p.add_subparsers(dest="frameworks_command", metavar="ACTION", required=True)
    lp = fsub.add_parser("list", help="liệt kê các bộ tiêu chí / list the frameworks")
    lp.add_argument("--json", action="store_true")
    lp.set_defaults(func=cmd_list)
    cp = fsub.add_parser("check", help="kiểm tra một tệp bộ tiêu chí / check a framework file")
    cp.add_argument("file")
    cp.set_defaults(func=cmd_check)
    ip = fsub.add_parser("install", help="cài một tệp bộ tiêu chí (.yaml, .xlsx) / install a framework file")
    ip.add_argument("file")
    ip.set_defaults(func=cmd_install)
    rp = fsub.add_parser("remove", help="gỡ một bộ tiêu chí đã cài / remove an installed framework")
    rp.add_argument("framework", metavar="ID@VERSION")
    rp.set_defaults(func=cmd_remove)
    ep = fsub.add_parser("export", help="xuất bộ tiêu chí ra Excel hoặc YAML (để soạn bộ năm sau) / "
                                        "export a framework to Excel or YAML (to start next year's set)")
    ep.add_argument("framework", metavar="ID[@VERSION]")
    ep.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.yaml")
    ep.set_defaults(func=cmd_export)
    sp = fsub.add_parser("sign", help="ký tệp bộ tiêu chí bằng khóa của Sở trước khi gửi các xã / "
                                      "sign a framework file with the province's key before handing it out")
    sp.add_argument("file")
    sp.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.yaml")
    sp.add_argument("--passphrase-file", default=None, help="tệp chứa mật khẩu của khóa ký / the key's passphrase")
    sp.set_defaults(func=cmd_sign)


def cmd_list(args) -> int:
    infos = registry.list()
    if args.json:
        print(json.dumps([asdict(i) for i in infos], ensure_ascii=False, indent=1))
        return 0
    en = language() == "en"
    for i in infos:
        period = f"{i.period_from or '…'} – {i.period_to or '…'}"
        where = tr("có sẵn") if i.builtin else i.path
        print(f"{i.id:<24} {i.version:<8} {','.join(i.levels):<20} {period:<26} "
              f"{i.indicators:>4}  {i.title_en if en else i.title_vi}  [{where}]")
    for path in registry.shadowed():
        print(tr("Bỏ qua {file}: cùng mã và phiên bản với một bộ tiêu chí đã có nhưng nội dung khác", file=str(path)),
              file=sys.stderr)
    return 0


def framework_arg(ref: str, version: str | None = None):
    """A command's --framework: ID, ID@VERSION or a file (checked and installed first, so that
    what is imported or ranked with it can be read again). Says which one it uses."""
    if library.is_file_ref(ref):
        done = library.install(ref)
        fw = done.framework
        if done.outcome == "installed":
            print(tr("Đã cài {id}@{version} ({n} chỉ tiêu): {file}", id=fw.id, version=fw.version,
                     n=len(fw.indicators), file=str(done.path)), file=sys.stderr)
    else:
        fw = library.resolve(ref, version)
    print(tr("Bộ tiêu chí: {id}@{version}", id=fw.id, version=fw.version), file=sys.stderr)
    return fw


def cmd_install(args) -> int:
    done = library.install(args.file)
    fw = done.framework
    print(done.issuer.describe(), file=sys.stderr if done.issuer.state == "unsigned" else sys.stdout)
    if done.outcome == "already":
        print(tr("Đã có sẵn (cùng nội dung): {id}@{version}", id=fw.id, version=fw.version))
    else:
        print(tr("Đã cài {id}@{version} ({n} chỉ tiêu): {file}", id=fw.id, version=fw.version,
                 n=len(fw.indicators), file=str(done.path)))
    return 0


def cmd_remove(args) -> int:
    from ..services.workspace import Workspace

    fid, version = library.split_ref(args.framework)
    with Workspace(daily_backup=False) as ws:
        in_use = sum(1 for a in ws.list_assessments(include_deleted=True)
                     if a.framework_id == fid and a.framework_version == version)
    path = library.remove(args.framework, in_use)
    print(tr("Đã gỡ {ref}: {file}", ref=args.framework, file=str(path)))
    return 0


def cmd_export(args) -> int:
    out = library.export(args.framework, args.output)
    fw = library.resolve(args.framework)
    print(tr("Đã xuất {id}@{version}: {file}", id=fw.id, version=fw.version, file=str(out)))
    return 0


def cmd_check(args) -> int:
    try:
        fw = load_framework_file(args.file)
    except FrameworkError as e:
        print(tr("{n} lỗi trong bộ tiêu chí:", n=len(e.problems)), file=sys.stderr)
        for p in e.problems:
            print("  " + p.describe(language()), file=sys.stderr)
        return 1
    print(tr("Hợp lệ: {id} phiên bản {version}, {p} trụ cột, {n} chỉ tiêu",
             id=fw.id, version=fw.version, p=len(fw.pillars), n=len(fw.indicators)))
    if not fw.scores_absolutely:  # said now, not when a province's ranking comes out blank
        print(tr("Lưu ý: không chỉ tiêu nào có điểm, nên không có tổng điểm và không xếp hạng tuyệt đối được; "
                 "xếp hạng theo chỉ số tương đối.") if fw.relative is not None else
              tr("Lưu ý: không chỉ tiêu nào có điểm và không có chỉ số tương đối: bộ tiêu chí này không xếp hạng được."))
    return 0


def cmd_sign(args) -> int:
    passphrase = None
    if args.passphrase_file:
        from pathlib import Path
        passphrase = Path(args.passphrase_file).read_text(encoding="utf-8").strip()
    out = library.sign(args.file, args.output, passphrase)
    fw = library.resolve(str(out))
    print(tr("Đã ký {id}@{version} với tư cách cơ quan ban hành «{name}»: {file}", id=fw.id, version=fw.version,
             name=fw.issuer.name if fw.issuer else "", file=str(out)))
    return 0
