"""The rule language of `relevant`, `constraint` and `calculation`.

An XLSForm-like expression (`${computers} / ${staff}`, `. <= ${staff}`,
`${lan} = 'yes' and selected(${services}, 'email')`) is tokenised, parsed into a tree by
a small Pratt parser, type-checked against the framework's indicators, and compiled into
nested closures. Nothing is ever passed to eval or exec.

"No value" is None: it propagates through arithmetic and comparisons, and division by
zero gives None rather than an exception. `and`/`or`/`not` use three-valued logic.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from .numbers import is_number, round_half_up
from .record import Record
from .text import Text

# Value types known to the checker. "any" accepts everything (e.g. a reference whose
# type the caller does not know).
NUMBER, BOOL, STRING, LIST, DATE, ANY = "number", "bool", "string", "list", "date", "any"

MAX_LENGTH = 2000  # an expression longer than this is refused: nobody writes one by hand
MAX_DEPTH = 60     # nesting deeper than this is refused (keeps recursion bounded)
MAX_TREE_DEPTH = 100  # the tree too: `1+1+…+1` is flat to the parser but 990 deep to check and run


class ExpressionError(Exception):
    """A syntax, reference or type error, with a bilingual message and the column."""

    def __init__(self, message: Text, column: int | None = None):
        super().__init__(message.en or message.vi)
        self.message = message
        self.column = column

    def describe(self, lang: str = "vi") -> str:
        text = self.message.get(lang)
        if self.column is None:
            return text
        return f"{text} ({'cột' if lang == 'vi' else 'column'} {self.column + 1})"


# ---------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<ref>\$\{[A-Za-z_][A-Za-z0-9_]*\})
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<op><=|>=|!=|==|=|<|>|\+|-|\*|/|\(|\)|,|\.)
    """,
    re.VERBOSE,
)


class Token(Record):
    """A token of the rule language."""

    kind: str   # num, str, ref, name, op, end
    text: str
    column: int


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if not m:
            raise ExpressionError(
                Text(f"Ký tự không hợp lệ «{source[pos]}»", f"Unexpected character '{source[pos]}'"),
                pos,
            )
        kind = m.lastgroup or ""
        if kind != "ws":
            tokens.append(Token(kind, m.group(), pos))
        pos = m.end()
    tokens.append(Token("end", "", len(source)))
    return tokens


# ---------------------------------------------------------------- tree

class Num(Record):
    """A number literal."""

    value: float


class Str(Record):
    """A text literal."""

    value: str


class Ref(Record):
    """A reference to an answer or a calculation."""

    name: str
    column: int


class Current(Record):
    """`.`: the value of the indicator the expression belongs to."""
    column: int


class Unary(Record):
    """A unary operation (not, -)."""

    op: str
    operand: Any
    column: int


class Binary(Record):
    """A binary operation."""

    op: str
    left: Any
    right: Any
    column: int


class Call(Record):
    """A call of one of the language's functions."""

    name: str
    args: tuple
    column: int


_BINARY_POWER = {
    "or": 1, "and": 2,
    "=": 4, "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
    "+": 5, "-": 5,
    "*": 6, "/": 6, "div": 6, "mod": 6,
}
_NOT_POWER = 3
_NEG_POWER = 7


