"""The `requires` expression language: a small tokenizer, parser and evaluator.

Grammar (lowest precedence first)::

    expr  := or
    or    := and ("or" and)*
    and   := not ("and" not)*
    not   := "not" not | cmp
    cmp   := atom (("<" | "<=" | ">" | ">=" | "==" | "!=") atom)?
    atom  := NUMBER | "true" | "false" | METRIC | "(" expr ")" | "count" "(" MOVE_ID ")"

Values are numbers; `true`/`false` are 1/0 and a bare metric is true when it is not 0.
`count(MOVE_ID)` — the number of a round's actors whose chosen move has that id — is allowed
only in a round rule's `if` (`parse_rule`); in a state it is read under the name `count(MOVE_ID)`.
Nothing here calls `eval`, `exec` or `ast`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from explorer.loading.limits import MAX_EXPRESSION_CHARS, MAX_EXPRESSION_DEPTH

_TOKEN = re.compile(
    r"\s*(?:(?P<num>[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?)"
    r"|(?P<op><=|>=|==|!=|<|>|\(|\))"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)"
    r"|(?P<neg>-))"
)
_KEYWORDS = frozenset({"and", "or", "not", "true", "false"})
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}
_SYMBOL = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}


class ExpressionError(ValueError):
    """A syntax error, with the 0-based character offset where it was found."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Num:
    value: float


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    offset: int


@dataclass(frozen=True, slots=True)
class Count:
    """`count(MOVE_ID)` in a round rule's `if`."""

    move: str
    offset: int

    @property
    def name(self) -> str:
        """The name its value is read under in a state mapping or index."""
        return count_name(self.move)


def count_name(move_id: str) -> str:
    return f"count({move_id})"


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: str  # "and" | "or"
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class Compare:
    op: str
    left: Expr
    right: Expr


Expr = Num | Metric | Count | Not | BoolOp | Compare


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # num | op | name | kw | neg | end
    text: str
    offset: int


