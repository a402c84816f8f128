"""Enter → the node screen: from the key pressed on the start screen to the first frame of the walk's
screen, ours against a bare Textual app pushing a screen of comparable widgets.

Each run is a fresh process (headless, 100×32), so that what the first Enter imports and builds is
paid as a person pays it; the start screen is left complete (its Markdown rendered, as a person reads
it) for a second before the key, on both sides. The clock stops when the first repaint of the new screen ends
(`Screen._refresh_layout`: its first frame is on screen).

The anchor (`BARE_ENTER`) is a bare Textual app whose start screen is one `Static`; Enter pushes
`bare_screens.NodeLike`, a screen with the widgets our node screen has (a title bar, a breadcrumb line,
a `Tree` for the map with the start node's branches open, the node's title, facts and text, an
`OptionList`, the metrics and the option's details, a status line, a `Footer` with our keys), filled
with the same strings as ours (taken from the scenario
by the parent process, so the bare process imports nothing but Textual). It imports its widgets up
front, as a plain app does. It is fair because the frame it draws has the same widgets and text as
ours; what it leaves out is the explorer's own work (the walk, the view models, Markdown, wording),
which is what the ratio shows.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ENTER_CLOCK = """
frames = []
original = Screen._refresh_layout

def timed(self, *args, **kwargs):
    out = original(self, *args, **kwargs)
    frames.append((time.perf_counter(), type(self).__name__))
    return out

Screen._refresh_layout = timed

async def enter_to(app, screen_name):
    \"\"\"Print the seconds from Enter on the complete start screen to the end of `screen_name`'s first repaint.\"\"\"
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause(1.0)  # the start screen complete, read for a second
        start = time.perf_counter()
        await pilot.press("enter")
        for _ in range(5000):
            done = [t for t, name in frames if t > start and name == screen_name]
            if done:
                print(done[0] - start)
                return
            await asyncio.sleep(0.001)
"""
"""Both sides' clock: it stops when the first repaint of the screen Enter opens ends."""

OURS_ENTER = """
import asyncio, gc, sys, time
from pathlib import Path
import textual.app
from textual.screen import Screen
from explorer.loading.cache import load_valid_cached
path = Path(sys.argv[1])
result = load_valid_cached(path)
assert result.ok
gc.freeze()  # as `explorer play` does before it opens the UI
from explorer.tui.app import make_app
""" + ENTER_CLOCK + """
asyncio.run(enter_to(make_app(result.graph, path=path, seed=1), "MainScreen"))
"""

BARE_ENTER = """
import asyncio, json, sys, time
sys.path.insert(0, sys.argv[2])
from textual.app import App
from textual.screen import Screen
from textual.widgets import Static
from bare_screens import node_like

data = json.loads(sys.argv[1])
""" + ENTER_CLOCK + """
class Bare(App):
    def compose(self):
        yield Static(data["card"])

    def on_key(self, event):
        if event.key == "enter":
            self.push_screen(node_like(data))

asyncio.run(enter_to(Bare(), "NodeLike"))
"""


def bare_data(scenario: Path) -> str:
    """The strings the anchor shows: the same as our node screen's at the start node."""
    from explorer.loading.cache import load_valid_cached
    from explorer.tui.keys import EXPLORER, Scope

    graph = load_valid_cached(scenario).graph
    assert graph is not None
    node = graph.node(graph.start)
    actions = graph.actions(graph.start)
    values = graph.state_dict(graph.initial_state)
    metrics = "\n".join(f"{m.label}  {values[i]}\n{'█' * 12}" for i, m in zip(graph.metric_ids, graph.metrics, strict=True))
    first = actions[0].option if actions else None
    keys = [(c.keys.split(",")[0], c.label) for c in EXPLORER.footer(Scope.MAIN)]
    return json.dumps({
        "title": graph.scenario.title, "node_title": node.title, "meta": f"{node.kind} · step 0",
        "text": node.text or "", "options": [f"{k + 1} {a.option.label}\n  effects…" for k, a in enumerate(actions)],
        "branches": [f"◆ {a.option.label} → {graph.node(a.option.to).title}" for a in actions],
        "metrics": metrics, "detail": f"Option 1: {first.label}\n{first.rationale or ''}" if first else "",
        "card": f"{graph.scenario.title}\n\n{graph.scenario.summary or ''}", "keys": keys,
    })


def _run(code: str, *args: str) -> float:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def enter_to_node(runs: int, scenario: Path) -> tuple[float, float]:
    """Medians (ours, bare) of `runs` interleaved fresh-process runs; printed with the ratio."""
    data = bare_data(scenario)
    ours, bare = [], []
    for _ in range(runs):
        bare.append(_run(BARE_ENTER, data, str(Path(__file__).resolve().parent)))
        ours.append(_run(OURS_ENTER, str(scenario)))
    o, b = statistics.median(ours), statistics.median(bare)
    print(f"Enter → node screen:       bare {b * 1000:6.0f} ms   explorer {o * 1000:6.0f} ms   ratio {o / b:.2f}  (goal ≤ 2)")
    print(f"  fresh processes, medians of {runs} interleaved runs; runs ours {sorted(round(x * 1000) for x in ours)} ms, "
          f"bare {sorted(round(x * 1000) for x in bare)} ms")
    return o, b


if __name__ == "__main__":
    import argparse

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from report import load_average

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scenario", type=Path, default=None)
    args = parser.parse_args()
    from explorer.bundled import default_scenario

    print(load_average())
    start = time.perf_counter()
    enter_to_node(args.runs, args.scenario or default_scenario())
    print(load_average())
