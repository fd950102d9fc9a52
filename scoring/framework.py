"""Build a Framework from plain data (a mapping read from YAML, JSON or a workbook).

Every problem is collected, with its place, before anything is refused: an author fixing a
framework wants the whole list at once, not one error per try.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from . import expressions as ex
from .digest import sha256_hex
from .model import (
    ADMIN_LEVELS, CALCULATED, CHOICE, DATE, INDICATOR_TYPES, INTEGER, MULTIPLE, NUMBER,
    NUMERIC_TYPES, PERCENT, RULE_KINDS, TEXT, YES_NO, Band, Choice, Constraint, Framework,
    Indicator, Issuer, Pillar, RelativeComponent, RelativeInput, RelativeScheme, ScoringRule, Step,
    Target,
)
from .numbers import is_number
from .problems import FrameworkError, FrameworkProblem
from .record import NODEFAULT, Record, defaults, replace
from .text import Text, text_of

FORMAT = "egov-framework/1"
ID_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
FRAMEWORK_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MAX_INDICATORS = 2000

# The keys each part of a framework may hold (the same as framework.schema.json, which a test
# compares). A key outside them is refused: a misspelt `wieght:` or the XLSForm column name
# `constraint:` would otherwise pass as valid while the rule the author wrote is not there.
_TEXT_KEYS = frozenset({"vi", "en"})
_KEYS = {
    "framework": frozenset({"format", "id", "version", "title", "description", "source", "levels", "period",
                            "service_levels", "total", "bands", "choice_lists", "pillars", "relative", "issuer"}),
    "issuer": frozenset({"name", "code", "signature"}),
    "signature": frozenset({"algorithm", "public_key", "value"}),
    "period": frozenset({"from", "to"}),
    "total": frozenset({"method", "scale"}),
    "band": frozenset({"min", "label", "narrative", "color"}),
    "choice": frozenset({"id", "label", "points"}),
    "target": frozenset({"value", "year", "source"}),
    "constraint": frozenset({"rule", "message", "level"}),
    "step": frozenset({"min", "points"}),
    "pillar": frozenset({"id", "title", "description", "max_points", "weight", "targets", "indicators"}),
    "indicator": frozenset({"id", "label", "help", "basis", "type", "unit", "required", "allow_na", "min", "max",
                            "choices", "relevant", "constraints", "calculation", "scoring", "na_counts",
                            "hidden_counts", "better", "targets", "evidence", "decimals"}),
    "relative": frozenset({"decimals", "note", "components"}),
    "component": frozenset({"id", "label", "weight", "zscore", "normalise", "inputs"}),
    "input": frozenset({"indicator", "weight", "cap"}),
}
_SCORING_KEYS = {
    "ratio": frozenset({"numerator", "denominator", "on_zero"}),
    "linear": frozenset({"target", "floor"}),
    "steps": frozenset({"steps"}),
    "yes_no": frozenset({"yes", "no"}),
    "choice": frozenset(),
    "expression": frozenset({"expression"}),
}
MAX_DECIMALS = 10
# The scheme of a framework's two hashes (content_hash, meaning_hash): a cache that keeps them
# (egov_desktop/frameworks/parsed.py) gives them back only under the same scheme. Raise it with
# any change to either function (tests/scoring/test_framework_hashes.py holds their source).
HASHES = 1

_EXPR_TYPE = {
    INTEGER: ex.NUMBER, NUMBER: ex.NUMBER, PERCENT: ex.NUMBER, YES_NO: ex.STRING,
    CHOICE: ex.STRING, MULTIPLE: ex.LIST, DATE: ex.DATE, TEXT: ex.STRING,
}


def content_hash(data: Mapping[str, Any]) -> str:
    """SHA-256 of a framework file's data as canonical JSON (the hash earlier versions stamped)."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return sha256_hex(canonical.encode("utf-8"))


def _meaning(x: Any) -> Any:
    """The built model as plain JSON data: expressions by their source, numbers as floats."""
    if isinstance(x, ex.Expression):
        return x.source
    if isinstance(x, Text):
        return [x.vi, x.en]
    if isinstance(x, Record):
        # A field left at its default is left out, so a field added to the model later (with a
        # default that keeps today's meaning) does not change the hash of any existing framework.
        return {name: _meaning(v) for name, default in defaults(type(x))
                if (v := getattr(x, name)) != default or default is NODEFAULT}
    if isinstance(x, (tuple, list)):
        return [_meaning(i) for i in x]
    if isinstance(x, bool) or x is None or isinstance(x, str):
        return x
    if is_number(x):
        return float(x)
    return str(x)