def _tokenize(source: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    pos = 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        match = _TOKEN.match(source, pos)
        if match is None or match.lastgroup is None:
            start = pos + len(source[pos:]) - len(source[pos:].lstrip())
            raise ExpressionError(_unexpected_character(source, start), start)
        group = match.lastgroup
        text = match.group(group)
        kind = "kw" if group == "name" and text in _KEYWORDS else group
        tokens.append(_Tok(kind, text, match.start(group)))
        pos = match.end()
    tokens.append(_Tok("end", "", len(source)))
    return tokens


_OPERATOR_HINTS = (
    ("&&", "write 'and'"), ("&", "write 'and'"), ("||", "write 'or'"), ("|", "write 'or'"),
    ("=>", "write '>='"), ("=<", "write '<='"), ("=", "write '==' to compare"), ("!", "write 'not'"),
    ("≥", "write '>='"), ("≤", "write '<='"), ("≠", "write '!='"), ('"', "leave out the quotes"), ("'", "leave out the quotes"),
    *((op, "conditions have no arithmetic: compare each metric (or count) with a number and join the comparisons with "
           "'and' / 'or'") for op in ("+", "*", "/")),
)


def _unexpected_character(source: str, start: int) -> str:
    """The message for a character no token starts with: the fix for an operator from another language (`&&`, `=>`, `!`)."""
    for written, hint in _OPERATOR_HINTS:
        if source.startswith(written, start):
            return f"unexpected {'character ' if len(written) == 1 else ''}'{written}': {hint}"
    return f"unexpected character '{source[start]}'"


def _keyword_hint(token: _Tok) -> str:
    """For a name that is a keyword in the wrong case (`AND`, `Not`), the fix; else ''."""
    if token.kind == "name" and token.text.lower() in _KEYWORDS:
        return f": keywords are lower case, write '{token.text.lower()}'"
    return ""


def _balanced(op: str, terms: list[Expr]) -> Expr:
    """Join a chain `a or b or c …` as a balanced tree: `and`/`or` are associative, and a
    long chain nested one term per level would make evaluation recurse too deeply."""
    if len(terms) == 1:
        return terms[0]
    middle = len(terms) // 2
    return BoolOp(op, _balanced(op, terms[:middle]), _balanced(op, terms[middle:]))


class _Parser:
    def __init__(self, source: str, counts: bool = False) -> None:
        self.tokens = _tokenize(source)
        self.index = 0
        self.depth = 0
        self.counts = counts

    def peek(self) -> _Tok:
        return self.tokens[self.index]

    def take(self) -> _Tok:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Expr:
        if self.peek().kind == "end":
            raise ExpressionError("empty expression", 0)
        expr = self.parse_or()
        token = self.peek()
        if token.kind != "end":
            before = self.tokens[self.index - 1]
            if _keyword_hint(before):
                raise ExpressionError(f"unexpected '{before.text}'{_keyword_hint(before)}", before.offset)
            hint = _keyword_hint(token) or (
                ": join two conditions with 'and' or 'or'" if token.kind in ("name", "num") or token.text == "(" else ""
            )
            raise ExpressionError(f"unexpected '{token.text}' after a complete expression{hint}", token.offset)
        return expr

    def _enter(self, offset: int) -> None:
        self.depth += 1
        if self.depth > MAX_EXPRESSION_DEPTH:
            raise ExpressionError(f"expression nested deeper than {MAX_EXPRESSION_DEPTH} levels", offset)

    def parse_or(self) -> Expr:
        terms = [self.parse_and()]
        while self.peek().text == "or" and self.peek().kind == "kw":
            self.take()
            terms.append(self.parse_and())
        return _balanced("or", terms)

    def parse_and(self) -> Expr:
        terms = [self.parse_not()]
        while self.peek().text == "and" and self.peek().kind == "kw":
            self.take()
            terms.append(self.parse_not())
        return _balanced("and", terms)

    def parse_not(self) -> Expr:
        token = self.peek()
        if token.kind == "kw" and token.text == "not":
            self.take()
            self._enter(token.offset)
            operand = self.parse_not()
            self.depth -= 1
            return Not(operand)
        return self.parse_compare()

    def parse_compare(self) -> Expr:
        left = self.parse_atom()
        token = self.peek()
        if token.kind == "op" and token.text in _COMPARE:
            self.take()
            right = self.parse_atom()
            following = self.peek()
            if following.kind == "op" and following.text in _COMPARE:
                raise ExpressionError(
                    "comparisons cannot be chained; join them with 'and'", following.offset
                )
            return Compare(token.text, left, right)
        return left

    def parse_atom(self) -> Expr:
        token = self.take()
        if token.kind == "num":
            return Num(float(token.text))
        if token.kind == "neg":
            following = self.peek()
            if following.kind == "num":
                self.take()
                return Num(-float(following.text))
            raise ExpressionError("'-' must be followed by a number", token.offset)
        if token.kind == "name":
            if token.text == "count" and self.peek().text == "(":
                return self.parse_count(token)
            return Metric(token.text, token.offset)
        if token.kind == "kw" and token.text in ("true", "false"):
            return Num(1.0 if token.text == "true" else 0.0)
        if token.kind == "op" and token.text == "(":
            self._enter(token.offset)
            inner = self.parse_or()
            closing = self.take()
            if closing.text != ")":
                raise ExpressionError("missing ')'", closing.offset)
            self.depth -= 1
            return inner
        if token.kind == "end":
            raise ExpressionError("expression ends too early", token.offset)
        raise ExpressionError(f"unexpected '{token.text}'", token.offset)

    def parse_count(self, token: _Tok) -> Count:
        if not self.counts:
            raise ExpressionError("count(…) can only be used in the 'if' of a round's rule", token.offset)
        self.take()  # (
        name = self.take()
        if name.kind not in ("name", "num"):
            raise ExpressionError("count( must be followed by a move id, as in count(escalate)", name.offset)
        closing = self.take()
        if closing.text != ")":
            raise ExpressionError("missing ')' after the move id of count(…)", closing.offset)
        return Count(name.text, name.offset)


@functools.lru_cache(maxsize=4096)
def parse(source: str) -> Expr:
    """Parse an expression; raise `ExpressionError` with an offset on a mistake.

    Scenarios repeat the same conditions on many options, so results are cached.
    """
    if len(source) > MAX_EXPRESSION_CHARS:
        raise ExpressionError(f"expression longer than {MAX_EXPRESSION_CHARS} characters", 0)
    return _Parser(source).parse()


@functools.lru_cache(maxsize=4096)
def parse_rule(source: str) -> Expr:
    """Parse a round rule's `if`, where `count(MOVE_ID)` is allowed too."""
    if len(source) > MAX_EXPRESSION_CHARS:
        raise ExpressionError(f"expression longer than {MAX_EXPRESSION_CHARS} characters", 0)
    return _Parser(source, counts=True).parse()


def metrics_used(expr: Expr) -> list[Metric]:
    """Every metric reference, in reading order."""
    return list(_metrics_used(expr))


@functools.lru_cache(maxsize=4096)
def _metrics_used(expr: Expr) -> tuple[Metric, ...]:
    """Cached: the same parsed condition recurs on many options of a scenario."""
    found: list[Metric] = []
    stack: list[Expr] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Metric):
            found.append(node)
        elif isinstance(node, Not):
            stack.append(node.operand)
        elif isinstance(node, (BoolOp, Compare)):
            stack.extend((node.right, node.left))
    return tuple(found)


