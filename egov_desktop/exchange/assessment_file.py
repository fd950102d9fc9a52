"""The assessment file (.egov.json): one assessment, versioned, checksummed.

Format documented in docs/formats.md; JSON Schema in resources/schemas/assessment.schema.json.
`content_hash` is the SHA-256 of the canonical JSON of everything but itself and `signature`,
so the receiver can tell an altered file from the one that was finalised.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Callable

from scoring import Text, nfc
from scoring.digest import sha256_hex
from scoring.record import asdict

from .. import untrusted
from ..domain import STATUSES, Agency, AgencyProfile, Answer, AssessmentData, Evidence, Respondent
from ..errors import UserError
from . import schema

FORMAT = "egov-assessment"
FORMAT_VERSION = 2
MAX_BYTES = 20 * 1024 * 1024
SUFFIX = ".egov.json"
SCHEMA = "assessment.schema.json"
# Outside the content hash and the signature: how the report is issued (format 2), which the
# văn thư completes after finalisation (the number), and the hash and signature themselves.
UNHASHED = ("content_hash", "signature", "profile")
# The content hashed is the content as format 1 wrote it: format 2 only added the unhashed
# profile, so every hash stamped (and every signature made) before the bump stays valid.
HASHED_FORMAT_VERSION = 1
PROFILE_TEXT = ("parent_line", "issuer", "place", "symbol", "number", "authority", "on_behalf", "signer_position",
                "signer_name", "recipient_email")

# Older format versions are read by upgrading them step by step: UPGRADERS[n] turns a payload
# of version n into one of version n + 1 (keeping `content_hash`, which is checked against the
# payload as it was written). Format 1 → 2: nothing to change (a file without a profile has none).
UPGRADERS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: lambda payload: payload}


def canonical_bytes(payload: dict[str, Any]) -> bytes:
    body = {k: v for k, v in payload.items() if k not in UNHASHED}
    if isinstance(body.get("format_version"), int) and body["format_version"] >= HASHED_FORMAT_VERSION:
        body["format_version"] = HASHED_FORMAT_VERSION
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def compute_hash(payload: dict[str, Any]) -> str:
    return sha256_hex(canonical_bytes(payload))


def to_payload(a: AssessmentData) -> dict[str, Any]:
    """The JSON-ready dict of an assessment, with its content hash."""
    payload: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "uid": a.uid,
        "framework": {"id": a.framework_id, "version": a.framework_version, "content_hash": a.framework_hash},
        "agency": asdict(a.agency),
        "period": a.period,
        "status": a.status,
        "revision": a.revision,
        "respondent": asdict(a.respondent),
        "created_at": a.created_at,
        "finalised_at": a.finalised_at,
        "answers": {
            k: {
                "value": ans.value if not isinstance(ans.value, tuple) else list(ans.value),
                "na": ans.na,
                "comment": ans.comment,
                "flagged": ans.flagged,
                "reviewed": ans.reviewed,
                "evidence": [asdict(e) for e in ans.evidence],
            }
            for k, ans in sorted(a.answers.items())
        },
    }
    if not a.profile.is_empty():
        payload["profile"] = {**asdict(a.profile), "recipients": list(a.profile.recipients)}
    payload["content_hash"] = compute_hash(payload)
    return payload


def dumps(a: AssessmentData) -> bytes:
    return json.dumps(to_payload(a), ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")


def write(a: AssessmentData, path: str | Path) -> Path:
    """Write atomically: a half-written file never replaces a good one."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(dumps(a))
    tmp.replace(path)
    return path


# ---------------------------------------------------------------- reading

def _err(source: str, where: str, vi: str, en: str) -> UserError:
    return UserError(Text(vi, en), source, where)


def _str(d: dict, key: str, source: str, where: str, limit: int = 2000, free_text: bool = False) -> str:
    """A text field; names, codes and dates may not hold control characters (they end up in
    file names, workbooks and keys), free text (comments, summaries pasted from Word) may."""
    v = d.get(key, "")
    if v is None:
        return ""
    if not isinstance(v, str):
        raise _err(source, f"{where}.{key}", "phải là chuỗi", "must be text")
    if len(v) > limit:
        raise _err(source, f"{where}.{key}", f"quá dài (tối đa {limit} ký tự)", f"too long (at most {limit} characters)")
    if not free_text and untrusted.CONTROL.search(v):
        raise _err(source, f"{where}.{key}", "chứa ký tự điều khiển không hợp lệ",
                   "holds control characters that are not allowed")
    return nfc(v)


