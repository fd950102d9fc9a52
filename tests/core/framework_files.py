"""Helpers shared by the tests of the framework index and of the parsed cache."""
from __future__ import annotations

import importlib

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