def meaning_hash(fw: Framework) -> str:
    """SHA-256 of what the framework means, not of how its file spells it: the YAML file and the
    same set exported to Excel and read back agree on it, so a commune and its province do."""
    parts = {k: v for k, v in _meaning(fw).items()
             if k not in ("content_hash", "legacy_hash", "indicators", "order", "issuer")}
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return sha256_hex(canonical.encode("utf-8"))


class _Builder:
    def __init__(self, data: Mapping[str, Any], source: str, hashes: tuple[str, str] | None = None):
        self.data = data
        self.source = source
        self.hashes = hashes
        self.problems: list[FrameworkProblem] = []

    # -- reporting
    def problem(self, where: str, field: str, vi: str, en: str) -> None:
        self.problems.append(FrameworkProblem(self.source, where, field, Text(vi, en)))

    def keys(self, obj: Mapping, allowed: frozenset, where: str, prefix: str = "") -> None:
        """Refuse keys the program does not know, suggesting the nearest known one."""
        for key in obj:
            if key in allowed:
                continue
            name = str(key)
            import difflib  # only for a file with a mistake: not on every open

            near = difflib.get_close_matches(name, sorted(allowed), n=1, cutoff=0.6)
            if near:
                self.problem(where, prefix + name, f"khóa «{name}» không có trong bộ tiêu chí; có phải «{near[0]}»?",
                             f"unknown key '{name}'; did you mean '{near[0]}'?")
            else:
                self.problem(where, prefix + name,
                             f"khóa «{name}» không có trong bộ tiêu chí (các khóa hợp lệ: {', '.join(sorted(allowed))})",
                             f"unknown key '{name}' (known keys: {', '.join(sorted(allowed))})")

    def flag(self, obj: Mapping, key: str, where: str, default: bool) -> bool:
        """A yes/no field: a real boolean (YAML true/false), never a string such as 'false'."""
        v = obj.get(key, default)
        if v is None:
            return default
        if not isinstance(v, bool):
            self.problem(where, key, f"phải là true hoặc false, gặp «{v}»", f"must be true or false, got '{v}'")
            return default
        return v

    def decimals(self, obj: Mapping, key: str, where: str, default: int | None) -> int | None:
        v = obj.get(key)
        if v is None:
            return default
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= MAX_DECIMALS:
            self.problem(where, key, f"phải là số nguyên từ 0 đến {MAX_DECIMALS}, gặp «{v}»",
                         f"must be a whole number from 0 to {MAX_DECIMALS}, got '{v}'")
            return default
        return v

    def text(self, obj: Mapping, key: str, where: str, required: bool = False) -> Text:
        v = obj.get(key)
        if isinstance(v, Mapping):
            self.keys(v, _TEXT_KEYS, where, f"{key}.")
        try:
            t = text_of(obj.get(key))
        except TypeError:
            self.problem(where, key, "phải là chuỗi hoặc {vi, en}", "must be a string or a {vi, en} mapping")
            return Text("")
        if required and not t.vi:
            self.problem(where, key, "thiếu (bắt buộc, tiếng Việt)", "missing (required, in Vietnamese)")
        return t

    def number(self, obj: Mapping, key: str, where: str, default: float | None = None,
               minimum: float | None = None) -> float | None:
        v = obj.get(key, default)
        if v is None:
            return default
        if not is_number(v):
            self.problem(where, key, f"phải là số, gặp «{v}»", f"must be a number, got '{v}'")
            return default
        if minimum is not None and v < minimum:
            self.problem(where, key, f"phải ≥ {minimum}", f"must be at least {minimum}")
            return default
        return float(v)

    def mapping(self, obj: Any, where: str, field: str) -> Mapping:
        if obj is None:
            return {}
        if not isinstance(obj, Mapping):
            self.problem(where, field, "phải là một bảng khóa: giá trị", "must be a mapping")
            return {}
        return obj

    def seq(self, obj: Any, where: str, field: str) -> list:
        if obj is None:
            return []
        if not isinstance(obj, list):
            self.problem(where, field, "phải là một danh sách", "must be a list")
            return []
        return obj

    # -- the framework
    def build(self) -> Framework:
        d = self.data
        if not isinstance(d, Mapping):
            self.problem("", "", "Tệp không chứa một bộ tiêu chí (cần một bảng khóa: giá trị)",
                         "The file does not hold a framework (expected a mapping)")
            raise FrameworkError(self.problems)
        self.keys(d, _KEYS["framework"], "")
        fmt = d.get("format", FORMAT)
        if fmt != FORMAT:
            self.problem("", "format", f"định dạng không hỗ trợ «{fmt}» (cần «{FORMAT}»)",
                         f"unsupported format '{fmt}' (expected '{FORMAT}')")
        fid = d.get("id")
        if not isinstance(fid, str) or not FRAMEWORK_ID_PATTERN.match(fid):
            self.problem("", "id", "thiếu hoặc sai (chữ thường, số, . _ -)",
                         "missing or invalid (lower-case letters, digits, . _ -)")
            fid = str(fid or "")
        version = d.get("version")
        if version is None or (not isinstance(version, (str, int, float))) or isinstance(version, bool):
            self.problem("", "version", "thiếu phiên bản", "missing version")
            version = ""
        title = self.text(d, "title", "", required=True)
        description = self.text(d, "description", "")
        source = self.text(d, "source", "")
        levels = tuple(self.seq(d.get("levels"), "", "levels"))
        for lv in levels:
            if lv not in ADMIN_LEVELS:
                self.problem("", "levels", f"cấp «{lv}» không hợp lệ ({', '.join(ADMIN_LEVELS)})",
                             f"unknown level '{lv}' ({', '.join(ADMIN_LEVELS)})")
        period = self.mapping(d.get("period"), "", "period")
        self.keys(period, _KEYS["period"], "period")
        period_from = str(period["from"]) if period.get("from") is not None else None
        period_to = str(period["to"]) if period.get("to") is not None else None
        service_levels = d.get("service_levels", "") or ""
        if service_levels not in ("", "decree43", "decree42"):
            self.problem("", "service_levels", "phải là decree43 hoặc decree42", "must be decree43 or decree42")

        total = self.mapping(d.get("total"), "", "total")
        self.keys(total, _KEYS["total"], "total")
        method = total.get("method", "points")
        if method not in ("points", "pillar_mean"):
            self.problem("total", "method", "phải là points hoặc pillar_mean", "must be points or pillar_mean")
            method = "points"
        scale = self.number(total, "scale", "total", 1.0, minimum=1e-9) or 1.0

        choice_lists = self.choice_lists(self.mapping(d.get("choice_lists"), "", "choice_lists"))
        pillars_raw = self.seq(d.get("pillars"), "", "pillars")
        if not pillars_raw:
            self.problem("", "pillars", "bộ tiêu chí không có trụ cột nào", "the framework has no pillars")

        # Pass 1: ids, types and raw fields of every indicator.
        raw: dict[str, tuple[str, Mapping, str]] = {}   # id -> (where, data, pillar id)
        types: dict[str, str] = {}
        pillar_meta = []
        pillar_ids: set[str] = set()
        for pi, p in enumerate(pillars_raw):
            pwhere = f"pillars[{pi}]"
            if not isinstance(p, Mapping):
                self.problem(pwhere, "", "phải là một bảng khóa: giá trị", "must be a mapping")
                continue
            pid = p.get("id")
            if not isinstance(pid, str) or not ID_PATTERN.match(pid):
                self.problem(pwhere, "id", "thiếu hoặc sai mã trụ cột", "missing or invalid pillar id")
                pid = f"_pillar{pi}"
            elif pid in pillar_ids:
                self.problem(pwhere, "id", f"mã trụ cột «{pid}» bị trùng", f"duplicate pillar id '{pid}'")
            pillar_ids.add(pid)
            pwhere = f"pillars[{pi}] ({pid})"
            self.keys(p, _KEYS["pillar"], pwhere)
            ids = []
            for ii, ind in enumerate(self.seq(p.get("indicators"), pwhere, "indicators")):
                iwhere = f"{pwhere}.indicators[{ii}]"
                if not isinstance(ind, Mapping):
                    self.problem(iwhere, "", "phải là một bảng khóa: giá trị", "must be a mapping")
                    continue
                iid = ind.get("id")
                if not isinstance(iid, str) or not ID_PATTERN.match(iid):
                    self.keys(ind, _KEYS["indicator"], iwhere)
                    self.problem(iwhere, "id", "thiếu hoặc sai mã chỉ tiêu (chữ, số, _)",
                                 "missing or invalid indicator id (letters, digits, _)")
                    continue
                iwhere = f"{iwhere} ({iid})"
                self.keys(ind, _KEYS["indicator"], iwhere)
                if iid in raw:
                    self.problem(iwhere, "id", f"mã chỉ tiêu «{iid}» bị trùng", f"duplicate indicator id '{iid}'")
                    continue
                itype = ind.get("type")
                if itype not in INDICATOR_TYPES:
                    self.problem(iwhere, "type", f"kiểu «{itype}» không hợp lệ ({', '.join(INDICATOR_TYPES)})",
                                 f"unknown type '{itype}' ({', '.join(INDICATOR_TYPES)})")
                    itype = TEXT
                raw[iid] = (iwhere, ind, pid)
                types[iid] = _EXPR_TYPE.get(itype, ex.ANY)
                ids.append(iid)
            pillar_meta.append((pi, pwhere, p, pid, ids))
        if len(raw) > MAX_INDICATORS:
            self.problem("", "pillars", f"quá nhiều chỉ tiêu (tối đa {MAX_INDICATORS})",
                         f"too many indicators (at most {MAX_INDICATORS})")
            raise FrameworkError(self.problems)

        # Pass 2: calculations in dependency order, so their types are known before use.
        order = self.calculation_order(raw)
        calcs: dict[str, ex.Expression] = {}
        for iid in order:
            where, ind, _ = raw[iid]
            e = self.expr(ind.get("calculation"), types, where, "calculation")
            if e is not None:
                calcs[iid] = e
                types[iid] = e.type

        # Pass 3: the indicators themselves.
        indicators: dict[str, Indicator] = {}
        pillars = []
        for pi, pwhere, p, pid, ids in pillar_meta:
            built = []
            for iid in ids:
                where, ind, _ = raw[iid]
                built_ind = self.indicator(iid, pid, where, ind, types, calcs.get(iid), choice_lists)
                indicators[iid] = built_ind
                built.append(built_ind)
            ind_max = sum(i.max_points for i in built)
            pmax = self.number(p, "max_points", pwhere, None, minimum=0)
            pillars.append(Pillar(
                id=pid,
                title=self.text(p, "title", pwhere, required=True),
                description=self.text(p, "description", pwhere),
                max_points=pmax if pmax is not None else ind_max,
                weight=self.number(p, "weight", pwhere, 1.0, minimum=0) or 0.0,
                indicators=tuple(built),
                targets=self.targets(p.get("targets"), pwhere),
            ))
            if not ids:
                self.problem(pwhere, "indicators", "trụ cột không có chỉ tiêu nào", "the pillar has no indicators")

        bands = self.bands(self.seq(d.get("bands"), "", "bands"))
        issuer = self.issuer(d.get("issuer"))
        relative = self.relative(d.get("relative"), indicators)

        if self.problems:
            raise FrameworkError(self.problems)
        legacy, meaning = self.hashes or (content_hash(d), "")
        fw = Framework(
            id=fid, version=str(version), title=title, description=description, levels=levels,
            period_from=period_from, period_to=period_to, source=source, pillars=tuple(pillars),
            total_method=method, total_scale=scale, bands=bands, relative=relative,
            service_levels=service_levels, order=tuple(order), indicators=indicators,
            legacy_hash=legacy, content_hash=meaning, issuer=issuer,
        )
        return fw if meaning else replace(fw, content_hash=meaning_hash(fw))

    def calculation_order(self, raw: dict[str, tuple[str, Mapping, str]]) -> list[str]:
        """Calculated indicators sorted so each comes after those it uses; cycles reported."""
        deps: dict[str, set[str]] = {}
        for iid, (where, ind, _) in raw.items():
            if ind.get("type") != CALCULATED:
                if ind.get("calculation") is not None:
                    self.problem(where, "calculation", "chỉ chỉ tiêu kiểu calculated mới có công thức",
                                 "only a calculated indicator has a calculation")
                continue
            src = ind.get("calculation")
            try:
                tree = ex.parse_tree(src) if isinstance(src, str) and src.strip() else None
            except ex.ExpressionError:
                tree = None  # reported with its message when compiled below
            deps[iid] = {r for r in ex.references(tree) if r in raw and raw[r][1].get("type") == CALCULATED} if tree else set()
        order: list[str] = []
        state: dict[str, int] = {}  # 1 visiting, 2 done

        def visit(n: str, path: list[str]) -> None:
            if state.get(n) == 2:
                return
            if state.get(n) == 1:
                cycle = " → ".join(path[path.index(n):] + [n])
                self.problem(raw[n][0], "calculation", f"công thức vòng tròn: {cycle}", f"circular calculation: {cycle}")
                return
            state[n] = 1
            for m in sorted(deps[n]):
                visit(m, path + [n])
            state[n] = 2
            order.append(n)

        for n in deps:
            visit(n, [])
        return order

    def expr(self, src: Any, types: Mapping[str, str], where: str, field: str,
             current: str | None = None, want: str | None = None) -> ex.Expression | None:
        if src is None:
            return None
        if is_number(src):
            src = repr(src)
        if not isinstance(src, str):
            self.problem(where, field, "biểu thức phải là chuỗi", "the expression must be a string")
            return None
        try:
            e = ex.compile_expression(src, types, current)
        except ex.ExpressionError as err:
            self.problem(where, field, f"«{src}»: {err.describe('vi')}", f"'{src}': {err.describe('en')}")
            return None
        if want and e.type not in (want, ex.ANY):
            self.problem(where, field, f"«{src}» phải cho kết quả kiểu {want}, gặp {e.type}",
                         f"'{src}' must give a {want}, gives a {e.type}")
            return None
        return e

    def choice_lists(self, lists: Mapping) -> dict[str, tuple[Choice, ...]]:
        out = {}
        for name, items in lists.items():
            out[str(name)] = self.choices(items, f"choice_lists.{name}")
        return out

    def choices(self, items: Any, where: str) -> tuple[Choice, ...]:
        out = []
        seen = set()
        for ci, c in enumerate(self.seq(items, where, "choices")):
            cwhere = f"{where}[{ci}]"
            if isinstance(c, Mapping):
                self.keys(c, _KEYS["choice"], cwhere)
            if not isinstance(c, Mapping) or not isinstance(c.get("id"), str) or not c.get("id"):
                self.problem(cwhere, "id", "lựa chọn thiếu mã", "choice without an id")
                continue
            if c["id"] in seen:
                self.problem(cwhere, "id", f"lựa chọn «{c['id']}» bị trùng", f"duplicate choice '{c['id']}'")
            seen.add(c["id"])
            out.append(Choice(c["id"], self.text(c, "label", cwhere, required=True),
                              self.number(c, "points", cwhere, None)))
        return tuple(out)

    def targets(self, items: Any, where: str) -> tuple[Target, ...]:
        out = []
        for ti, t in enumerate(self.seq(items, where, "targets")):
            twhere = f"{where}.targets[{ti}]"
            if isinstance(t, Mapping):
                self.keys(t, _KEYS["target"], twhere)
            if not isinstance(t, Mapping) or "value" not in t:
                self.problem(twhere, "value", "chỉ tiêu kế hoạch thiếu giá trị", "target without a value")
                continue
            v = t["value"]
            if not (is_number(v) or isinstance(v, str)):
                self.problem(twhere, "value", "giá trị phải là số hoặc chuỗi", "value must be a number or text")
                continue
            year = t.get("year")
            out.append(Target(float(v) if is_number(v) else v, self.text(t, "source", twhere),
                              int(year) if is_number(year) else None))
        return tuple(out)

    def indicator(self, iid: str, pid: str, where: str, d: Mapping, types: Mapping[str, str],
                  calculation: ex.Expression | None, choice_lists: Mapping[str, tuple[Choice, ...]]) -> Indicator:
        itype = d.get("type") if d.get("type") in INDICATOR_TYPES else TEXT
        own = types.get(iid, ex.ANY)
        choices: tuple[Choice, ...] = ()
        if itype in (CHOICE, MULTIPLE):
            c = d.get("choices")
            if isinstance(c, str):
                if c not in choice_lists:
                    self.problem(where, "choices", f"danh sách lựa chọn «{c}» không tồn tại",
                                 f"unknown choice list '{c}'")
                choices = choice_lists.get(c, ())
            else:
                choices = self.choices(c, f"{where}.choices")
            if not choices:
                self.problem(where, "choices", "chỉ tiêu lựa chọn cần ít nhất một lựa chọn",
                             "a choice indicator needs at least one choice")
        lo = self.number(d, "min", where)
        hi = self.number(d, "max", where)
        if itype == PERCENT:
            lo = 0.0 if lo is None else lo
            hi = 100.0 if hi is None else hi
        if lo is not None and hi is not None and lo > hi:
            self.problem(where, "min", "min lớn hơn max", "min is greater than max")
        if itype == CALCULATED and calculation is None and "calculation" not in d:
            self.problem(where, "calculation", "chỉ tiêu kiểu calculated cần công thức",
                         "a calculated indicator needs a calculation")

        relevant = self.expr(d.get("relevant"), types, where, "relevant", want=ex.BOOL)
        if relevant is not None and iid in relevant.refs:
            self.problem(where, "relevant", "điều kiện hiển thị không được tham chiếu chính nó",
                         "relevant must not refer to the indicator itself")
        constraints = []
        for ci, c in enumerate(self.seq(d.get("constraints"), where, "constraints")):
            cfield = f"constraints[{ci}]"
            if isinstance(c, str):
                c = {"rule": c}
            if not isinstance(c, Mapping):
                self.problem(where, cfield, "phải là một bảng khóa: giá trị", "must be a mapping")
                continue
            self.keys(c, _KEYS["constraint"], where, f"{cfield}.")
            e = self.expr(c.get("rule"), types, where, cfield, current=own, want=ex.BOOL)
            level = c.get("level", "error")
            if level not in ("error", "warning"):
                self.problem(where, cfield, "level phải là error hoặc warning", "level must be error or warning")
                level = "error"
            msg = self.text(c, "message", where)
            if e is not None:
                if not msg.vi:
                    msg = Text(f"Không thỏa điều kiện: {e.source}", f"Condition not met: {e.source}")
                constraints.append(Constraint(e, msg, level))

        scoring = self.scoring(d.get("scoring"), where, itype, types, choices)
        na_counts = d.get("na_counts", "exclude")
        if na_counts not in ("exclude", "zero"):
            self.problem(where, "na_counts", "phải là exclude hoặc zero", "must be exclude or zero")
            na_counts = "exclude"
        hidden_counts = d.get("hidden_counts", "exclude")
        if hidden_counts not in ("exclude", "zero"):
            self.problem(where, "hidden_counts", "phải là exclude hoặc zero", "must be exclude or zero")
            hidden_counts = "exclude"
        if hidden_counts == "zero" and (relevant is None or scoring is None):
            self.problem(where, "hidden_counts", "chỉ dùng cho chỉ tiêu có điểm và có điều kiện hiển thị (relevant)",
                         "only for a scored indicator with a relevant condition")
        better = d.get("better", "")
        if better not in ("", "more", "less", "none"):
            self.problem(where, "better", "phải là more, less hoặc none", "must be more, less or none")
            better = ""
        if better and itype not in NUMERIC_TYPES:
            self.problem(where, "better", "chỉ dùng cho chỉ tiêu kiểu số", "only for a numeric indicator")
        evidence = d.get("evidence", "optional")
        if evidence not in ("required", "optional", "none"):
            self.problem(where, "evidence", "phải là required, optional hoặc none", "must be required, optional or none")
            evidence = "optional"
        decimals = self.decimals(d, "decimals", where, None)
        return Indicator(
            id=iid, pillar_id=pid, label=self.text(d, "label", where, required=True), type=itype,
            help=self.text(d, "help", where), basis=self.text(d, "basis", where),
            unit=self.text(d, "unit", where), required=self.flag(d, "required", where, itype != CALCULATED),
            allow_na=self.flag(d, "allow_na", where, False), min=lo, max=hi, choices=choices,
            relevant=relevant, constraints=tuple(constraints), calculation=calculation,
            scoring=scoring, na_counts=na_counts, hidden_counts=hidden_counts, better=better,
            targets=self.targets(d.get("targets"), where),
            evidence=evidence, decimals=decimals,
        )

    def scoring(self, s: Any, where: str, itype: str, types: Mapping[str, str],
                choices: tuple[Choice, ...]) -> ScoringRule | None:
        if s is None:
            return None
        if not isinstance(s, Mapping):
            self.problem(where, "scoring", "phải là một bảng khóa: giá trị", "must be a mapping")
            return None
        kind = s.get("rule")
        self.keys(s, frozenset({"rule", "max_points"}).union(*(
            [_SCORING_KEYS[kind]] if kind in RULE_KINDS else _SCORING_KEYS.values())), where, "scoring.")
        if kind not in RULE_KINDS:
            self.problem(where, "scoring.rule", f"quy tắc «{kind}» không hợp lệ ({', '.join(RULE_KINDS)})",
                         f"unknown rule '{kind}' ({', '.join(RULE_KINDS)})")
            return None
        mp = self.number(s, "max_points", where, None, minimum=0)
        if mp is None:
            self.problem(where, "scoring.max_points", "thiếu điểm tối đa", "missing max_points")
            mp = 0.0
        numeric = itype in NUMERIC_TYPES
        rule = dict(kind=kind, max_points=mp)
        if kind == "ratio":
            rule["numerator"] = self.expr(s.get("numerator"), types, where, "scoring.numerator", want=ex.NUMBER)
            rule["denominator"] = self.expr(s.get("denominator"), types, where, "scoring.denominator", want=ex.NUMBER)
            if rule["numerator"] is None and not numeric and "numerator" not in s:
                self.problem(where, "scoring", "quy tắc tỷ lệ cần chỉ tiêu kiểu số hoặc tử số",
                             "a ratio rule needs a numeric indicator or a numerator")
            on_zero = s.get("on_zero", "na")
            if on_zero not in ("na", "zero", "full"):
                self.problem(where, "scoring.on_zero", "phải là na, zero hoặc full", "must be na, zero or full")
                on_zero = "na"
            rule["on_zero"] = on_zero
        elif kind == "linear":
            if not numeric:
                self.problem(where, "scoring", "quy tắc tuyến tính cần chỉ tiêu kiểu số",
                             "a linear rule needs a numeric indicator")
            rule["target"] = self.number(s, "target", where)
            rule["floor"] = self.number(s, "floor", where, 0.0) or 0.0
            if rule["target"] is None or rule["target"] == rule["floor"]:
                self.problem(where, "scoring.target", "cần mục tiêu khác mức sàn", "needs a target different from the floor")
        elif kind == "steps":
            steps = []
            for si, st in enumerate(self.seq(s.get("steps"), where, "scoring.steps")):
                if isinstance(st, Mapping):
                    self.keys(st, _KEYS["step"], where, f"scoring.steps[{si}].")
                if not isinstance(st, Mapping) or not is_number(st.get("min")) or not is_number(st.get("points")):
                    self.problem(where, f"scoring.steps[{si}]", "mỗi bậc cần min và points là số",
                                 "each step needs numeric min and points")
                    continue
                if st["points"] > mp:
                    self.problem(where, f"scoring.steps[{si}]", "điểm của bậc vượt điểm tối đa",
                                 "step points exceed max_points")
                steps.append(Step(float(st["min"]), float(st["points"])))
            if not steps:
                self.problem(where, "scoring.steps", "cần ít nhất một bậc", "needs at least one step")
            if not numeric:
                self.problem(where, "scoring", "quy tắc bậc cần chỉ tiêu kiểu số", "a steps rule needs a numeric indicator")
            rule["steps"] = tuple(sorted(steps, key=lambda x: -x.min))
        elif kind == "yes_no":
            if itype != YES_NO:
                self.problem(where, "scoring", "quy tắc có/không cần chỉ tiêu kiểu yes_no",
                             "a yes_no rule needs a yes_no indicator")
            rule["yes_points"] = self.number(s, "yes", where, None)
            rule["no_points"] = self.number(s, "no", where, 0.0) or 0.0
        elif kind == "choice":
            if itype not in (CHOICE, MULTIPLE):
                self.problem(where, "scoring", "quy tắc lựa chọn cần chỉ tiêu kiểu choice/multiple",
                             "a choice rule needs a choice or multiple indicator")
            elif not any(c.points is not None for c in choices):
                self.problem(where, "choices", "cần điểm (points) cho các lựa chọn", "choices need points")
        elif kind == "expression":
            rule["expression"] = self.expr(s.get("expression"), types, where, "scoring.expression", want=ex.NUMBER)
            if rule["expression"] is None and "expression" not in s:
                self.problem(where, "scoring.expression", "thiếu biểu thức", "missing expression")
        return ScoringRule(**rule)

    def bands(self, items: list) -> tuple[Band, ...]:
        out = []
        for bi, b in enumerate(items):
            where = f"bands[{bi}]"
            if not isinstance(b, Mapping):
                self.problem(where, "", "phải là một bảng khóa: giá trị", "must be a mapping")
                continue
            self.keys(b, _KEYS["band"], where)
            lo = self.number(b, "min", where)
            if lo is None:
                self.problem(where, "min", "thiếu ngưỡng min", "missing min")
                continue
            out.append(Band(lo, self.text(b, "label", where, required=True), self.text(b, "narrative", where),
                            str(b.get("color", ""))))
        return tuple(sorted(out, key=lambda x: x.min))

    def issuer(self, d: Any) -> Issuer | None:
        """The issuing agency's block (name, code, signature); checked for shape only here."""
        if d is None:
            return None
        d = self.mapping(d, "", "issuer")
        self.keys(d, _KEYS["issuer"], "issuer")
        sig = self.mapping(d.get("signature"), "issuer", "signature")
        self.keys(sig, _KEYS["signature"], "issuer.signature")
        fields = {"name": d.get("name"), "code": d.get("code", ""), "algorithm": sig.get("algorithm", ""),
                  "public_key": sig.get("public_key", ""), "signature": sig.get("value", "")}
        for key, v in fields.items():
            if not isinstance(v, str) or len(v) > 500:
                self.problem("issuer", key, "phải là một chuỗi ngắn", "must be a short string")
                return None
        if not fields["name"].strip():
            self.problem("issuer", "name", "thiếu tên cơ quan ban hành", "the issuing agency's name is missing")
            return None
        return Issuer(**{k: v.strip() for k, v in fields.items()})

    def relative(self, r: Any, indicators: Mapping[str, Indicator]) -> RelativeScheme | None:
        if r is None:
            return None
        r = self.mapping(r, "", "relative")
        self.keys(r, _KEYS["relative"], "relative")
        comps = []
        seen: set[str] = set()
        for ci, c in enumerate(self.seq(r.get("components"), "relative", "components")):
            where = f"relative.components[{ci}]"
            if isinstance(c, Mapping):
                self.keys(c, _KEYS["component"], where)
            if not isinstance(c, Mapping) or not isinstance(c.get("id"), str) or not c.get("id"):
                self.problem(where, "id", "thành phần thiếu mã", "component without an id")
                continue
            if c["id"] in seen:  # counted twice in the composite otherwise
                self.problem(where, "id", f"mã thành phần «{c['id']}» bị trùng", f"duplicate component id '{c['id']}'")
            seen.add(c["id"])
            inputs = []
            for ii, i in enumerate(self.seq(c.get("inputs"), where, "inputs")):
                field = f"inputs[{ii}]"
                if isinstance(i, str):
                    i = {"indicator": i}
                if not isinstance(i, Mapping):
                    self.problem(where, field, "phải là mã chỉ tiêu hoặc một bảng khóa: giá trị",
                                 "must be an indicator id or a mapping")
                    continue
                self.keys(i, _KEYS["input"], where, f"{field}.")
                ind = indicators.get(i.get("indicator")) if isinstance(i.get("indicator"), str) else None
                if ind is None:
                    self.problem(where, field, f"chỉ tiêu «{i.get('indicator')}» không tồn tại",
                                 f"unknown indicator '{i.get('indicator')}'")
                    continue
                if not _numeric(ind):  # a text or choice value would be skipped without a word
                    self.problem(where, field, f"chỉ tiêu «{ind.id}» không phải kiểu số (kiểu {ind.type}); "
                                 "thành phần chỉ dùng được chỉ tiêu số hoặc công thức cho ra số",
                                 f"indicator '{ind.id}' is not numeric (type {ind.type}); "
                                 "a component takes numeric or calculated-number indicators only")
                    continue
                cap = self.number(i, "cap", where)
                if cap is not None and cap <= 0:  # every value would become the same constant
                    self.problem(where, f"{field}.cap", f"ngưỡng trần phải lớn hơn 0, gặp {cap:g}",
                                 f"the cap must be greater than 0, got {cap:g}")
                    cap = None
                inputs.append(RelativeInput(ind.id, self.number(i, "weight", where, 1.0, 0) or 0.0, cap))
            if not inputs:
                self.problem(where, "inputs", "thành phần cần ít nhất một chỉ tiêu", "a component needs at least one input")
            elif not any(x.weight > 0 for x in inputs):
                self.problem(where, "inputs", "mọi chỉ tiêu của thành phần có trọng số 0",
                             "every input of the component has weight 0")
            norm = c.get("normalise", "minmax")
            if norm not in ("minmax", "none"):
                self.problem(where, "normalise", "phải là minmax hoặc none", "must be minmax or none")
            comps.append(RelativeComponent(c["id"], self.text(c, "label", where),
                                           self.number(c, "weight", where, 1.0, 0) or 0.0,
                                           tuple(inputs), norm, self.flag(c, "zscore", where, False)))
        if not comps:
            self.problem("relative", "components", "cần ít nhất một thành phần", "needs at least one component")
        elif not any(c.weight > 0 for c in comps):  # no composite could be computed: every rank blank
            self.problem("relative", "components", "mọi thành phần có trọng số 0: không tính được chỉ số tổng hợp",
                         "every component has weight 0: no composite index can be computed")
        decimals = self.decimals(r, "decimals", "relative", 4)
        return RelativeScheme(tuple(comps), 4 if decimals is None else decimals, self.text(r, "note", "relative"))


def _numeric(ind: Indicator) -> bool:
    if ind.type == CALCULATED:
        return ind.calculation is not None and ind.calculation.type in (ex.NUMBER, ex.ANY)
    return ind.type in NUMERIC_TYPES


def build_framework(data: Mapping[str, Any], source: str = "<data>",
                    hashes: tuple[str, str] | None = None) -> Framework:
    """A Framework from plain data; raises FrameworkError listing every problem with its place.

    `hashes`: its (legacy_hash, content_hash) as an earlier build of this very data gave them
    under the same HASHES scheme (a cache's), taken instead of worked out again (together about
    a third of building a 51-indicator framework). Everything else is checked and built."""
    return _Builder(data, source, hashes).build()
