"""Fixtures shared by the core tests."""
from __future__ import annotations

import pytest

from egov_desktop.province.store import open_store
from tests.core.exchange_samples import install_framework


@pytest.fixture()
def store():
    """A fresh province store (the default URL in the test's data folder) with the sample
    framework installed. Test files that need another store define their own `store`."""
    install_framework()
    s = open_store()
    yield s
    s.close()
