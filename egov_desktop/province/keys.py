"""Public keys the province registered per agency code (the agencies' Ed25519 keys)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..errors import UserError
from ..exchange import signing
from ..i18n import bilingual
from .models import AgencyKeyRow
from .store import ProvinceStore, utc_now


@dataclass(frozen=True)
class RegisteredKey:
    agency_code: str
    agency_name: str
    key_id: str
    registered_at: str


def register(store: ProvinceStore, path: str | Path, agency_code: str | None = None) -> RegisteredKey:
    """Register the public key in `path` (as exported by the agency) for its agency code."""
    key = signing.read_public(path)
    code = (agency_code or key.agency_code).strip()
    if not code:
        raise UserError(bilingual("Tệp khoá không ghi mã cơ quan; hãy cho biết mã (--agency)"), Path(path).name)
    with store.write() as s:
        row = s.scalar(select(AgencyKeyRow).where(AgencyKeyRow.agency_code == code,
                                                  AgencyKeyRow.key_id == key.key_id))
        if row is None:
            row = AgencyKeyRow(agency_code=code, agency_name=key.agency_name, key_id=key.key_id,
                               public_key=key.public_key, registered_at=utc_now())
            s.add(row)
        return RegisteredKey(row.agency_code, row.agency_name, row.key_id, row.registered_at)


def list_keys(store: ProvinceStore) -> list[RegisteredKey]:
    with store.read() as s:
        rows = s.scalars(select(AgencyKeyRow).order_by(AgencyKeyRow.agency_code, AgencyKeyRow.id))
        return [RegisteredKey(r.agency_code, r.agency_name, r.key_id, r.registered_at) for r in rows]


def public_keys_by_agency(store: ProvinceStore) -> dict[str, list[str]]:
    """{agency code: [base64 public keys]}: what the importer verifies signatures against."""
    out: dict[str, list[str]] = {}
    with store.read() as s:
        for code, pk in s.execute(select(AgencyKeyRow.agency_code, AgencyKeyRow.public_key)):
            out.setdefault(code, []).append(pk)
    return out
