"""The classroom around the tree: news (injects), argued moves, class forecasts, showing the analyst's
estimates or the historical marks, and ending the game for the debrief."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from explorer.game import argue as argued
from explorer.game import forecasts
from explorer.game.answers import Act
from explorer.game.class_events import (
    Argued,
    Countered,
    Ended,
    ForecastClosed,
    Forecasted,
    ForecastOpened,
    NewsFired,
    Ruled,
    Shown,
)
from explorer.game.errors import MoveRefused
from explorer.game.estimates import option_estimates
from explorer.game.events import Event
from explorer.game.session_core import SessionCore, clean_text, required_text
from explorer.graph import ScenarioGraph

MAX_TITLE = 200


class ClassActions(SessionCore):
    """News, argued moves, forecasts, what the facilitator shows, and the end of the game."""

    # --- news -------------------------------------------------------------------------
    def fire_inject(self, inject: str, *, turn: int | None = None) -> Event:
        """Fire the scenario's inject `inject`: its bulletin to its audience, its effects, its jump."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.NEWS, inject))
            found = self.graph.scenario.injects[inject]
            body = NewsFired(inject, found.title, found.text or "", self._audience(found.audience or ()),
                             dict(found.effects), found.to, found.cue)
            return self._news(body)

        return self._one(turn, build)

    def send_news(self, title: str, text: str = "", *, audience: Sequence[str] = (),
                  effects: Mapping[str, float] | None = None, to: str | None = None, turn: int | None = None) -> Event:
        """Fire free-form news: a headline and text for `audience` (actor ids; empty: everyone), with
        `effects` on the metrics and a jump `to` a node, if given."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.NEWS))
            headline = required_text(title, "news", "headline")
            if len(headline) > MAX_TITLE:
                raise MoveRefused(f"keep the headline under {MAX_TITLE} characters")
            unknown = [a for a in audience if a not in self.graph.scenario.actors]
            if unknown:
                raise MoveRefused(f"there is no actor '{unknown[0]}' to send the news to")
            body = NewsFired(None, headline, clean_text(text, "text"), self._audience(audience), self._effects(effects),
                             to)
            return self._news(body)

        return self._one(turn, build)

    def _audience(self, actors: Sequence[str]) -> list[str]:
        """The actors news is for; [] (everyone, the shared screen too) when that is every actor."""
        return [] if set(self.graph.scenario.actors) <= set(actors) else list(actors)

    def _news(self, body: NewsFired):  # type: ignore[no-untyped-def]
        step = self._try(lambda w: w.jump(body.to or self.node_id, effects=body.effects))
        return self._draft(body, state=step.after)

    def _effects(self, effects: Mapping[str, float] | None) -> dict[str, float]:
        out = {}
        for metric, amount in (effects or {}).items():
            if metric not in self.graph.metric_slot:
                raise MoveRefused(f"there is no metric '{metric}'")
            out[metric] = float(amount)
        return out

    # --- argued moves -------------------------------------------------------------------
    def argue(self, actor: str, action: str, result: str, reasons: Sequence[str], *,
              turn: int | None = None) -> Event:
        """Argue a move the tree does not have for `actor`: the action, the result it should bring,
        and up to three reasons."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.ARGUE, actor))
            given = _reasons(reasons)
            number = max(self.state.table.arguments, default=0) + 1
            body = Argued(number, actor, required_text(action, "an argued move", "action"),
                          required_text(result, "an argued move", "intended result"), given)
            return self._draft(body, team=self.teams.team_of(actor), actor=actor)

        return self._one(turn, build)

    def counter(self, number: int, reasons: Sequence[str], *, turn: int | None = None) -> Event:
        """Counter argued move `number` with up to three reasons (once per team)."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.COUNTER, number))
            given = _reasons(reasons)
            if not given:
                raise MoveRefused("a counter-argument needs at least one reason")
            return self._draft(Countered(number, given), team=self.seat)

        return self._one(turn, build)

    def argument_odds(self, number: int, adjustment: int = 0) -> argued.Odds:
        """The 2d6 target of argued move `number` as it stands (its reasons, the counter-arguments)."""
        argument = self.state.table.arguments.get(number)
        if argument is None:
            raise MoveRefused(f"there is no argued move #{number}")
        return argued.odds(len(argument.body.reasons), len(argument.counters), adjustment)

    def rule_by_dice(self, number: int, effects: Mapping[str, float] | None = None, *, adjustment: int = 0,
                     reason: str | None = None, turn: int | None = None) -> Event:
        """Roll 2d6 for argued move `number` against its target (moved by `adjustment`, −2…+2, which
        needs a reason); on success its `effects` apply."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.RULE, number))
            if abs(adjustment) > argued.MAX_ADJUSTMENT:
                raise MoveRefused(f"the facilitator may move the target by at most {argued.MAX_ADJUSTMENT} either way")
            why = required_text(reason, "an adjusted target") if adjustment else (clean_text(reason, "reason") or None)
            odds = self.argument_odds(number, adjustment)
            dice = argued.dice(self.meta.seed, number)
            success = sum(dice) >= odds.needed
            return self._ruling(Ruled(number, success, "dice", self._effects(effects) if success else {}, why,
                                      odds.needed, list(dice), self.meta.seed, adjustment))

        return self._one(turn, build)

    def rule_by_decision(self, number: int, success: bool, reason: str, effects: Mapping[str, float] | None = None,
                         *, turn: int | None = None) -> Event:
        """The facilitator decides argued move `number` without dice, giving a reason."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.RULE, number))
            why = required_text(reason, "a ruling by decision")
            return self._ruling(Ruled(number, success, "decision", self._effects(effects) if success else {}, why))

        return self._one(turn, build)

    def _ruling(self, body: Ruled):  # type: ignore[no-untyped-def]
        step = self._try(lambda w: w.jump(self.node_id, effects=body.effects))
        return self._draft(body, state=step.after)

    # --- forecasts ----------------------------------------------------------------------
    def forecast_question(self, node_id: str | None = None) -> forecasts.Question:
        return forecasts.question_at(self.graph, node_id or self.node_id, self.state.walk)

    def open_forecast(self, node_id: str | None = None, *, turn: int | None = None) -> Event:
        """Ask every team for its probability of each branch of `node_id` (default: where the game is)."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.OPEN_FORECAST, node_id))
            q = self.forecast_question(node_id)
            number = max(self.state.table.forecasts, default=0) + 1
            return self._draft(ForecastOpened(number, q.node, q.question, list(q.branches),
                                              list(q.analyst) if q.analyst is not None else None, q.historical))

        return self._one(turn, build)

    def enter_forecast(self, probabilities: Sequence[float], *, turn: int | None = None) -> Event:
        """This team's forecast for the open forecast (it may enter it again until it closes)."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.FORECAST))
            forecast = self.state.table.open_forecast
            assert forecast is not None
            values = forecasts.checked(probabilities, len(forecast.body.branches))
            return self._draft(Forecasted(forecast.body.number, values), team=self.seat)

        return self._one(turn, build)

    def close_forecast(self, *, turn: int | None = None) -> Event:
        """Close the open forecast: the spread (each team's numbers and the median) is recorded and shown."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.CLOSE_FORECAST))
            forecast = self.state.table.open_forecast
            assert forecast is not None
            entries = {team: p for team in self.teams.names if (p := forecast.probabilities(team)) is not None}
            return self._draft(ForecastClosed(forecast.body.number, entries, forecasts.median(list(entries.values()))))

        return self._one(turn, build)

    # --- what the facilitator shows, and the end ---------------------------------------
    def show(self, what: str, on: bool = True, *, turn: int | None = None) -> Event:
        """Show (or hide again) the analyst's `estimates` or the `historical` marks on every screen."""
        if what not in ("estimates", "historical"):
            raise MoveRefused("the facilitator may show 'estimates' or 'historical'")

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.SHOW))
            estimates = option_estimates(self.state.walk) if what == "estimates" and on else None
            return self._draft(Shown(what, on, estimates))

        return self._one(turn, build)

    def end(self, reason: str | None = None, *, turn: int | None = None) -> Event:
        """End the game for the debrief (everything sealed is unsealed; no more moves)."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.END))
            return self._draft(Ended(clean_text(reason, "reason") or None))

        return self._one(turn, build)


def _reasons(reasons: Sequence[str]) -> list[str]:
    given = [clean_text(r, "reason") for r in reasons]
    given = [r for r in given if r]
    if len(given) > argued.MAX_REASONS:
        raise MoveRefused(f"give at most {argued.MAX_REASONS} reasons")
    return given


def parse_effects(graph: ScenarioGraph, text: str) -> dict[str, float]:
    """Effects as a facilitator types them — 'tension -1, trust +2' (a metric's id or label, then the
    amount) — or `MoveRefused` saying how to write them. Blank: no effects."""
    out: dict[str, float] = {}
    by_name = {m.casefold(): m for m in graph.metric_ids} | {
        x.label.casefold(): m for m, x in graph.scenario.metrics.items()}
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        name, _, amount = part.rpartition(" ")
        metric = by_name.get(name.strip().rstrip(":=").strip().casefold())
        try:
            value = float(amount)
        except ValueError:
            value = float("nan")
        if metric is None or value != value or value in (float("inf"), float("-inf")):
            known = ", ".join(graph.metric_ids) or "none"
            raise MoveRefused(f"cannot read the effect {part!r}: write each as a metric and an amount, e.g. "
                              f"'tension -1, trust +2' (the metrics: {known})")
        out[metric] = out.get(metric, 0.0) + value
    return out


def parse_audience(graph: ScenarioGraph, text: str) -> list[str]:
    """Actors as a facilitator types them — ids or names, separated by commas; blank or 'everyone': []."""
    if text.strip().casefold() in ("", "everyone", "all"):
        return []
    by_name = {a.casefold(): a for a in graph.scenario.actors} | {
        x.name.casefold(): a for a, x in graph.scenario.actors.items()}
    out = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        actor = by_name.get(part.casefold())
        if actor is None:
            raise MoveRefused(f"there is no actor {part!r}; the actors: {', '.join(graph.scenario.actors)}")
        out.append(actor)
    return out
