"""Typed answers to "may this seat do that now?": the session's rules speak through these, and screens
show the reason instead of checking any rule themselves."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Act(enum.Enum):
    """Everything a seat can ask the session to do."""

    DECIDE = "decide"
    ROLL = "roll the dice"
    OVERRIDE = "override a roll"
    JUMP = "move the game to a node"
    UNDO = "undo"
    ORDER = "give orders"
    CLOSE_ROUND = "close the round"
    NEWS = "fire an inject"
    ARGUE = "argue a move"
    COUNTER = "counter an argued move"
    RULE = "rule on an argued move"
    OPEN_FORECAST = "open a forecast"
    FORECAST = "enter a forecast"
    CLOSE_FORECAST = "close the forecast"
    ROLL_ON_MEDIAN = "roll on the class median"
    SHOW = "show the estimates or the historical marks"
    END = "end the game"


@dataclass(frozen=True, slots=True)
class Answer:
    """Allowed, or not and why (a sentence for the person who asked)."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


YES = Answer(True)


def no(reason: str) -> Answer:
    return Answer(False, reason)


def first_no(*answers: Answer) -> Answer:
    """The first refusal among `answers` (evaluated already), else `YES`."""
    return next((a for a in answers if not a), YES)
