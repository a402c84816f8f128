"""A roll shown so the class can check it: the draw, a strip of the bands, the seed."""

from __future__ import annotations

from textual.content import Content

from explorer.game.dice import DiceRoll
from explorer.tui.literal import literal

BAND_COLOURS = ("$primary", "$secondary", "$success", "$warning", "$accent", "$error")


def dice_strip(record: DiceRoll, width: int = 50) -> Content:
    """The interval [0, 1) as coloured bands numbered by option, with ▲ under the draw."""
    cells: list[tuple[str, str]] = []
    for n, band in enumerate(record.bands):
        start, end = round(band.low * width), round(band.high * width)
        label = str(band.option + 1)
        span = max(end - start, 0)
        text = (label.center(span, "█") if span > len(label) else "█" * span)
        cells.append((text, f"bold {BAND_COLOURS[n % len(BAND_COLOURS)]}"))
    marker = min(int(record.value * width), width - 1)
    return Content("\n").join([
        Content.assemble(("0 ", "dim"), *cells, (" 1", "dim")),
        Content.assemble(" " * (2 + marker), ("▲ ", "bold"), (f"{record.value:.4f}", "bold")),
    ])


def dice_text(record: DiceRoll) -> Content:
    """The roll's explanation (`DiceRoll.explain`): seed and draw, each band, the check command."""
    lines = record.explain()
    out = [literal(lines[0], "bold")]
    out += [literal(line, "bold $text-success" if line.startswith("◀") else "") for line in lines[1:-1]]
    out.append(literal(lines[-1], "dim"))
    return Content("\n").join(out)
