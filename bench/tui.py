"""Benchmarks of the explorer TUI; prints figures as ratios to baselines run the same way.

1. Time to first screen, as a ratio to a bare Textual app (one `Static`), each in a fresh
   Python process, headless at 100×32, the clock stopped when the app, on Textual's `Ready`
   event (the first frame is on screen), exits and `run()` returns:
   - "TUI": from just before the app's modules are imported to the first screen, with
     the scenario already loaded (the loader is timed by its own benchmarks);
   - "TUI, start screen complete": the same, but the clock stops once the start screen is
     complete: its first frame shows the title, the date and the summary's first paragraph;
     after it the whole summary is rendered as Markdown (the Markdown parser is imported
     then) and the actors are added;
   - "end to end": the whole process, as `explorer play` runs it (load and validate the
     bundled scenario, then open the UI), against the whole bare-app process.
   The explorer's modules are byte-compiled first, as `pip install` does: where
   PYTHONDONTWRITEBYTECODE is set, an editable checkout would otherwise compile them from
   source in every run while Textual's own come compiled.
2. Keypress to repaint on a generated scenario of about 100,000 nodes: the time from a key
   press (Pilot, headless) until the first repaint it caused has been rendered (the end of
   `Screen._refresh_layout`: the new node is on screen) and until the last one (a panel
   whose height changed may repaint once more for its scrollbar), over a run of moves,
   backs and restarts. Goal ≤ 50 ms. Two anchors, each timed the same way, in turn with ours (rounds
   of the same 14 keys): a bare app whose one `Static` shows new text per key, and a bare app with our
   node screen's widgets making the same repaint (`bare_screens.NodeLike`: the map opens or closes a
   line and moves its cursor, the options are replaced, every text is updated).
3. Enter → the node screen (`tui_enter.py`): fresh processes, ours against a bare app pushing a
   screen with the same widgets and text.

4. `explorer play` to its first frame (`--only play`): the command as a person starts it, warm (the
   scenario unchanged since a run before), against the bare app, in CPU seconds (the process's own,
   which a busy machine does not stretch) and wall, each at the first frame; `--before CHECKOUT`
   times another checkout's command in the same interleaved run.

Run: .venv/bin/python bench/tui.py [--runs N] [--nodes N] [--only first|play|enter|keys] [--before CHECKOUT]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import load_average

BARE = """
import time, sys
t0 = time.perf_counter()
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

    def on_ready(self):
        self.exit()

Bare().run(headless=True, size=(100, 32))
print(time.perf_counter() - t0)
"""

OURS = """
import time, sys
from pathlib import Path
import textual.app
from explorer.loading.cache import load_valid_cached
path = Path(sys.argv[1])
result = load_valid_cached(path)  # as `explorer play` loads: from the cache once a run has filled it
assert result.ok
import gc
gc.freeze()  # as `explorer play` does before it opens the UI
t0 = time.perf_counter()
from explorer.tui.app import ExplorerApp, make_app

def on_ready(self):
    self.exit()

ExplorerApp.on_ready = on_ready
make_app(result.graph, path=path, seed=1).run(headless=True, size=(100, 32))
print(time.perf_counter() - t0)
"""

OURS_COMPLETE = OURS.replace(
    "ExplorerApp.on_ready = on_ready",
    "ExplorerApp.on_start_screen_completed = lambda self, event: on_ready(self)",
)

END_TO_END = """
import sys
from pathlib import Path
from explorer.loading.cache import load_valid_cached
path = Path(sys.argv[1])
result = load_valid_cached(path)  # as `explorer play` loads: from the cache once a run has filled it
assert result.ok
import gc
gc.freeze()  # as `explorer play` does before it opens the UI
from explorer.tui.app import ExplorerApp, make_app

def on_ready(self):
    self.exit()

ExplorerApp.on_ready = on_ready
make_app(result.graph, path=path, seed=1).run(headless=True, size=(100, 32))
"""

PLAY_COMMAND = """
import sys
from explorer.tui.app import ExplorerApp

def on_ready(self):
    self.exit()

