"""Many seats, one game: moves/s and how long each seat takes to see another seat's move.

    python bench/seats.py [--seats 10,30,60] [--rounds 2] [--interval 0.2] [--timeout 240]

For each N, a generated scenario gives N actors turns in a ring (`rounds` decisions each);
N teams, one per actor; N seat processes open the game with their join codes
(`explorer.game.seats.open_seat`) and watch it (`explorer.game.watch.Watch`, polling every
`interval` s). The seat that has the move decides at once; every seat notes when its view
(`seat_view`) shows each event. The update delay of an event at a seat is the time from the
mover's commit returning to that seat's view showing it (one clock: CLOCK_MONOTONIC).
Seats move the instant they notice their turn, so each move waits for the next seat's poll: the
anchor for moves/s is that poll bound, 1 / (interval / 2 + one commit) — a commit timed by one
session committing the same moves in a loop, in this process — and the ratio is ours / that bound
(1: the seats move as fast as polling lets them). The store's own rate is printed for scale, not as
a ratio: dividing a poll-bound rate by an fsync-bound one says nothing about either. The update
delays are percentiles over every event of the run, against the poll's expected delay, interval / 2.
Goal: at N = 30, every update under 1 s. Each N stops by itself after `timeout` seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import load_average

from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import load_scenario


def ring_scenario(seats: int, rounds: int) -> str:
    """YAML: `seats` actors deciding in turn, `rounds` times each, then an outcome."""
    lines = ["format: 1", "id: seats", "title: Seats bench", "actors:"]
    lines += [f"  a{i}: {{name: Actor {i}, briefing: 'Private to team {i}.'}}" for i in range(seats)]
    lines += ["metrics:", "  tension: {label: Tension, min: 0, max: 100, initial: 50}", "start: t0", "nodes:"]
    moves = seats * rounds
    for k in range(moves):
        after = f"t{k + 1}" if k + 1 < moves else "end"
        lines += [f"  t{k}:", "    kind: decision", f"    actor: a{k % seats}", f"    title: Turn {k}",
                  "    options:", f"      - {{label: Calm, to: {after}, effects: {{tension: -1}}}}",
                  f"      - {{label: Push, to: {after}, effects: {{tension: 1}}}}"]
    lines.append("  end: {kind: outcome, title: The end}")
    return "\n".join(lines) + "\n"


def seat(store: str, code: str, out: str, ready: str, go: str, interval: float, deadline: float) -> None:
    """One seat process: watch the game, move when it is this team's turn, note when each event shows."""
    from explorer.game.seats import open_seat, seat_view
    from explorer.game.watch import Watch

    noticed: dict[int, float] = {}
    committed: dict[int, float] = {}
    with open_seat(store, code) as session, Watch.session(session, interval=interval) as watch:
        Path(ready).touch()
        while not os.path.exists(go):
            time.sleep(0.01)
        while time.monotonic() < deadline and not session.finished:
            if seat_view(session).your_move:
                event = session.decide(0, f"{session.seat} keeps calm", turn=session.turn)
                committed[event.seq] = time.monotonic()
                watch.last_seq = event.seq  # our own move: nothing to notice
                continue
            for _ in watch.follow(timeout=interval):
                new = session.refresh()  # may hold more than the batch: what the view now shows
                seat_view(session)
                now = time.monotonic()
                noticed.update((e.seq, now) for e in new)
                watch.last_seq = session.state.last_seq
                break
    Path(out).write_text(json.dumps({"noticed": noticed, "committed": committed}))


