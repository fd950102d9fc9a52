"""Helpers shared by the tests of the framework index and of the parsed cache."""
from __future__ import annotations

import importlib
import json

from hypothesis import strategies as st

from egov_desktop.frameworks import index
from egov_desktop.frameworks.registry import FrameworkRegistry

registry_module = importlib.import_module("egov_desktop.frameworks.registry")  # the package's name is the instance


def registry_in(tmp_path, folder) -> FrameworkRegistry:
    """A registry of one folder, its index (and parsed cache) in tmp_path: a program's data folder."""
    return FrameworkRegistry([(folder, False)], index_path=tmp_path / index.FILE_NAME)


def refuse_reading(monkeypatch) -> None:
    """From now on, fail the test if any framework file is read and built."""
    def refuse(path):
        raise AssertionError(f"{path} was read")
    monkeypatch.setattr(registry_module, "load_framework_file", refuse)
    monkeypatch.setattr(registry_module, "read_framework_data", refuse)


# What a damaged JSON file may hold: any bytes, or any JSON value
damaged_json = st.one_of(
    st.binary(max_size=200),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                 lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                 max_leaves=12).map(lambda v: json.dumps(v).encode()),
)
