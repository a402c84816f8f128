"""What every model of the scenario format is built from: text that may be written bare, ids, slugs,
strict numbers, citations; the keys every node has (`NodeBase`) and those an option shares with a
round's move (`ActionFields`); the node kinds.

The parts a scenario has many of (sources, actors, metrics, citations, options, moves, rules, nodes,
injects) are frozen pydantic dataclasses with slots (`data`): validated as models are, but about a
third of the memory of a `BaseModel` each (no per-instance `__dict__` or set of fields set), which
keeps a 1M-node scenario within 2 GB. `fields_of(cls)` lists any of these classes' keys. Empty lists
and mappings are shared read-only objects.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import math
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    TypeAdapter,
)
from pydantic.dataclasses import dataclass
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

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
        # What the loader takes as text (`when: 2020`, `to: 007`), so that an editor agrees with
        # `explorer check`; no pattern, as ids are checked with suggestions by the explorer.
        return {"type": ["string", "number", "boolean"]}


Text = Annotated[str, _ScalarText()]
TextList = Annotated[list[Text], BeforeValidator(_to_list)]
Id = Annotated[str, _ScalarText(pattern=ID_PATTERN)]
Slug = Annotated[str, _ScalarText(pattern=SLUG_PATTERN)]
Number = Annotated[float, Field(allow_inf_nan=False, strict=True)]
"""A number written as one: `"0.6"` in quotes is text, and an error where a number is wanted."""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


_CONFIG = ConfigDict(extra="forbid", str_strip_whitespace=False)


def data(cls: type[Any]) -> type[Any]:
    """A frozen, slotted pydantic dataclass with keyword-only fields that refuses unknown keys."""
    return dataclass(config=_CONFIG, frozen=True, slots=True, kw_only=True)(cls)


def dumped(item: Any, *, exclude: set[str] | None = None, by_alias: bool = False) -> dict[str, Any]:
    """A model's or dataclass's fields as JSON values, those left at their default out."""
    adapter = _ADAPTERS.get(type(item))
    if adapter is None:
        adapter = _ADAPTERS[type(item)] = TypeAdapter(type(item))
    return adapter.dump_python(item, mode="json", exclude=exclude, exclude_defaults=True, by_alias=by_alias)


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


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


def no_items() -> list[Any]:
    """The shared empty list (a default factory)."""
    return _NO_ITEMS


def no_entries() -> dict[Any, Any]:
    """The shared empty mapping (a default factory)."""
    return _NO_ENTRIES


CitationKind = Literal["article", "history", "judgement"]
"""What kind of claim a citation supports: the source says it (`article`), it happened and the
source is a dated public record of it (`history`), or the scenario's authors judge it, drawing
on the source (`judgement`). Absent: not said (format 1 files written before `kind` existed)."""


@data
class SourceRef:
    """A citation of one source, with where in it the claim is and what kind of claim it is."""

    ref: Id
    note: Text | None = None
    kind: CitationKind | None = None


def _to_source_ref(value: Any) -> Any:
    return {"ref": value} if isinstance(value, (str, int, float)) else value


Citation = Annotated[SourceRef, BeforeValidator(_to_source_ref, json_schema_input_type=SourceRef | str)]
Citations = Annotated[list[Citation], BeforeValidator(_to_list)]
Confidence = Literal["low", "moderate", "high"]


def is_valid_id(value: str) -> bool:
    return bool(_ID_RE.match(value))


def finite(value: float) -> bool:
    return math.isfinite(value)


@data
class ActionFields:
    """The keys an option shares with a round's move: what it is, its odds, effects and sources."""

    label: Text
    probability: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False, strict=True)] | None = None
    effects: dict[Id, Number] = Field(default_factory=no_entries)
    requires: Text | None = None
    rationale: Text | None = None
    indicators: TextList = Field(default_factory=no_items)
    sources: Citations = Field(default_factory=no_items)
    confidence: Confidence | None = None
    historical: Annotated[bool, Field(strict=True)] = False  # `yes`/`on` are text in YAML 1.2


class NodeKind(enum.IntEnum):
    """What a node is; its text in a file is `NodeKind.DECISION.text` ("decision")."""

    DECISION = 0
    CHANCE = 1
    OUTCOME = 2
    ROUND = 3

    @property
    def text(self) -> str:
        return self.name.lower()


@data
class NodeBase:
    """The keys every node has."""

    title: Text
    text: Text | None = None
    sources: Citations = Field(default_factory=no_items)
    tags: TextList = Field(default_factory=no_items)
    when: Text | None = None
    private: dict[Id, Text] = Field(default_factory=no_entries)
    """Format 2: actor id → Markdown seen only by the team playing that actor (and the facilitator)."""