class _Parser:
    def __init__(self, source: str):
        self.tokens = tokenize(source)
        self.i = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> Token:
        tok = self.take()
        if tok.text != text or tok.kind not in ("op",):
            raise ExpressionError(
                Text(f"Thiếu «{text}»", f"Expected '{text}'"), tok.column
            )
        return tok

    def binary_op(self, tok: Token) -> str | None:
        if tok.kind == "op" and tok.text in _BINARY_POWER:
            return tok.text
        if tok.kind == "name" and tok.text in ("and", "or", "div", "mod"):
            return tok.text
        return None

    def expression(self, min_power: int = 0):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(Text("Biểu thức lồng nhau quá sâu", "Expression nested too deeply"))
        left = self.prefix()
        while True:
            tok = self.peek()
            op = self.binary_op(tok)
            if op is None:
                break
            power = _BINARY_POWER[op]
            if power <= min_power:
                break
            self.take()
            right = self.expression(power)
            left = Binary("=" if op == "==" else op, left, right, tok.column)
        self.depth -= 1
        return left

    def prefix(self):
        tok = self.take()
        if tok.kind == "num":
            return Num(float(tok.text))
        if tok.kind == "str":
            return Str(tok.text[1:-1])
        if tok.kind == "ref":
            return Ref(tok.text[2:-1], tok.column)
        if tok.kind == "op" and tok.text == ".":
            return Current(tok.column)
        if tok.kind == "op" and tok.text == "-":
            return Unary("-", self.expression(_NEG_POWER), tok.column)
        if tok.kind == "op" and tok.text == "(":
            inner = self.expression()
            self.expect(")")
            return inner
        if tok.kind == "name":
            if tok.text == "not":
                if self.peek().text == "(":
                    self.take()
                    inner = self.expression()
                    self.expect(")")
                    return Unary("not", inner, tok.column)
                return Unary("not", self.expression(_NOT_POWER), tok.column)
            if tok.text in ("true", "false") and self.peek().text != "(":
                return Call(tok.text, (), tok.column)
            if self.peek().text == "(":
                self.take()
                args = []
                if self.peek().text != ")":
                    args.append(self.expression())
                    while self.peek().text == ",":
                        self.take()
                        args.append(self.expression())
                self.expect(")")
                return Call(tok.text, tuple(args), tok.column)
            raise ExpressionError(
                Text(f"Tên «{tok.text}» không hợp lệ; tham chiếu chỉ tiêu viết là ${{{tok.text}}}",
                     f"Unknown name '{tok.text}'; refer to an indicator as ${{{tok.text}}}"),
                tok.column,
            )
        if tok.kind == "end":
            raise ExpressionError(Text("Biểu thức chưa kết thúc", "Unexpected end of expression"), tok.column)
        raise ExpressionError(Text(f"Không mong đợi «{tok.text}»", f"Unexpected '{tok.text}'"), tok.column)


def parse_tree(source: str):
    if len(source) > MAX_LENGTH:
        raise ExpressionError(Text("Biểu thức quá dài", "Expression too long"))
    parser = _Parser(source)
    tree = parser.expression()
    tok = parser.peek()
    if tok.kind != "end":
        raise ExpressionError(Text(f"Thừa «{tok.text}»", f"Unexpected '{tok.text}'"), tok.column)
    if _depth(tree) > MAX_TREE_DEPTH:
        raise ExpressionError(Text(f"Biểu thức quá phức tạp (quá {MAX_TREE_DEPTH} phép tính lồng nhau); hãy tách thành "
                                   "các giá trị tính riêng",
                                   f"Expression too complex (more than {MAX_TREE_DEPTH} nested operations); "
                                   "split it into separate calculated values"))
    return tree


