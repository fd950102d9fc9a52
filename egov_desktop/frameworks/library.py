"""The life of a framework on a PC: name it (id, id@version or a file), install the file a
province hands out, remove it, and export an installed one to start next year's set.

A framework's content is fixed by its id and version: installing other content under a pair
that is already there is refused (bump the version), so what was assessed, imported or ranked
under a version never changes behind anyone's back. Installed files sit in the user's
frameworks folder as `ID@VERSION.yaml|xlsx`, written atomically.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scoring import Framework, FrameworkError, Text

from .. import untrusted
from ..errors import UserError
from ..files import write_atomically
from ..i18n import bilingual
from ..paths import data_dir
from . import issuer
from .issuer import IssuerCheck
from .loader import MAX_FRAMEWORK_BYTES, load_framework_file, parse_yaml
from .registry import FrameworkRegistry, registry

FILE_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")


def user_folder() -> Path:
    return data_dir() / "frameworks"


def is_file_ref(ref: str) -> bool:
    return Path(ref).suffix.lower() in FILE_SUFFIXES


def split_ref(ref: str) -> tuple[str, str | None]:
    """"xa-2025@2025.1" -> ("xa-2025", "2025.1"); "xa-2025" -> ("xa-2025", None)."""
    fid, sep, version = ref.partition("@")
    return fid.strip(), (version.strip() or None) if sep else None


def _not_found(fid: str, version: str | None, reg: FrameworkRegistry) -> UserError:
    have = sorted({f"{i.id}@{i.version}" for i in reg.list() if i.id == fid})
    folders = "; ".join(str(f) for f, _ in reg.folders())
    what = f"{fid}@{version}" if version else fid
    if have:
        return UserError(bilingual("Không có bộ tiêu chí «{what}»; trên máy có: {have}", what=what, have=", ".join(have)))
    return UserError(bilingual("Không tìm thấy bộ tiêu chí «{what}» (đã tìm trong: {folders}); hãy cài tệp bộ tiêu chí "
                               "bằng «egov-desktop frameworks install TỆP» hoặc cho biết đường dẫn tệp",
                               what=what, folders=folders))


def resolve(ref: str, version: str | None = None, reg: FrameworkRegistry | None = None) -> Framework:
    """The framework named by `ref`: a file (read and checked, not installed), "id@version", or an
    id (its newest version, or `version`). UserError says where it looked and what is there."""
    reg = reg or registry
    if is_file_ref(ref):
        try:
            return load_framework_file(ref)
        except FrameworkError as e:
            raise UserError(Text(e.describe("vi"), e.describe("en"))) from None
    fid, at = split_ref(ref)
    version = at or version
    try:
        return reg.get(fid, version)
    except KeyError:
        raise _not_found(fid, version, reg) from None


@dataclass(frozen=True)
class Installed:
    framework: Framework
    path: Path
    outcome: str          # "installed" or "already" (the same content was there)
    issuer: IssuerCheck   # who issued the file (signed, verified, or unsigned: a warning)


def install(path: str | Path, reg: FrameworkRegistry | None = None) -> Installed:
    """Check the file and copy it into the user's frameworks folder. Refused: any problem in
    the file (every one listed), or other content under an id and version already there."""
    reg = reg or registry
    path = Path(path)
    try:
        fw = load_framework_file(path)
    except FrameworkError as e:
        raise UserError(Text(e.describe("vi"), e.describe("en")), path.name) from None
    issued = issuer.refuse_if_altered(fw, path.name)
    for info in reg.list():
        if info.id == fw.id and info.version == fw.version:
            if info.content_hash == fw.content_hash:
                return Installed(fw, Path(info.path), "already", issued)
            raise UserError(bilingual(
                "Đã có bộ tiêu chí «{id}» phiên bản {version} với nội dung khác ({where}). Nội dung của một phiên "
                "bản không được thay đổi: hãy đặt số phiên bản mới (version) trong tệp rồi cài lại",
                id=fw.id, version=fw.version, where=info.path), path.name)
    folder = user_folder()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{fw.id}@{fw.version}{'.xlsx' if path.suffix.lower() == '.xlsx' else '.yaml'}"
    write_atomically(target, untrusted.read_file(path, MAX_FRAMEWORK_BYTES))  # the bytes just checked
    reg.forget()
    return Installed(fw, target, "installed", issued)


def remove(ref: str, in_use: int = 0, reg: FrameworkRegistry | None = None) -> Path:
    """Delete an installed (not a built-in) framework version. `in_use`: how many stored
    assessments use it; those would no longer open, so removal is refused then."""
    reg = reg or registry
    fid, version = split_ref(ref)
    if not version:
        raise UserError(bilingual("Hãy cho biết cả phiên bản: {id}@PHIÊN_BẢN", id=fid))
    infos = [i for i in reg.list() if i.id == fid and i.version == version]
    if not infos:
        raise _not_found(fid, version, reg)
    info = infos[0]
    if info.builtin:
        raise UserError(bilingual("«{id}@{version}» có sẵn trong chương trình, không gỡ được", id=fid, version=version))
    if in_use:
        raise UserError(bilingual("Còn {n} bản đánh giá dùng «{id}@{version}»: gỡ bộ tiêu chí thì không mở được chúng",
                                  n=in_use, id=fid, version=version))
    Path(info.path).unlink()
    reg.forget()
    return Path(info.path)


def source_mapping(fw: Framework, reg: FrameworkRegistry | None = None) -> dict:
    """The plain data of an installed framework, as its file holds it (for export)."""
    reg = reg or registry
    info = next((i for i in reg.list() if i.id == fw.id and i.version == fw.version
                 and i.content_hash == fw.content_hash), None)
    if info is None:
        raise _not_found(fw.id, fw.version, reg)
    return _file_mapping(Path(info.path))


def export(ref: str, out: str | Path, reg: FrameworkRegistry | None = None) -> Path:
    """Write an installed framework to FILE.xlsx (to edit in Excel) or FILE.yaml."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".yaml", ".yml"):
        raise UserError(bilingual("Tệp xuất phải là .xlsx hoặc .yaml"), out.name)
    fw = resolve(ref, reg=reg)
    return _write_mapping(source_mapping(fw, reg), out)


def sign(path: str | Path, out: str | Path, passphrase: str | None = None) -> Path:
    """Sign a framework file with this PC's key (the province's) as its issuer, written to `out`
    (.yaml or .xlsx): what a commune installs then names who issued it."""
    path, out = Path(path), Path(out)
    if out.suffix.lower() not in (".xlsx", ".yaml", ".yml"):
        raise UserError(bilingual("Tệp xuất phải là .xlsx hoặc .yaml"), out.name)
    from ..exchange.signing import load_private_key
    fw = resolve(str(path))
    data = _file_mapping(path)
    data["issuer"] = issuer.block_for(fw, load_private_key(passphrase))
    return _write_mapping(data, out)


def _file_mapping(path: Path) -> dict:
    if path.suffix.lower() == ".xlsx":
        from .xlsform import read_framework_workbook
        return read_framework_workbook(path)[0]
    return parse_yaml(untrusted.read_file(path, MAX_FRAMEWORK_BYTES).decode("utf-8-sig"), path.name)


def _write_mapping(data: dict, out: Path) -> Path:
    if out.suffix.lower() == ".xlsx":
        from .xlsform import write_framework_workbook
        return write_framework_workbook(data, out)  # written under a temporary name, then moved
    import yaml
    write_atomically(out, yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100).encode("utf-8"))
    return out
