"""The quick read: a plain, well-formed file parsed by a compiled reader into plain values, no positions.

Most scenario files use a small part of YAML: block and flow mappings and sequences, plain and
quoted texts, numbers as they are usually written. Such a file is parsed by `yaml_rs` (a YAML 1.2
reader in Rust, no code run, no tags constructed) about four times faster than our builder consumes
libyaml's events (twice as fast with the checks below), and without a position for anything. Positions are found later, only if a
problem or warning needs one: the file is read again with marks (`PositionMap` does it).

The result must be exactly what the marked reader (`yaml_reader`) gives, so the quick read is
refused — and the marked reader used — whenever the text holds anything the two could read
differently or that needs the marked reader's limits and messages:
- tags, anchors and aliases, complex keys (`?`), directives, more than one document;
- a character YAML refuses, a tab, a line break other than LF or CRLF;
- a block scalar (`|`, `>`) other than a simple one (`_simple_block`): chomping, blank and
  more-indented lines are where YAML readers differ;
- a number-like token the two would type differently (`007`, `2.10`, `1e3`, `.inf`, `0b1`, `1_0`:
  the marked reader keeps how such numbers are written), checked on the distinct tokens;
- any key that is not a text, nesting near `limits.MAX_DEPTH`, more values than the node limit;
- any parse error (the marked reader reports it, at its place);
- a file over `limits.MAX_QUICK_READ_CHARS` (memory: the plain tree shares no texts).
A refusal costs only the pre-scan: the marked read then does what it always did.
"""

from __future__ import annotations

import re
from itertools import chain, compress
from typing import Any

from explorer.loading import limits
from explorer.loading.scalars import WrittenFloat, WrittenInt, plain_number

try:  # a wheel on the usual platforms; without it every file takes the marked read
    import yaml_rs
except ImportError:  # pragma: no cover - depends on the platform's wheels
    yaml_rs = None

