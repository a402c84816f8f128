"""A classroom round with many seats: `python bench/seats.py --round [--seats 10,30] [--rounds 3]`.

For each N, a generated format-2 scenario has N actors moving at once in `rounds` rounds; N teams,
one per actor; N seat processes join with their codes and watch the game (`Watch`: polling every
`interval` s in mode `poll`, rung by each commit in mode `bell`; see seats.py). At the starting gun every seat gives its orders at once (`submit_order`); the last
order in reveals the round in the same transaction. Each seat notes when its view (`game_view`)
shows the reveal. Reveal delay of a round at a seat: from the last order's commit returning (the
one that revealed; stamped before it rings) to that seat's view model showing the reveal (one
clock: CLOCK_MONOTONIC); percentiles over every (round, seat) of the runs. Goal at
N = 30: every seat within 0.5 s. Orders/s: the round's orders over the time from the gun to the
last commit; baseline, in this process: one session committing the same orders in a loop.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import load_scenario

GOAL_S = 0.5


def round_scenario(seats: int, rounds: int) -> str:
    """YAML: `seats` actors each moving in `rounds` rounds in a row, then an outcome. Actor a0 has two
    moves, the others one each: loading checks every joint move of a round (2^n with two moves each:
    18 actors load in about 3 s, 30 would take hours), and the store and the seats are measured here."""
    lines = ["format: 2", "id: round_seats", "title: Round seats bench", "actors:"]
    lines += [f"  a{i}: {{name: Actor {i}, briefing: 'Private to team {i}.'}}" for i in range(seats)]
    lines += ["metrics:", "  tension: {label: Tension, min: 0, max: 1000, initial: 500}", "start: r0", "nodes:"]
    for k in range(rounds):
        after = f"r{k + 1}" if k + 1 < rounds else "end"
        lines += [f"  r{k}:", "    kind: round", f"    title: Round {k + 1}", "    moves:"]
        for i in range(seats):
            lines += [f"      a{i}:", "        - {id: calm, label: Keep calm, effects: {tension: -1}, default: true}"]
            if i == 0:
                lines.append("        - {id: push, label: Push, effects: {tension: 1}}")
        lines += ["    then:", f"      - {{if: 'count(push) >= 1', to: {after}, label: Pushed}}",
                  f"      - {{to: {after}, label: Calm}}"]
    lines.append("  end: {kind: outcome, title: The end}")
    return "\n".join(lines) + "\n"


def seat(store: str, code: str, out: str, ready: str, go: str, interval: float, deadline: float,
         mode: str = "bell") -> None:
    """One seat process: at the gun, give this team's orders for each round; note when each reveal shows."""
    from seats import stamp_commits

    from explorer.game.class_events import Revealed
    from explorer.game.seats import open_seat
    from explorer.game.views import game_view
    from explorer.game.watch import Watch

    stamps = stamp_commits()
    committed: dict[str, float] = {}
    revealed: dict[str, float] = {}
    wakes: list[float] = []
    """The CPU of each wake-up that found news (the look, the refresh, the view), in seconds."""
    reveal_cpu: list[float] = []
    with open_seat(store, code) as session, Watch.session(session, interval=interval,
                                                          bell=mode == "bell") as watch:
        Path(ready).touch()
        while not os.path.exists(go):
            time.sleep(0.01)
        view = game_view(session)  # one view per change, as a seat's screen has
        while time.monotonic() < deadline and not session.finished:
            node = session.node_id
            if view.round is not None and view.round.forms and view.round.forms[0].current is None:
                form = view.round.forms[0]
                session.submit_order(form.actor, 0, f"{session.seat} keeps calm", turn=form.turn)
                committed[node] = stamps[-1]
                view = game_view(session)
                if session.node_id != node:  # this order was the last: it revealed the round
                    revealed[node] = time.monotonic()
                watch.last_seq = session.state.last_seq
                continue
            cpu = time.process_time()  # waiting for the bell takes none
            for batch in watch.follow(timeout=interval):
                new = session.refresh(batch)  # the batch the watch read, as a seat's link does
                view = game_view(session)  # what the seat's screen now shows
                now = time.monotonic()
                wakes.append(time.process_time() - cpu)
                for e in new:
                    if isinstance(e.body, Revealed):
                        revealed[e.node] = now
                        reveal_cpu.append(wakes[-1])
                watch.last_seq = session.state.last_seq
                break
    Path(out).write_text(json.dumps({"committed": committed, "revealed": revealed, "wakes": wakes,
                                     "reveal_cpu": reveal_cpu}))


