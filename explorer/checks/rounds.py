"""References and rules of `round` nodes (format 2): actors and move ids in `moves` and `picks`,
unique ids, the unconditional last rule, `count(…)` names, covert moves that would give
themselves away, and every `requires` and `if` parsed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from explorer.format import expressions
from explorer.format.models import RoundNode, Scenario, SourceRef
from explorer.loading.locator import Locator
from explorer.problems import Position, Problems
from explorer.suggest import did_you_mean

CheckCitations = Callable[[list[SourceRef], tuple], None]


@dataclass
class RoundContext:
    """What the round checks need from the reference checks."""

    scenario: Scenario
    locator: Locator
    problems: Problems
    nodes: set[str]
    actors: set[str]
    metrics: set[str]
    check_nodes: bool
    check_actors: bool
    check_metrics: bool
    cite: CheckCitations
    requires: dict[tuple, expressions.Expr] = field(default_factory=dict)
    """Parsed `requires` of moves, by (node id, actor, move index)."""
    conditions: dict[tuple[str, int], expressions.Expr] = field(default_factory=dict)
    """Parsed rule `if`s, by (node id, rule index)."""
    checked_moves: set[Position] = field(default_factory=set)
    secrets_checked: set[Position] = field(default_factory=set)
    """Where each list of moves checked so far is written: moves shared through a YAML anchor are
    reported once, at the place to fix, not once per round that shares them."""


class _Quiet:
    """Problems that go nowhere: the moves were checked (and reported) already, in another round."""

    def error(self, message: str, position: Position) -> None:
        pass

    def warning(self, message: str, position: Position) -> None:
        pass


def check_round(node_id: str, node: RoundNode, ctx: RoundContext) -> None:
    """Report every mistake in one round node, where it is written."""
    where = f"round '{node_id}'"
    loc, problems = ctx.locator, ctx.problems
    if not node.moves:
        problems.error(f"{where} has no moves; list each actor's moves under 'moves'", loc.node(node_id, "moves", key=True)
                       if "moves" in (loc.raw_node(node_id) or {}) else loc.node(node_id))
    for actor, moves in node.moves.items():
        _check_actor_moves(node_id, node, actor, moves, ctx)
    _check_rules(node_id, node, ctx)
    _check_secrecy(node_id, node, ctx)


def _check_actor_moves(node_id: str, node: RoundNode, actor: str, moves: list, ctx: RoundContext) -> None:
    loc, problems = ctx.locator, ctx.problems
    place = loc.node(node_id, "moves", actor)
    if place.line and place in ctx.checked_moves:
        problems = _Quiet()  # type: ignore[assignment]
    ctx.checked_moves.add(place)
    if ctx.check_actors and actor not in ctx.actors:
        problems.error(f"round '{node_id}': unknown actor '{actor}'{did_you_mean(actor, ctx.actors)}",
                       loc.node(node_id, "moves", actor, key=True))
    if not moves:
        problems.error(f"round '{node_id}': actor '{actor}' has no moves; give it at least one",
                       loc.node(node_id, "moves", actor))
    seen: dict[str, int] = {}
    default: int | None = None
    for index, move in enumerate(moves):
        what = f"round '{node_id}', {actor}'s move {index + 1}"
        if move.id in seen:
            problems.error(f"{what}: move id '{move.id}' is already used by {actor}'s move {seen[move.id] + 1}",
                           loc.node(node_id, "moves", actor, index, "id"))
        else:
            seen[move.id] = index
        if move.default:
            if default is not None:
                problems.error(f"{what}: {actor} already has a default move ({moves[default].id}); give at most one "
                               "move `default: true` per actor", loc.node(node_id, "moves", actor, index, "default"))
            else:
                default = index
        quiet = isinstance(problems, _Quiet)
        if not quiet:
            _check_effects(move.effects, what, ctx, (node_id, "moves", actor, index, "effects"))
            if move.sources:
                ctx.cite(move.sources, (node_id, "moves", actor, index, "sources"))
        if move.requires is not None:
            expr = _parse(move.requires, f"{what}: 'requires'", (node_id, "moves", actor, index, "requires"), ctx,
                          expressions.parse, quiet)
            if expr is not None:
                ctx.requires[(node_id, actor, index)] = expr


def _check_rules(node_id: str, node: RoundNode, ctx: RoundContext) -> None:
    loc, problems = ctx.locator, ctx.problems
    if not node.then:
        problems.error(f"round '{node_id}' has no rules; 'then' needs at least one, and the last one, with neither "
                       "'picks' nor 'if', is the default", loc.node(node_id, "then") if "then" in (loc.raw_node(node_id)
                                                                                              or {}) else loc.node(node_id))
        return
    move_ids = {m.id for moves in node.moves.values() for m in moves}
    seen: dict[str, int] = {}
    unconditional: int | None = None
    for index, rule in enumerate(node.then):
        what = f"round '{node_id}', rule {index + 1}"
        if rule.id is not None:
            if rule.id in seen:
                problems.error(f"{what}: rule id '{rule.id}' is already used by rule {seen[rule.id] + 1}",
                               loc.node(node_id, "then", index, "id"))
            else:
                seen[rule.id] = index
        if unconditional is not None and not (index == len(node.then) - 1 and not rule.unconditional):  # that: an error below
            problems.warning(f"{what} can never fire: rule {unconditional + 1} before it has neither 'picks' nor 'if' "
                             "and always fires", loc.node(node_id, "then", index))
        elif rule.unconditional:
            unconditional = index
        _check_picks(node_id, node, index, ctx)
        if rule.condition is not None:
            expr = _parse(rule.condition, f"{what}: 'if'", (node_id, "then", index, "if"), ctx, expressions.parse_rule)
            if expr is not None:
                unknown = [c for c in expressions.counts_used(expr) if c.move not in move_ids]
                for count in unknown:
                    start = loc.node(node_id, "then", index, "if")
                    ctx.problems.error(
                        f"{what}: count({count.move}) names no move of this round{did_you_mean(count.move, move_ids)}",
                        loc.written_at(start, rule.condition, count.offset),
                    )
                if not unknown:
                    ctx.conditions[(node_id, index)] = expr
        if ctx.check_nodes and rule.to not in ctx.nodes:
            problems.error(f"{what}: 'to' names unknown node '{rule.to}'{did_you_mean(rule.to, ctx.nodes)}",
                           loc.node(node_id, "then", index, "to"))
        _check_effects(rule.effects, what, ctx, (node_id, "then", index, "effects"))
        if rule.sources:
            ctx.cite(rule.sources, (node_id, "then", index, "sources"))
    last = len(node.then) - 1
    final = node.then[last]
    if not final.unconditional and not (final.picks == {} and final.condition is None):  # empty picks: reported above
        problems.error(
            f"round '{node_id}': the last rule must have neither 'picks' nor 'if' — it is the default, used when no "
            f"rule before it fires; add one such as `- {{to: NODE}}` at the end of 'then'",
            loc.node(node_id, "then", last),
        )


def _check_picks(node_id: str, node: RoundNode, index: int, ctx: RoundContext) -> None:
    rule, loc, problems = node.then[index], ctx.locator, ctx.problems
    what = f"round '{node_id}', rule {index + 1}"
    if rule.picks is None:
        return
    if not rule.picks:
        problems.error(f"{what}: 'picks' is empty; name at least one actor and its move, or leave 'picks' out",
                       loc.node(node_id, "then", index, "picks"))
        return
    for actor, wanted in rule.picked().items():
        if actor not in node.moves:
            problems.error(f"{what}: 'picks' names '{actor}', who does not move in this round"
                           f"{did_you_mean(actor, list(node.moves))}", loc.node(node_id, "then", index, "picks", actor, key=True))
            continue
        if not wanted:
            problems.error(f"{what}: 'picks' for {actor} is an empty list; name at least one move",
                           loc.node(node_id, "then", index, "picks", actor))
            continue
        ids = [m.id for m in node.moves[actor]]
        raw = rule.picks[actor]
        for position, move_id in enumerate(wanted):
            if move_id not in ids:
                path = (node_id, "then", index, "picks", actor) + (() if isinstance(raw, str) else (position,))
                problems.error(f"{what}: {actor} has no move '{move_id}' in this round{did_you_mean(move_id, ids)}",
                               loc.node(*path))


def _check_secrecy(node_id: str, node: RoundNode, ctx: RoundContext) -> None:
    """Warnings: a round with one actor and no covert move; covert moves the reveal would give away."""
    loc, problems, scenario = ctx.locator, ctx.problems, ctx.scenario
    if len(node.moves) == 1 and not any(m.covert for moves in node.moves.values() for m in moves):
        (actor,) = node.moves
        problems.warning(f"round '{node_id}' has one actor ({actor}); a round is for moves made at once — use a decision "
                         "node, or mark a move `covert: true` if it is a move made in secret", loc.node(node_id, "moves"))
    picked = {(a, m) for rule in node.then for a, ms in rule.picked().items() for m in ms}
    for actor, moves in node.moves.items():
        place = loc.node(node_id, "moves", actor)
        if place.line and place in ctx.secrets_checked:
            continue  # moves shared through an anchor: their warnings are given once
        ctx.secrets_checked.add(place)
        for index, move in enumerate(moves):
            if not move.covert:
                continue
            seen_by = [m for m in move.effects if m in scenario.metrics and _others_see(scenario, m, actor)]
            if seen_by:
                problems.warning(
                    f"round '{node_id}', {actor}'s covert move '{move.id}' changes {', '.join(seen_by)}, which other actors "
                    "can see: the reveal would give the move away (limit the metric with 'visible_to')",
                    loc.node(node_id, "moves", actor, index, "effects"))
            if (actor, move.id) in picked:
                problems.warning(
                    f"round '{node_id}', {actor}'s covert move '{move.id}' is named in a rule's 'picks': the rule's "
                    "result would give the move away", loc.node(node_id, "moves", actor, index, "covert"))


def _others_see(scenario: Scenario, metric: str, actor: str) -> bool:
    """Whether some actor other than `actor` sees the metric (`visible_to`, default everyone)."""
    visible = scenario.metrics[metric].visible_to
    return any(a != actor for a in (scenario.actors if visible is None else visible))


def _check_effects(effects: dict[str, float], what: str, ctx: RoundContext, path: tuple) -> None:
    if not ctx.check_metrics:
        return
    for metric in effects:
        if metric not in ctx.metrics:
            ctx.problems.error(f"{what}: effect on unknown metric '{metric}'{did_you_mean(metric, ctx.metrics)}",
                               ctx.locator.node(*path, metric, key=True))


def _parse(text: str, what: str, path: tuple, ctx: RoundContext,
           parser: Callable[[str], expressions.Expr], quiet: bool = False) -> expressions.Expr | None:
    """Parse a condition; report a syntax error or unknown metrics where written (unless `quiet`); None on
    a problem."""
    base: Position = ctx.locator.node(*path)
    problems = _Quiet() if quiet else ctx.problems
    try:
        expr = parser(text)
    except expressions.ExpressionError as exc:
        problems.error(f"{what}: bad expression: {exc.message}", ctx.locator.written_at(base, text, exc.offset))
        return None
    if not ctx.check_metrics:
        return None
    unknown = [m for m in expressions.metrics_used(expr) if m.name not in ctx.metrics]
    for metric in unknown:
        problems.error(f"{what} names unknown metric '{metric.name}'{did_you_mean(metric.name, ctx.metrics)}",
                           ctx.locator.written_at(base, text, metric.offset))
    return None if unknown else expr