def _obj(d: Any, source: str, where: str) -> dict:
    if not isinstance(d, dict):
        raise _err(source, where, "phải là một đối tượng JSON", "must be a JSON object")
    return d


def _value(v: Any, source: str, where: str) -> Any:
    if v is None or isinstance(v, str):
        return nfc(v) if isinstance(v, str) else v
    if isinstance(v, bool):
        raise _err(source, where, "giá trị không hợp lệ (true/false)", "invalid value (true/false)")
    if isinstance(v, int):
        if not -untrusted.MAX_CELL_NUMBER < v < untrusted.MAX_CELL_NUMBER:
            raise _err(source, where, "số quá lớn", "number too large")
        return v
    if isinstance(v, float):
        if not math.isfinite(v):
            raise _err(source, where, "số không hợp lệ", "invalid number")
        return v
    if isinstance(v, list) and all(isinstance(x, str) for x in v) and len(v) <= 200:
        return tuple(nfc(x) for x in v)
    raise _err(source, where, "giá trị không hợp lệ", "invalid value")


def from_payload(payload: Any, source: str = "<data>") -> AssessmentData:
    """Check and convert a parsed assessment file; UserError names the file and the field."""
    untrusted.check_tree(payload, source)
    return _from_bounded(payload, source)


def _from_bounded(payload: Any, source: str) -> AssessmentData:
    """from_payload of data already walked by untrusted.check_tree (load_json does)."""
    p = _obj(payload, source, "")
    if p.get("format") != FORMAT:
        raise _err(source, "format", "không phải tệp đánh giá egov-desktop", "not an egov-desktop assessment file")
    fv = p.get("format_version")
    if not isinstance(fv, int) or isinstance(fv, bool):
        raise _err(source, "format_version", "thiếu phiên bản định dạng", "missing format version")
    if fv > FORMAT_VERSION:
        raise _err(source, "format_version",
                   f"tệp được tạo bởi phiên bản mới hơn của chương trình (định dạng {fv}); hãy cập nhật chương trình",
                   f"made by a newer version of the program (format {fv}); please update the program")
    schema.validate(p, SCHEMA, source)  # every type as published; below, what a schema cannot say
    fw = _obj(p.get("framework"), source, "framework")
    ag = _obj(p.get("agency"), source, "agency")
    rs = _obj(p.get("respondent") or {}, source, "respondent")
    status = p.get("status", "draft")
    if status not in STATUSES:
        raise _err(source, "status", f"trạng thái không hợp lệ «{status}»", f"invalid status '{status}'")
    revision = p.get("revision", 1)
    if not isinstance(revision, int) or isinstance(revision, bool) or not 1 <= revision <= 10_000:
        raise _err(source, "revision", "lần sửa đổi không hợp lệ", "invalid revision")
    answers_raw = _obj(p.get("answers") or {}, source, "answers")
    if len(answers_raw) > 5000:
        raise _err(source, "answers", "quá nhiều câu trả lời", "too many answers")
    answers: dict[str, Answer] = {}
    for k, a in answers_raw.items():
        where = f"answers.{k}"
        a = _obj(a, source, where)
        evidence = []
        ev_raw = a.get("evidence") or []
        if not isinstance(ev_raw, list) or len(ev_raw) > 100:
            raise _err(source, f"{where}.evidence", "danh sách tài liệu không hợp lệ", "invalid evidence list")
        for i, e in enumerate(ev_raw):
            ew = f"{where}.evidence[{i}]"
            e = _obj(e, source, ew)
            size = e.get("size", 0)
            evidence.append(Evidence(_str(e, "number", source, ew), _str(e, "date", source, ew),
                                     _str(e, "summary", source, ew, free_text=True), _str(e, "file_name", source, ew),
                                     _str(e, "sha256", source, ew), size if isinstance(size, int) else 0))
        answers[nfc(k)] = Answer(
            value=_value(a.get("value"), source, f"{where}.value"),
            na=a.get("na") is True,
            comment=_str(a, "comment", source, where, 10_000, free_text=True),
            flagged=a.get("flagged") is True,
            reviewed=a.get("reviewed") is True,
            evidence=tuple(evidence),
        )
    data = AssessmentData(
        framework_id=_str(fw, "id", source, "framework"),
        framework_version=str(fw.get("version", "")),
        framework_hash=_str(fw, "content_hash", source, "framework"),
        agency=Agency(**{f: _str(ag, f, source, "agency") for f in
                         ("name", "level", "code", "parent_name", "parent_code", "address")}),
        period=str(p.get("period", "")),
        answers=answers,
        respondent=Respondent(**{f: _str(rs, f, source, "respondent") for f in ("name", "position", "phone", "email")}),
        status=status,
        revision=revision,
        uid=_str(p, "uid", source, ""),
        created_at=_str(p, "created_at", source, ""),
        finalised_at=_str(p, "finalised_at", source, ""),
        content_hash=_str(p, "content_hash", source, ""),
        profile=_profile(p.get("profile"), source),
    )
    if not data.framework_id:
        raise _err(source, "framework.id", "thiếu mã bộ tiêu chí", "missing framework id")
    if not data.agency.name:
        raise _err(source, "agency.name", "thiếu tên cơ quan", "missing agency name")
    return data


