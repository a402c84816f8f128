"""Read one YAML file safely into plain values, keeping every key's and value's position.

The libyaml event stream is consumed by an iterative builder: no Python object is ever
constructed from a tag, aliases are counted against a budget, nesting depth is capped before
any recursion can happen, duplicate keys are reported, and plain scalars follow the YAML 1.2
core schema (`yes`, `no`, `on`, `off`, `1:30` stay strings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import events as ev

from explorer.loading import limits
from explorer.loading.positions import Node, PositionMap
from explorer.loading.scalars import SAFE_TAGS, core_scalar, tagged_scalar, written
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
        line = good.count("\n") + 1
        col = len(good) - (good.rfind("\n") + 1) + 1
        problems.error(
            f"file is not valid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded; save the file as UTF-8",
            Position(file, line, col),
        )
        return None
    return text


_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""Line breaks as libyaml counts them, to find the character a mark points at."""


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = _LINE_BREAK.split(text, maxsplit=mark.line + 1)
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column] if 0 <= mark.column < len(line) else ""


def _friendly_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = exc.problem or "invalid YAML"
    if "tab" in problem or _char_at(text, exc.problem_mark) == "\t":
        return "tab character: YAML indentation must use spaces, not tabs"
    context = f"{exc.context}: " if exc.context else ""
    return f"YAML syntax error: {context}{problem}"


def read_yaml(text: str, file: str, problems: Problems) -> ReadResult:
    """Build plain Python values from YAML text; every problem goes to `problems`."""
    positions = PositionMap()
    try:
        return _build(text, file, problems, positions)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context == "while scanning a simple key" and exc.context_mark is not None:
            mark = exc.context_mark  # the line missing its ':' (the scanner stops a line later)
        problems.error(_friendly_yaml_error(exc, text), _mark_position(file, mark))
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


def _char_offset_position(text: str, file: str, index: int) -> Position:
    before = text[:index]
    return Position(file, before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)


def _byte_offset_position(text: str, file: str, offset: Any) -> Position:
    if not isinstance(offset, int) or offset < 0:
        return Position(file)
    index = len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))
    return _char_offset_position(text, file, min(index, len(text)))


class _Fatal(Exception):
    """Stops building: the rest of the file cannot be trusted (depth, size, aliases)."""