def counts_used(expr: Expr) -> list[Count]:
    """Every `count(…)`, in reading order."""
    found: list[Count] = []
    stack: list[Expr] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Count):
            found.append(node)
        elif isinstance(node, Not):
            stack.append(node.operand)
        elif isinstance(node, (BoolOp, Compare)):
            stack.extend((node.right, node.left))
    return found


def value(expr: Expr, state: Mapping[str, float]) -> float:
    """The numeric value of an expression: comparisons and logic give 1.0 or 0.0."""
    if isinstance(expr, Num):
        return expr.value
    if isinstance(expr, (Metric, Count)):
        return float(state.get(expr.name, 0.0))
    if isinstance(expr, Not):
        return 0.0 if value(expr.operand, state) else 1.0
    if isinstance(expr, Compare):
        return 1.0 if _COMPARE[expr.op](value(expr.left, state), value(expr.right, state)) else 0.0
    if expr.op == "and":
        return 1.0 if value(expr.left, state) and value(expr.right, state) else 0.0
    return 1.0 if value(expr.left, state) or value(expr.right, state) else 0.0


def holds(expr: Expr, state: Mapping[str, float]) -> bool:
    """Whether the expression is true in this metric state."""
    return value(expr, state) != 0.0


def explain(expr: Expr, state: Mapping[str, float], labels: Mapping[str, str] | None = None) -> str:
    """Why an expression is false, in words: 'needs tension ≥ 8; now 6'."""
    labels = labels or {}
    failing = _failing_parts(expr, state)
    parts = []
    for part in failing:
        now = ", ".join(
            f"{labels.get(m.name, m.name)} {_num(state.get(m.name, 0.0))}"
            for m in dict.fromkeys(metrics_used(part), None)
        )
        parts.append(f"needs {render(part, labels)}" + (f"; now {now}" if now else ""))
    return "; ".join(parts) if parts else f"needs {render(expr, labels)}"


def _failing_parts(expr: Expr, state: Mapping[str, float]) -> list[Expr]:
    if holds(expr, state):
        return []
    if isinstance(expr, BoolOp) and expr.op == "and":
        return _failing_parts(expr.left, state) + _failing_parts(expr.right, state)
    return [expr]


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def render(expr: Expr, labels: Mapping[str, str] | None = None) -> str:
    """The expression written back for people, with ≥/≤ and metric labels."""
    labels = labels or {}
    if isinstance(expr, Num):
        return _num(expr.value)
    if isinstance(expr, Metric):
        return labels.get(expr.name, expr.name)
    if isinstance(expr, Count):
        return labels.get(expr.name, f"the number who chose {expr.move}")
    if isinstance(expr, Not):
        return f"not {_wrap(expr.operand, labels)}"
    if isinstance(expr, Compare):
        return f"{render(expr.left, labels)} {_SYMBOL[expr.op]} {render(expr.right, labels)}"
    return f"{_wrap(expr.left, labels, expr.op)} {expr.op} {_wrap(expr.right, labels, expr.op)}"


def _wrap(expr: Expr, labels: Mapping[str, str], inside: str | None = None) -> str:
    """Render a part, in parentheses where needed (`a or b or c` needs none)."""
    text = render(expr, labels)
    return f"({text})" if isinstance(expr, BoolOp) and expr.op != inside else text


def compile_predicate(expr: Expr, index: Mapping[str, int]) -> Callable[[tuple[float, ...]], bool]:
    """A fast predicate over a state tuple whose metric positions are given by `index`."""
    fn = _compile(expr, index)
    return lambda state: fn(state) != 0.0


def _compile(expr: Expr, index: Mapping[str, int]) -> Callable[[tuple[float, ...]], float]:
    if isinstance(expr, Num):
        constant = expr.value
        return lambda state: constant
    if isinstance(expr, (Metric, Count)):
        slot = index.get(expr.name)
        if slot is None:
            return lambda state: 0.0
        return lambda state: state[slot]
    if isinstance(expr, Not):
        inner = _compile(expr.operand, index)
        return lambda state: 0.0 if inner(state) else 1.0
    left = _compile(expr.left, index)
    right = _compile(expr.right, index)
    if isinstance(expr, Compare):
        op = _COMPARE[expr.op]
        return lambda state: 1.0 if op(left(state), right(state)) else 0.0
    if expr.op == "and":
        return lambda state: 1.0 if left(state) and right(state) else 0.0
    return lambda state: 1.0 if left(state) or right(state) else 0.0
