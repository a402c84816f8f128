"""A classroom round with many seats: `python bench/seats.py --round [--seats 10,30] [--rounds 3]`.

For each N, a generated format-2 scenario has N actors moving at once in `rounds` rounds; N teams,
one per actor; N seat processes join with their codes and watch the game (`Watch`, polling every
`interval` s). At the starting gun every seat gives its orders at once (`submit_order`); the last
order in reveals the round in the same transaction. Each seat notes when its view (`game_view`)
shows the reveal. Reveal delay of a round at a seat: from the last order's commit returning (the
one that revealed) to that seat's view showing the reveal (one clock: CLOCK_MONOTONIC). Goal at
N = 30: every seat within 0.5 s. Orders/s: the round's orders over the time from the gun to the
last commit; baseline, in this process: one session committing the same orders in a loop.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

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


def seat(store: str, code: str, out: str, ready: str, go: str, interval: float, deadline: float) -> None:
    """One seat process: at the gun, give this team's orders for each round; note when each reveal shows."""
    from explorer.game.class_events import Revealed
    from explorer.game.seats import open_seat
    from explorer.game.views import game_view
    from explorer.game.watch import Watch

    committed: dict[str, float] = {}
    revealed: dict[str, float] = {}
    with open_seat(store, code) as session, Watch.session(session, interval=interval) as watch:
        Path(ready).touch()
        while not os.path.exists(go):
            time.sleep(0.01)
        while time.monotonic() < deadline and not session.finished:
            view = game_view(session)
            node = session.node_id
            if view.round is not None and view.round.forms and view.round.forms[0].current is None:
                form = view.round.forms[0]
                session.submit_order(form.actor, 0, f"{session.seat} keeps calm", turn=form.turn)
                committed[node] = time.monotonic()
                if session.node_id != node:  # this order was the last: it revealed the round
                    game_view(session)
                    revealed[node] = time.monotonic()
                watch.last_seq = session.state.last_seq
                continue
            for _ in watch.follow(timeout=interval):
                new = session.refresh()
                game_view(session)  # what the seat's screen now shows
                now = time.monotonic()
                for e in new:
                    if isinstance(e.body, Revealed):
                        revealed[e.node] = now
                watch.last_seq = session.state.last_seq
                break
    Path(out).write_text(json.dumps({"committed": committed, "revealed": revealed}))


def run_n(n: int, rounds: int, interval: float, timeout: float, folder: Path, script: str) -> dict[str, float]:
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
                               str(folder / f"rready{n}.{i}"), str(go), str(interval), str(deadline)])
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
    return {"n": n, "ready_s": ready_s, "orders_s": n / max(1e-9, first_round_s), "p50": statistics.median(delays),
            "worst": max(delays), "missed": missed, "samples": len(delays)}


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


def report(seats: list[int], rounds: int, interval: float, timeout: float, folder: Path, script: str) -> None:
    from report import load_average

    base = baseline(max(seats), folder)
    print(f"{os.cpu_count()} CPUs; store in {folder}; poll interval {interval} s; {rounds} round(s) per N; "
          f"{load_average()}")
    print(f"anchor: one process gives every order: {base:.0f} orders/s (each a synchronous=FULL commit); "
          f"a reveal is expected {interval / 2 * 1000:.0f} ms after the last order from polling alone")
    print(f"{'seats':>5} {'start s':>7} {'orders/s':>8} {'ratio':>6} {'reveal p50 ms':>13} {'slowest ms':>10} "
          f"{'missed':>6} {'goal':>5}")
    for n in seats:
        r = run_n(n, rounds, interval, timeout, folder, script)
        ok = r["missed"] == 0 and r["worst"] <= GOAL_S
        print(f"{n:>5} {r['ready_s']:>7.1f} {r['orders_s']:>8.1f} {r['orders_s'] / base:>6.3f} "
              f"{r['p50'] * 1000:>13.0f} {r['worst'] * 1000:>10.0f} {r['missed']:>6} {'met' if ok else 'NOT':>5}",
              flush=True)
    print(load_average())
