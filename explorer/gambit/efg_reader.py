"""Reading Gambit's extensive-form `.efg` text format into a flat tree (our own reader: pygambit is a
test-only dependency).

The format (Gambit's "The extensive game (.efg) file format"): a prologue `EFG 2 R "title" { "player"
… } "comment"`, then the nodes in prefix order. A chance node is `c "name" event ["event name" {
"action" probability … }] outcome ["outcome name" { payoff … }]`; a player node `p "name" player infoset
["infoset name" { "action" … }] outcome [...]`; a terminal `t "name" outcome [...]`. The descriptive
parts may be left out where the information set, event or outcome appeared before; given again, they
must match. Outcome 0 is the null outcome. Outcomes may sit at non-terminal nodes: their payoffs add up
along the path. Numbers are integers, decimals or fractions `a/b`; payoffs may be separated by commas.

Bounded: the file size, the number of nodes and the size of numbers are capped, and the tree is read
without recursion, so no input can hang the reader or exhaust memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

MAX_EFG_BYTES = 64 * 1024 * 1024
MAX_EFG_NODES = 1_000_000
MAX_NUMBER_CHARS = 200
MAX_EXPONENT = 400

CHANCE, PLAYER, TERMINAL = "c", "p", "t"


class EfgError(ValueError):
    """The text is not a valid .efg file; `line` and `col` say where (1-based)."""

    def __init__(self, message: str, line: int = 0, col: int = 0) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


@dataclass
class Infoset:
    """A player's information set (player ≥ 1) or a chance event (player 0)."""

    player: int
    number: int
    label: str
    actions: list[str]
    probabilities: list[Fraction] | None
    """Chance events only."""
    members: list[int] = field(default_factory=list)
    """Node indices, in file order."""


@dataclass
class Outcome:
    number: int
    label: str
    payoffs: list[Fraction]


@dataclass
class EfgNode:
    kind: str
    """"c", "p" or "t"."""
    label: str
    player: int
    """1-based player number; 0 at a chance node and at a terminal."""
    infoset: int
    """Information set (or chance event) number; 0 at a terminal."""
    outcome: int
    line: int
    col: int
    parent: int = -1
    action: int = -1
    """Index of the parent's action that leads here."""
    children: list[int] = field(default_factory=list)


@dataclass
class EfgGame:
    title: str
    players: list[str]
    comment: str
    nodes: list[EfgNode]
    infosets: dict[tuple[int, int], Infoset]
    """(player, number) → information set; player 0 for chance events."""
    outcomes: dict[int, Outcome]

    def infoset_of(self, node: int) -> Infoset:
        n = self.nodes[node]
        return self.infosets[(n.player, n.infoset)]


_TOKEN = re.compile(
    r'(?P<space>\s+)|(?P<string>"(?:[^"\\]|\\.)*")|(?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?:/\d+)?)'
    r'|(?P<punct>[{},])|(?P<word>[A-Za-z]+)',
    re.S,
)


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    text: str
    line: int
    col: int


