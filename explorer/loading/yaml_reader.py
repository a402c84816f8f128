"""Read one YAML file safely into plain values, keeping every key's and value's position.

The libyaml event stream is consumed by an iterative builder: no Python object is ever
constructed from a tag, aliases are counted against a budget, nesting depth is capped before
any recursion can happen, duplicate keys are reported, and plain scalars follow the YAML 1.2
core schema (`yes`, `no`, `on`, `off`, `1:30` stay strings).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import events as ev

from explorer.loading import limits
from explorer.loading.positions import Mapping, Places, PositionMap, Sequence
from explorer.loading.quick_reader import quick_read
from explorer.loading.scalars import NUMERIC_START, SAFE_TAGS, WORDS, plain_number, tagged_scalar
from explorer.loading.yaml_hints import LINE_BREAK, explain
from explorer.problems import Position, Problems

try:  # the C parser is much faster; fall back to the pure-Python one where it is missing
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

@dataclass
class ReadResult:
    """What reading one file gave: the value (None on a fatal problem) and positions."""

    value: Any
    positions: PositionMap
    ok: bool
    marked: bool = True
    """Whether the containers know where they are written; if not (the quick read), the file is read
    again with marks when a position is first needed (`PositionMap.add_unmarked`)."""


def _mark_position(file: str, mark: Any) -> Position:
    if mark is None:
        return Position(file)
    return Position(file, mark.line + 1, mark.column + 1)


def decode(data: bytes, file: str, problems: Problems) -> str | None:
    """Decode UTF-8 (a BOM is allowed); report the first bad byte with its position."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        problems.error(
            f"file is not valid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded; save the file as UTF-8",
            _char_offset_position(good, file, len(good)),
        )
        return None
    return text


def read_yaml(text: str, file: str, problems: Problems, *, marks: bool = False) -> ReadResult:
    """Build plain Python values from YAML text; every problem goes to `problems`.

    A plain, well-formed file is read quickly without positions (`quick_reader`) unless `marks`;
    any other is read with a position for every container, key and value."""
    positions = PositionMap()
    if not marks:
        quick = quick_read(text)
        if quick is not None:
            return ReadResult(quick, positions, True, marked=False)
    try:
        return _build(text, file, problems, positions)
    except yaml.MarkedYAMLError as exc:
        if "depth" in (exc.problem or "") and exc.problem_mark is not None:
            return _too_deep(text, file, problems, exc.problem_mark)
        problems.error(*explain(exc.problem, exc.context, exc.problem_mark, exc.context_mark, text, file))
    except yaml.reader.ReaderError as exc:  # control characters: libyaml gives a byte offset
        character = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        problems.error(
            f"character U+{character:04X} is not allowed in YAML: remove it "
            "(control characters may only be written as escapes inside double quotes)",
            _byte_offset_position(text, file, exc.position),
        )
    except yaml.YAMLError as exc:  # pragma: no cover - every libyaml error is one of the above
        problems.error(f"YAML error: {' '.join(str(exc).split())}", Position(file))
    except UnicodeEncodeError as exc:  # only from `load_text`: a lone surrogate cannot be UTF-8
        problems.error(
            f"character U+{ord(exc.object[exc.start]):04X} (a lone surrogate) cannot be encoded as UTF-8",
            _char_offset_position(text, file, exc.start),
        )
    return ReadResult(None, positions, False)


def _too_deep(text: str, file: str, problems: Problems, mark: Any) -> ReadResult:
    """Nesting that libyaml itself refused (newer versions stop at 1,000 levels, while scanning ahead).

    The text before that point is read again, so that the error is the builder's own, at the
    level where `limits.MAX_DEPTH` is passed, whichever libyaml is installed.
    """
    lines = LINE_BREAK.split(text)
    offset = sum(len(line) + 1 for line in lines[: mark.line]) + mark.column
    prefix = Problems()
    with contextlib.suppress(yaml.YAMLError, UnicodeEncodeError):
        _build(LINE_BREAK.sub("\n", text)[:offset], file, prefix, PositionMap())
    deep = [p for p in prefix.errors if p.message.startswith("nesting deeper")]
    if deep:
        problems.items.append(deep[0])
    else:
        problems.error(f"nesting deeper than {limits.MAX_DEPTH} levels; a scenario never needs this", _mark_position(file, mark))
    return ReadResult(None, PositionMap(), False)


