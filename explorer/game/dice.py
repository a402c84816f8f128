"""Visible, seeded dice: a roll with everything the class needs to check it.

The draw itself is `Walk.roll`'s (one uniform number in [0, 1) from the game's seed and the
draw's number, matched against the cumulative odds of the available options); this module
records it and explains it, and re-runs it to check a recorded roll.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from explorer.actions import State
from explorer.format.probability_words import describe
from explorer.game.events import Rolled
from explorer.graph import ScenarioGraph
from explorer.walk import Step, Walk


@dataclass(frozen=True, slots=True)
class Band:
    """The part of [0, 1) that picks one option."""

    option: int
    label: str
    low: float
    high: float

    @property
    def probability(self) -> float:
        return self.high - self.low

    def holds(self, value: float) -> bool:
        return self.low <= value < self.high


@dataclass(frozen=True, slots=True)
class DiceRoll:
    """One roll at a chance node, as recorded in the game."""

    node: str
    seed: int
    number: int
    value: float
    option: int
    label: str
    to: str
    bands: tuple[Band, ...]
    basis: str = "analyst"
    """Whose odds made the bands: 'analyst' (the scenario's) or 'class median' (a forecast's)."""
    sealed: bool = False
    """Told to a reader who may not know the seed yet (before the debrief): no seed, no check."""

    @classmethod
    def from_step(cls, graph: ScenarioGraph, step: Step, basis: str = "analyst") -> DiceRoll:
        """The record of a step made by `Walk.roll`."""
        roll = step.roll
        if roll is None:
            raise ValueError("the step was not a roll")
        moves = graph.actions(step.node_id)
        bands = tuple(Band(i, moves[i].option.label, lo, hi) for i, lo, hi in roll.bands)
        return cls(step.node_id, roll.seed, roll.number, roll.value, roll.index, step.label, step.to, bands, basis)

    @classmethod
    def from_body(cls, node: str, body: Rolled) -> DiceRoll:
        bands = tuple(Band(int(b["option"]), str(b["label"]), float(b["low"]), float(b["high"])) for b in body.bands)
        return cls(node, body.seed, body.number, body.value, body.option, body.label, body.to, bands, body.basis)

    def sealed_for(self, seed_known: bool) -> DiceRoll:
        """This roll as told to a reader who knows the seed (`seed_known`) or not yet."""
        return self if seed_known else replace(self, sealed=True)

    def body(self) -> Rolled:
        bands = [{"option": b.option, "label": b.label, "low": b.low, "high": b.high} for b in self.bands]
        return Rolled(self.option, self.label, self.to, self.seed, self.number, self.value, bands, self.basis)

    @property
    def odds(self) -> dict[int, float]:
        """Option index → the probability its band gave it."""
        return {b.option: b.probability for b in self.bands}

    @property
    def percent(self) -> float:
        """The draw on a 0–100 scale, as a d100 would show it."""
        return self.value * 100

    def explain(self) -> list[str]:
        """Lines that let the class check the roll: seed, draw, and the band it fell in."""
        seed = "Seed sealed until the debrief" if self.sealed else f"Seed {self.seed}"
        lines = [f"{seed}, draw #{self.number + 1}: {self.value:.4f} ({self.percent:.2f} on a 0–100 scale)"]
        if self.basis != "analyst":
            lines.append(f"Rolled on the {self.basis}'s odds, not the scenario's")
        for band in self.bands:
            mark = "◀" if band.option == self.option else " "
            lines.append(
                f"{mark} {band.option + 1}. {band.label}: {band.low:.4f}–{band.high:.4f}, "
                f"{describe(band.probability)}"
            )
        if not self.sealed:
            lines.append(f"Check it: {self.check_command()}")
        return lines

    def check_command(self) -> str:
        """A Python one-liner that prints this roll's draw."""
        return f'python3 -c "import random; print(random.Random(\'{self.seed}:{self.number}\').random())"'


def roll(walk: Walk, odds: dict[int, float] | None = None, basis: str = "analyst") -> tuple[Step, DiceRoll]:
    """Roll at the walk's chance node (`Walk.roll`, with `odds` when given) and return the step and its record."""
    step = walk.roll(odds)
    return step, DiceRoll.from_step(walk.graph, step, basis)


def verify(graph: ScenarioGraph, record: DiceRoll, state: State) -> bool:
    """True when re-running the roll from the same seed, draw number and state gives `record`."""
    walk = Walk(graph, seed=record.seed, node_id=record.node, state=state, rolls_made=record.number)
    _, again = roll(walk, None if record.basis == "analyst" else record.odds, record.basis)
    return again == record