def run_n(n: int, rounds: int, interval: float, timeout: float, folder: Path) -> dict[str, float]:
    path = folder / f"ring{n}.yaml"
    path.write_text(ring_scenario(n, rounds))
    load = load_scenario(path)
    assert load.ok, load.problems.sorted()[:3]
    teams = Teams.from_pairs([(f"a{i}", f"T{i}") for i in range(n)])
    store = folder / f"ring{n}.sqlite"
    with GameSession.create(load, store, teams=teams, seed=1) as game:
        codes = game.store.join_codes()
    go = folder / f"go{n}"
    deadline = time.monotonic() + timeout
    procs = []
    started = time.monotonic()
    for i, code in enumerate(codes.values()):
        args = [str(store), code, str(folder / f"out{n}.{i}"), str(folder / f"ready{n}.{i}"), str(go),
                str(interval), str(deadline)]
        procs.append(subprocess.Popen([sys.executable, __file__, "--seat", *args]))
    try:
        while not all((folder / f"ready{n}.{i}").exists() for i in range(n)):
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
    results = [json.loads((folder / f"out{n}.{i}").read_text()) for i in range(n)]
    commits = {int(s): t for r in results for s, t in r["committed"].items()}
    moves = len(commits)
    worst_per_seat, delays = [], []
    for r in results:
        mine = [t - commits[int(s)] for s, t in r["noticed"].items() if int(s) in commits]
        missed = moves - len(r["committed"]) - len(mine)
        worst_per_seat.append(float("inf") if missed > 0 else max(mine, default=0.0))
        delays += mine
    return {"n": n, "moves": moves, "expected": n * rounds, "ready_s": ready_s,
            "moves_s": moves / max(1e-9, max(commits.values()) - go_at),
            "p50": statistics.median(delays), "p95": statistics.quantiles(delays, n=20)[-1],
            "slowest_seat": max(worst_per_seat), "over_1s": sum(d >= 1.0 for d in delays), "samples": len(delays)}


def baseline(rounds: int, folder: Path, n: int = 10) -> float:
    """Moves/s of one session committing the same kind of moves in a loop, no seats."""
    path = folder / "base.yaml"
    path.write_text(ring_scenario(n, rounds * 3))
    load = load_scenario(path)
    with GameSession.create(load, folder / "base.sqlite", seed=1) as game:
        start = time.perf_counter()
        moves = 0
        while not game.finished:
            game.decide(0, "keeps calm", turn=game.turn)
            moves += 1
        return moves / (time.perf_counter() - start)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--seat":
        store, code, out, ready, go, interval, deadline = sys.argv[2:9]
        seat(store, code, out, ready, go, float(interval), float(deadline))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seats", default="10,30,60")
    parser.add_argument("--rounds", type=int, default=2, help="decisions per seat")
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between a seat's polls")
    parser.add_argument("--timeout", type=float, default=240, help="seconds allowed per N (start-up included)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = baseline(args.rounds, folder)
        bound = 1 / (args.interval / 2 + 1 / base)
        print(f"{os.cpu_count()} CPUs; store in {tmp}; poll interval {args.interval} s; {load_average()}")
        print(f"the store alone: one process, no seats: {base:.0f} moves/s (each a synchronous=FULL commit)")
        print(f"anchor: the poll bound, {bound:.2f} moves/s; update delay expected from polling alone "
              f"{args.interval / 2 * 1000:.0f} ms")
        print(f"{'seats':>5} {'moves':>7} {'start s':>7} {'moves/s':>8} {'÷ bound':>7} {'p50 ms':>7} {'p95 ms':>7} "
              f"{'slowest seat ms':>15} {'≥1 s':>5} {'goal':>5}")
        for n in (int(x) for x in args.seats.split(",")):
            r = run_n(n, args.rounds, args.interval, args.timeout, folder)
            ok = r["moves"] == r["expected"] and r["slowest_seat"] < 1.0
            print(f"{n:>5} {r['moves']:>3}/{r['expected']:<3} {r['ready_s']:>7.1f} {r['moves_s']:>8.2f} "
                  f"{r['moves_s'] / bound:>7.2f} {r['p50'] * 1000:>7.0f} {r['p95'] * 1000:>7.0f} "
                  f"{r['slowest_seat'] * 1000:>15.0f} {r['over_1s']:>5} {'met' if ok else 'NOT':>5}", flush=True)
        print(load_average())


if __name__ == "__main__":
    main()