def _char_offset_position(text: str, file: str, index: int) -> Position:
    """Line and column of character `index`, counting line breaks as YAML does (CR, LF, CRLF, …)."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return Position(file, line, index - start + 1)


def _byte_offset_position(text: str, file: str, offset: Any) -> Position:
    if not isinstance(offset, int) or offset < 0:
        return Position(file)
    index = len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))
    return _char_offset_position(text, file, min(index, len(text)))


class _Fatal(Exception):
    """Stops building: the rest of the file cannot be trusted (depth, size, aliases)."""


def _build(text: str, file: str, problems: Problems, positions: PositionMap) -> ReadResult:
    """The event loop: one branch per event kind, with plain scalars (most events) inlined.

    Each `_Frame` is one open container; a sentinel frame at the bottom receives the
    document's root. `count` counts events as the node limit does (a container twice);
    `expanded` counts values with aliases expanded, so that an anchored container's size is
    the difference between its end and its start. Keys and short texts that recur are kept
    once (`texts`): a scenario repeats `kind`, `label`, `decision` … on every node.
    """
    parser = _Parser(text)
    get_event = parser.get_event
    parser_dispose = getattr(parser, "dispose", None)
    scalar_cls, map_cls, seq_cls = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    map_end, seq_end, alias_cls = ev.MappingEndEvent, ev.SequenceEndEvent, ev.AliasEvent
    doc_start, stream_end = ev.DocumentStartEvent, ev.StreamEndEvent
    words, numeric_start, quotes = WORDS, NUMERIC_START, _QUOTES
    no_key, bad_key = _NO_KEY, _BAD_KEY
    max_nodes, max_depth = limits.MAX_YAML_NODES, limits.MAX_DEPTH
    new_mapping, new_sequence = Mapping, Sequence
    src = Places(file)
    places = src.places
    append_places, extend_places = places.append, places.extend

    top = _Frame(new_sequence(), False, 0, None, None)
    stack = [top]
    anchors: dict[str, tuple[Any, int]] = {}
    numbers: dict[str, Any] = {}  # plain scalars that start like a number, typed: they recur
    texts: dict[str, str] = {}
    documents = count = expanded = 0
    alias_budget = limits.MAX_ALIAS_EXPANSION
    ok = True
    try:
        while True:
            event = get_event()
            cls = event.__class__
            if cls is scalar_cls:
                is_map = top.mapping
                if is_map and top.key is no_key:  # a mapping key: its text is the key
                    if event.tag is not None or event.anchor is not None:
                        value = _scalar(event)  # refuses a bad tag; the typed value for an anchor
                        if event.anchor is not None:
                            anchors[event.anchor] = (value, 1)
                    count += 1
                    expanded += 1
                    mark = event.start_mark
                    if count > max_nodes:
                        raise _TooMany(mark)
                    key = event.value
                    if key in top.value:
                        first = _first_line(top, key)
                        problems.error(
                            f"duplicate key '{key}' (first written at line {first}); each key may appear once",
                            _mark_position(file, mark),
                        )
                        ok = False
                        top.key = bad_key
                        continue
                    known = texts.get(key)
                    if known is not None:
                        key = known
                    elif len(texts) < _TEXTS_KEPT:
                        texts[key] = key
                    top.key = key
                    top.key_place = ((mark.line + 1) << 32) | (mark.column + 1)
                    continue
                if event.tag is None and event.implicit[0]:
                    value = event.value
                    if value in words:  # null, true, false ("" is null too)
                        value = words[value]
                    elif value[0] in numeric_start:
                        number = numbers.get(value)
                        if number is None:
                            number = plain_number(value)
                            if len(numbers) < _NUMBERS_KEPT:
                                numbers[value] = number
                        value = number
                    elif len(value) <= _SHORT_TEXT:
                        known = texts.get(value)
                        if known is not None:
                            value = known
                        elif len(texts) < _TEXTS_KEPT:
                            texts[value] = value
                else:
                    value = _scalar(event)
                count += 1
                expanded += 1
                mark = event.start_mark
                if count > max_nodes:
                    raise _TooMany(mark)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                place = ((mark.line + 1) << 32) | (mark.column + 1 + (event.style in quotes))
                if is_map:
                    key = top.key
                    top.key = no_key
                    if key is not bad_key:
                        top.value[key] = value
                        pos = top.places
                        pos.append(top.key_place)
                        pos.append(place)
                        if top.index is not None:
                            top.index[key] = len(top.index)
                else:
                    top.value.append(value)
                    top.places.append(place)
                continue
            if cls is map_cls or cls is seq_cls:
                if event.tag is not None and not event.implicit and event.tag not in SAFE_TAGS:
                    raise _TagError(event.tag, event.start_mark)
                if len(stack) > max_depth:
                    problems.error(
                        f"nesting deeper than {max_depth} levels; a scenario never needs this",
                        _mark_position(file, event.start_mark),
                    )
                    raise _Fatal
                mark = event.start_mark
                container: Any = new_mapping() if cls is map_cls else new_sequence()
                container.src = src
                count += 1
                expanded += 1
                top = _Frame(container, cls is map_cls, expanded - 1, event.anchor, mark)
                stack.append(top)
                continue
            if cls is map_end or cls is seq_end:
                frame = stack.pop()
                top = stack[-1]
                value = frame.value
                mark = frame.mark
                value.pos = len(places)
                append_places(((mark.line + 1) << 32) | (mark.column + 1))
                extend_places(frame.places)
                if frame.anchor is not None:
                    anchors[frame.anchor] = (value, expanded - frame.start)
            elif cls is alias_cls:
                mark = event.start_mark
                if event.anchor not in anchors:
                    problems.error(f"alias *{event.anchor} has no anchor before it", _mark_position(file, mark))
                    raise _Fatal
                value, size = anchors[event.anchor]
                alias_budget -= size
                if alias_budget < 0:
                    problems.error(
                        f"aliases expand to more than {limits.MAX_ALIAS_EXPANSION} values "
                        "(a 'billion laughs' document?); write the content out or use fewer aliases",
                        _mark_position(file, mark),
                    )
                    raise _Fatal
                expanded += size
            elif cls is doc_start:
                documents += 1
                if documents > 1:
                    problems.error(
                        "more than one YAML document (a second '---'); a scenario file holds one",
                        _mark_position(file, event.start_mark),
                    )
                    raise _Fatal
                continue
            elif cls is stream_end:
                break
            else:
                continue
            # a finished container or an alias, written at `mark`
            count += 1
            if count > max_nodes:
                raise _TooMany(mark)
            place = ((mark.line + 1) << 32) | (mark.column + 1)
            if top.mapping:
                key = top.key
                if key is no_key:
                    problems.error(_BAD_KEY_MESSAGE[cls is alias_cls], _mark_position(file, mark))
                    ok = False
                    top.key = bad_key
                    continue
                top.key = no_key
                if key is not bad_key:
                    top.value[key] = value
                    pos = top.places
                    pos.append(top.key_place)
                    pos.append(place)
                    if top.index is not None:
                        top.index[key] = len(top.index)
            else:
                top.value.append(value)
                top.places.append(place)
    except _TagError as exc:
        problems.error(
            f"YAML tag '{exc.tag}' is not allowed: scenario files hold plain data only",
            _mark_position(file, exc.mark),
        )
        return ReadResult(None, positions, False)
    except _TooMany as exc:
        problems.error(f"more than {max_nodes} YAML values in one file", _mark_position(file, exc.mark))
        return ReadResult(None, positions, False)
    except _Fatal:
        return ReadResult(None, positions, False)
    finally:
        if parser_dispose is not None:
            parser_dispose()
    root = stack[0].value[0] if stack[0].value else None
    if root is None:
        problems.error("the file is empty: a scenario needs at least format, id, title, actors, start and nodes", Position(file, 1, 1))
        return ReadResult(None, positions, False)
    return ReadResult(root, positions, ok)


class _Frame:
    """One open container while the events are read (the last one opened is `top`).

    `value` is the `Mapping` or `Sequence` being filled, `mapping` whether it is a mapping; `places`
    the packed places of its keys and values (a mapping) or items (a sequence) so far, written to the
    file's `Places` when it ends; `key` the mapping key waiting for its value (or _NO_KEY, or _BAD_KEY
    after a duplicate), written at the packed `key_place`; `index` key → index once a duplicate key
    was seen (else None); `start` the `expanded` count when the container started (an anchored
    container's size is the count at its end minus it); `anchor` its anchor, `mark` where it starts.
    """

    __slots__ = ("anchor", "index", "key", "key_place", "mapping", "mark", "places", "start", "value")

    def __init__(self, value: Any, mapping: bool, start: int, anchor: str | None, mark: Any) -> None:
        self.value = value
        self.mapping = mapping
        self.places: list[int] = []
        self.key: Any = _NO_KEY
        self.key_place = 0
        self.index: dict[str, int] | None = None
        self.start = start
        self.anchor = anchor
        self.mark = mark


_BAD_KEY_MESSAGE = {
    False: "a mapping key must be a plain word, not a list or mapping",
    True: "an alias (*name) cannot be a mapping key: write the key itself",
}


def _first_line(frame: _Frame, key: str) -> int:
    """The line where `key` was first written in the mapping of `frame` (a duplicate was found).

    The frame keeps key → index from the first duplicate on, so many duplicates cost one pass."""
    if frame.index is None:
        frame.index = {k: i for i, k in enumerate(frame.value)}
    return int(frame.places[2 * frame.index[key]] >> 32)


def _scalar(event: Any) -> Any:
    """A scalar's value by its tag (a bad tag raises `_TagError`), or by the core schema."""
    tag = event.tag
    if tag is None and event.implicit[0]:
        return plain_number(event.value) if event.value else None
    if tag is None or tag == "!":
        return event.value
    if tag in SAFE_TAGS:
        return tagged_scalar(tag, event.value)
    raise _TagError(tag, event.start_mark)


class _TagError(Exception):
    def __init__(self, tag: str, mark: Any) -> None:
        self.tag, self.mark = tag, mark


class _TooMany(Exception):
    """More YAML values than `limits.MAX_YAML_NODES`, the last one written at `mark`."""

    def __init__(self, mark: Any) -> None:
        self.mark = mark


_TEXTS_KEPT = 50_000
"""Most distinct keys and short texts one read keeps to share (past it, new ones are not shared)."""
_SHORT_TEXT = 40
"""Texts up to this length are shared when they recur (labels, kinds, ids); longer ones rarely do."""
_NUMBERS_KEPT = 10_000
"""Most distinct number texts one read remembers (numbers are immutable: one value serves all)."""
_QUOTES = frozenset(("'", '"'))
"""Styles of quoted scalars: their value's column is inside the opening quote."""
_NO_KEY = object()
_BAD_KEY = object()
