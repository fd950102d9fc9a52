import hashlib

from hypothesis import given
from hypothesis import strategies as st

from scoring import digest


@given(st.binary(max_size=4096))
def test_the_digest_is_hashlibs_sha256(data):
    assert digest.sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_this_interpreter_gives_its_own_sha256_module_so_hashlib_is_not_imported_for_it():
    assert digest.sha256.__module__ in ("_sha2", "_sha256")
