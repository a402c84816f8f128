"""Argued moves, after Engle's matrix games: a team argues for a move the tree does not have, others
argue against it, and the facilitator rules — by a visible, seeded 2d6 roll, or by decision.

The rule (written in docs/classroom.md):

- the argument needs a total of **7 or more** on two six-sided dice (7+ happens 21 times in 36);
- each reason given for it (at most three) lowers the number needed by 1;
- each team's counter-argument raises it by 1;
- the facilitator may move it by up to 2 either way for an argument's strength or weakness, saying why;
- the number needed never goes below 3 or above 12: a double one always fails, a double six always
  succeeds, whatever the arguments — anything can happen, and nothing is certain.

The dice of argument #n are `random.Random(f"{seed}:2d6:{n}")`, two `randint(1, 6)` in turn: anyone
can check a roll with the one-liner `check_command` gives.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from explorer.format.probability_words import describe

BASE_TARGET = 7
MAX_REASONS = 3
MAX_ADJUSTMENT = 2
LOWEST_TARGET, HIGHEST_TARGET = 3, 12


def target(reasons: int, counters: int, adjustment: int = 0) -> int:
    """The total needed on 2d6: 7, minus the reasons (≤ 3), plus the counter-arguments, plus the
    facilitator's adjustment (−2…+2), kept within 3…12."""
    value = BASE_TARGET - min(reasons, MAX_REASONS) + counters + adjustment
    return max(LOWEST_TARGET, min(HIGHEST_TARGET, value))


def chance(needed: int) -> float:
    """The probability that 2d6 totals `needed` or more."""
    ways = sum(1 for a in range(1, 7) for b in range(1, 7) if a + b >= needed)
    return ways / 36


def dice(seed: int, number: int) -> tuple[int, int]:
    """The two dice of argued move `number` in a game with `seed`."""
    draw = random.Random(f"{seed}:2d6:{number}")
    return draw.randint(1, 6), draw.randint(1, 6)


def check_command(seed: int, number: int) -> str:
    """A Python one-liner that prints the two dice of argued move `number`."""
    return (f'python3 -c "import random; r = random.Random(\'{seed}:2d6:{number}\'); '
            'print(r.randint(1, 6), r.randint(1, 6))"')


@dataclass(frozen=True, slots=True)
class Odds:
    """An argued move's target before the roll, and what it means."""

    reasons: int
    counters: int
    adjustment: int
    needed: int

    @property
    def probability(self) -> float:
        return chance(self.needed)

    def words(self) -> str:
        return (f"needs {self.needed}+ on 2d6 (7 − {min(self.reasons, MAX_REASONS)} reason(s) + {self.counters} "
                f"counter-argument(s){f' {self.adjustment:+d} by the facilitator' if self.adjustment else ''}): "
                f"{describe(self.probability)}")


def odds(reasons: int, counters: int, adjustment: int = 0) -> Odds:
    return Odds(reasons, counters, adjustment, target(reasons, counters, adjustment))
