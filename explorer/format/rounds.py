"""Format 2: a `round` node, where every listed actor moves at once, and the rules that turn the
combination of their moves into where the game goes next."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from explorer.format.fields import (
    ActionFields,
    Citations,
    Id,
    NodeBase,
    NodeKind,
    Number,
    Slug,
    Text,
    data,
    no_entries,
    no_items,
)


@data
class RoundMove(ActionFields):
    """One move an actor may make in a round: an option without `to`, with a required `id`."""

    id: Slug
    covert: Annotated[bool, Field(strict=True)] = False
    """When the round is revealed, the other players learn only that the actor moved."""
    default: Annotated[bool, Field(strict=True)] = False
    """The move used when nobody submits one for this actor (at most one per actor)."""


Picks = dict[Id, Slug | list[Slug]]
"""Actor id → the move id (or ids) that actor must have chosen for a rule to fire."""


@data
class Rule:
    """What happens after a round, when its conditions hold: the first rule that fires decides."""

    id: Slug | None = None
    picks: Picks | None = None
    condition: Text | None = Field(default=None, alias="if")
    """An expression over the metrics after the moves' effects; it may use `count(MOVE_ID)`."""
    to: Id
    label: Text | None = None
    effects: dict[Id, Number] = Field(default_factory=no_entries)
    sources: Citations = Field(default_factory=no_items)

    @property
    def unconditional(self) -> bool:
        return self.picks is None and self.condition is None

    def picked(self) -> dict[str, tuple[str, ...]]:
        """`picks` with every entry as a tuple of move ids."""
        return {a: (m,) if isinstance(m, str) else tuple(m) for a, m in (self.picks or {}).items()}


@data
class RoundNode(NodeBase):
    """Every actor listed in `moves` moves at once; the rules in `then` say where that leads."""

    kind: Literal["round"]
    moves: dict[Id, list[RoundMove]]
    then: list[Rule]
    turn: Annotated[int, Field(strict=True)] | None = None

    KIND: ClassVar[NodeKind] = NodeKind.ROUND
    actor: ClassVar[None] = None
    payoffs: ClassVar[dict[str, float]] = {}
    options: ClassVar[list] = []