_REFUSED_CHARACTERS = re.compile(r"[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
"""Tab, CR (CRLF files are made LF first), control characters, NEL, LS/PS, BOM: each matters to how
YAML reads a file, and readers disagree about some."""
_ALLOWED_ASCII = bytes([10, *range(0x20, 0x7F)])
_PROPERTY_OR_KEY = re.compile(r"[!&*?](?<=[\s\[\]{},:].)(?:(?<=\?)(?=\s)|(?<!\?)(?=\S))")
"""A tag, an anchor or an alias (before a non-space) or a complex key (`? `), where a node may start
(after a space, a line break or a flow indicator; the file's first character is checked apart)."""
_PLAIN_HEADER = re.compile(r"-?[ ]*(?:#.*)?$")
"""The rest of a block scalar's header line, when the quick read takes it: `|`, `|-`, `>`, `>-`."""
_DEEP_BLOCK = re.compile(rf"\n[ :-]{{{2 * limits.MAX_DEPTH}}}")
"""A line whose content starts this far right (indentation and `- `, `: ` indicators): block nesting
deeper than the limit needs one. Such a file is left to the marked reader, which stops at the limit
(the compiled reader recurses on block nesting, and its flow nesting stops at a few hundred)."""
_KEY_LINE_APART = re.compile(r"\n[ ]*:(?=[ \n]|$)")
"""A line that starts with ':' (after spaces): its key is on a line before, which YAML does not allow for an
implicit key (the marked reader refuses it; yaml-rs would read it). Led by a literal, the search skips from
line break to line break (with `(?:^|\n)` it tried every character: 12× slower)."""
_KEY_AT_START = re.compile(r"[ ]*:(?=[ \n]|$)")
"""The same on the file's first line."""
_DOCUMENT = re.compile(r"\n(?:---|\.\.\.|%)")
"""A document marker or a directive at the start of a line (the first line is checked apart)."""
_NUMBER_LIKE = re.compile(r"[-+.0-9](?<=[\s\[{,:].)(?<![\s\[{,:][1-9](?=[0-9]{0,900}[\s,\]}]))[^\s,\[\]{}]+")
"""A token that starts like a number (a sign, a dot, a digit) after a space or a flow indicator, where
a plain scalar may start. Every plain scalar that either reader could type as a number (`.inf` too)
is one such token, whole (the file's first character starts no number: a scenario is a mapping, and
a key that is no text is refused anyway)."""
_NUMBER_START = re.compile(r"[-+]?(?:\.?[0-9]|\.[a-zA-Z])[-+.0-9a-zA-Z_:]*\Z")
"""A token that starts like a number and holds only what a number (`.inf`, `0x1f`, `1e+3`, `1_0`, `1:30`) is
written with: one that holds anything else (`12?`, `3%`, `p.12)`) is a text to both readers; a scenario's
prose holds many (`step 12?`: 33k distinct tokens in a generated 100k-node file) that were typed for nothing."""
_MOST_DISAGREEING = 100
"""Past this many disagreeing tokens the file is left to the marked reader without looking further."""
_WHOLE_NUMBER = re.compile(r"(?:0|-?[1-9][0-9]{0,900})\Z")
"""A whole number written as Python prints it, not too long to print (`scalars._MAX_INT_BITS`):
both readers type it alike. (Longer ones stay text in the marked read: they are checked.)"""
_IS_CONTAINER = frozenset((dict, list)).__contains__
_IS_DICT = frozenset((dict,)).__contains__
_IS_LIST = frozenset((list,)).__contains__
_DEPTH_MARGIN = 4
"""Nesting within this many levels of `limits.MAX_DEPTH` is left to the marked reader, which reports it."""


def quick_read(text: str) -> dict[str, Any] | None:
    """The file's top-level mapping as plain values, or None when the marked reader must read it."""
    if yaml_rs is None or len(text) > limits.MAX_QUICK_READ_CHARS:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _needs_marks(text) or not _numbers_agree(text):
        return None
    try:
        value = yaml_rs.loads(text, parse_datetime=False, alias_limits=yaml_rs.AliasLimits(0, 1, 0))
    except Exception:
        return None
    if value.__class__ is not dict or not _plain(value):
        return None
    return value


def _needs_marks(text: str) -> bool:
    """Whether the text holds something the quick read leaves to the marked reader."""
    if (text.encode("utf-8", "surrogatepass").translate(None, _ALLOWED_ASCII) if text.isascii()
            else _REFUSED_CHARACTERS.search(text)) or _DOCUMENT.search(text) or text.startswith(("---", "...", "%")):
        return True
    if _KEY_LINE_APART.search(text) or _KEY_AT_START.match(text) or _DEEP_BLOCK.search(text) or _DEEP_BLOCK.match("\n" + text[:200]) or _PROPERTY_OR_KEY.search(text) or text.startswith(("!", "&", "*", "?")):
        return True
    for indicator in "|>":  # found by `str.find` (a regex's character class scans 5× slower)
        at = text.find(indicator)
        while at >= 0:
            if _starts_node(text, at) and not _simple_block(text, at):
                return True
            at = text.find(indicator, at + 1)
    return False


def _simple_block(text: str, at: int) -> bool:
    """Whether the block scalar whose header is at `at` is one that YAML readers read alike: a plain
    header (`|`, `|-`, `>`, `>-`), then one or more lines, all indented alike and more than where
    the header line's content starts, no blank line, and after them a line indented less (or the end).
    Indentation indicators, `+` (keep), blank or more-indented lines are where readers differ."""
    end = text.find("\n", at)
    if end < 0 or not _PLAIN_HEADER.match(text, at + 1, end):
        return False
    line = text.rfind("\n", 0, at) + 1
    header = text[line:at]
    parent = len(header) - len(header.lstrip(" -"))  # where the header line's content starts
    start = end + 1
    stop = text.find("\n", start)
    if stop < 0:  # the block's last line without a line break: readers differ on its chomping
        return False
    first = text[start:stop]
    indent = len(first) - len(first.lstrip(" "))
    if indent <= parent or indent == len(first):
        return False
    while True:
        start = stop + 1
        stop = text.find("\n", start)
        row = text[start:stop if stop >= 0 else len(text)]
        if not row:
            return stop < 0  # the end of the text after a line break; a blank line is not taken
        depth = len(row) - len(row.lstrip(" "))
        if depth < indent:
            return depth < len(row)
        if depth > indent or stop < 0:
            return False


def _starts_node(text: str, at: int) -> bool:
    """Whether a block scalar may start at `at`: after a line's indentation, `: ` or `- `; or where a flow
    collection's item starts (after `[`, `{` or `,`), which the marked reader refuses (`{a,>b}`) and yaml-rs
    reads as text. In doubt, True."""
    line = text.rfind("\n", 0, at) + 1
    before = text[line:at]
    stripped = before.rstrip(" ")
    return (not stripped or (stripped.endswith(("-", ":")) and len(stripped) < len(before))
            or stripped.endswith((",", "[", "{")))


def _numbers_agree(text: str) -> bool:
    """Whether every plain scalar that starts like a number is typed alike by both readers, and is
    written as Python prints it (else the marked reader keeps how it was written: `WrittenInt`).

    The distinct number-like tokens are typed by both; only the few that disagree are looked for
    again where a plain scalar may start: at a line's indentation, after an indicator (`: `, `- `, `[`,
    `{`, `,`) and spaces; a disagreeing token inside a text (`in 2019.`) is harmless."""
    tokens = [t for t in set(_NUMBER_LIKE.findall(text)) if _NUMBER_START.match(t) and not _WHOLE_NUMBER.match(t)]
    if not tokens:
        return True
    ours = [plain_number(t) for t in tokens]
    try:
        theirs = yaml_rs.loads("".join(f"- {t}\n" for t in tokens), parse_datetime=False)
    except Exception:
        theirs = None
    if theirs.__class__ is not list or len(theirs) != len(ours):
        disagree = tokens
    else:
        disagree = [t for t, a, b in zip(tokens, ours, theirs, strict=True)
                    if a.__class__ is not b.__class__ or repr(a) != repr(b)
                    or a.__class__ is WrittenInt or a.__class__ is WrittenFloat]
    if not disagree:
        return True
    if len(disagree) > _MOST_DISAGREEING:
        return False
    alternatives = "|".join(re.escape(t) for t in sorted(disagree, key=len, reverse=True))
    standalone = re.compile(rf"(?:^[ ]*|[\[{{,:?-][ ]*)(?:{alternatives})(?=[\s,\[\]{{}}]|$)", re.MULTILINE)
    return standalone.search(text) is None


def _plain(root: dict[str, Any]) -> bool:
    """Every key a text without spaces, nesting well within the limit, no more values than the node limit.

    Walked a level at a time, each level in a few calls that run at C speed whatever its size:
    its mappings and sequences picked out, all their keys joined (which fails unless every key is
    a text), all their values gathered and the containers among them kept for the next level."""
    count = 0
    level: list[Any] = [root]
    for _ in range(limits.MAX_DEPTH - _DEPTH_MARGIN):
        kinds = list(map(type, level))
        mappings = list(compress(level, map(_IS_DICT, kinds)))
        sequences = list(compress(level, map(_IS_LIST, kinds)))
        try:
            keys = "\0".join(chain.from_iterable(mappings))
        except TypeError:
            return False
        if " " in keys or "\n" in keys or "\t" in keys:  # an implicit key over two lines reads folded here,
            return False  # where the marked reader refuses it (and no scenario key holds a space)
        count += 2 * len(level) + 2 * sum(map(len, mappings)) + sum(map(len, sequences))
        values = list(chain(chain.from_iterable(map(dict.values, mappings)), chain.from_iterable(sequences)))
        level = list(compress(values, map(_IS_CONTAINER, map(type, values))))
        if not level:
            return count <= limits.MAX_YAML_NODES
    return False
