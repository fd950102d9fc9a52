"""Who issued a framework file: the province signs the set it hands out with its Ed25519 key
(the same kind of key an agency signs its assessment files with, exchange/signing.py), and a
commune installing the file sees who issued it.

What is signed is the framework's id, version and content hash (what it means, however the
file spells it), so the signature holds in YAML and in the Excel workbook alike. The block sits
in the file as `issuer: {name, code, signature: {algorithm, public_key, value}}` (YAML) or in the
settings sheet's issuer columns. A key the commune was given by its province (a public key
file in `trusted-keys/` of the data folder) makes the issuer verified; another valid key is
named with its key id so that it can be compared by telephone; an unsigned file is a warning;
a signature that does not match the content is refused.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from scoring import Framework

from ..errors import UserError
from ..i18n import bilingual
from ..paths import data_dir

SIGNED_TEXT = "egov-framework-signature/1"
VERIFIED, SIGNED, UNSIGNED, INVALID = "verified", "signed", "unsigned", "invalid"


@dataclass(frozen=True)
class IssuerCheck:
    state: str            # VERIFIED, SIGNED (valid, key not among the trusted), UNSIGNED, INVALID
    name: str = ""
    code: str = ""
    key_id: str = ""

    def describe(self) -> str:
        """One line for the officer, in the program's language."""
        from ..i18n import tr
        if self.state == UNSIGNED:
            return tr("Cảnh báo: tệp không có chữ ký số của cơ quan ban hành; chỉ cài khi chắc chắn tệp do Sở gửi.")
        if self.state == INVALID:
            return tr("Chữ ký số không khớp với nội dung: tệp đã bị sửa sau khi ký.")
        if self.state == VERIFIED:
            return tr("Ban hành bởi: {name} (chữ ký số hợp lệ, khóa {key} đã được xác nhận).", name=self.name,
                      key=self.key_id)
        return tr("Ban hành bởi: {name} (chữ ký số hợp lệ, khóa {key}: hãy đối chiếu mã khóa với Sở).",
                  name=self.name, key=self.key_id)


def signed_bytes(fw: Framework) -> bytes:
    return f"{SIGNED_TEXT}\n{fw.id}\n{fw.version}\n{fw.content_hash}".encode("utf-8")


def trusted_keys_dir() -> Path:
    return data_dir() / "trusted-keys"


def trusted_keys() -> set[str]:
    """The public keys (base64) of the issuers this PC trusts: key files the province gave it."""
    from ..exchange.signing import read_public

    out = set()
    folder = trusted_keys_dir()
    if folder.is_dir():
        for p in sorted(folder.glob("*.json")):
            try:
                out.add(read_public(p).public_key)
            except UserError:
                continue
    return out


def check(fw: Framework) -> IssuerCheck:
    from ..exchange.signing import ALGORITHM, key_id, verify
    from ..exchange.signing import INVALID as BAD
    from ..exchange.signing import UNSIGNED as NONE

    block = fw.issuer
    if block is None or not block.signature:
        return IssuerCheck(UNSIGNED, block.name if block else "", block.code if block else "")
    signature = {"algorithm": block.algorithm, "public_key": block.public_key, "value": block.signature}
    outcome = verify(signed_bytes(fw), signature, sorted(trusted_keys()))
    if outcome in (BAD, NONE) or block.algorithm != ALGORITHM:
        return IssuerCheck(INVALID, block.name, block.code)
    kid = key_id(base64.b64decode(block.public_key))
    return IssuerCheck(VERIFIED if outcome == "verified" else SIGNED, block.name, block.code, kid)


def refuse_if_altered(fw: Framework, source: str) -> IssuerCheck:
    result = check(fw)
    if result.state == INVALID:
        raise UserError(bilingual("Chữ ký số của bộ tiêu chí không khớp với nội dung: tệp đã bị sửa sau khi "
                                  "ký; hãy xin lại tệp gốc của Sở"), source, "issuer.signature")
    return result


def block_for(fw: Framework, private) -> dict:
    """The `issuer` block that signs `fw` with this PC's key (its agency name and code)."""
    from ..exchange.signing import own_public_key, sign

    public = own_public_key()
    signature = sign(signed_bytes(fw), private)
    return {"name": public.agency_name, "code": public.agency_code,
            "signature": {"algorithm": signature["algorithm"], "public_key": signature["public_key"],
                          "value": signature["value"]}}


