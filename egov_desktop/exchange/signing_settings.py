"""Where the agency's signing certificate is, and which roots the province trusts: one small
JSON file in the data folder (`signing.json`), edited in the GUI's Settings dialog and read by
the CLI (whose options override it for one run).

    {"pkcs11_module": "C:\\\\Windows\\\\System32\\\\vnpt-ca_v34.dll", "token_label": "…",
     "key_label": "…", "p12_file": "", "trusted_roots": "D:\\\\chung-thu-goc"}

Nothing is assumed: the token driver (a .dll on Windows, a .so elsewhere) is the file the
user chose. Without a `trusted_roots` folder, the province trusts the certificates in
`<data folder>/trusted-roots/`.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from ..paths import data_dir

FILE = "signing.json"
DEFAULT_ROOTS_FOLDER = "trusted-roots"


@dataclass(frozen=True)
class SigningSettings:
    pkcs11_module: str = ""      # the token's PKCS#11 driver
    token_label: str = ""        # which token (empty: the first one found)
    key_label: str = ""          # which key on it (its certificate has the same label)
    p12_file: str = ""           # or a .p12/.pfx file instead of a token
    trusted_roots: str = ""      # province: folder of trusted root certificates

    def roots_folder(self) -> Path:
        return Path(self.trusted_roots) if self.trusted_roots else data_dir() / DEFAULT_ROOTS_FOLDER

    def with_(self, **changes) -> SigningSettings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load() -> SigningSettings:
    """The saved settings; defaults when there are none or the file is unreadable."""
    try:
        d = json.loads((data_dir() / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return SigningSettings()
    if not isinstance(d, dict):
        return SigningSettings()
    known = {f.name for f in fields(SigningSettings)}
    return SigningSettings(**{k: str(v) for k, v in d.items() if k in known and isinstance(v, str)})


def save(settings: SigningSettings) -> Path:
    path = data_dir() / FILE
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path
