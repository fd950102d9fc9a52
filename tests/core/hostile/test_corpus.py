"""Every file in corpus/ (hostile cases, and what the fuzz tests found) through every importer
it fits: refused or read, never a traceback; and the ones named `refuse-*` are never accepted."""
from __future__ import annotations

import pytest

from tests.core.exchange_samples import install_framework
from tests.core.hostile import samples as S

FILES = sorted(p for p in S.CORPUS.iterdir() if p.is_file() and p.suffix != ".md") if S.CORPUS.is_dir() else []


@pytest.mark.timeout(60)
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file(path):
    install_framework()
    for name, call in S.readers(path):
        if path.name.startswith("refuse-"):
            e = S.refused(call, f"{path.name} by {name}")
            assert S.names_file(e, path.name) and S.bilingual_message(e), (name, e)
        else:
            S.check_reader(call, name)
