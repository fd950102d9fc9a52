"""Read a framework file (YAML or JSON) safely and build it with the scoring engine.

Untrusted files: the size is limited, YAML anchors and aliases are refused (they are how a
"billion laughs" file expands), only plain data types are constructed (safe loader), and every
problem is reported with the file and the place.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from scoring import Framework, FrameworkError, FrameworkProblem, Text, build_framework

MAX_FRAMEWORK_BYTES = 5 * 1024 * 1024


# libyaml's loader is 5× faster than the pure-Python one; both construct plain data only.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_aliases(data: Any, source: str) -> None:
    """Refuse YAML aliases: a "billion laughs" file shares one list many times over, which
    explodes as soon as anything walks it. An alias shows up as a container met twice."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                raise _fail(source, "", "Không được dùng neo và bí danh YAML (&, *) trong bộ tiêu chí",
                            "YAML anchors and aliases (&, *) are not allowed in a framework file")
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)


def _fail(source: str, where: str, vi: str, en: str) -> FrameworkError:
    return FrameworkError([FrameworkProblem(source, where, "", Text(vi, en))])


def parse_yaml(text: str, source: str) -> Any:
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
        _refuse_aliases(data, source)
        return data
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""
        where_en = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = (e.problem or e.context or "").strip()
        raise FrameworkError([FrameworkProblem(source, where, "", Text(
            f"Lỗi cú pháp YAML: {problem}", f"YAML syntax error at {where_en}: {problem}"))]) from None
    except yaml.YAMLError as e:
        raise _fail(source, "", f"Lỗi cú pháp YAML: {e}", f"YAML syntax error: {e}") from None


def load_framework_text(text: str, source: str = "<text>") -> Framework:
    return build_framework(parse_yaml(text, source), source)


def load_framework_file(path: str | Path) -> Framework:
    """A Framework from a .yaml/.yml/.json file; FrameworkError names the file and every place."""
    path = Path(path)
    source = path.name
    if path.suffix.lower() == ".xlsx":
        from .xlsform import load_framework_workbook  # openpyxl only when needed
        return load_framework_workbook(path)
    try:
        size = path.stat().st_size
        if size > MAX_FRAMEWORK_BYTES:
            raise _fail(source, "", f"Tệp quá lớn ({size // 1024} KB; tối đa {MAX_FRAMEWORK_BYTES // 1024} KB)",
                        f"File too large ({size // 1024} KB; at most {MAX_FRAMEWORK_BYTES // 1024} KB)")
        data = path.read_bytes()
    except OSError as e:
        raise _fail(source, "", f"Không đọc được tệp: {e.strerror}", f"Cannot read the file: {e.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _fail(source, f"byte {e.start}", "Tệp không phải văn bản UTF-8",
                    "The file is not UTF-8 text") from None
    return build_framework(parse_yaml(text, source), source)
