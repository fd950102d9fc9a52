"""Build step: the administrative units before 1 July 2025 and where each went, from PyPI
`vietnamadminunits`, into egov_desktop/resources/units/ (committed; run by a developer when the
source publishes a correction, then commit the result).

The package itself is not a dependency of the program: it needs shapely and geopy for its address
converter, and its data (a 7 MB SQLite file of names, coordinates and search keys) is far more
than the program reads. This script downloads its wheel (`pip download --no-deps`, nothing is
installed or imported), reads the two files it needs straight from the archive:

- data/dataset.db, table admin_units_legacy (63 provinces, 696 districts, 10,035 communes, with
  the statistics office's codes) and admin_units (34 provinces, 3,321 communes);
- data/converter_2025.json: which old communes (by name key) form each new one, and for an old
  commune divided between several new ones, those and the one most of it went to;

turns the name keys into codes and writes what it found. The old units keep the source's codes (the
statistics office's list of 18 July 2025). The new units are named by the source but coded by the
list the program uses (`vietnam-provinces`, which follows Decision 19/2025/QĐ-TTg): the source takes
its new codes from another site and says they are not the official ones (its issue #1), and 121
of them differ. A new unit is found there by its province and name (spelling of tone marks,
dashes and spaces aside); one that is not found stops the script.

- before-2025-07.json: {"source": …, "provinces": [[code, name, new province code]],
  "districts": [[code, name, province code, [new codes]]], "communes": [[code, name, district code,
  [new codes]]]}; the first new code is where the unit (or most of it) went; a district's new
  codes only for the island districts that had no commune (now special zones);
- LICENSE-vietnamadminunits.txt: the source's licence, as shipped in its wheel.

Run: `.venv/bin/python scripts/extract_old_units.py [--version 1.0.4] [--wheel FILE]`
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "egov_desktop" / "resources" / "units"
PACKAGE, VERSION = "vietnamadminunits", "1.0.4"


def download(version: str, folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                    f"{PACKAGE}=={version}", "-d", str(folder)], check=True)
    return next(folder.glob(f"{PACKAGE}-{version}-*.whl"))


def key(text: str) -> str:
    """The source's name key ("Xã Cẩm Giàng" → "xacamgiang"), for the few keys it left unfolded."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").casefold().replace(" ", "")