def _depth(tree) -> int:
    """The depth of the tree, without recursion (checking, compiling and evaluating recurse)."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        if isinstance(node, Unary):
            stack.append((node.operand, d + 1))
        elif isinstance(node, Binary):
            stack += [(node.left, d + 1), (node.right, d + 1)]
        elif isinstance(node, Call):
            stack += [(a, d + 1) for a in node.args]
    return deepest


def references(tree) -> set[str]:
    """Every ${name} the tree refers to."""
    if isinstance(tree, Ref):
        return {tree.name}
    if isinstance(tree, Unary):
        return references(tree.operand)
    if isinstance(tree, Binary):
        return references(tree.left) | references(tree.right)
    if isinstance(tree, Call):
        out: set[str] = set()
        for a in tree.args:
            out |= references(a)
        return out
    return set()


# ---------------------------------------------------------------- types

_FUNCTIONS: dict[str, tuple[int, int | None]] = {
    # name: (min args, max args or None for any)
    "if": (3, 3), "min": (1, None), "max": (1, None), "round": (1, 2), "abs": (1, 1),
    "selected": (2, 2), "count-selected": (1, 1), "coalesce": (1, None),
    "true": (0, 0), "false": (0, 0),
}


def _type_error(expected: str, got: str, column: int) -> ExpressionError:
    names_vi = {NUMBER: "số", BOOL: "đúng/sai", STRING: "chuỗi", LIST: "danh sách lựa chọn", DATE: "ngày"}
    return ExpressionError(
        Text(f"Sai kiểu: cần {names_vi.get(expected, expected)}, gặp {names_vi.get(got, got)}",
             f"Type error: expected {expected}, got {got}"),
        column,
    )


def _require(t: str, expected: str, column: int) -> None:
    if t != ANY and t != expected:
        raise _type_error(expected, t, column)


def _comparable(a: str, b: str) -> bool:
    if ANY in (a, b) or a == b:
        return True
    return {a, b} in ({DATE, STRING}, {STRING, LIST})  # 'a' = ${single}, dates as ISO text


def check_types(tree, types: Mapping[str, str], current: str | None) -> str:
    """The type of `tree`; raises ExpressionError on an unknown reference or a type error."""
    if isinstance(tree, Num):
        return NUMBER
    if isinstance(tree, Str):
        return STRING
    if isinstance(tree, Ref):
        if tree.name not in types:
            raise ExpressionError(
                Text(f"Tham chiếu tới chỉ tiêu không tồn tại ${{{tree.name}}}",
                     f"Reference to unknown indicator ${{{tree.name}}}"),
                tree.column,
            )
        return types[tree.name]
    if isinstance(tree, Current):
        if current is None:
            raise ExpressionError(
                Text("Dấu «.» (giá trị hiện tại) chỉ dùng trong ràng buộc",
                     "'.' (the current value) is only allowed in a constraint"),
                tree.column,
            )
        return current
    if isinstance(tree, Unary):
        t = check_types(tree.operand, types, current)
        if tree.op == "-":
            _require(t, NUMBER, tree.column)
            return NUMBER
        _require(t, BOOL, tree.column)
        return BOOL
    if isinstance(tree, Binary):
        lt = check_types(tree.left, types, current)
        rt = check_types(tree.right, types, current)
        if tree.op in ("and", "or"):
            _require(lt, BOOL, tree.column)
            _require(rt, BOOL, tree.column)
            return BOOL
        if tree.op in ("=", "!="):
            if not _comparable(lt, rt):
                raise _type_error(lt, rt, tree.column)
            return BOOL
        if tree.op in ("<", "<=", ">", ">="):
            if lt in (NUMBER, ANY) and rt in (NUMBER, ANY):
                return BOOL
            if {lt, rt} <= {DATE, STRING, ANY} and DATE in (lt, rt):
                return BOOL
            raise _type_error(NUMBER, rt if lt in (NUMBER, ANY) else lt, tree.column)
        _require(lt, NUMBER, tree.column)
        _require(rt, NUMBER, tree.column)
        return NUMBER
    if isinstance(tree, Call):
        if tree.name not in _FUNCTIONS:
            raise ExpressionError(
                Text(f"Hàm không tồn tại «{tree.name}»", f"Unknown function '{tree.name}'"), tree.column
            )
        lo, hi = _FUNCTIONS[tree.name]
        n = len(tree.args)
        if n < lo or (hi is not None and n > hi):
            raise ExpressionError(
                Text(f"Hàm «{tree.name}» nhận sai số đối số ({n})",
                     f"Function '{tree.name}' given the wrong number of arguments ({n})"),
                tree.column,
            )
        ts = [check_types(a, types, current) for a in tree.args]
        name = tree.name
        if name in ("true", "false"):
            return BOOL
        if name == "if":
            _require(ts[0], BOOL, tree.column)
            a, b = ts[1], ts[2]
            if a == ANY:
                return b
            if b in (ANY, a):
                return a
            raise _type_error(a, b, tree.column)
        if name in ("min", "max", "round", "abs"):
            for t in ts:
                _require(t, NUMBER, tree.column)
            return NUMBER
        if name == "selected":
            if ts[0] not in (LIST, STRING, ANY):
                raise _type_error(LIST, ts[0], tree.column)
            _require(ts[1], STRING, tree.column)
            return BOOL
        if name == "count-selected":
            if ts[0] not in (LIST, ANY):
                raise _type_error(LIST, ts[0], tree.column)
            return NUMBER
        if name == "coalesce":
            known = {t for t in ts if t != ANY}
            if len(known) > 1:
                raise _type_error(sorted(known)[0], sorted(known)[1], tree.column)
            return known.pop() if known else ANY
    raise AssertionError(f"unknown node {tree!r}")  # pragma: no cover


# ---------------------------------------------------------------- evaluation

Values = Mapping[str, Any]
Compiled = Callable[[Values, Any], Any]


def _num(x: Any) -> float | None:
    return x if is_number(x) else None


def _compare(op: str, a: Any, b: Any) -> bool | None:
    if a is None or b is None:
        return None
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        a = tuple(a) if isinstance(a, (list, tuple)) else (a,)
        b = tuple(b) if isinstance(b, (list, tuple)) else (b,)
    if op == "=":
        return a == b
    if op == "!=":
        return a != b
    try:
        if op == "<":
            return a < b
        if op == "<=":
            return a <= b
        if op == ">":
            return a > b
        return a >= b
    except TypeError:
        return None


def _arith(op: str, a: Any, b: Any) -> float | None:
    a, b = _num(a), _num(b)
    if a is None or b is None:
        return None
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:
        return None  # division by zero: "no value", never a crash
    if op in ("/", "div"):
        return a / b
    return a % b


def _compile(tree) -> Compiled:
    if isinstance(tree, Num):
        v = int(tree.value) if tree.value.is_integer() else tree.value
        return lambda values, cur: v
    if isinstance(tree, Str):
        s = tree.value
        return lambda values, cur: s
    if isinstance(tree, Ref):
        name = tree.name
        return lambda values, cur: values.get(name)
    if isinstance(tree, Current):
        return lambda values, cur: cur
    if isinstance(tree, Unary):
        inner = _compile(tree.operand)
        if tree.op == "-":
            def neg(values, cur):
                x = _num(inner(values, cur))
                return None if x is None else -x
            return neg

        def not_(values, cur):
            x = inner(values, cur)
            return None if x is None else not x
        return not_
    if isinstance(tree, Binary):
        left, right, op = _compile(tree.left), _compile(tree.right), tree.op
        if op == "and":
            def and_(values, cur):
                a = left(values, cur)
                if a is False:
                    return False
                b = right(values, cur)
                if b is False:
                    return False
                return None if a is None or b is None else True
            return and_
        if op == "or":
            def or_(values, cur):
                a = left(values, cur)
                if a is True:
                    return True
                b = right(values, cur)
                if b is True:
                    return True
                return None if a is None or b is None else False
            return or_
        if op in ("=", "!=", "<", "<=", ">", ">="):
            return lambda values, cur: _compare(op, left(values, cur), right(values, cur))
        return lambda values, cur: _arith(op, left(values, cur), right(values, cur))
    if isinstance(tree, Call):
        args = [_compile(a) for a in tree.args]
        return _compile_call(tree.name, args)
    raise AssertionError(f"unknown node {tree!r}")  # pragma: no cover


def _compile_call(name: str, args: list[Compiled]) -> Compiled:
    if name == "true":
        return lambda values, cur: True
    if name == "false":
        return lambda values, cur: False
    if name == "if":
        cond, then, other = args

        def if_(values, cur):
            c = cond(values, cur)
            if c is None:
                return None
            return then(values, cur) if c else other(values, cur)
        return if_
    if name in ("min", "max"):
        pick = min if name == "min" else max

        def extreme(values, cur):
            xs = [_num(a(values, cur)) for a in args]
            if any(x is None for x in xs):
                return None
            return pick(xs)
        return extreme
    if name == "round":
        def round_(values, cur):
            x = _num(args[0](values, cur))
            d = _num(args[1](values, cur)) if len(args) > 1 else 0
            if x is None or d is None:
                return None
            return round_half_up(x, int(d))
        return round_
    if name == "abs":
        def abs_(values, cur):
            x = _num(args[0](values, cur))
            return None if x is None else abs(x)
        return abs_
    if name == "selected":
        def selected(values, cur):
            have, choice = args[0](values, cur), args[1](values, cur)
            if have is None or choice is None:
                return None
            if isinstance(have, (list, tuple)):
                return choice in have
            return have == choice
        return selected
    if name == "count-selected":
        def count(values, cur):
            have = args[0](values, cur)
            if have is None:
                return None
            return len(have) if isinstance(have, (list, tuple)) else 1
        return count
    if name == "coalesce":
        def coalesce(values, cur):
            for a in args:
                x = a(values, cur)
                if x is not None:
                    return x
            return None
        return coalesce
    raise AssertionError(name)  # pragma: no cover


class Expression(Record):
    """A parsed, checked and compiled expression."""

    source: str
    type: str
    refs: frozenset[str]
    _fn: Compiled

    def evaluate(self, values: Values, current: Any = None) -> Any:
        return self._fn(values, current)

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"


def compile_expression(source: str, types: Mapping[str, str], current: str | None = None) -> Expression:
    """Parse, check and compile `source`; raises ExpressionError with a bilingual message."""
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError(Text("Biểu thức rỗng", "Empty expression"))
    tree = parse_tree(source)
    t = check_types(tree, types, current)
    return Expression(source, t, frozenset(references(tree)), _compile(tree))