run = ExplorerApp.run
ExplorerApp.on_ready = on_ready
ExplorerApp.run = lambda self, **kwargs: run(self, headless=True, size=(100, 32))
from explorer.cli import main
sys.exit(main(["play", sys.argv[1]]))
"""
"""`explorer play PATH` itself, headless: the command also starts a saved walk (its journal file, the
scenario's hash) and looks for a walk to offer, which END_TO_END leaves out."""

BARE_TEXTUAL_IMPORTED = "import textual.app\n" + BARE

FIRST_FRAME_FIGURES = """
import os, time, sys
print(f"first frame: {time.time()!r} {time.process_time()!r}", file=sys.stderr)
os._exit(0)
"""
"""Run at the first frame (Textual's `Ready`) by both sides of the `play` figure: the wall clock and the
process's CPU seconds so far (every thread; the interpreter's start included), then the process ends."""

BARE_PLAY = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

    def on_ready(self):
        exec(FIGURES)

Bare().run(headless=True, size=(100, 32))
"""

OURS_PLAY = """
import sys
from explorer.tui.app import ExplorerApp

def on_ready(self):
    exec(FIGURES)

run = ExplorerApp.run
ExplorerApp.on_ready = on_ready
ExplorerApp.run = lambda self, **kwargs: run(self, headless=True, size=(100, 32))
from explorer.cli import main
sys.exit(main(["play", *sys.argv[1:]]))
"""
"""`explorer play [PATH]` as a person starts it, to its first frame (what it draws first: from the
scenario's kept cover when it is unchanged, else after loading it)."""

OURS_PLAY_ENTER = OURS_PLAY.replace("""def on_ready(self):
    exec(FIGURES)
""", """def on_ready(self):
    self.simulate_key("enter")
    self.set_interval(0.002, lambda: type(self.screen).__name__ == "MainScreen" and self.screen.call_after_refresh(
        lambda: exec(FIGURES)))
""")
"""The same, with Enter pressed at the first frame: to the node screen's first frame (a person who
presses Enter at once waits for the scenario behind its cover)."""


def _child(code: str, *args: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run `code` in a fresh interpreter: (wall seconds, the figure it printed or 0)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=env)
    wall = time.perf_counter() - start
    printed = out.stdout.strip().splitlines()
    return wall, float(printed[-1]) if printed else 0.0


def first_screen(runs: int, scenario: Path) -> None:
    import compileall

    import explorer

    compileall.compile_dir(Path(explorer.__file__).parent, quiet=1)
    bare_inner, ours_inner, ours_complete, bare_wall, ours_wall, play_wall = [], [], [], [], [], []
    walks = tempfile.TemporaryDirectory()  # the command's saved walks go here, not into the user's folder
    env = dict(os.environ, XDG_DATA_HOME=walks.name)
    for _ in range(runs):  # interleaved, so that machine noise hits both alike
        bare_inner.append(_child(BARE_TEXTUAL_IMPORTED)[1])
        ours_inner.append(_child(OURS, str(scenario))[1])
        ours_complete.append(_child(OURS_COMPLETE, str(scenario))[1])
        bare_wall.append(_child(BARE)[0])
        ours_wall.append(_child(END_TO_END, str(scenario))[0])
        play_wall.append(_child(PLAY_COMMAND, str(scenario), env=env)[0])
    walks.cleanup()
    b, o = statistics.median(bare_inner), statistics.median(ours_inner)
    print(
        f"first screen, TUI only:   bare {b * 1000:6.0f} ms   explorer {o * 1000:6.0f} ms   ratio {o / b:.2f}  (goal ≤ 1.3)"
    )
    c = statistics.median(ours_complete)
    print(f"  start screen complete (whole summary and actors): explorer {c * 1000:6.0f} ms   ratio {c / b:.2f}")
    b, o = statistics.median(bare_wall), statistics.median(ours_wall)
    print(
        f"first screen, end to end: bare {b * 1000:6.0f} ms   explorer {o * 1000:6.0f} ms   ratio {o / b:.2f}  "
        "(incl. the load, from the scenario cache as `explorer play` loads after a first run)"
    )
    p = statistics.median(play_wall)
    print(f"  `explorer play PATH`, the command (a saved walk started): explorer {p * 1000:6.0f} ms   ratio {p / b:.2f}")
    print(f"  medians of {runs} interleaved runs; ratio = explorer / bare; {load_average()}")


def _first_frame(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run `code` in a fresh interpreter to its first frame: (wall seconds from the start of the process,
    CPU seconds of the process)."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", f"FIGURES = {FIRST_FRAME_FIGURES!r}\n" + code, *args],
                         capture_output=True, text=True, env=env, check=True, cwd=env["XDG_DATA_HOME"])
    [line] = [line for line in out.stderr.splitlines() if line.startswith("first frame: ")]
    wall, cpu = (float(x) for x in line.split()[2:])
    return wall - start, cpu


def play_first_frame(runs: int, scenario: Path | None, before: Path | None) -> None:
    """`explorer play` to its first frame, warm (its second run onwards), against the bare app, in CPU
    seconds and wall; with `before` (another checkout, say main), that checkout's `explorer play` too, in
    the same interleaved run."""
    import compileall

    ours = Path(__file__).resolve().parents[1]
    sides = {"bare app": (BARE_PLAY, None), "explorer play": (OURS_PLAY, ours),
             "  Enter at once, to the node screen": (OURS_PLAY_ENTER, ours)}
    if before is not None:
        sides["before: " + str(before)] = (OURS_PLAY, before.resolve())
        sides["  before: Enter at once"] = (OURS_PLAY_ENTER, before.resolve())
    walks = tempfile.TemporaryDirectory()  # the command's saved walks go here, not into the user's folder
    args = [str(scenario.resolve())] if scenario else []  # the children run elsewhere: PYTHONPATH picks the checkout
    envs = {}
    for name, (code, checkout) in sides.items():
        env = dict(os.environ, XDG_DATA_HOME=walks.name)
        if checkout is not None:
            compileall.compile_dir(checkout / "explorer", quiet=1)  # as `pip install` does
            env["PYTHONPATH"] = str(checkout)
            _first_frame(code, args, env)  # warm: the scenario's cache entry (and cover) are written
        envs[name] = env
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    for _ in range(runs):  # interleaved, so that machine noise hits every side alike
        for name, (code, _checkout) in sides.items():
            figures[name].append(_first_frame(code, args, envs[name]))
    walks.cleanup()
    bare_wall = statistics.median(w for w, _ in figures["bare app"])
    bare_cpu = statistics.median(c for _, c in figures["bare app"])
    print(f"`explorer play {' '.join(args)}` to its first frame, warm, {runs} interleaved runs (goal ≤ 1.3× the bare app):")
    for name, values in figures.items():
        wall, cpu = statistics.median(w for w, _ in values), statistics.median(c for _, c in values)
        print(f"  {name:<40} CPU {cpu * 1000:6.0f} ms ({cpu / bare_cpu:.2f}×)   wall {wall * 1000:6.0f} ms "
              f"({wall / bare_wall:.2f}×)")
    print(f"  {load_average()}")


def big_scenario(nodes: int) -> str:
    """A binary tree of `nodes` nodes with a metric, effects and a `requires` lock."""
    out = [
        "format: 1",
        "id: big",
        "title: A big generated scenario",
        "actors:",
        "  a: {name: Alpha}",
        "  b: {name: Beta}",
        "metrics:",
        "  t: {label: Tension, min: 0, max: 10, initial: 5}",
        "start: n0",
        "nodes:",
    ]
    for i in range(nodes):
        left, right = 2 * i + 1, 2 * i + 2
        if right < nodes:
            actor = "a" if i % 2 else "b"
            out.append(
                f"  n{i}:\n    kind: decision\n    actor: {actor}\n    title: Node {i}\n"
                f"    text: Some *text* for node {i}.\n    options:\n"
                f"      - {{label: Go left, to: n{left}, effects: {{t: 1}}}}\n"
                f"      - {{label: Go right, to: n{right}, effects: {{t: -1}}, requires: 't < 9'}}"
            )
        else:
            out.append(f"  n{i}: {{kind: outcome, title: End {i}, payoffs: {{a: {i % 7}, b: {i % 5}}}}}")
    return "\n".join(out) + "\n"


async def bare_keypresses(presses: int) -> list[float]:
    """The first anchor of the keypress figures: a bare Textual app whose one `Static` shows new text at
    each key, timed the same way (key to the last repaint it caused)."""
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("start", id="text")

        def on_key(self, event) -> None:
            self.query_one("#text", Static).update(f"{event.key} " * 40)

    return await _timed_presses(Bare(), ["1" if k % 2 else "2" for k in range(presses)])


async def same_repaint_keypresses(keys: list[str]) -> list[float]:
    """The second anchor: a bare Textual app with our node screen's widgets (`bare_screens.NodeLike`)
    that makes the same repaint at each key as ours — the map opens or closes a line and moves its
    cursor, the options are replaced, every text is updated — timed the same way."""
    from bare_screens import BareNodeApp, big_data

    return await _timed_presses(BareNodeApp(big_data()), keys)


async def _timed_presses(app, keys: list[str]) -> list[float]:
    """Key to the last repaint (`Screen._refresh_layout`) it caused, for each key pressed in `app`."""
    from textual.screen import Screen

    repaints: list[float] = []
    original = Screen._refresh_layout

    def timed(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        repaints.append(time.perf_counter())
        return result

    Screen._refresh_layout = timed  # type: ignore[method-assign]
    out = []
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause(0.2)
            for key in keys:
                repaints.clear()
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause(0.1)
                if repaints:
                    out.append(repaints[-1] - start)
    finally:
        Screen._refresh_layout = original  # type: ignore[method-assign]
    return out


async def our_presses(graph, keys: list[str]) -> tuple[list[tuple[str, float]], list[float], list[int]]:
    """Ours, in a fresh app past its start screen: (key, key to last repaint) for each key, the times to
    the first repaint, and the repaints per key. At an ending the outcome screen is closed first (untimed)."""
    from textual.screen import Screen

    from explorer.tui.app import make_app
    from explorer.tui.screens.main import MainScreen

    # Every repaint of a screen ends in Screen._refresh_layout; note when each one finishes.
    repaints: list[float] = []
    original = Screen._refresh_layout

    def timed(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        repaints.append(time.perf_counter())
        return result

    Screen._refresh_layout = timed  # type: ignore[method-assign]
    app = make_app(graph, seed=1)
    lasts: list[tuple[str, float]] = []
    firsts: list[float] = []
    frames: list[int] = []
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.press("enter")
            await pilot.pause(0.2)
            assert isinstance(app.screen, MainScreen)
            for key in keys:
                if app.walk.is_over:
                    await pilot.press("escape")
                    await pilot.pause(0.1)
                repaints.clear()
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause(0.1)  # let every repaint the key caused happen
                if repaints:
                    lasts.append((key, repaints[-1] - start))
                    firsts.append(repaints[0] - start)
                    frames.append(len(repaints))
    finally:
        Screen._refresh_layout = original  # type: ignore[method-assign]
    return lasts, firsts, frames


async def keypresses(nodes: int, runs: int, big: Path | None = None) -> None:
    """Ours and the two anchors in turn, `runs` rounds of the same 14 keys each (interleaved). `big`: a
    scenario written by `big_scenario` before, loaded through the scenario cache (quicker when warm)."""
    from explorer.loading import load_scenario
    from explorer.loading.cache import load_valid_cached

    with tempfile.TemporaryDirectory() as folder:
        path = big or Path(folder) / "big.yaml"
        if big is None:
            path.write_text(big_scenario(nodes), encoding="utf-8")
        started = time.perf_counter()
        result = load_scenario(path) if big is None else load_valid_cached(path)
        print(
            f"generated scenario: {len(result.graph)} nodes, loaded and checked in {time.perf_counter() - started:.1f} s"
        )
    assert result.ok and result.graph is not None
    gc.freeze()  # as `explorer play` does before it opens the UI

    keys = ["1", "2", "1", "2", "1", "backspace", "2", "1", "1", "2", "backspace", "backspace", "1", "r"]
    lasts: list[tuple[str, float]] = []
    firsts: list[float] = []
    frames: list[int] = []
    bare: list[float] = []
    same: list[float] = []
    for _ in range(max(runs, 1)):
        ours = await our_presses(result.graph, keys)
        lasts += ours[0]
        firsts += ours[1]
        frames += ours[2]
        same += await same_repaint_keypresses(keys)
        bare += await bare_keypresses(len(keys))
    every = [t for _, t in lasts]

    def summary(values: list[float]) -> str:
        p90 = statistics.quantiles(values, n=10)[-1]
        return f"median {statistics.median(values) * 1000:5.1f} ms, p90 {p90 * 1000:5.1f} ms, worst {max(values) * 1000:5.1f} ms"

    print(f"keypresses: {len(every)} on {len(result.graph)} nodes in {runs} rounds, ours and the anchors in turn, "
          f"{statistics.mean(frames):.2f} repaints per key (goal ≤ 50 ms)")
    print(f"  key to first repaint (the new node on screen): {summary(firsts)}")
    print(f"  key to last repaint (scrollbars settled):      {summary(every)}")
    print(f"  anchor, a bare app showing new text per key:   {summary(bare)}; "
          f"ratio of medians {statistics.median(every) / statistics.median(bare):.1f}×")
    print(f"  anchor, a bare app making the same repaint:    {summary(same)}; "
          f"ratio of medians {statistics.median(every) / statistics.median(same):.1f}× (goal ≤ 3)")
    for key in sorted(set(keys)):
        ts = [t for k, t in lasts if k == key]
        print(f"  {key:>9}: last repaint median {statistics.median(ts) * 1000:5.1f} ms over {len(ts)} presses")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--scenario", type=Path, default=None, help="for the first screen (default: the bundled one)")
    parser.add_argument("--big", type=Path, default=None,
                        help="for the keypresses: a file `big_scenario` wrote before, loaded through the cache")
    parser.add_argument("--only", choices=["first", "play", "enter", "keys"], default=None, help="one figure only")
    parser.add_argument("--before", type=Path, default=None,
                        help="for `play`: another checkout (e.g. main) whose `explorer play` is timed in the same run")
    args = parser.parse_args()
    from tui_enter import enter_to_node

    from explorer.bundled import default_scenario

    print(load_average())
    if args.only in (None, "first"):
        first_screen(args.runs, args.scenario or default_scenario())
    if args.only in (None, "play"):
        play_first_frame(args.runs, args.scenario, args.before)
    if args.only in (None, "enter"):
        enter_to_node(args.runs, args.scenario or default_scenario())
    if args.only in (None, "keys"):
        asyncio.run(keypresses(args.nodes, args.runs, args.big))
    print(load_average())


if __name__ == "__main__":
    main()
