"""Read a framework file (YAML or JSON) safely and build it with the scoring engine.

Untrusted files: only a regular file is read, its size is limited, YAML anchors, aliases and
merge keys are refused (they are how a "billion laughs" file expands), so is deep nesting, only
plain data types are constructed (safe loader), dates must exist, integers are bounded, and
every problem is reported with the file and the place.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from scoring import Framework, FrameworkError, FrameworkProblem, Text, build_framework

from .. import untrusted
from ..errors import UserError
from .limits import MAX_FRAMEWORK_BYTES

MAX_YAML_DEPTH = 32
MAX_INT_DIGITS = untrusted.MAX_INT_DIGITS


def _fail(source: str, where: str, vi: str, en: str) -> FrameworkError:
    return FrameworkError([FrameworkProblem(source, where, "", Text(vi, en))])


def _at(source: str, mark, vi: str, en: str) -> FrameworkError:
    where = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""
    return _fail(source, where, vi, en)


@functools.cache
def _loader():
    """The safe loader, refusing (with the place) what it would build by failing or without bound:
    dates that do not exist (2025-02-30) and integers of any size. Made (and PyYAML imported, about
    20 ms) when a YAML file is first read: a framework kept in the parsed cache needs neither."""
    import yaml

    class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's is 5× faster; both build plain data only
        source = "<text>"

        def construct_yaml_timestamp(self, node):
            try:
                return super().construct_yaml_timestamp(node)
            except (ValueError, OverflowError):
                raise _at(self.source, node.start_mark, f"ngày không tồn tại «{node.value[:40]}»",
                          f"no such date '{node.value[:40]}'") from None

        def construct_yaml_int(self, node):
            if len(node.value.lstrip("+-").replace("_", "")) > MAX_INT_DIGITS:
                raise _at(self.source, node.start_mark, f"số quá lớn (tối đa {MAX_INT_DIGITS} chữ số)",
                          f"number too large (at most {MAX_INT_DIGITS} digits)")
            try:
                return super().construct_yaml_int(node)
            except ValueError:
                raise _at(self.source, node.start_mark, "số không hợp lệ", "invalid number") from None

    _Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
    _Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
    return _Loader


def _check_events(text: str, source: str) -> None:
    """Refuse YAML anchors, aliases and merge keys (`<<: *b`): a "billion laughs" file shares one
    node many times over, which explodes as soon as anything walks it; and nesting deeper than
    MAX_YAML_DEPTH (the loader recurses). Read as events, before anything is built."""
    import yaml

    depth = 0
    for ev in yaml.parse(text, Loader=_loader()):
        if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
            raise _at(source, ev.start_mark, "Không được dùng neo và bí danh YAML (&, *, <<) trong bộ tiêu chí",
                      "YAML anchors and aliases (&, *, <<) are not allowed in a framework file")
        if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise _at(source, ev.start_mark, f"lồng nhau quá sâu (tối đa {MAX_YAML_DEPTH} tầng)",
                          f"nested too deeply (at most {MAX_YAML_DEPTH} levels)")
        elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def parse_yaml(text: str, source: str) -> Any:
    import yaml

    try:
        _check_events(text, source)
        loader = _loader()(text)
        loader.source = source
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
        untrusted.check_tree(data, source, MAX_YAML_DEPTH)
        return data
    except UserError as e:
        raise _fail(source, e.where or "", e.message.vi, e.message.en) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""
        where_en = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = (e.problem or e.context or "").strip()
        raise FrameworkError([FrameworkProblem(source, where, "", Text(
            f"Lỗi cú pháp YAML: {problem}", f"YAML syntax error at {where_en}: {problem}"))]) from None
    except yaml.YAMLError as e:
        raise _fail(source, "", f"Lỗi cú pháp YAML: {e}", f"YAML syntax error: {e}") from None
    except RecursionError:
        raise _fail(source, "", "lồng nhau quá sâu", "nested too deeply") from None


def load_framework_text(text: str, source: str = "<text>") -> Framework:
    return build_framework(parse_yaml(text, source), source)


def load_framework_file(path: str | Path) -> Framework:
    """A Framework from a .yaml/.yml/.json file; FrameworkError names the file and every place."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from .xlsform import load_framework_workbook  # openpyxl only when needed
        return load_framework_workbook(path)
    return build_framework(read_framework_data(path), path.name)


def read_framework_data(path: Path) -> Any:
    """The plain data of a .yaml/.yml/.json framework file, read and checked as above (not built)."""
    source = path.name
    try:
        data = untrusted.read_file(path, MAX_FRAMEWORK_BYTES)
    except UserError as e:
        raise _fail(source, e.where or "", e.message.vi, e.message.en) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _fail(source, f"byte {e.start}", "Tệp không phải văn bản UTF-8",
                    "The file is not UTF-8 text") from None
    return parse_yaml(text, source)
