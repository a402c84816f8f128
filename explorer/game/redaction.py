"""An event's payload as a viewer may read it, for JSON exports: private values set to null and their
keys listed under `withheld`, and every option, move and rule also numbered from 1 (`…_number`),
as on screen."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from explorer.game.class_events import Forecasted, ForecastOpened, NewsFired, Ordered, Revealed, Ruled
from explorer.game.commitment import commitment
from explorer.game.events import Decided, Event, Rolled, Started
from explorer.game.narration import Withheld

NUMBERED = ("option", "replaces", "move", "rule")
"""Payload keys holding a 0-based index; the export adds `<key>_number`, the number shown on screen."""


def payload_for(event: Event, withheld: Withheld) -> dict[str, Any]:
    body = event.body
    data = asdict(body)
    hidden: list[str] = []

    def hide(*keys: str) -> None:
        for key in keys:
            data[key] = None
            hidden.append(key)

    if isinstance(body, Ordered) and withheld.order:
        hide("move", "move_id", "label", "rationale")
    elif isinstance(body, (Decided, Ordered)) and withheld.rationale and data.get("rationale") is not None:
        hide("rationale")
    if isinstance(body, Decided) and withheld.estimates and not body.shown:
        hide("estimates")
    if isinstance(body, Revealed):
        data["moves"] = [_move(m, m["actor"] in withheld.secret_actors) for m in body.moves]
        if withheld.secret_actors:
            hidden.append("moves")
        if withheld.estimates and not body.shown:
            hide("estimates")
    if isinstance(body, NewsFired):
        if withheld.bulletin:
            hide("title", "text", "effects", "cue")
        elif withheld.metrics & set(body.effects):
            data["effects"] = {m: (None if m in withheld.metrics else v) for m, v in body.effects.items()}
            hidden.append("effects")
    if isinstance(body, Ruled) and withheld.metrics & set(body.effects):
        data["effects"] = {m: (None if m in withheld.metrics else v) for m, v in body.effects.items()}
        hidden.append("effects")
    if isinstance(body, Forecasted) and withheld.forecast:
        hide("probabilities")
    if isinstance(body, ForecastOpened):
        if withheld.estimates:
            hide("analyst")
        if withheld.historical:
            hide("historical")
    if isinstance(body, Started):
        data["seed_commitment"] = commitment(body.seed)
    if isinstance(body, (Started, Rolled, Ruled)) and withheld.seed and body.seed is not None:
        hide("seed")
    if isinstance(body, Rolled):
        data["bands"] = [{**band, "option_number": band["option"] + 1} for band in body.bands]
    _number(data)
    if hidden:
        data["withheld"] = hidden
    return data


def _move(move: dict[str, Any], secret: bool) -> dict[str, Any]:
    out = dict(move)
    if secret:
        out.update(move=None, move_id=None, label=None)
    elif out.get("move") is not None:
        out["move_number"] = out["move"] + 1
    return out


def _number(data: dict[str, Any]) -> None:
    for key in NUMBERED:
        if isinstance(data.get(key), int) and not isinstance(data.get(key), bool):
            data[f"{key}_number"] = data[key] + 1
