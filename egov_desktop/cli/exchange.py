"""`egov-desktop import PATH...`, `rank`, `roster`, `keys`: the province's work, headless.

`--db URL` (or EGOV_DESKTOP_DB) chooses the province store; default: the data folder's SQLite.
"""
from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..errors import UserError
from ..i18n import bilingual, language, tr
from .report import PASSPHRASE_ENV

DB_ENV = "EGOV_DESKTOP_DB"


def _store(args):
    import sys

    from ..province.store import open_store
    store = open_store(args.db or os.environ.get(DB_ENV) or None)
    for w in store.warnings:
        print(tr("Cảnh báo: {msg}", msg=w.describe(language())), file=sys.stderr)
    return store


def _db(p) -> None:
    p.add_argument("--db", metavar="URL", help="cơ sở dữ liệu của Sở (URL SQLAlchemy) / province store URL")


def register(sub) -> None:
    p = sub.add_parser("import", help="nhập các báo cáo nhận được / import received files")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--trusted-roots", metavar="FOLDER",
                   help="thư mục chứng thư số gốc (CA) được tin cậy khi kiểm tra chữ ký số "
                        "(mặc định: theo cài đặt, hoặc thư mục trusted-roots trong thư mục dữ liệu)")
    _db(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("import-table", help="nhập bảng số liệu của tỉnh (mỗi dòng một cơ quan) / "
                                            "import a table with one row per agency")
    p.add_argument("file", metavar="FILE.(xlsx|csv)")
    p.add_argument("--framework", required=True, metavar="ID[@VERSION]|FILE")
    p.add_argument("--version", default=None, help="phiên bản bộ tiêu chí (mặc định: mới nhất)")
    p.add_argument("--period", default="", help="kỳ đánh giá (khi bảng không có cột kỳ) / period")
    p.add_argument("--accept-partial", action="store_true",
                   help="nhập các dòng hợp lệ dù có dòng lỗi / import the valid rows even if some are refused")
    p.add_argument("--replace", action="store_true",
                   help="thay các dòng do bảng trước nhập cho bộ tiêu chí và kỳ này / "
                        "replace the rows an earlier table imported for this framework and period")
    p.add_argument("--dry-run", action="store_true",
                   help="chỉ cho biết bảng sẽ thay đổi gì / only show what the table would change")
    p.add_argument("--decimal", choices=[",", "."], default=None,
                   help="dấu thập phân của số gõ dạng chữ (mặc định: nhận ra từ bảng) / "
                        "decimal separator of numbers typed as text (default: detected from the table)")
    _db(p)
    p.set_defaults(func=cmd_import_table)

    p = sub.add_parser("rank", help="xếp hạng / rank")
    p.add_argument("--framework", required=True, metavar="ID|FILE")
    p.add_argument("--period", required=True)
    p.add_argument("--group", default=None, help="mã hoặc tên đơn vị cấp trên / parent unit code or name")
    p.add_argument("--method", choices=["absolute", "relative"], default="auto",
                   help="mặc định: tuyệt đối nếu bộ tiêu chí có điểm, nếu không thì tương đối / "
                        "default: absolute when the framework awards points, else relative")
    p.add_argument("--include-pending", action="store_true",
                   help="xếp hạng cả hồ sơ chưa duyệt (được ghi rõ) / rank submissions not yet reviewed too (marked)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.(xlsx|csv|pdf)")
    p.add_argument("--authority", default="", help="cơ quan ban hành / publishing authority")
    p.add_argument("--csv", choices=["vi", "intl"], default="vi",
                   help="CSV: vi = dấu ; và thập phân , (Excel tiếng Việt); intl = dấu , và thập phân .")
    _db(p)
    p.set_defaults(func=cmd_rank)

    p = sub.add_parser("roster", help="danh sách cơ quan phải nộp / roster of expected agencies")
    rsub = p.add_subparsers(dest="roster_command", metavar="ACTION", required=True)
    lp = rsub.add_parser("load", help="nạp danh sách / load the roster")
    lp.add_argument("--period", required=True)
    src = lp.add_mutually_exclusive_group(required=True)
    src.add_argument("--province", metavar="CODE", help="mọi xã, phường của tỉnh / all communes of the province")
    src.add_argument("--file", metavar="FILE.(xlsx|csv)")
    _db(lp)
    lp.set_defaults(func=cmd_roster_load)
    tp = rsub.add_parser("template", help="bảng danh sách để điền địa chỉ thư rồi nạp lại / "
                                          "the roster as a table to complete (e-mail addresses) and load back")
    tp.add_argument("--period", required=True)
    tp.add_argument("--province", metavar="CODE",
                    help="các xã, phường của tỉnh theo danh mục (mặc định: danh sách đã nạp của kỳ) / "
                         "the province's communes from the official list (default: the period's stored roster)")
    tp.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    _db(tp)
    tp.set_defaults(func=cmd_roster_template)
    sp = rsub.add_parser("status", help="tình hình nộp / completeness")
    sp.add_argument("--framework", required=True, metavar="ID|FILE")
    sp.add_argument("--period", required=True)
    _db(sp)
    sp.set_defaults(func=cmd_roster_status)
    mp = rsub.add_parser("remind", help="nhắc cơ quan chưa nộp / remind the units that have not submitted")
    mp.add_argument("--framework", required=True, metavar="ID|FILE")
    mp.add_argument("--period", required=True)
    mp.add_argument("-o", "--output", required=True, metavar="FOLDER|FILE.xlsx|FILE.pdf",
                    help="thư mục: một thư .eml cho mỗi cơ quan / a folder: one .eml per unit")
    mp.add_argument("--authority", default="", help="cơ quan nhắc / the reminding authority")
    _db(mp)
    mp.set_defaults(func=cmd_roster_remind)

    p = sub.add_parser("keys", help="khoá ký / signing keys")
    ksub = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    cp = ksub.add_parser("create", help="tạo khoá ký của cơ quan / create this agency's key")
    cp.add_argument("--agency-code", required=True)
    cp.add_argument("--agency-name", required=True)
    cp.add_argument("--passphrase", action="store_true", help="bảo vệ bằng mật khẩu / protect with a passphrase")
    cp.add_argument("--replace", action="store_true")
    cp.set_defaults(func=cmd_keys_create)
    ep = ksub.add_parser("export-public", help="xuất khoá công khai / export the public key")
    ep.add_argument("-o", "--output", required=True)
    ep.set_defaults(func=cmd_keys_export)
    rp = ksub.add_parser("register", help="đăng ký khoá công khai của cơ quan / register an agency's public key")
    rp.add_argument("file")
    rp.add_argument("--agency", metavar="CODE")
    _db(rp)
    rp.set_defaults(func=cmd_keys_register)
    kp = ksub.add_parser("list", help="liệt kê khoá / list keys")
    _db(kp)
    kp.set_defaults(func=cmd_keys_list)
    sp = ksub.add_parser("certificate", help="nơi có chứng thư số để ký số và CA gốc được tin cậy (lưu vào cài đặt) / "
                                             "where the signing certificate is, trusted roots (saved in the settings)")
    sp.add_argument("--pkcs11-module", metavar="FILE", help="trình điều khiển PKCS#11 của thiết bị ký số (.dll, .so)")
    sp.add_argument("--token-label", metavar="LABEL")
    sp.add_argument("--key-label", metavar="LABEL")
    sp.add_argument("--p12", metavar="FILE.p12", help="hoặc tệp chứng thư số .p12/.pfx")
    sp.add_argument("--trusted-roots", metavar="FOLDER", help="thư mục chứng thư số gốc được tin cậy (Sở)")
    sp.set_defaults(func=cmd_keys_certificate)


def cmd_import(args) -> int:
    from ..province.importer import CONFLICT, REFUSED, import_files

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UserError(bilingual("Không tìm thấy: {paths}", paths=", ".join(missing)))
    store = _store(args)
    try:
        report = import_files(store, args.paths, roots_folder=args.trusted_roots)
    finally:
        store.close()
    counts = _print_counts(report)
    return 1 if counts[REFUSED] or counts[CONFLICT] else 0


def _print_counts(report) -> dict[str, int]:
    """Every file (or row) not imported with its reason, then the count of each outcome."""
    from ..province.importer import CONFLICT, DUPLICATE, IMPORTED, OUTDATED, REFUSED, REPLACED

    lang = language()
    from ..province.importer import UNCHANGED, WITHDRAWN

    labels = {IMPORTED: tr("Đã nhập"), REPLACED: tr("Thay bản cũ"), DUPLICATE: tr("Trùng"),
              OUTDATED: tr("Cũ hơn bản đã có"), CONFLICT: tr("Xung đột"), REFUSED: tr("Bị từ chối"),
              UNCHANGED: tr("Không đổi"), WITHDRAWN: tr("Bị bỏ (bảng mới không có)")}
    for item in report.items:
        if item.outcome in (CONFLICT, REFUSED, OUTDATED):
            print(f"  [{labels[item.outcome]}] {item.source}: {item.reason.get(lang) if item.reason else ''}")
        if item.signed_by:
            cover = tr("toàn bộ tài liệu") if item.whole_document else tr("không phải toàn bộ tài liệu")
            print(f"  [{tr('Ký số')}] {item.source}: {item.signed_by} ({tr('phạm vi')}: {cover})")
        for w in item.warnings:
            print(f"  [{tr('Cảnh báo')}] {item.source}: {w.get(lang)}")
    counts = report.counts()
    print(", ".join(f"{labels[k]}: {v}" for k, v in counts.items()))
    return counts


def cmd_import_table(args) -> int:
    import sys

    from ..province.importer import CONFLICT, REFUSED
    from ..province.table_import import import_table
    from .frameworks import framework_arg

    fw = framework_arg(args.framework, args.version)
    store = _store(args)
    try:
        result = import_table(store, args.file, fw.id, args.period, fw.version, args.accept_partial,
                              args.replace, args.dry_run, args.decimal)
    finally:
        store.close()
    lang, name = language(), Path(args.file).name
    for p in result.warnings:
        print(f"{name}: {p.describe(lang)}", file=sys.stderr)
    for p in result.problems:
        print(f"{name}: {p.describe(lang)}", file=sys.stderr)
    if args.dry_run:
        from ..province.table_import import CHANGED, OWN

        _print_changes(result.changes)
        conflicts = [c for c in result.changes if c.outcome == OWN or (c.outcome == CHANGED and not args.replace)]
        return 1 if result.problems or conflicts else 0
    if not result.written and result.problems:
        print(tr("Không nhập gì: bảng có {n} lỗi (dùng --accept-partial để nhập các dòng hợp lệ)",
                 n=len(result.problems)), file=sys.stderr)
        return 1
    counts = _print_counts(result.report)
    if not result.written:
        print(tr("Không nhập gì: {n} dòng xung đột (dùng --accept-partial để nhập các dòng còn lại)",
                 n=counts[CONFLICT]), file=sys.stderr)
        return 1
    return 1 if result.problems or counts[REFUSED] or counts[CONFLICT] else 0


def _print_changes(changes) -> None:
    """What a table would change (import-table --dry-run): agency by agency, then the counts."""
    from ..province.table_import import CHANGED, NEW, OWN, REMOVED, SAME

    labels = {NEW: tr("Mới"), CHANGED: tr("Đổi giá trị"), REMOVED: tr("Bị bỏ (bảng mới không có)"),
              OWN: tr("Không thay (hồ sơ cơ quan tự nộp)"), SAME: tr("Không đổi")}
    for c in changes:
        if c.outcome == SAME:
            continue
        print(f"  [{labels[c.outcome]}] {c.agency} ({c.period}) — {c.source}")
        for iid, old, new in c.values:
            print(f"      {iid}: {old} → {new}")
    counts = {k: sum(c.outcome == k for c in changes) for k in labels}
    print(tr("Xem trước, chưa ghi gì:") + " " + ", ".join(f"{labels[k]}: {v}" for k, v in counts.items()))


def cmd_rank(args) -> int:
    from ..province import publish
    from ..province.ranking import rank

    out = Path(args.output)
    kind = out.suffix.lower()
    if kind not in (".xlsx", ".csv", ".pdf"):
        raise UserError(bilingual("Tệp kết quả phải là .xlsx, .csv hoặc .pdf"), out.name)
    from .frameworks import framework_arg

    fid = framework_arg(args.framework).id
    store = _store(args)
    try:
        r = rank(store, fid, args.period, args.group, args.method, include_pending=args.include_pending)
    finally:
        store.close()
    waiting, returned = r.left_out.get("received", 0), r.left_out.get("returned", 0)
    if not r.rows:
        if waiting or returned:
            raise UserError(bilingual("Chưa có hồ sơ nào được chấp nhận để xếp hạng ({w} chờ duyệt, {r} trả lại để sửa); "
                                      "hãy duyệt hồ sơ, hoặc dùng --include-pending", w=waiting, r=returned))
        raise UserError(bilingual("Chưa có hồ sơ nào của bộ tiêu chí {id} kỳ {period}", id=fid,
                                  period=args.period))
    if waiting or returned:
        print(tr("Không xếp hạng: {w} hồ sơ chờ duyệt, {r} hồ sơ trả lại để sửa", w=waiting, r=returned),
              file=sys.stderr)
    lang = language()
    data = (publish.ranking_xlsx(r, lang) if kind == ".xlsx" else publish.ranking_csv(r, lang, args.csv) if kind == ".csv"
            else publish.ranking_pdf(r, lang, args.authority))
    publish.write(out, data)
    how = tr("tuyệt đối") if r.method == "absolute" else tr("tương đối")
    print(tr("Đã xếp hạng {n} cơ quan ({method}, {id} phiên bản {version}): {file}", n=len(r.rows), method=how,
             id=r.framework_id, version=r.framework_version, file=str(out)))
    return 0


def cmd_roster_load(args) -> int:
    from ..province import roster

    expected = roster.from_units(args.province, args.period) if args.province else roster.from_table(args.file)
    store = _store(args)
    try:
        n = roster.set_roster(store, args.period, expected)
    finally:
        store.close()
    print(tr("Đã nạp {n} cơ quan cho kỳ {period}", n=n, period=args.period))
    return 0


def cmd_roster_template(args) -> int:
    from ..province import roster
    from ..province.publish import write

    if args.province:
        expected = roster.from_units(args.province, args.period)
    else:
        store = _store(args)
        try:
            expected = roster.roster(store, args.period)
        finally:
            store.close()
        if not expected:
            raise UserError(bilingual("Kỳ {period} chưa có danh sách cơ quan; hãy dùng --province MÃ", period=args.period))
    write(Path(args.output), roster.workbook(expected, language()))
    print(tr("Đã lập bảng danh sách {n} cơ quan: {file}", n=len(expected), file=args.output))
    return 0


def cmd_roster_status(args) -> int:
    from ..province import roster
    from .frameworks import framework_arg

    fid = framework_arg(args.framework).id
    store = _store(args)
    try:
        lines = roster.completeness(store, fid, args.period)
    finally:
        store.close()
    labels = {roster.SUBMITTED: tr("Đã nộp"), roster.ACCEPTED: tr("Đã duyệt"),
              roster.RETURNED: tr("Trả lại"), roster.MISSING: tr("Chưa nộp")}
    for line in lines:
        e = line.expected
        print(f"{labels[line.state]:<12} {e.code:<8} {e.name}")
    counts = {k: sum(1 for x in lines if x.state == k) for k in labels}
    print(", ".join(f"{labels[k]}: {v}" for k, v in counts.items()))
    return 0


def cmd_roster_remind(args) -> int:
    from ..province import reminders
    from .frameworks import framework_arg

    fid = framework_arg(args.framework).id
    store = _store(args)
    try:
        r = reminders.reminder(store, fid, args.period, args.authority, language())
    finally:
        store.close()
    written = reminders.write_reminders(r, args.output, language())
    print(tr("Đã lập {n} tệp nhắc nộp: {target}", n=len(written), target=args.output))
    if not reminders.is_list(args.output) and (note := reminders.no_address_note(r, language(), shown=1000)):
        print(note)
    return 0


def _passphrase(confirm: bool) -> str:
    env = os.environ.get(PASSPHRASE_ENV)
    if env is not None:
        return env
    first = getpass.getpass(tr("Mật khẩu: "))
    if confirm and getpass.getpass(tr("Nhập lại mật khẩu: ")) != first:
        raise UserError(bilingual("Hai lần nhập mật khẩu không khớp"))
    return first


def cmd_keys_create(args) -> int:
    from ..exchange import signing

    passphrase = _passphrase(True) if args.passphrase else None
    key = signing.create_key(args.agency_code, args.agency_name, passphrase, args.replace)
    print(tr("Đã tạo khoá ký {id}", id=key.key_id))
    return 0


def cmd_keys_export(args) -> int:
    from ..exchange import signing
    from ..province.publish import write

    write(args.output, signing.dump_public(signing.own_public_key()))
    print(tr("Đã xuất khoá công khai: {file}", file=args.output))
    return 0


def cmd_keys_register(args) -> int:
    from ..province.keys import register as register_key

    store = _store(args)
    try:
        k = register_key(store, args.file, args.agency)
    finally:
        store.close()
    print(tr("Đã đăng ký khoá {id} cho cơ quan {code}", id=k.key_id, code=k.agency_code))
    return 0


def cmd_keys_certificate(args) -> int:
    """Save what is given, then print the settings (so `keys certificate` alone shows them)."""
    from ..exchange import signing_settings

    settings = signing_settings.load()
    changed = settings.with_(pkcs11_module=args.pkcs11_module, token_label=args.token_label,
                             key_label=args.key_label, p12_file=args.p12, trusted_roots=args.trusted_roots)
    if changed != settings:
        signing_settings.save(changed)
    print(tr("Trình điều khiển PKCS#11: {v}", v=changed.pkcs11_module or "—"))
    print(tr("Thiết bị ký số (token): {v}", v=changed.token_label or "—"))
    print(tr("Khoá: {v}", v=changed.key_label or "—"))
    print(tr("Tệp .p12: {v}", v=changed.p12_file or "—"))
    print(tr("CA gốc được tin cậy: {v}", v=changed.roots_folder()))
    return 0


def cmd_keys_list(args) -> int:
    from ..exchange import signing
    from ..province.keys import list_keys

    if signing.has_key():
        own = signing.own_public_key()
        print(tr("Khoá của cơ quan này: {id} ({code} {name})", id=own.key_id, code=own.agency_code,
                 name=own.agency_name))
    store = _store(args)
    try:
        for k in list_keys(store):
            print(f"{k.agency_code:<10} {k.key_id}  {k.agency_name}  {k.registered_at}")
    finally:
        store.close()
    return 0