def _profile(raw: Any, source: str) -> AgencyProfile:
    if raw is None:
        return AgencyProfile()
    pr = _obj(raw, source, "profile")
    recipients = pr.get("recipients") or []
    if not isinstance(recipients, list) or len(recipients) > 50 or not all(isinstance(r, str) for r in recipients):
        raise _err(source, "profile.recipients", "danh sách nơi nhận không hợp lệ", "invalid list of recipients")
    if any(len(r) > 300 for r in recipients):
        raise _err(source, "profile.recipients", "tên nơi nhận quá dài (tối đa 300 ký tự)",
                   "a recipient is too long (at most 300 characters)")
    return AgencyProfile(recipients=tuple(nfc(r) for r in recipients),
                         **{f: _str(pr, f, source, "profile", 300) for f in PROFILE_TEXT})


def upgrade(payload: Any, source: str = "<data>") -> Any:
    """The payload migrated to FORMAT_VERSION through the chain of upgraders."""
    if not isinstance(payload, dict):
        return payload
    fv = payload.get("format_version")
    while isinstance(fv, int) and not isinstance(fv, bool) and fv < FORMAT_VERSION:
        step = UPGRADERS.get(fv)
        if step is None:
            raise _err(source, "format_version", f"định dạng {fv} quá cũ, không đọc được",
                       f"format {fv} is too old to be read")
        payload = step(dict(payload))
        payload["format_version"] = fv = fv + 1
    return payload


def parse(raw: bytes, source: str = "<data>") -> Any:
    """The JSON of an assessment file, every number, level and text bounded (untrusted.load_json)."""
    if len(raw) > MAX_BYTES:
        raise _err(source, "", "tệp quá lớn", "file too large")
    return untrusted.load_json(raw, source)


def loads(raw: bytes, source: str = "<data>", verify: bool = True) -> AssessmentData:
    return from_parsed(parse(raw, source), source, verify)


def from_parsed(payload: Any, source: str = "<data>", verify: bool = True) -> AssessmentData:
    """An assessment from what `parse` returned (already bounded); the hash checked if `verify`."""
    return verified(payload, source)[0] if verify else _from_bounded(upgrade(payload, source), source)


def verified(payload: Any, source: str = "<data>") -> tuple[AssessmentData, bytes]:
    """from_parsed with the hash checked, and the canonical bytes it was checked on (what a
    signature covers: the importer verifies the signature on the same bytes)."""
    data = _from_bounded(upgrade(payload, source), source)
    canonical = canonical_bytes(payload)
    if data.content_hash and sha256_hex(canonical) != data.content_hash:
        raise _err(source, "content_hash",
                   "dữ liệu không khớp mã băm: tệp đã bị sửa sau khi xuất",
                   "the data does not match its hash: the file was altered after export")
    return data, canonical


def read(path: str | Path, verify: bool = True) -> AssessmentData:
    path = Path(path)
    return loads(untrusted.read_file(path, MAX_BYTES), path.name, verify)
