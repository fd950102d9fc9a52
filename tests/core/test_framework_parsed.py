"""The parsed cache of the framework files (frameworks/parsed.py): a framework is built from it
without PyYAML or the file, gives the same hashes, and a stale or damaged entry is ignored."""
from __future__ import annotations

import copy
import datetime as dt
import json
import os
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egov_desktop import untrusted
from egov_desktop.frameworks import parsed
from egov_desktop.frameworks.loader import load_framework_file
from tests.core.exchange_samples import FRAMEWORK
from tests.core.framework_files import damaged_json, refuse_reading, registry_in

YAML_WITH_DATES = "period: {from: 2025-07-01, to: 2026-06-30}\n"  # dates, as the built-in files have


def _yaml_text(data) -> str:
    """The sample as block YAML with real dates (the JSON sample has none)."""
    import yaml

    return YAML_WITH_DATES + yaml.safe_dump({k: v for k, v in data.items() if k != "period"},
                                            allow_unicode=True, sort_keys=False)


def _write(tmp_path, data=FRAMEWORK):
    folder = tmp_path / "frameworks"
    folder.mkdir(exist_ok=True)
    path = folder / "xa-thu.yaml"
    path.write_text(_yaml_text(data), encoding="utf-8")
    return folder, path



def _hashes(fw):
    return fw.content_hash, fw.legacy_hash, fw.period_from, fw.period_to, list(fw.indicators)



def test_a_second_start_builds_the_framework_from_the_cache_with_the_same_hashes(tmp_path, monkeypatch):
    folder, path = _write(tmp_path)
    truth = load_framework_file(path)
    assert truth.period_from == "2025-07-01"  # the dates came in as dates and were kept
    assert _hashes(registry_in(tmp_path, folder).get("xa-thu")) == _hashes(truth)
    assert parsed.entry_path(tmp_path / parsed.FOLDER, path).is_file()
    refuse_reading(monkeypatch)
    import scoring.framework

    def recomputed(*_):
        raise AssertionError("the hashes kept with the entry are worked out again")

    monkeypatch.setattr(scoring.framework, "meaning_hash", recomputed)
    monkeypatch.setattr(scoring.framework, "content_hash", recomputed)
    assert _hashes(registry_in(tmp_path, folder).get("xa-thu")) == _hashes(truth)  # a new process


def test_hashes_kept_under_another_scheme_are_worked_out_again_and_kept_anew(tmp_path, monkeypatch):
    import scoring.framework

    folder, path = _write(tmp_path)
    truth = _hashes(load_framework_file(path))
    registry_in(tmp_path, folder).get("xa-thu")
    entry = parsed.entry_path(tmp_path / parsed.FOLDER, path)
    raw = json.loads(entry.read_text(encoding="utf-8"))
    assert raw["hashes"] == [scoring.framework.HASHES, truth[1], truth[0]]
    raw["hashes"] = [scoring.framework.HASHES - 1, "0" * 64, "1" * 64]  # what an earlier scheme gave
    entry.write_text(json.dumps(raw), encoding="utf-8")
    assert _hashes(registry_in(tmp_path, folder).get("xa-thu")) == truth
    assert json.loads(entry.read_text(encoding="utf-8"))["hashes"] == [scoring.framework.HASHES, truth[1], truth[0]]


def test_a_changed_file_is_parsed_again(tmp_path):
    folder, path = _write(tmp_path)
    registry_in(tmp_path, folder).get("xa-thu")
    edited = copy.deepcopy(FRAMEWORK)
    edited["title"]["vi"] = "Tên mới, dài hơn trước"
    stamp = path.stat().st_mtime_ns
    path.write_text(_yaml_text(edited), encoding="utf-8")
    os.utime(path, ns=(stamp + 10**9, stamp + 10**9))
    assert registry_in(tmp_path, folder).get("xa-thu").title.vi == "Tên mới, dài hơn trước"
    assert registry_in(tmp_path, folder).get("xa-thu").title.vi == "Tên mới, dài hơn trước"  # the entry rewritten


