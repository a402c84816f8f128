"""Pydantic models of the scenario format, version 1 (unknown keys are errors).

The parts a scenario has many of (sources, actors, metrics, citations, options, nodes) are
frozen pydantic dataclasses with slots: validated as models are, but about a third of the
memory of a `BaseModel` each (no per-instance `__dict__` or set of fields set), which keeps a
1M-node scenario within 2 GB. `fields_of(cls)` lists any of these classes' keys.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    TypeAdapter,
    field_validator,
    model_validator,
)
from pydantic.dataclasses import dataclass
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

SUPPORTED_FORMATS = (1,)
ID_PATTERN = r"^[A-Za-z0-9_.\-]+$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
_ID_RE = re.compile(ID_PATTERN)


def _scalar_text(value: Any) -> Any:
    """Dates and numbers written bare where text is wanted are taken as their text."""
    if type(value) is int:
        return _int_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, _dt.date)):
        return getattr(value, "yaml_text", None) or str(value)  # `2.10` stays "2.10", not "2.1"
    return value


@functools.lru_cache(maxsize=4096)
def _int_text(value: int) -> str:
    """The text of a whole number, one string per number (a list of 20M `1`s holds one "1")."""
    return str(value)


def _to_list(value: Any) -> Any:
    """A single string where a list of strings is wanted becomes a one-item list."""
    return [value] if isinstance(value, str) else value


class _ScalarText:
    """Text where a bare number, date or boolean may be written (see `_scalar_text`).

    The same as `Annotated[str, BeforeValidator(_scalar_text), Field(pattern=...)]`, with
    the same errors, but a value that is already text never calls Python: it passes a
    strict `str` check in pydantic-core first; only other values go through `_scalar_text`.
    """

    def __init__(self, pattern: str | None = None) -> None:
        self.pattern = pattern

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        text = core_schema.union_schema(
            [core_schema.str_schema(strict=True), core_schema.no_info_before_validator_function(_scalar_text, core_schema.str_schema())],
            mode="left_to_right",
            custom_error_type="string_type",  # the one error `str` gives for a list, a mapping, None
        )
        if self.pattern is None:
            return text
        return core_schema.chain_schema([text, core_schema.str_schema(pattern=self.pattern)])

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return handler(core_schema.str_schema())  # as the committed scenarios/*.schema.json have it: no pattern


Text = Annotated[str, _ScalarText()]
TextList = Annotated[list[Text], BeforeValidator(_to_list)]
Id = Annotated[str, _ScalarText(pattern=ID_PATTERN)]
Slug = Annotated[str, _ScalarText(pattern=SLUG_PATTERN)]
Number = Annotated[float, Field(allow_inf_nan=False, strict=True)]
"""A number written as one: `"0.6"` in quotes is text, and an error where a number is wanted."""


_CONFIG = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def _data(cls: type[Any]) -> type[Any]:
    """A frozen, slotted pydantic dataclass with keyword-only fields that refuses unknown keys."""
    return dataclass(config=_CONFIG, frozen=True, slots=True, kw_only=True)(cls)


def fields_of(cls: type[Any]) -> dict[str, FieldInfo]:
    """The keys (fields) of a model or of one of the dataclasses, in the order they are declared."""
    found = getattr(cls, "__pydantic_fields__", None)
    return dict(found) if found is not None else dict(cls.model_fields)


class _ReadOnlyList(list):  # type: ignore[type-arg]
    """The one empty list every item without tags, sources, indicators … shares (a fresh one each
    would cost 56 bytes an item: 50 MB in a 1M-node scenario). Models are frozen: it stays empty."""

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("the lists of a loaded scenario are read-only")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse  # type: ignore[assignment]


class _ReadOnlyDict(dict):  # type: ignore[type-arg]
    """The one empty mapping every option without effects (outcome without payoffs) shares."""

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("the mappings of a loaded scenario are read-only")

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = __ior__ = _refuse  # type: ignore[assignment]


_NO_ITEMS = _ReadOnlyList()
_NO_ENTRIES = _ReadOnlyDict()


def _no_items() -> list[Any]:
    return _NO_ITEMS


def _no_entries() -> dict[Any, Any]:
    return _NO_ENTRIES


@_data
class Source:
    """A citation the scenario's claims rest on."""

    title: Text
    author: Text | None = None
    outlet: Text | None = None
    date: Text | None = None
    url: Text | None = None
    note: Text | None = None


