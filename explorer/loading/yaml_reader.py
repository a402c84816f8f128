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
from explorer.loading.positions import Mapping, Places, PositionMap, Sequence
from explorer.loading.scalars import NUMERIC_START, SAFE_TAGS, WORDS, plain_number, tagged_scalar
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
        problems.error(
            f"file is not valid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded; save the file as UTF-8",
            _char_offset_position(good, file, len(good)),
        )
        return None
    return text


LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""Line breaks as libyaml counts them, to find the character a mark points at."""


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = LINE_BREAK.split(text, maxsplit=mark.line + 1)
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

    Each frame is one open container: [value (a `Mapping` or `Sequence`), whether it is a
    mapping, the places of its keys and values or items so far (a list, written to the file's
    `Places` when it ends), pending key (or _NO_KEY / _BAD_KEY), the key's packed position,
    key → index once a duplicate key was seen (else None), `expanded` when the container
    started, anchor, start mark]. A sentinel frame at the bottom receives the
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

    top: list[Any] = [new_sequence(), False, [], no_key, 0, None, 0, None, None]
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
                is_map = top[1]
                if is_map and top[3] is no_key:  # a mapping key: its text is the key
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
                    if key in top[0]:
                        first = _first_line(top, key)
                        problems.error(
                            f"duplicate key '{key}' (first written at line {first}); each key may appear once",
                            _mark_position(file, mark),
                        )
                        ok = False
                        top[3] = bad_key
                        continue
                    known = texts.get(key)
                    if known is not None:
                        key = known
                    elif len(texts) < _TEXTS_KEPT:
                        texts[key] = key
                    top[3] = key
                    top[4] = ((mark.line + 1) << 32) | (mark.column + 1)
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
                    key = top[3]
                    top[3] = no_key
                    if key is not bad_key:
                        top[0][key] = value
                        pos = top[2]
                        pos.append(top[4])
                        pos.append(place)
                        if top[5] is not None:
                            top[5][key] = len(top[5])
                else:
                    top[0].append(value)
                    top[2].append(place)
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
                top = [container, cls is map_cls, [], no_key, 0, None, expanded - 1, event.anchor, mark]
                stack.append(top)
                continue
            if cls is map_end or cls is seq_end:
                frame = stack.pop()
                top = stack[-1]
                value = frame[0]
                mark = frame[8]
                value.pos = len(places)
                append_places(((mark.line + 1) << 32) | (mark.column + 1))
                extend_places(frame[2])
                if frame[7] is not None:
                    anchors[frame[7]] = (value, expanded - frame[6])
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
            if top[1]:
                key = top[3]
                if key is no_key:
                    problems.error("a mapping key must be a plain word, not a list or mapping", _mark_position(file, mark))
                    ok = False
                    top[3] = bad_key
                    continue
                top[3] = no_key
                if key is not bad_key:
                    top[0][key] = value
                    pos = top[2]
                    pos.append(top[4])
                    pos.append(place)
                    if top[5] is not None:
                        top[5][key] = len(top[5])
            else:
                top[0].append(value)
                top[2].append(place)
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
    root = stack[0][0][0] if stack[0][0] else None
    if root is None:
        problems.error("the file is empty: a scenario needs at least format, id, title, actors, start and nodes", Position(file, 1, 1))
        return ReadResult(None, positions, False)
    return ReadResult(root, positions, ok)


def _first_line(frame: list[Any], key: str) -> int:
    """The line where `key` was first written in the mapping of `frame` (a duplicate was found).

    The frame keeps key → index from the first duplicate on, so many duplicates cost one pass."""
    if frame[5] is None:
        frame[5] = {k: i for i, k in enumerate(frame[0])}
    return int(frame[2][2 * frame[5][key]] >> 32)


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
