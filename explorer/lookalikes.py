"""Look-alike characters: telling `dеal` (with a Cyrillic `е`) from `deal` in words.

`skeleton` maps a text to the form it shows on screen: compatibility forms folded (NFKC:
fullwidth `ｄ`, ligatures), invisible format characters dropped (zero-width spaces, bidi
controls), and the Cyrillic and Greek letters that are drawn like Latin ones in common fonts
replaced by those Latin letters. Two texts with the same skeleton look the same to a reader.

The table is hand-made rather than Unicode's full `confusables.txt` (about 6,000 pairs, a data
file to ship and keep current): scenario ids are ASCII, and what actually reaches keys, team
names and references is text pasted from documents in Latin, Cyrillic or Greek script, where
these letters are the look-alikes that occur. Digits and symbols that merely resemble letters
(`0`/`O`, `1`/`l`) are not folded: they look different enough in the fonts terminals use.
"""

from __future__ import annotations

import functools
import unicodedata

_LATIN = {
    # Cyrillic
    "а": "a", "в": "B", "е": "e", "ё": "ë", "к": "k", "м": "M", "н": "H", "о": "o", "р": "p", "с": "c",
    "т": "T", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "ï", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ү": "y", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "Ё": "Ë", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ї": "Ï", "Ј": "J", "Һ": "H", "Ԛ": "Q", "Ԝ": "W",
    "Ү": "Y", "Ӏ": "I",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "υ": "u", "τ": "t", "χ": "x", "ϳ": "j",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
_TABLE = {ord(k): v for k, v in _LATIN.items()}
_LOOKS_LIKE: dict[str, tuple[str, ...]] = {}
for _other, _latin in _LATIN.items():
    _LOOKS_LIKE[_latin] = (*_LOOKS_LIKE.get(_latin, ()), _other)


@functools.lru_cache(maxsize=4096)
def skeleton(text: str) -> str:
    """How `text` looks: equal skeletons read the same on screen."""
    if text.isascii():
        return text  # the common case: nothing to fold
    folded = unicodedata.normalize("NFKC", text)
    shown = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")
    return shown.translate(_TABLE)


def same_look(a: str, b: str) -> bool:
    """True when `a` and `b` differ but look the same (only look-alike or invisible characters differ)."""
    return a != b and skeleton(a) == skeleton(b)


def disguised(text: str) -> list[str]:
    """The characters of `text` that are drawn like a different (Latin) letter, or invisible."""
    found = []
    for ch in dict.fromkeys(text):
        if ord(ch) in _TABLE or unicodedata.category(ch) == "Cf":
            found.append(ch)
    return found


def describe(ch: str) -> str:
    """A character as a reader can check it: `'е' U+0435 CYRILLIC SMALL LETTER IE`."""
    name = unicodedata.name(ch, "")
    shown = ch if unicodedata.category(ch) != "Cf" else ""
    return f"{f'{shown!r} ' if shown else ''}U+{ord(ch):04X}{f' {name}' if name else ''}"


def difference(written: str, meant: str) -> str:
    """Why `written` and `meant` look alike but are not equal, e.g. "'е' U+0435 CYRILLIC SMALL
    LETTER IE is written where 'deal' has 'e'"; '' when they do not look alike."""
    if not same_look(written, meant):
        return ""
    odd = [ch for ch in disguised(written) if ch not in meant]
    if not odd:
        odd = [ch for ch in disguised(meant) if ch not in written]
        return f"'{meant}' has {', '.join(map(describe, odd))}" if odd else "they differ in invisible characters"
    latin = "".join(dict.fromkeys(_LATIN.get(ch, "") for ch in odd))
    instead = f" where '{meant}' has {', '.join(repr(c) for c in latin)}" if latin else ""
    return f"{', '.join(map(describe, odd))} {'is' if len(odd) == 1 else 'are'} written{instead}"


def variants(word: str) -> list[str]:
    """Words that look like `word`: its skeleton, and each Latin letter swapped for a look-alike
    (one at a time), to probe a large set of names by membership."""
    found = [skeleton(word)]
    for i, ch in enumerate(word):
        for other in _LOOKS_LIKE.get(ch, ()):
            found.append(word[:i] + other + word[i + 1:])
    return [v for v in dict.fromkeys(found) if v != word]
