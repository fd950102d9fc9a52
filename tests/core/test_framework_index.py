"""The cached index of the framework files (frameworks/index.py): lists come from it without
reading the files, a changed file is read again, a broken index is ignored and rebuilt."""
from __future__ import annotations

import copy
import json
import os

from hypothesis import HealthCheck, given, settings

from egov_desktop.frameworks import index
from egov_desktop.frameworks.registry import FrameworkRegistry, registry

from tests.core.exchange_samples import FRAMEWORK
from tests.core.framework_files import damaged_json, refuse_reading, registry_in


def _folder(tmp_path, **changes):
    folder = tmp_path / "frameworks"
    folder.mkdir(exist_ok=True)
    for name, data in {"xa-thu.yaml": FRAMEWORK, **changes}.items():
        (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder




def test_a_second_start_lists_the_frameworks_from_the_index_without_reading_a_file(tmp_path, monkeypatch):
    second = copy.deepcopy(FRAMEWORK)
    second["version"] = "2026.1"
    folder = _folder(tmp_path, **{"xa-thu@2026.1.yaml": second})
    first = registry_in(tmp_path, folder).list()
    assert [(i.id, i.version) for i in first] == [("xa-thu", "2025.1"), ("xa-thu", "2026.1")]
    assert (tmp_path / index.FILE_NAME).is_file()
    refuse_reading(monkeypatch)
    again = registry_in(tmp_path, folder)  # a new process: nothing in memory
    assert again.list() == first
    assert [i.version for i in again.current()] == ["2026.1"]


def test_a_changed_file_is_read_again(tmp_path):
    folder = _folder(tmp_path)
    assert registry_in(tmp_path, folder).list()[0].title_vi == FRAMEWORK["title"]["vi"]
    edited = copy.deepcopy(FRAMEWORK)
    edited["title"]["vi"] = "Tên mới, dài hơn trước"
    path = folder / "xa-thu.yaml"
    stamp = path.stat().st_mtime_ns
    path.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    os.utime(path, ns=(stamp + 10**9, stamp + 10**9))  # a later time even on a coarse clock
    fresh = registry_in(tmp_path, folder)
    assert fresh.list()[0].title_vi == "Tên mới, dài hơn trước"
    assert fresh.get("xa-thu").title.vi == "Tên mới, dài hơn trước"
    stored = index.read(tmp_path / index.FILE_NAME)
    assert stored[str(path)].title_vi == "Tên mới, dài hơn trước"  # the index was rewritten


def test_a_file_that_breaks_or_goes_is_left_out_and_a_new_one_comes_in(tmp_path):
    folder = _folder(tmp_path)
    assert [i.id for i in registry_in(tmp_path, folder).list()] == ["xa-thu"]
    (folder / "xa-thu.yaml").write_text("id: [unclosed", encoding="utf-8")
    other = copy.deepcopy(FRAMEWORK)
    other["id"] = "xa-khac"
    (folder / "xa-khac.yaml").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    reg = registry_in(tmp_path, folder)
    assert [i.id for i in reg.list()] == ["xa-khac"]
    (folder / "xa-khac.yaml").unlink()
    assert registry_in(tmp_path, folder).list() == []
    assert index.read(tmp_path / index.FILE_NAME).keys() == {str(folder / "xa-thu.yaml")}  # kept, as broken


def test_forget_reads_every_file_again_even_with_the_same_time_and_size(tmp_path):
    """An edit in place within the clock's step and of the same length (a number of points) keeps the
    stamp: after forget() (what installing and removing call) the file is read again."""
    folder = _folder(tmp_path)
    reg = registry_in(tmp_path, folder)
    original = reg.get("xa-thu").content_hash
    assert reg.list()[0].content_hash == original
    path = folder / "xa-thu.yaml"
    st = path.stat()
    edited = copy.deepcopy(FRAMEWORK)
    edited["pillars"][0]["indicators"][1]["scoring"]["max_points"] = 100  # 200 → 100, the same length
    path.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    reg.forget()
    assert reg.list()[0].content_hash == reg.get("xa-thu").content_hash != original


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damaged_json)
def test_a_broken_index_file_is_ignored_and_rebuilt(tmp_path, content):
    folder = tmp_path / "frameworks"
    if not folder.is_dir():
        _folder(tmp_path)
    truth = FrameworkRegistry([(folder, False)]).list()
    (tmp_path / index.FILE_NAME).write_bytes(content)
    assert registry_in(tmp_path, folder).list() == truth
    assert list(index.read(tmp_path / index.FILE_NAME)) == [str(folder / "xa-thu.yaml")]


def test_a_damaged_entry_of_a_well_formed_index_is_not_trusted(tmp_path):
    folder = _folder(tmp_path)
    truth = registry_in(tmp_path, folder).list()
    raw = json.loads((tmp_path / index.FILE_NAME).read_text(encoding="utf-8"))
    entry = raw["files"][str(folder / "xa-thu.yaml")]
    for damage in ({"indicators": "5"}, {"levels": "commune"}, {"stamp": [1]}, {"extra": 1}):
        (tmp_path / index.FILE_NAME).write_text(json.dumps({**raw, "files": {str(folder / "xa-thu.yaml"):
                                                                             {**entry, **damage}}}), encoding="utf-8")
        assert registry_in(tmp_path, folder).list() == truth


def test_an_index_that_cannot_be_written_is_not_kept(tmp_path):
    folder = _folder(tmp_path)
    reg = FrameworkRegistry([(folder, False)], index_path=tmp_path / "no such folder" / "x" / index.FILE_NAME)
    (tmp_path / "no such folder").write_text("a file where the folder would be")
    assert [i.id for i in reg.list()] == ["xa-thu"]


def test_the_program_keeps_its_index_in_the_data_folder(_isolated_data_dir):
    assert registry.index_path() == _isolated_data_dir / index.FILE_NAME
    builtin = registry.list()
    stored = index.read(_isolated_data_dir / index.FILE_NAME)
    assert {(e.id, e.version) for e in stored.values()} >= {(i.id, i.version) for i in builtin}
