"""Pydantic models of the scenario format, versions 1 and 2 (unknown keys are errors).

The value types they are built from are in `fields`; a version-2 round node (moves and rules) in
`rounds`; injects in `injects`. The parts a scenario has many of are frozen, slotted pydantic
dataclasses (`fields.data`); the top level (`Header`, `Fragment`, `Scenario`) is a `BaseModel`.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, TypeAdapter, field_validator, model_validator

from explorer.format.fields import (
    ID_PATTERN,
    SLUG_PATTERN,
    ActionFields,
    Citation,
    CitationKind,
    Citations,
    Confidence,
    Id,
    Model,
    NodeBase,
    NodeKind,
    Number,
    Slug,
    SourceRef,
    Text,
    TextList,
    data,
    fields_of,
    finite,
    is_valid_id,
    no_entries,
    no_items,
)
from explorer.format.injects import Inject
from explorer.format.rounds import RoundMove, RoundNode, Rule

__all__ = [
    "ID_PATTERN",
    "SLUG_PATTERN",
    "ActionFields",
    "Citation",
    "CitationKind",
    "Citations",
    "Confidence",
    "Id",
    "Inject",
    "Model",
    "NodeBase",
    "NodeKind",
    "Number",
    "RoundMove",
    "RoundNode",
    "Rule",
    "Slug",
    "SourceRef",
    "Text",
    "TextList",
    "fields_of",
    "finite",
    "is_valid_id",
]

SUPPORTED_FORMATS = (1, 2)


@data
class Source:
    """A citation the scenario's claims rest on."""

    title: Text
    author: Text | None = None
    outlet: Text | None = None
    date: Text | None = None
    url: Text | None = None
    note: Text | None = None


@data
class Actor:
    """A party that decides somewhere in the scenario."""

    name: Text
    short: Annotated[Text, Field(max_length=12)] | None = None
    color: Text | None = None
    objectives: TextList = Field(default_factory=no_items)
    briefing: Text | None = None
    score: dict[Id, Number] = Field(default_factory=no_entries)
    """Format 2: metric id → weight; at every outcome the actor's payoff adds Σ weight × the metric."""

    @property
    def label(self) -> str:
        return self.short or self.name


@data
class Metric:
    """A number tracked along a walk."""

    label: Text
    min: Number | None = None
    max: Number | None = None
    initial: Number = 0.0
    description: Text | None = None
    visible_to: TextList | None = None
    """Format 2: the actor ids who see this metric's value during a game; None: everyone."""

    @model_validator(mode="after")
    def _bounds(self) -> Metric:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is greater than max ({self.max:g})")
        if self.min is not None and self.initial < self.min:
            raise ValueError(f"initial ({self.initial:g}) is below min ({self.min:g})")
        if self.max is not None and self.initial > self.max:
            raise ValueError(f"initial ({self.initial:g}) is above max ({self.max:g})")
        return self

    def clamp(self, value: float) -> float:
        if self.min is not None and value < self.min:
            return self.min
        if self.max is not None and value > self.max:
            return self.max
        return value


@data
class Option(ActionFields):
    """A move from one node to another (an edge of the graph)."""

    to: Id
    id: Slug | None = None


@data
class DecisionNode(NodeBase):
    """An actor chooses one option."""

    kind: Literal["decision"]
    actor: Id
    options: list[Option]

    KIND: ClassVar[NodeKind] = NodeKind.DECISION
    payoffs: ClassVar[dict[str, float]] = {}


@data
class ChanceNode(NodeBase):
    """Nature picks one option by its probability."""

    kind: Literal["chance"]
    options: list[Option]

    KIND: ClassVar[NodeKind] = NodeKind.CHANCE
    actor: ClassVar[None] = None
    payoffs: ClassVar[dict[str, float]] = {}


@data
class OutcomeNode(NodeBase):
    """An end state of the scenario."""

    kind: Literal["outcome"]
    payoffs: dict[Id, Number] = Field(default_factory=no_entries)

    KIND: ClassVar[NodeKind] = NodeKind.OUTCOME
    actor: ClassVar[None] = None
    options: ClassVar[list[Option]] = []


Node = Annotated[DecisionNode | ChanceNode | OutcomeNode | RoundNode, Field(discriminator="kind")]
NODE_KINDS = tuple(k.text for k in NodeKind)
"""The `kind` texts a node may have."""


class Header(Model):
    """The top level of a scenario file, apart from what `include`d files add."""

    format: int
    id: Slug
    title: Text
    summary: Text | None = None
    as_of: Text | None = None
    authors: TextList = Field(default_factory=list)
    sources: dict[Id, Source] = Field(default_factory=dict)
    actors: dict[Id, Actor]
    metrics: dict[Id, Metric] = Field(default_factory=dict)
    start: Id
    nodes: dict[Id, Any]
    include: TextList = Field(default_factory=list)
    injects: dict[Id, Any] = Field(default_factory=dict)

    @field_validator("format", mode="before")
    @classmethod
    def _supported(cls, value: Any) -> Any:
        if value not in SUPPORTED_FORMATS or isinstance(value, bool):
            versions = " and ".join(str(v) for v in SUPPORTED_FORMATS)
            raise ValueError(f"format {value!r} is not supported; this explorer reads formats {versions}")
        return value


class Fragment(Model):
    """An included file: it may add sources, actors, metrics, nodes and injects, and include more."""

    sources: dict[Id, Source] = Field(default_factory=dict)
    actors: dict[Id, Actor] = Field(default_factory=dict)
    metrics: dict[Id, Metric] = Field(default_factory=dict)
    nodes: dict[Id, Any] = Field(default_factory=dict)
    include: TextList = Field(default_factory=list)
    injects: dict[Id, Any] = Field(default_factory=dict)


class Scenario(Model):
    """A whole scenario after includes are merged and every node validated."""

    format: int
    id: str
    title: str
    summary: str | None = None
    as_of: str | None = None
    authors: list[str] = Field(default_factory=list)
    sources: dict[str, Source] = Field(default_factory=dict)
    actors: dict[str, Actor]
    metrics: dict[str, Metric] = Field(default_factory=dict)
    start: str
    nodes: dict[str, Node]
    include: list[str] = Field(default_factory=list)
    injects: dict[str, Inject] = Field(default_factory=dict)


NodeAdapter: TypeAdapter[Any] = TypeAdapter(Node)
