"""Typing of YAML scalars by the YAML 1.2 core schema, and the few standard tags allowed.

Numbers keep the text they were written with (`WrittenInt`, `WrittenFloat`), so that a
number written where an id is expected (`to: 2.10`) means the id as written.
"""

from __future__ import annotations

import re
from typing import Any

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_CONSTANTS: dict[str, Any] = {
    "~": None, "null": None, "Null": None, "NULL": None, "": None,
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}
WORDS: dict[str, Any] = {text: value for text, value in _CONSTANTS.items() if not isinstance(value, float)}
"""The constants that are no number (null, booleans): typed by this lookup alone."""
NUMERIC_START = frozenset("0123456789+-.")
"""First characters of every plain scalar that may be a number, `.inf` and `.nan` included."""
_OCTAL = frozenset("01234567")
_HEX = frozenset("0123456789abcdefABCDEF")
"""The core schema's digits: `int()` also takes a sign, `_` and spaces, which YAML does not."""
_MAX_INT_BITS = 13_000
"""Bigger whole numbers (about 3,900 digits) stay text: Python will not print them."""
SAFE_TAGS = frozenset({
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq", "!",
})


class WrittenInt(int):
    """A whole number that remembers how it was written (`007`, `+1`, `0x1F`).

    Ids may look like numbers; `to: 007` must name node `007`, not `7`.
    """

    yaml_text: str


class WrittenFloat(float):
    """A number that remembers how it was written (`2.10`, `1e3`): see `WrittenInt`."""

    yaml_text: str


def written(value: int | float, text: str) -> int | float:
    number = WrittenInt(value) if isinstance(value, int) else WrittenFloat(value)
    number.yaml_text = text
    return number


def core_scalar(text: str) -> Any:
    """Type a plain scalar by the YAML 1.2 core schema."""
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if text[0] in NUMERIC_START:
        if _INT.match(text):
            return _whole(text, text, 10)
        if _FLOAT.match(text):
            return float(text)
        if text.startswith("0o") and len(text) > 2 and all(c in _OCTAL for c in text[2:]):
            return _whole(text, text[2:], 8)
        if text.startswith("0x") and len(text) > 2 and all(c in _HEX for c in text[2:]):
            return _whole(text, text[2:], 16)
    return text


def _whole(text: str, digits: str, base: int) -> int | str:
    """The whole number `digits` in `base`; `text` when it is not one or too big to print."""
    try:
        value = int(digits, base)
    except ValueError:  # not digits of `base`, or more decimal digits than Python converts
        return text
    return value if value.bit_length() <= _MAX_INT_BITS else text


def plain_number(text: str) -> Any:
    """Type a plain scalar that starts like a number; a number keeps its text if printed otherwise."""
    value = core_scalar(text)
    if (value.__class__ is int or value.__class__ is float) and str(value) != text:
        return written(value, text)
    return value


_TAGGED_TYPES: dict[str, Any] = {
    "tag:yaml.org,2002:int": int, "tag:yaml.org,2002:float": (int, float),
    "tag:yaml.org,2002:bool": bool, "tag:yaml.org,2002:null": type(None),
}


def tagged_scalar(tag: str, text: str) -> Any:
    """A scalar with an explicit safe tag such as `!!str`."""
    if tag in ("tag:yaml.org,2002:str", "!"):
        return text
    wanted = _TAGGED_TYPES.get(tag)
    if wanted is None:  # `!!map` or `!!seq` on a scalar: nothing to type it as
        return text
    value = core_scalar(text)
    return value if isinstance(value, wanted) and not (wanted is int and isinstance(value, bool)) else text