def run_n(n: int, rounds: int, interval: float, timeout: float, folder: Path, script: str,
          mode: str) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(dir=folder))
    path = folder / f"round{n}.yaml"
    path.write_text(round_scenario(n, rounds))
    load = load_scenario(path)
    assert load.ok, load.problems.sorted()[:3]
    store = folder / f"round{n}.sqlite"
    with GameSession.create(load, store, teams=Teams.from_pairs([(f"a{i}", f"T{i}") for i in range(n)]),
                            seed=1) as game:
        codes = game.store.join_codes()
    go = folder / f"rgo{n}"
    deadline = time.monotonic() + timeout
    started = time.monotonic()
    procs = [subprocess.Popen([sys.executable, script, "--round-seat", str(store), code, str(folder / f"rout{n}.{i}"),
                               str(folder / f"rready{n}.{i}"), str(go), str(interval), str(deadline), mode])
             for i, code in enumerate(codes.values())]
    try:
        while not all((folder / f"rready{n}.{i}").exists() for i in range(n)):
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                raise SystemExit(f"N={n}: the seats did not all start")
            time.sleep(0.05)
        ready_s = time.monotonic() - started
        go.touch()
        go_at = time.monotonic()
        for p in procs:
            p.wait(timeout=max(1.0, deadline - time.monotonic() + 10))
    finally:
        for p in procs:  # only the seats this run started
            if p.poll() is None:
                p.kill()
                p.wait()
    results = [json.loads((folder / f"rout{n}.{i}").read_text()) for i in range(n)]
    nodes = [f"r{k}" for k in range(rounds)]
    delays, first_round_s, missed = [], 0.0, 0
    for node in nodes:
        last = max(r["committed"][node] for r in results if node in r["committed"])
        if node == "r0":
            first_round_s = last - go_at
        for r in results:
            if node in r["revealed"]:
                delays.append(max(0.0, r["revealed"][node] - last))
            else:
                missed += 1
    return {"n": n, "ready_s": ready_s, "orders_s": n / max(1e-9, first_round_s), "delays": delays,
            "missed": missed, "wake_cpu": [w for r in results for w in r.get("wakes", [])],
            "reveal_cpu": [w for r in results for w in r.get("reveal_cpu", [])]}


def baseline(n: int, folder: Path) -> float:
    """Orders/s of one session giving every actor's orders for a round in a loop (no seats)."""
    path = folder / "rbase.yaml"
    path.write_text(round_scenario(n, 3))
    load = load_scenario(path)
    with GameSession.create(load, folder / "rbase.sqlite", seed=1) as game:
        start = time.perf_counter()
        orders = 0
        while not game.finished:
            for actor in list(game.state.walk.round_moves()):
                game.submit_order(actor.actor, 0, "keeps calm")
                orders += 1
        return orders / (time.perf_counter() - start)


def _median_ms(runs: list[dict[str, Any]], key: str) -> float:
    values = [v for r in runs for v in r[key]]
    return statistics.median(values) * 1000 if values else float("nan")


def interleave(modes: list[str], repeats: int, run: Callable[[str], dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """`run(mode)` for each mode in turn, `repeats` times over (a, b, a, b, …); the runs of each mode."""
    runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in modes}
    for _ in range(repeats):
        for mode in modes:
            runs[mode].append(run(mode))
    return runs


def report(seats: list[int], rounds: int, interval: float, timeout: float, folder: Path, script: str,
           modes: list[str], repeats: int) -> None:
    from report import load_average

    base = baseline(max(seats), folder)
    print(f"{os.cpu_count()} CPUs; store in {folder}; poll interval {interval} s; {rounds} round(s) per run; "
          f"{repeats} run(s) per (N, mode), interleaved; {load_average()}")
    print(f"anchors: one process gives every order: {base:.0f} orders/s (each a synchronous=FULL commit); "
          f"a reveal is expected {interval / 2 * 1000:.0f} ms after the last order from polling alone")
    print("reveal delay: the revealing commit returned → the seat's view model shows the reveal, every (round, seat)")
    print("seat CPU: the median CPU of a seat process's wake-up that found news, and of the one that showed the reveal")
    print(f"{'seats':>5} {'mode':>4} {'start s':>7} {'orders/s':>8} {'ratio':>6} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'max ms':>7} {'missed':>6} {'goal':>5} {'wake ms':>7} {'reveal ms':>9}")
    for n in seats:
        runs = interleave(modes, repeats, lambda mode, n=n: run_n(n, rounds, interval, timeout, folder, script, mode))
        for mode, done in runs.items():
            delays = [d for r in done for d in r["delays"]]
            p95 = statistics.quantiles(delays, n=20, method="inclusive")[-1]
            missed = sum(r["missed"] for r in done)
            orders_s = statistics.median(r["orders_s"] for r in done)
            ok = missed == 0 and max(delays) <= GOAL_S
            print(f"{n:>5} {mode:>4} {statistics.median(r['ready_s'] for r in done):>7.1f} {orders_s:>8.1f} "
                  f"{orders_s / base:>6.3f} {statistics.median(delays) * 1000:>7.1f} {p95 * 1000:>7.1f} "
                  f"{max(delays) * 1000:>7.0f} {missed:>6} {'met' if ok else 'NOT':>5} "
                  f"{_median_ms(done, 'wake_cpu'):>7.3f} {_median_ms(done, 'reveal_cpu'):>9.3f}", flush=True)
    print(load_average())
