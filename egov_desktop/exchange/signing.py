"""Ed25519 signatures on assessment files: the agency's key and the signatures it makes.

The agency creates one key in the program; the private part stays in the data folder
(`keys/agency-ed25519.pem`, PKCS#8, encrypted when a passphrase is given), the public part is
exported as a small JSON file that the province registers for the agency's code. What is
signed is the assessment file's canonical bytes (assessment_file.canonical_bytes: everything
but `content_hash` and `signature`), so a signature survives re-serialisation and covers every
answer.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import untrusted
from ..errors import UserError
from ..i18n import bilingual
from ..paths import data_dir

ALGORITHM = "Ed25519"
PUBLIC_KEY_FORMAT = "egov-public-key"
PRIVATE_KEY_FILE = "agency-ed25519.pem"
PUBLIC_KEY_FILE = "agency-public.egov-key.json"
MAX_KEY_FILE_BYTES = 16 * 1024


@dataclass(frozen=True)
class PublicKey:
    """An agency's public key as exported and registered."""

    key_id: str          # first 16 hex digits of the SHA-256 of the raw key
    public_key: str      # base64 of the 32 raw bytes
    agency_code: str = ""
    agency_name: str = ""


def key_id(raw_public: bytes) -> str:
    return hashlib.sha256(raw_public).hexdigest()[:16]


def keys_dir() -> Path:
    return data_dir() / "keys"


def has_key() -> bool:
    return (keys_dir() / PRIVATE_KEY_FILE).is_file()


def key_is_protected() -> bool:
    """Whether this agency's private key needs a passphrase (so a caller knows to ask for one)."""
    try:
        return b"ENCRYPTED" in (keys_dir() / PRIVATE_KEY_FILE).read_bytes()[:64]
    except OSError:
        return False


def create_key(agency_code: str, agency_name: str, passphrase: str | None = None,
               replace: bool = False) -> PublicKey:
    """A new key pair for this agency; the private key never leaves the data folder."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    folder = keys_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / PRIVATE_KEY_FILE
    if target.exists() and not replace:
        raise UserError(bilingual("Đã có khoá ký; dùng --replace để tạo khoá mới (khoá cũ sẽ mất)"), str(target))
    private = Ed25519PrivateKey.generate()
    encryption = (serialization.BestAvailableEncryption(passphrase.encode("utf-8")) if passphrase
                  else serialization.NoEncryption())
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    tmp = target.with_name(target.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # readable by the owner only
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    tmp.replace(target)
    public = _public_of(private, agency_code, agency_name)
    (folder / PUBLIC_KEY_FILE).write_bytes(dump_public(public))
    return public


def _public_of(private, agency_code: str, agency_name: str) -> PublicKey:
    from cryptography.hazmat.primitives import serialization

    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PublicKey(key_id(raw), base64.b64encode(raw).decode("ascii"), agency_code, agency_name)


def load_private_key(passphrase: str | None = None):
    from cryptography.hazmat.primitives import serialization

    path = keys_dir() / PRIVATE_KEY_FILE
    try:
        pem = path.read_bytes()
    except OSError:
        raise UserError(bilingual("Chưa có khoá ký; hãy tạo khoá trước (egov-desktop keys create)"), str(path)) from None
    try:
        return serialization.load_pem_private_key(pem, passphrase.encode("utf-8") if passphrase else None)
    except TypeError:
        raise UserError(bilingual("Khoá ký được bảo vệ bằng mật khẩu; hãy nhập mật khẩu"), str(path)) from None
    except ValueError:
        raise UserError(bilingual("Sai mật khẩu hoặc tệp khoá bị hỏng"), str(path)) from None


def own_public_key() -> PublicKey:
    return read_public(keys_dir() / PUBLIC_KEY_FILE)


def dump_public(k: PublicKey) -> bytes:
    return json.dumps({"format": PUBLIC_KEY_FORMAT, "format_version": 1, "algorithm": ALGORITHM,
                       "key_id": k.key_id, "public_key": k.public_key,
                       "agency": {"code": k.agency_code, "name": k.agency_name}},
                      ensure_ascii=False, indent=1).encode("utf-8")


def read_public(path: str | Path) -> PublicKey:
    """A public key file as exported by `keys export-public`; UserError names the file."""
    path = Path(path)
    raw = untrusted.read_file(path, MAX_KEY_FILE_BYTES)
    try:
        d = untrusted.load_json(raw, path.name, max_depth=8)
    except UserError:
        raise UserError(bilingual("Không phải tệp khoá công khai egov-desktop"), path.name) from None
    if not isinstance(d, dict) or d.get("format") != PUBLIC_KEY_FORMAT or d.get("algorithm") != ALGORITHM:
        raise UserError(bilingual("Không phải tệp khoá công khai egov-desktop"), path.name)
    raw = _raw_public(d.get("public_key"))
    if raw is None:
        raise UserError(bilingual("Khoá công khai không hợp lệ"), path.name, "public_key")
    agency = d.get("agency") if isinstance(d.get("agency"), dict) else {}
    return PublicKey(key_id(raw), base64.b64encode(raw).decode("ascii"),
                     str(agency.get("code") or "")[:64], str(agency.get("name") or "")[:300])


def _raw_public(b64: Any) -> bytes | None:
    if not isinstance(b64, str) or len(b64) > 100:
        return None
    try:
        raw = base64.b64decode(b64, validate=True)
    except ValueError:
        return None
    return raw if len(raw) == 32 else None


def sign(canonical: bytes, private) -> dict[str, Any]:
    """The signature block of an assessment file (goes in its `signature` field or the PDF manifest)."""
    public = _public_of(private, "", "")
    return {"algorithm": ALGORITHM, "key_id": public.key_id, "public_key": public.public_key,
            "value": base64.b64encode(private.sign(canonical)).decode("ascii")}


# Outcome of checking a signature against the keys the province registered for the agency
VERIFIED, UNSIGNED, UNREGISTERED, INVALID = "verified", "unsigned", "unregistered", "invalid"


def verify(canonical: bytes, signature: dict[str, Any] | None, registered: list[str]) -> str:
    """VERIFIED by a registered key, UNSIGNED, UNREGISTERED (valid but by a key not registered
    for the agency) or INVALID (the data does not match the signature, or it is malformed)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if signature is None:
        return UNSIGNED
    if not isinstance(signature, dict) or signature.get("algorithm") != ALGORITHM:
        return INVALID
    raw = _raw_public(signature.get("public_key"))
    value = signature.get("value")
    if raw is None or not isinstance(value, str) or len(value) > 200:
        return INVALID
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(base64.b64decode(value, validate=True), canonical)
    except (InvalidSignature, ValueError):
        return INVALID
    return VERIFIED if base64.b64encode(raw).decode("ascii") in registered else UNREGISTERED


def signed_file_bytes(data, private=None) -> bytes:
    """The assessment file of `data`, with its signature in the `signature` field when a key is given."""
    from . import assessment_file

    payload = assessment_file.to_payload(data)
    if private is not None:
        payload["signature"] = sign(assessment_file.canonical_bytes(payload), private)
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