class _Reader:
    """Tokens read lazily, one ahead (a large file is never held as a list of tokens)."""

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line, self.line_start = text, 0, 1, 0
        self.current: _Tok | None = None
        self._advance()

    def _advance(self) -> None:
        text = self.text
        while self.pos < len(text):
            m = _TOKEN.match(text, self.pos)
            if m is None:
                bad = text[self.pos]
                what = "an unterminated quoted label" if bad == '"' else f"an unexpected character {bad!r}"
                raise EfgError(what, self.line, self.pos - self.line_start + 1)
            kind, value = m.lastgroup or "", m.group()
            tok = _Tok(kind, value, self.line, self.pos - self.line_start + 1)
            newlines = value.count("\n")
            if newlines:
                self.line += newlines
                self.line_start = m.start() + value.rindex("\n") + 1
            self.pos = m.end()
            if kind != "space":
                self.current = tok
                return
        self.current = None

    def skip(self) -> None:
        self._advance()

    def peek(self) -> _Tok | None:
        return self.current

    def where(self) -> tuple[int, int]:
        """Where the next token starts; at the end, where the file ends."""
        if self.current is None:
            return self.line, self.pos - self.line_start + 1
        return self.current.line, self.current.col

    def take(self, kind: str, what: str) -> _Tok:
        tok = self.peek()
        if tok is None or tok.kind != kind:
            found = "the end of the file" if tok is None else repr(tok.text[:40])
            raise EfgError(f"expected {what}, found {found}", *self.where())
        self.skip()
        return tok

    def string(self, what: str) -> str:
        raw = self.take("string", what).text[1:-1]
        return re.sub(r"\\(.)", r"\1", raw, flags=re.S)

    def integer(self, what: str) -> int:
        tok = self.take("number", what)
        if not tok.text.isdigit() or len(tok.text) > 12:
            raise EfgError(f"expected {what} (a whole number), found {tok.text[:40]!r}", tok.line, tok.col)
        return int(tok.text)

    def number(self, what: str) -> Fraction:
        tok = self.take("number", what)
        text = tok.text
        exponent = re.search(r"[eE]([+-]?\d+)", text)
        if len(text) > MAX_NUMBER_CHARS or (exponent and abs(int(exponent.group(1))) > MAX_EXPONENT):
            raise EfgError(f"the number {text[:40]!r} is too large to read", tok.line, tok.col)
        try:
            return Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise EfgError(f"{text[:40]!r} is not a number", tok.line, tok.col) from None

    def at(self, kind: str, text: str | None = None) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == kind and (text is None or tok.text == text)


def read_efg(text: str) -> EfgGame:
    """The game in `text`; `EfgError` at the first problem (the structure is lost after it)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_EFG_BYTES:
        raise EfgError(f"the file is larger than {MAX_EFG_BYTES // (1024 * 1024)} MB")
    r = _Reader(text)
    head = r.take("word", "'EFG' at the start of the file")
    if head.text == "NFG":
        raise EfgError("this is a strategic-form game (Gambit's .nfg format), which has no tree of moves; "
                       "import reads extensive-form games (.efg)", head.line, head.col)
    if head.text != "EFG":
        raise EfgError(f"expected 'EFG' at the start of the file, found {head.text!r} (is this a .efg file?)", head.line, head.col)
    version = r.take("number", "the version number 2")
    if version.text != "2":
        raise EfgError(f"only version 2 of the .efg format is read, this file says {version.text!r}", version.line, version.col)
    mode = r.take("word", "'R' after the version")
    if mode.text not in ("R", "D"):
        raise EfgError(f"expected 'R' after the version, found {mode.text!r}", mode.line, mode.col)
    title = r.string("the game's title (a quoted label)")
    r.take("punct", "'{' before the players")
    players = []
    while r.at("string"):
        players.append(r.string("a player's name"))
    if not r.at("punct", "}"):
        raise EfgError("expected a quoted player name or '}' after the players", *r.where())
    r.skip()
    if not players:
        raise EfgError("the game has no players", *r.where())
    comment = r.string("the comment") if r.at("string") else ""
    game = EfgGame(title, players, comment, [], {}, {})
    _body(r, game)
    return game


def _body(r: _Reader, game: EfgGame) -> None:
    """The nodes in prefix order, each attached to its parent's next free action."""
    open_nodes: list[int] = []  # nodes still waiting for children, innermost last
    while True:
        tok = r.peek()
        if tok is None:
            break
        if not open_nodes and game.nodes:
            raise EfgError(f"the tree is already complete, but the file goes on with {tok.text[:40]!r}", tok.line, tok.col)
        if len(game.nodes) >= MAX_EFG_NODES:
            raise EfgError(f"the game has more than {MAX_EFG_NODES:,} nodes", tok.line, tok.col)
        index = len(game.nodes)
        node = _node(r, game, index)
        game.nodes.append(node)
        if open_nodes:
            parent = game.nodes[open_nodes[-1]]
            node.parent, node.action = open_nodes[-1], len(parent.children)
            parent.children.append(index)
            if len(parent.children) == len(game.infoset_of(node.parent).actions):
                open_nodes.pop()
        if node.kind != TERMINAL:
            open_nodes.append(index)
    if not game.nodes:
        raise EfgError("the file has no nodes", *r.where())
    if open_nodes:
        node = game.nodes[open_nodes[-1]]
        missing = len(game.infoset_of(open_nodes[-1]).actions) - len(node.children)
        raise EfgError(f"the file ends before the tree is complete: the node on line {node.line} still expects "
                       f"{missing} more child node{'s' if missing != 1 else ''}", *r.where())


