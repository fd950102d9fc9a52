"""A framework's two hashes may be given to build_framework by a cache that kept them (the
parsed cache of the framework files): a build with them is the build without, and the scheme
they are kept under changes with the functions that make them."""
import inspect

import pytest

from egov_desktop.frameworks import registry
from scoring import framework
from scoring.digest import sha256_hex


@pytest.mark.parametrize("info", registry.list(), ids=lambda i: f"{i.id}@{i.version}")
def test_a_build_given_its_hashes_is_the_build_that_works_them_out(info):
    from pathlib import Path

    from egov_desktop.frameworks.loader import read_framework_data

    data = read_framework_data(Path(info.path))
    fw = framework.build_framework(data, "f.yaml")
    again = framework.build_framework(data, "f.yaml", (fw.legacy_hash, fw.content_hash))
    # compared by meaning: two builds compile their rules into distinct (equal-sourced) expressions
    assert framework._meaning(again) == framework._meaning(fw)
    assert (again.content_hash, again.legacy_hash) == (fw.content_hash, fw.legacy_hash)


def test_the_hash_functions_are_those_of_the_scheme_the_cache_keeps_their_hashes_under():
    """Failing here means content_hash, _meaning or meaning_hash changed: raise
    scoring.framework.HASHES, so that hashes kept by an earlier scheme are worked out again, and
    write down the new fingerprint."""
    source = "".join(inspect.getsource(f) for f in (framework.content_hash, framework._meaning, framework.meaning_hash))
    assert (framework.HASHES, sha256_hex(source.encode())[:16]) == (1, "717d205e24457e6d")

