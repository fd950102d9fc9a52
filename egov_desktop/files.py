"""Writing a file the user keeps (a report, a ranking, an exported or installed framework) so that
a failure never leaves half of it: written and flushed to disk under a temporary name beside the
target, then renamed over it in one step. A failure is a UserError naming the file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UserError
from .i18n import bilingual


def write_atomically(path: str | os.PathLike, data: bytes) -> Path:
    out = Path(path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
        tmp = None
    except OSError as e:
        raise UserError(bilingual("Không ghi được tệp: {err}", err=e.strerror or str(e)), str(out)) from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return out