def test_forget_parses_the_file_again_even_with_the_same_time_and_size(tmp_path):
    folder, path = _write(tmp_path)
    reg = registry_in(tmp_path, folder)
    original = reg.get("xa-thu").content_hash
    st_ = path.stat()
    edited = copy.deepcopy(FRAMEWORK)
    edited["pillars"][0]["indicators"][1]["scoring"]["max_points"] = 100  # 200 → 100, the same length
    path.write_text(_yaml_text(edited), encoding="utf-8")
    os.utime(path, ns=(st_.st_atime_ns, st_.st_mtime_ns))
    assert path.stat().st_size == st_.st_size
    reg.forget()
    assert reg.get("xa-thu").content_hash == load_framework_file(path).content_hash != original


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damaged_json | st.sampled_from(["format", "path", "stamp", "data", "hashes"]))
def test_a_damaged_entry_is_ignored(tmp_path, damage):
    folder, path = _write(tmp_path)
    truth = _hashes(load_framework_file(path))
    registry_in(tmp_path, folder).get("xa-thu")
    entry = parsed.entry_path(tmp_path / parsed.FOLDER, path)
    if isinstance(damage, str):  # a well-formed entry with one field wrong
        raw = json.loads(entry.read_text(encoding="utf-8"))
        raw[damage] = {"format": 2, "path": "other.yaml", "stamp": "1:2", "data": [[[[]]]], "hashes": ["x", 1]}[damage]
        damage = json.dumps(raw).encode()
    entry.write_bytes(damage)
    assert _hashes(registry_in(tmp_path, folder).get("xa-thu")) == truth


def test_data_json_cannot_give_back_exactly_is_not_kept(tmp_path):
    path = tmp_path / "f.yaml"
    for data in ({1: "a"}, {"a": {"__date__": "2025-01-01"}}, {"a": float("nan")}, {"a": (1, 2)}):
        parsed.write(tmp_path, path, (1, 2), data)
        assert not parsed.entry_path(tmp_path, path).exists()
    kept = {"a": [dt.date(2025, 7, 1), dt.datetime(2025, 7, 1, 8, 30, tzinfo=dt.timezone.utc), 1, 1.5, True, None]}
    parsed.write(tmp_path, path, (1, 2), kept)
    back, hashes = parsed.read(tmp_path, path, (1, 2))
    assert back == kept and [type(x) for x in back["a"]] == [type(x) for x in kept["a"]] and hashes is None
    parsed.write(tmp_path, path, (1, 2), kept, ("a" * 64, "b" * 64))
    assert parsed.read(tmp_path, path, (1, 2)) == (kept, ("a" * 64, "b" * 64))
    assert parsed.read(tmp_path, path, (1, 3)) is None
    entry = parsed.entry_path(tmp_path, path)
    for bad in ("1" * (untrusted.MAX_INT_DIGITS + 1), "NaN", "[" * 40 + "]" * 40, '"\\ud800"'):
        entry.write_text(entry.read_text(encoding="utf-8").replace('"data":', f'"data":{{"x":{bad}}},"_":', 1),
                         encoding="utf-8")
        assert parsed.read(tmp_path, path, (1, 2)) is None, bad
        parsed.write(tmp_path, path, (1, 2), kept)


def test_opening_the_built_in_framework_a_second_time_imports_no_yaml(_isolated_data_dir):
    code = ("import sys\nfrom egov_desktop.frameworks import registry\n"
            "fw = registry.get('xa-2025')\nprint(fw.content_hash, fw.legacy_hash, 'yaml' in sys.modules)\n")
    env = dict(os.environ, EGOV_DESKTOP_DATA_DIR=str(_isolated_data_dir))
    first, second = (subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                    check=True).stdout.split() for _ in range(2))
    assert first[2] == "True" and second[2] == "False"
    assert first[:2] == second[:2]
