"""Fail loudly when the frozen folder lacks something the program opens at run time.

Usage: python installer/check_bundle.py dist/egov-desktop
Checked against the source tree, so a resource added later is checked too: every file of
egov_desktop/resources, every Alembic migration folder (env.py + versions/), the
vietnam_provinces unit list, the Qt platform plugins; and that the excluded heavy modules
(other Qt modules, tkinter, test libraries, numpy) stayed out.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform == "win32"
EXCLUDED = ("Qt6Network", "Qt6Qml", "Qt6Quick", "Qt6WebEngine", "Qt6Multimedia", "Qt63D", "Qt6Pdf",
            "Qt6Designer", "QtNetwork", "QtQml", "QtQuick", "_tkinter", "tcl8", "tk8", "pytest",
            "hypothesis", "numpy")


def source_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def problems(bundle: Path) -> list[str]:
    internal = bundle / "_internal"
    out = []
    exe = bundle / ("egov-desktop.exe" if WINDOWS else "egov-desktop")
    if not exe.is_file():
        out.append(f"missing executable {exe}")

    expected = source_files(ROOT / "egov_desktop" / "resources")
    for env in (ROOT / "egov_desktop").rglob("env.py"):
        if (env.parent / "versions").is_dir():
            expected += source_files(env.parent)
    for src in expected:
        rel = src.relative_to(ROOT)
        dst = internal / rel
        if not dst.is_file():
            out.append(f"missing {rel}")
        elif dst.stat().st_size != src.stat().st_size:
            out.append(f"differs from the source: {rel}")
    if not any((ROOT / "egov_desktop").rglob("versions/*.py")):
        out.append("no Alembic migration found in the source tree")

    import vietnam_provinces
    for src in (Path(vietnam_provinces.__file__).parent / "data").glob("*.json"):
        if not (internal / "vietnam_provinces" / "data" / src.name).is_file():
            out.append(f"missing vietnam_provinces/data/{src.name}")

    # ký số: python-pkcs11's compiled extension, through which the token's driver is loaded
    # (pyHanko itself is pure Python, inside the archive: the smoke test signs with it)
    if not list(internal.glob("pkcs11/_pkcs11*")):
        out.append("missing pkcs11/_pkcs11 (digital signature with a token)")

    plugins = internal / "PySide6" / ("plugins" if WINDOWS else "Qt/plugins")
    for name in (["qwindows", "qoffscreen"] if WINDOWS else ["libqxcb", "libqoffscreen"]):
        if not list(plugins.glob(f"platforms/{name}.*")):
            out.append(f"missing Qt platform plugin {name}")

    for path in internal.rglob("*"):
        if any(token in part for part in path.relative_to(internal).parts for token in EXCLUDED):
            out.append(f"should have been left out: {path.relative_to(bundle)}")
    return out


def main(argv: list[str]) -> int:
    bundle = Path(argv[1] if len(argv) > 1 else ROOT / "dist" / "egov-desktop")
    found = problems(bundle)
    for line in found:
        print(f"check_bundle: {line}", file=sys.stderr)
    if found:
        print(f"check_bundle: {len(found)} problem(s) in {bundle}", file=sys.stderr)
        return 1
    print(f"check_bundle: {bundle} has everything it needs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