def extract(wheel: Path) -> tuple[dict, str]:
    with zipfile.ZipFile(wheel) as z, tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "dataset.db"
        db.write_bytes(z.read(f"{PACKAGE}/data/dataset.db"))
        moves = json.loads(z.read(f"{PACKAGE}/data/converter_2025.json"))
        licence = next(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith("/LICENSE"))
        con = sqlite3.connect(db)
        legacy = con.execute("SELECT provinceCode, province, provinceKey, districtCode, district, districtKey, "
                             "wardCode, ward, wardKey FROM admin_units_legacy").fetchall()
        current = con.execute("SELECT province, provinceKey, ward, wardKey FROM admin_units").fetchall()
        con.close()

    ours = official_codes()
    new_ward = {(pk, wk): ours(pname, wname) for pname, pk, wname, wk in current}
    new_province = {pk: ours(pname) for pname, pk, _, _ in current}
    old_key = {f"{pk}_{dk}_{wk or ''}": (wc or dc) for _, _, pk, dc, _, dk, wc, _, wk in legacy}

    def new_code(province_key: str, ward_key: str) -> str:
        code = new_ward.get((province_key, ward_key)) or new_ward.get((province_key, key(ward_key)))
        if code is None:
            raise SystemExit(f"{PACKAGE}: new unit {province_key}/{ward_key} is not in its own list")
        return code

    went: dict[str, list[str]] = {}      # old code → new codes, where most of it went first
    for pk, wards in moves["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wk, olds in wards.items():
            for ok in olds:
                went.setdefault(old_key[ok], []).append(new_code(pk, wk))
    for pk, divided in moves["DICT_PROVINCE_WARD_DIVIDED"].items():
        for ok, parts in divided.items():
            parts = sorted(parts, key=lambda p: (not p["isDefaultNewWard"], new_code(pk, p["newWardKey"])))
            went.setdefault(old_key[ok], []).extend(new_code(pk, p["newWardKey"]) for p in parts)
    province_went = {old: new_province[npk] for npk, olds in moves["DICT_PROVINCE"].items() for old in olds}

    provinces, districts, communes = {}, {}, []
    for pc, pname, pk, dc, dname, _, wc, wname, _ in legacy:
        provinces.setdefault(pc, [pc, pname, province_went[pk]])
        districts.setdefault(dc, [dc, dname, pc, [] if wc else went[dc]])
        if wc:
            communes.append([wc, wname, dc, went[wc]])
    data = {"provinces": sorted(provinces.values()), "districts": sorted(districts.values()),
            "communes": sorted(communes)}
    check(data)
    return data, licence


def spelling(name: str) -> str:
    """A name with its spelling variants made one: old and new placement of tone marks ("Hoà" and
    "Hòa"), dashes, apostrophes, repeated spaces; case."""
    name = unicodedata.normalize("NFC", " ".join(name.replace("–", "-").replace("’", "'").split())).casefold()
    for old, new in (("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("uỳ", "ùy"),
                     ("uý", "úy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"), ("oè", "òe"), ("oé", "óe"),
                     ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe")):
        name = name.replace(old, new)
    return name.replace(" - ", "-")


def official_codes():
    """(province name[, unit name]) → the code in the program's current list (vietnam-provinces)."""
    sys.path.insert(0, str(ROOT))
    from egov_desktop import units

    def province_key(name: str) -> str:  # vietnam-provinces writes "Tuyên Quang", the source "Tỉnh Tuyên Quang"
        return spelling(name).removeprefix("tỉnh ")

    provinces = {province_key(p.name): p.code for p in units.provinces()}
    communes = {(u.parent_code, spelling(u.name)): u.code for u in units.communes()}

    def code(province: str, unit: str | None = None) -> str:
        pc = provinces.get(province_key(province))
        found = pc if unit is None else communes.get((pc, spelling(unit)))
        if found is None:
            raise SystemExit(f"{province} {unit or ''}: not in the current list (vietnam-provinces)")
        return found
    return code


def check(data: dict) -> None:
    """The counts of the official lists; every new unit is reached from an old one."""
    from egov_desktop import units

    counts = (len(data["provinces"]), len(data["districts"]), len(data["communes"]))
    if counts != (63, 696, 10035):
        raise SystemExit(f"unexpected counts before the reform: {counts}")
    ours = {u.code for u in units.communes()}
    reached = {c for row in data["communes"] + data["districts"] for c in row[3]}
    if reached != ours:
        raise SystemExit(f"new units no old one went into: {sorted(ours - reached)[:10]}")
    if {p[2] for p in data["provinces"]} != {p.code for p in units.provinces()}:
        raise SystemExit("the old provinces do not go into the 34 new ones")


def write(data: dict, licence: str, version: str, wheel: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    source = {"package": PACKAGE, "version": version, "wheel": wheel.name,
              "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
              "licence": "MIT, LICENSE-vietnamadminunits.txt", "valid_until": "2025-06-30"}
    # one unit a line: a correction of the source shows as a readable diff
    lines = ['{"source": ' + json.dumps(source, ensure_ascii=False) + ","]
    for part in ("provinces", "districts", "communes"):
        rows = data[part]
        lines.append(f'"{part}": [')
        lines += [json.dumps(r, ensure_ascii=False, separators=(",", ":")) + ("," if i < len(rows) - 1 else "")
                  for i, r in enumerate(rows)]
        lines.append("]," if part != "communes" else "]}")
    (OUT / "before-2025-07.json").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (OUT / "LICENSE-vietnamadminunits.txt").write_text(
        f"The unit lists and the mapping in before-2025-07.json are extracted from the PyPI package\n"
        f"{PACKAGE} {version} ({wheel.name}, sha256 {source['sha256']}),\n"
        f"https://github.com/tranngocminhhieu/vietnamadminunits, by scripts/extract_old_units.py.\n"
        f"Its licence, as shipped in the wheel:\n\n{licence}", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", default=VERSION)
    ap.add_argument("--wheel", type=Path, help="a downloaded wheel (else pip downloads it)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download(args.version, Path(tmp))
        data, licence = extract(wheel)
        write(data, licence, args.version, wheel)
    print(f"{len(data['provinces'])} provinces, {len(data['districts'])} districts, "
          f"{len(data['communes'])} communes → {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
