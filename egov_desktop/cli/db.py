"""`egov-desktop db backup|restore|check`: the database in the data folder."""
from __future__ import annotations

import sys

from ..i18n import pick, tr
from ..labels import backup_reason

# the services (SQLAlchemy) are imported inside the commands: building the parser stays light


def register(sub) -> None:
    p = sub.add_parser("db", help="cơ sở dữ liệu: sao lưu, khôi phục, kiểm tra / database: backup, restore, check")
    dsub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    bp = dsub.add_parser("backup", help="tạo bản sao lưu / make a backup")
    bp.set_defaults(func=cmd_backup)
    lp = dsub.add_parser("backups", help="liệt kê các bản sao lưu / list the backups")
    lp.set_defaults(func=cmd_backups)
    rp = dsub.add_parser("restore", help="khôi phục từ một bản sao lưu / restore a backup")
    rp.add_argument("file")
    rp.set_defaults(func=cmd_restore)
    cp = dsub.add_parser("check", help="kiểm tra tính toàn vẹn / check integrity")
    cp.set_defaults(func=cmd_check)


def cmd_backup(args) -> int:
    from . import open_workspace

    with open_workspace(daily_backup=False) as ws:
        b = ws.backup()
    print(tr("Đã sao lưu vào {path}", path=b.path))
    return 0


def cmd_backups(args) -> int:
    from ..services import resolve_location
    from ..storage.backup import list_backups

    _, path = resolve_location(None)
    for b in list_backups(path):
        print(f"{b.created}  {pick(backup_reason(b.reason)):<18} {b.size // 1024:>8} KB  {b.path}")
    return 0


def cmd_restore(args) -> int:
    from ..services import restore_backup

    kept = restore_backup(None, args.file)
    print(tr("Đã khôi phục từ {file}", file=args.file))
    if kept:
        print(tr("Dữ liệu trước khi khôi phục được giữ lại thành bản sao lưu {path}", path=kept))
    return 0


def cmd_check(args) -> int:
    from ..services import check_database, resolve_location
    from ..storage.backup import list_backups

    _, path = resolve_location(None)
    problems = check_database(None)   # in use, disk full...: a UserError naming the cause, not damage
    if problems:
        print(tr("Cơ sở dữ liệu bị hỏng: {path}", path=path), file=sys.stderr)
        for p in problems[:20]:
            print("  " + p, file=sys.stderr)
        if len(problems) > 20:
            print("  " + tr("… và {n} lỗi khác", n=len(problems) - 20), file=sys.stderr)
        found = list_backups(path)
        if found:
            print(tr("Các bản sao lưu (mới nhất trước):"), file=sys.stderr)
            for b in found:
                print(f"  {b.created}  {b.reason:<14} {b.path}", file=sys.stderr)
        print(tr("Khôi phục bằng: egov-desktop db restore TỆP_SAO_LƯU (xem: egov-desktop db backups)"), file=sys.stderr)
        return 1
    print(tr("Cơ sở dữ liệu toàn vẹn: {path}", path=path))
    return 0
