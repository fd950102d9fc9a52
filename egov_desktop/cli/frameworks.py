"""`egov-desktop frameworks list|check`."""
from __future__ import annotations

import json
import sys

from scoring import FrameworkError

from ..frameworks import load_framework_file, registry
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


def cmd_list(args) -> int:
    infos = registry.list()
    if args.json:
        print(json.dumps([i.__dict__ for i in infos], ensure_ascii=False, indent=1))
        return 0
    en = language() == "en"
    for i in infos:
        period = f"{i.period_from or '…'} – {i.period_to or '…'}"
        print(f"{i.id:<24} {i.version:<8} {','.join(i.levels):<20} {period:<26} "
              f"{i.indicators:>4}  {i.title_en if en else i.title_vi}")
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
