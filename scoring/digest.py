"""SHA-256 as hex text: the hashes of frameworks, assessment files and cache entries.

`import hashlib` loads OpenSSL's libcrypto as well (4–5 ms of every start on this machine, on
the way to an assessment opened at once: docs/performance.md, GUI); the interpreter's own
SHA-256 module gives the same digest without it. hashlib is the fallback for an interpreter
built without that module.
"""
from __future__ import annotations

try:
    from _sha2 import sha256  # Python 3.12 and later
except ImportError:
    try:
        from _sha256 import sha256  # Python 3.10 and 3.11
    except ImportError:
        from hashlib import sha256


def sha256_hex(data: bytes) -> str:
    return sha256(data).hexdigest()
