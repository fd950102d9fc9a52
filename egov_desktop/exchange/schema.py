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
from typing import Any

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
    def __init__(self, where: str, vi: str, en_kw: dict | None = None, **kw: object):
        super().__init__(vi)
        self.where, self.vi, self.kw, self.en_kw = where, vi, kw, en_kw or kw


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


def validate(value: Any, schema_name: str, source: str) -> None:
    """UserError naming the file and the first place where `value` breaks the schema."""
    try:
        _check(value, load(schema_name), "")
    except SchemaViolation as e:
        raise UserError(Text(tr(e.vi, "vi", **e.kw), tr(e.vi, "en", **e.en_kw)), source, e.where or None) from None


def _check(v: Any, s: dict, where: str) -> None:
    t = s.get("type")
    if t is not None and not (_TYPES[t](v) if isinstance(t, str) else any(_TYPES[x](v) for x in t)):
        types = t if isinstance(t, list) else [t]
        raise SchemaViolation(where, "phải là {type}", {"type": " or ".join(types)},
                              type=" hoặc ".join(_TYPE_VI[x] for x in types))
    if "const" in s and not _equal(v, s["const"]):
        raise SchemaViolation(where, "phải là «{value}»", value=s["const"])
    if "enum" in s and not any(_equal(v, e) for e in s["enum"]):
        raise SchemaViolation(where, "phải là một trong: {values}", values=", ".join(map(str, s["enum"])))
    if "oneOf" in s:
        matched = 0
        for option in s["oneOf"]:
            try:
                _check(v, option, where)
                matched += 1
            except SchemaViolation:
                pass
        if matched != 1:
            raise SchemaViolation(where, "giá trị không hợp lệ")
    if isinstance(v, str):
        if len(v) < s.get("minLength", 0):
            raise SchemaViolation(where, "không được để trống" if s["minLength"] == 1 else "quá ngắn")
        if "maxLength" in s and len(v) > s["maxLength"]:
            raise SchemaViolation(where, "quá dài (tối đa {n} ký tự)", n=s["maxLength"])
        if "pattern" in s and not re.search(s["pattern"], v):
            raise SchemaViolation(where, "không đúng dạng")
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if "minimum" in s and v < s["minimum"]:
            raise SchemaViolation(where, "phải ≥ {n}", n=s["minimum"])
        if "maximum" in s and v > s["maximum"]:
            raise SchemaViolation(where, "phải ≤ {n}", n=s["maximum"])
    if isinstance(v, list):
        if "maxItems" in s and len(v) > s["maxItems"]:
            raise SchemaViolation(where, "quá nhiều phần tử (tối đa {n})", n=s["maxItems"])
        if "items" in s:
            for i, x in enumerate(v):
                _check(x, s["items"], f"{where}[{i}]")
    if isinstance(v, dict):
        if "maxProperties" in s and len(v) > s["maxProperties"]:
            raise SchemaViolation(where, "quá nhiều mục (tối đa {n})", n=s["maxProperties"])
        for key in s.get("required", ()):
            if key not in v:
                raise SchemaViolation(_join(where, key), "thiếu (bắt buộc)")
        props = s.get("properties", {})
        extra = s.get("additionalProperties")
        for key, x in v.items():
            if key in props:
                _check(x, props[key], _join(where, key))
            elif isinstance(extra, dict):
                _check(x, extra, _join(where, key))
            elif extra is False:
                raise SchemaViolation(_join(where, key), "mục không được phép")


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1."""
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b
