"""Checking a parsed file against a JSON Schema the program ships (resources/schemas/).

The published schema is the contract (docs/formats.md); checking every received file against
it in code keeps reader and contract from drifting apart. Only the keywords those schemas use
are implemented (a small subset of draft 2020-12, see KEYWORDS), so jsonschema stays a test
dependency: a test checks this against jsonschema on random documents, and a schema that
uses any other keyword is refused when it is loaded.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any, Callable

from scoring import Text

from ..errors import UserError
from ..i18n import tr
from ..paths import resource_path

KEYWORDS = {"$schema", "$id", "title", "description", "type", "const", "enum", "required", "properties",
            "additionalProperties", "maxProperties", "minLength", "maxLength", "minimum", "maximum", "items",
            "maxItems", "oneOf", "pattern"}

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
_TYPE_VI = {"object": "một đối tượng", "array": "một danh sách", "string": "chuỗi", "integer": "số nguyên",
            "number": "số", "boolean": "true/false", "null": "null"}


class SchemaViolation(Exception):
    """Where a value breaks the schema: the path is put together by the containers the
    violation passes through on its way out (`within`), so a valid file builds no path."""

    def __init__(self, vi: str, en_kw: dict | None = None, **kw: object):
        super().__init__(vi)
        self.vi, self.kw, self.en_kw = vi, kw, en_kw or kw
        self._parts: list[str | int] = []   # innermost first

    def within(self, part: str | int) -> SchemaViolation:
        self._parts.append(part)
        return self

    @property
    def where(self) -> str:
        out = ""
        for part in reversed(self._parts):
            out = f"{out}[{part}]" if isinstance(part, int) else (f"{out}.{part}" if out else part)
        return out


# A compiled schema node: None for a value that satisfies it, else the violation (returned,
# not raised: oneOf tries every option, and a valid file raises nothing at all).
Check = Callable[[Any], "SchemaViolation | None"]


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """A shipped schema, its keywords checked against the ones implemented here."""
    schema = json.loads(resource_path("schemas", name).read_text(encoding="utf-8"))
    stack = [schema]
    while stack:
        node = stack.pop()
        unknown = set(node) - KEYWORDS
        if unknown:
            raise ValueError(f"{name}: keywords not implemented by egov_desktop.exchange.schema: {sorted(unknown)}")
        stack.extend(node.get("properties", {}).values())
        stack.extend(s for s in (node.get("additionalProperties"), node.get("items")) if isinstance(s, dict))
        stack.extend(node.get("oneOf", ()))
    return schema


@lru_cache(maxsize=None)
def checker(name: str) -> Check:
    """The shipped schema `name` compiled once into nested checks (a file is checked per
    received report: walking the schema's dicts for each value cost more than the rest of
    reading the file)."""
    return _compile(load(name))


def validate(value: Any, schema_name: str, source: str) -> None:
    """UserError naming the file and the first place where `value` breaks the schema."""
    e = checker(schema_name)(value)
    if e is not None:
        raise UserError(Text(tr(e.vi, "vi", **e.kw), tr(e.vi, "en", **e.en_kw)), source, e.where or None)


def _compile(s: dict) -> Check:
    """The checks of one schema node, in the order the message of the first failure depends on:
    type, const, enum, oneOf, then the keywords of strings, numbers, arrays and objects."""
    steps: list[Check] = []
    t = s.get("type")
    fused = _KINDS.get(t) if isinstance(t, str) else None
    if fused is not None and not {"const", "enum", "oneOf"} & s.keys():
        # one closure tests the type and that kind's keywords (the others never apply to it)
        return fused(s, _type_check([t]))
    if t is not None:
        steps.append(_type_check([t] if isinstance(t, str) else list(t)))
    if "const" in s:
        const = s["const"]
        steps.append(lambda v: None if _equal(v, const) else SchemaViolation("phải là «{value}»", value=const))
    if "enum" in s:
        enum, shown = s["enum"], ", ".join(map(str, s["enum"]))
        steps.append(lambda v: None if any(_equal(v, e) for e in enum) else
                     SchemaViolation("phải là một trong: {values}", values=shown))
    if "oneOf" in s:
        steps.append(_one_of_check(s["oneOf"]))
    if {"minLength", "maxLength", "pattern"} & s.keys():
        steps.append(_string_check(s))
    if {"minimum", "maximum"} & s.keys():
        steps.append(_number_check(s))
    if {"maxItems", "items"} & s.keys():
        steps.append(_array_check(s))
    if {"maxProperties", "required", "properties", "additionalProperties"} & s.keys():
        steps.append(_object_check(s))
    if len(steps) == 1:
        return steps[0]

    def check(v: Any) -> SchemaViolation | None:
        for step in steps:
            e = step(v)
            if e is not None:
                return e
        return None
    return check


def _one_of_check(options: list[dict]) -> Check:
    # an option of another type is passed over by its type test alone (no violation built)
    tried = [(_type_test(o), _compile(o)) for o in options]

    def check(v: Any) -> SchemaViolation | None:
        matched = 0
        for test, option in tried:
            if (test is None or test(v)) and option(v) is None:
                matched += 1
        return None if matched == 1 else SchemaViolation("giá trị không hợp lệ")
    return check


def _type_test(s: dict) -> Callable[[Any], bool] | None:
    t = s.get("type")
    return None if t is None else _is([t] if isinstance(t, str) else list(t))


def _is(names: list[str]) -> Callable[[Any], bool]:
    if len(names) == 1:
        return _TYPES[names[0]]
    tests = tuple(_TYPES[x] for x in names)
    return lambda v: any(test(v) for test in tests)


def _type_check(names: list[str]) -> Check:
    test = _is(names)
    en, vi = " or ".join(names), " hoặc ".join(_TYPE_VI[x] for x in names)
    return lambda v: None if test(v) else SchemaViolation("phải là {type}", {"type": en}, type=vi)


def _string_check(s: dict, wrong: Check | None = None) -> Check:
    """`wrong`: the type check a value of another kind fails (None: the keywords do not apply to it)."""
    low, high = s.get("minLength", 0), s.get("maxLength")
    pattern = re.compile(s["pattern"]) if "pattern" in s else None

    def check(v: Any) -> SchemaViolation | None:
        if not isinstance(v, str):
            return None if wrong is None else wrong(v)
        if len(v) < low:
            return SchemaViolation("không được để trống" if low == 1 else "quá ngắn")
        if high is not None and len(v) > high:
            return SchemaViolation("quá dài (tối đa {n} ký tự)", n=high)
        if pattern is not None and not pattern.search(v):
            return SchemaViolation("không đúng dạng")
        return None
    return check


def _number_check(s: dict) -> Check:
    low, high = s.get("minimum"), s.get("maximum")

    def check(v: Any) -> SchemaViolation | None:
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            return None
        if low is not None and v < low:
            return SchemaViolation("phải ≥ {n}", n=low)
        if high is not None and v > high:
            return SchemaViolation("phải ≤ {n}", n=high)
        return None
    return check


def _array_check(s: dict, wrong: Check | None = None) -> Check:
    most = s.get("maxItems")
    item = _compile(s["items"]) if "items" in s else None

    def check(v: Any) -> SchemaViolation | None:
        if not isinstance(v, list):
            return None if wrong is None else wrong(v)
        if most is not None and len(v) > most:
            return SchemaViolation("quá nhiều phần tử (tối đa {n})", n=most)
        if item is not None:
            for i, x in enumerate(v):
                e = item(x)
                if e is not None:
                    return e.within(i)
        return None
    return check


def _object_check(s: dict, wrong: Check | None = None) -> Check:
    most, required = s.get("maxProperties"), tuple(s.get("required", ()))
    props = {key: _compile(sub) for key, sub in s.get("properties", {}).items()}
    extra = s.get("additionalProperties")
    other = _compile(extra) if isinstance(extra, dict) else None
    closed = extra is False

    def check(v: Any) -> SchemaViolation | None:
        if not isinstance(v, dict):
            return None if wrong is None else wrong(v)
        if most is not None and len(v) > most:
            return SchemaViolation("quá nhiều mục (tối đa {n})", n=most)
        for key in required:
            if key not in v:
                return SchemaViolation("thiếu (bắt buộc)").within(key)
        for key, x in v.items():
            sub = props.get(key, other)
            if sub is not None:
                e = sub(x)
                if e is not None:
                    return e.within(key)
            elif closed:
                return SchemaViolation("mục không được phép").within(key)
        return None
    return check


_KINDS: dict[str, Callable[[dict, Check], Check]] = {
    "string": _string_check, "array": _array_check, "object": _object_check}


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1."""
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b