@_data
class Actor:
    """A party that decides somewhere in the scenario."""

    name: Text
    short: Annotated[Text, Field(max_length=12)] | None = None
    color: Text | None = None
    objectives: TextList = Field(default_factory=_no_items)
    briefing: Text | None = None

    @property
    def label(self) -> str:
        return self.short or self.name


@_data
class Metric:
    """A number tracked along a walk."""

    label: Text
    min: Number | None = None
    max: Number | None = None
    initial: Number = 0.0
    description: Text | None = None

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


@_data
class SourceRef:
    """A citation of one source, with where in it the claim is."""

    ref: Id
    note: Text | None = None


def _to_source_ref(value: Any) -> Any:
    return {"ref": value} if isinstance(value, (str, int, float)) else value


Citation = Annotated[SourceRef, BeforeValidator(_to_source_ref, json_schema_input_type=SourceRef | str)]
Citations = Annotated[list[Citation], BeforeValidator(_to_list)]
Confidence = Literal["low", "moderate", "high"]


@_data
class Option:
    """A move from one node to another (an edge of the graph)."""

    label: Text
    to: Id
    id: Slug | None = None
    probability: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False, strict=True)] | None = None
    effects: dict[Id, Number] = Field(default_factory=_no_entries)
    requires: Text | None = None
    rationale: Text | None = None
    indicators: TextList = Field(default_factory=_no_items)
    sources: Citations = Field(default_factory=_no_items)
    confidence: Confidence | None = None
    historical: Annotated[bool, Field(strict=True)] = False  # `yes`/`on` are text in YAML 1.2


@_data
class _NodeBase:
    title: Text
    text: Text | None = None
    sources: Citations = Field(default_factory=_no_items)
    tags: TextList = Field(default_factory=_no_items)
    when: Text | None = None


@_data
class DecisionNode(_NodeBase):
    """An actor chooses one option."""

    kind: Literal["decision"]
    actor: Id
    options: list[Option]

    payoffs: ClassVar[dict[str, float]] = {}


@_data
class ChanceNode(_NodeBase):
    """Nature picks one option by its probability."""

    kind: Literal["chance"]
    options: list[Option]

    actor: ClassVar[None] = None
    payoffs: ClassVar[dict[str, float]] = {}


@_data
class OutcomeNode(_NodeBase):
    """An end state of the scenario."""

    kind: Literal["outcome"]
    payoffs: dict[Id, Number] = Field(default_factory=_no_entries)

    actor: ClassVar[None] = None
    options: ClassVar[list[Option]] = []


Node = Annotated[DecisionNode | ChanceNode | OutcomeNode, Field(discriminator="kind")]
NODE_KINDS = ("decision", "chance", "outcome")


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

    @field_validator("format", mode="before")
    @classmethod
    def _supported(cls, value: Any) -> Any:
        if value not in SUPPORTED_FORMATS or isinstance(value, bool):
            versions = ", ".join(str(v) for v in SUPPORTED_FORMATS)
            raise ValueError(f"format {value!r} is not supported; this explorer reads format {versions}")
        return value


class Fragment(Model):
    """An included file: it may add sources, actors, metrics and nodes, and include more."""

    sources: dict[Id, Source] = Field(default_factory=dict)
    actors: dict[Id, Actor] = Field(default_factory=dict)
    metrics: dict[Id, Metric] = Field(default_factory=dict)
    nodes: dict[Id, Any] = Field(default_factory=dict)
    include: TextList = Field(default_factory=list)


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


def is_valid_id(value: str) -> bool:
    return bool(_ID_RE.match(value))


def finite(value: float) -> bool:
    return math.isfinite(value)


NodeAdapter: TypeAdapter[Any] = TypeAdapter(Node)
