"""Commit–reveal for the game's dice: while the game runs, only a commitment to the seed is shown
(the SHA-256 of its digits); the facilitator knows the seed, and the debrief reveals it. With the
seed anyone can recompute the commitment, then every roll (`DiceRoll.check_command`,
`argue.check_command`): the seed was fixed before the first roll, and nobody could predict a roll.

A random seed has 64 bits, too many to guess from the commitment; a seed the facilitator picks
(`--seed 42`) can be guessed by trying small numbers, so it only suits a rehearsal.
"""

from __future__ import annotations

import hashlib
import secrets

SHORT = 16
"""Hex digits of the commitment shown on screens (64 bits)."""


def random_seed() -> int:
    """A new game's seed: 64 random bits, beyond guessing from the commitment."""
    return secrets.randbits(64)


def commitment(seed: int) -> str:
    """SHA-256 of the seed's decimal digits, in hex."""
    return hashlib.sha256(str(int(seed)).encode("ascii")).hexdigest()


def short(seed: int) -> str:
    """The commitment as screens show it: its first `SHORT` hex digits."""
    return commitment(seed)[:SHORT]


def check_command(seed: int) -> str:
    """A Python one-liner that prints the commitment of `seed`, to compare with the one shown in play."""
    return f"python3 -c \"import hashlib; print(hashlib.sha256(b'{int(seed)}').hexdigest())\""


def matches(seed: int, shown: str) -> bool:
    """True when `shown` (the commitment or its start, at least `SHORT` digits) is `seed`'s."""
    shown = shown.strip().lower()
    return len(shown) >= SHORT and commitment(seed).startswith(shown)


def how_to_check(seed: int) -> list[str]:
    """The debrief's paragraph: how anyone can check the seed against the commitment, then every roll."""
    return [
        f"The dice seed was {seed}. During the game only its commitment was shown: {commitment(seed)} "
        f"(the first {SHORT} digits on screens), so nobody could work out a roll before it was made, and the "
        "seed could not be changed once the game had started.",
        f"1. Check the seed against the commitment: {check_command(seed)} prints the commitment.",
        f"2. Check roll #n at a chance node: python3 -c \"import random; print(random.Random('{seed}:N').random())\" "
        "with N = n − 1 prints its draw, which falls in the band of the option it picked (each roll in the "
        "debrief shows its own command).",
        f"3. Check the dice of argued move #n: python3 -c \"import random; r = random.Random('{seed}:2d6:n'); "
        "print(r.randint(1, 6), r.randint(1, 6))\" prints its two dice.",
    ]