def _node(r: _Reader, game: EfgGame, index: int) -> EfgNode:
    tok = r.take("word", "a node: 'c', 'p' or 't'")
    if tok.text not in (CHANCE, PLAYER, TERMINAL):
        raise EfgError(f"expected a node ('c', 'p' or 't'), found {tok.text[:40]!r}", tok.line, tok.col)
    label = r.string("the node's name (a quoted label, possibly empty)")
    player = number = 0
    if tok.text == PLAYER:
        where = r.where()
        player = r.integer("the player number")
        if not 1 <= player <= len(game.players):
            raise EfgError(f"player {player} does not exist: the game has {len(game.players)} player(s)", *where)
    if tok.text != TERMINAL:
        where = r.where()
        number = r.integer("the information set number" if player else "the chance event number")
        if number < 1:
            raise EfgError("information set and event numbers start at 1", *where)
        _infoset(r, game, player, number, index, tok, where)
    node = EfgNode(tok.text, label, player, number, _outcome(r, game), tok.line, tok.col)
    return node


def _infoset(r: _Reader, game: EfgGame, player: int, number: int, index: int, tok: _Tok, where: tuple[int, int]) -> None:
    known = game.infosets.get((player, number))
    what = f"player {player}'s information set {number}" if player else f"chance event {number}"
    if r.at("string"):
        label = r.string("the information set's name")
        r.take("punct", "'{' before the actions")
        actions: list[str] = []
        probabilities: list[Fraction] | None = [] if not player else None
        while r.at("string"):
            actions.append(r.string("an action's name"))
            if probabilities is not None:
                probabilities.append(r.number(f"the probability of chance action {actions[-1]!r}"))
        r.take("punct", "'}' after the actions" if player else "a quoted action name, its probability, or '}'")
        if not actions:
            raise EfgError(f"{what} has no actions", *where)
        if probabilities is not None and (any(q < 0 or q > 1 for q in probabilities) or sum(probabilities) != 1):
            raise EfgError(f"{what}'s probabilities must each be between 0 and 1 and sum to 1; they sum to "
                           f"{float(sum(probabilities)):g}", *where)
        if known is not None and (known.label, known.actions, known.probabilities) != (label, actions, probabilities):
            raise EfgError(f"{what} is described again differently (first on line {game.nodes[known.members[0]].line})", *where)
        if known is None:
            known = game.infosets[(player, number)] = Infoset(player, number, label, actions, probabilities)
    elif known is None:
        raise EfgError(f"{what} is used before its actions are given", *where)
    known.members.append(index)


def _outcome(r: _Reader, game: EfgGame) -> int:
    where = r.where()
    number = r.integer("the outcome number (0 for none)")
    if not r.at("string"):
        if number and number not in game.outcomes:
            raise EfgError(f"outcome {number} is used before its payoffs are given", *where)
        return number
    if number == 0:
        raise EfgError("outcome 0 (no outcome) must not have a name or payoffs", *where)
    label = r.string("the outcome's name")
    r.take("punct", "'{' before the payoffs")
    payoffs = []
    while not r.at("punct", "}"):
        if r.at("punct", ","):
            r.skip()
            continue
        payoffs.append(r.number("a payoff, or '}'"))
    r.skip()
    if len(payoffs) != len(game.players):
        raise EfgError(f"outcome {number} has {len(payoffs)} payoff(s) for {len(game.players)} player(s)", *where)
    known = game.outcomes.get(number)
    if known is not None and (known.label, known.payoffs) != (label, payoffs):
        raise EfgError(f"outcome {number} is described again differently", *where)
    game.outcomes.setdefault(number, Outcome(number, label, payoffs))
    return number