def _build(text: str, file: str, problems: Problems, positions: PositionMap) -> ReadResult:
    parser = _Parser(text)
    get_event = parser.get_event
    scalar_cls, map_cls, seq_cls = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    map_end, seq_end, alias_cls = ev.MappingEndEvent, ev.SequenceEndEvent, ev.AliasEvent
    doc_start, stream_end = ev.DocumentStartEvent, ev.StreamEndEvent

    # Each open container: [value, Node, pending key or _NO_KEY, key position, size, anchor, start mark]
    stack: list[list[Any]] = []
    anchors: dict[str, tuple[Any, int]] = {}
    root: Any = _EMPTY
    documents = 0
    count = 0
    alias_budget = limits.MAX_ALIAS_EXPANSION
    ok = True
    try:
        parser_dispose = getattr(parser, "dispose", None)
        while True:
            event = get_event()
            cls = event.__class__
            if cls is scalar_cls:
                tag = event.tag
                if tag is None and event.implicit[0]:
                    value = core_scalar(event.value) if event.value else None
                    if (value.__class__ is int or value.__class__ is float) and str(value) != event.value:
                        value = written(value, event.value)
                elif tag is None or tag == "!":
                    value = event.value
                elif tag in SAFE_TAGS:
                    value = tagged_scalar(tag, event.value)
                else:
                    raise _TagError(tag, event.start_mark)
                size = 1
            elif cls is map_cls or cls is seq_cls:
                if event.tag is not None and not event.implicit and event.tag not in SAFE_TAGS:
                    raise _TagError(event.tag, event.start_mark)
                if len(stack) >= limits.MAX_DEPTH:
                    problems.error(
                        f"nesting deeper than {limits.MAX_DEPTH} levels; a scenario never needs this",
                        _mark_position(file, event.start_mark),
                    )
                    raise _Fatal
                mark = event.start_mark
                if cls is map_cls:
                    container: Any = {}
                    node = Node(file, mark.line + 1, mark.column + 1, keys={})
                else:
                    container = []
                    node = Node(file, mark.line + 1, mark.column + 1, items=[])
                positions.add(container, node)
                stack.append([container, node, _NO_KEY, None, 1, event.anchor, mark])
                count += 1
                continue
            elif cls is map_end or cls is seq_end:
                frame = stack.pop()
                value, size = frame[0], frame[4]
                if frame[5] is not None:
                    anchors[frame[5]] = (value, size)
                event = _Start(frame[6])
            elif cls is alias_cls:
                if event.anchor not in anchors:
                    problems.error(f"alias *{event.anchor} has no anchor before it", _mark_position(file, event.start_mark))
                    raise _Fatal
                value, size = anchors[event.anchor]
                alias_budget -= size
                if alias_budget < 0:
                    problems.error(
                        f"aliases expand to more than {limits.MAX_ALIAS_EXPANSION} values "
                        "(a 'billion laughs' document?); write the content out or use fewer aliases",
                        _mark_position(file, event.start_mark),
                    )
                    raise _Fatal
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

            count += 1
            if count > limits.MAX_YAML_NODES:
                problems.error(f"more than {limits.MAX_YAML_NODES} YAML values in one file", _mark_position(file, event.start_mark))
                raise _Fatal
            if cls is scalar_cls and event.anchor is not None:
                anchors[event.anchor] = (value, 1)
            if not stack:
                root = value
                continue
            frame = stack[-1]
            frame[4] += size
            parent = frame[0]
            mark = event.start_mark
            if frame[2] is _NO_KEY and frame[1].keys is not None:
                if cls is not scalar_cls:
                    problems.error("a mapping key must be a plain word, not a list or mapping", _mark_position(file, mark))
                    ok = False
                    frame[2] = _BAD_KEY
                    continue
                key = event.value
                keys = frame[1].keys
                if key in keys:
                    first_line = keys[key][0]
                    problems.error(
                        f"duplicate key '{key}' (first written at line {first_line}); each key may appear once",
                        _mark_position(file, mark),
                    )
                    ok = False
                    frame[2] = _BAD_KEY
                    continue
                frame[2] = key
                frame[3] = (mark.line + 1, mark.column + 1)
                continue
            if frame[1].keys is not None:
                key = frame[2]
                frame[2] = _NO_KEY
                if key is _BAD_KEY:
                    continue
                kl, kc = frame[3]
                parent[key] = value
                frame[1].keys[key] = (kl, kc, mark.line + 1, mark.column + 1 + (event.__class__ is scalar_cls and event.style in ("'", '"')))
            else:
                parent.append(value)
                frame[1].items.append((mark.line + 1, mark.column + 1 + (event.__class__ is scalar_cls and event.style in ("'", '"'))))
    except _TagError as exc:
        problems.error(
            f"YAML tag '{exc.tag}' is not allowed: scenario files hold plain data only",
            _mark_position(file, exc.mark),
        )
        return ReadResult(None, positions, False)
    except _Fatal:
        return ReadResult(None, positions, False)
    finally:
        if parser_dispose is not None:
            parser_dispose()
    if root is _EMPTY or root is None:
        problems.error("the file is empty: a scenario needs at least format, id, title, actors, start and nodes", Position(file, 1, 1))
        return ReadResult(None, positions, False)
    return ReadResult(root, positions, ok)


class _TagError(Exception):
    def __init__(self, tag: str, mark: Any) -> None:
        self.tag, self.mark = tag, mark


class _Start:
    """Stands in for an end event so that a finished container is placed at its start mark."""

    __slots__ = ("start_mark",)

    def __init__(self, mark: Any) -> None:
        self.start_mark = mark


_NO_KEY = object()
_BAD_KEY = object()
_EMPTY = object()
