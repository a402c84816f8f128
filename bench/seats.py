"""Many seats, one game: moves/s and how long each seat takes to see another seat's move.

    python bench/seats.py [--seats 10,30] [--rounds 2] [--modes poll,bell] [--repeats 1] [--interval 0.2]
    python bench/seats.py --round [--seats 10,30] [--rounds 3]   # a classroom round: see seats_round.py

For each N, a generated scenario gives N actors turns in a ring (`rounds` decisions each);
N teams, one per actor; N seat processes open the game with their join codes
(`explorer.game.seats.open_seat`) and watch it (`explorer.game.watch.Watch`) in one of two modes,
run interleaved (poll, bell, poll, bell, … for each N, `--repeats` times):

- `poll` (before issue 18): the watch looks at the store every `interval` s;
- `bell` (after): each commit rings every watch of the store (`explorer.game.doorbell`), which
  then looks at once; a safety look every 2 s.

The seat that has the move decides at once; every seat notes when its view model (`seat_view`)
shows each event. The update delay of an event at a seat is the time from the mover's commit
returning (stamped before the commit rings: `doorbell.ring` is wrapped in the seat processes) to
that seat's view model showing it — the view model, not the terminal's paint (one clock:
CLOCK_MONOTONIC). Percentiles are over every (event, seat) of the runs. Anchors: for the delays, the
poll in the same run (its expected delay is interval / 2); for moves/s, the poll bound
1 / (interval / 2 + one commit) and the store alone (one session committing the same moves in a
loop, in this process): with bells the seats should approach the store's rate, not a poll's.
Goals (issue 18): at N = 30, p95 ≤ 50 ms, and moves/s not set by a poll. Each run stops by itself
after `timeout` seconds.
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import seats_round
from report import load_average

from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import load_scenario

GOAL_P95_S = 0.05


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


def stamp_commits() -> list[float]:
    """Wrap `doorbell.ring` in this process: the times its commits returned, before they ring."""
    from explorer.game import doorbell

    stamps: list[float] = []
    ring = doorbell.ring

    def stamped(folder: Path | None) -> int:
        stamps.append(time.monotonic())
        return ring(folder)

    doorbell.ring = stamped
    return stamps


def seat(store: str, code: str, out: str, ready: str, go: str, interval: float, deadline: float,
         mode: str = "bell") -> None:
    """One seat process: watch the game, move when it is this team's turn, note when each event shows."""
    from explorer.game.seats import open_seat, seat_view
    from explorer.game.watch import Watch

    stamps = stamp_commits()
    noticed: dict[int, float] = {}
    committed: dict[int, float] = {}
    with open_seat(store, code) as session, Watch.session(session, interval=interval,
                                                          bell=mode == "bell") as watch:
        Path(ready).touch()
        while not os.path.exists(go):
            time.sleep(0.01)
        view = seat_view(session)  # one view per change, as a seat's screen has
        while time.monotonic() < deadline and not session.finished:
            if view.your_move:
                event = session.decide(0, f"{session.seat} keeps calm", turn=session.turn)
                committed[event.seq] = stamps[-1]
                watch.last_seq = event.seq  # our own move: nothing to notice
                view = seat_view(session)
                continue
            for batch in watch.follow(timeout=interval):
                new = session.refresh(batch)  # the batch the watch read, as a seat's link does
                view = seat_view(session)
                now = time.monotonic()
                noticed.update((e.seq, now) for e in new)
                watch.last_seq = session.state.last_seq
                break
    Path(out).write_text(json.dumps({"noticed": noticed, "committed": committed}))


def run_n(n: int, rounds: int, interval: float, timeout: float, folder: Path, mode: str) -> dict[str, Any]:
    """One run of N seats in `mode`; the delays of every (event, seat) and the moves/s."""
    folder = Path(tempfile.mkdtemp(dir=folder))
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
                str(interval), str(deadline), mode]
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
    return {"n": n, "mode": mode, "moves": moves, "expected": n * rounds, "ready_s": ready_s,
            "moves_s": moves / max(1e-9, max(commits.values()) - go_at), "delays": delays,
            "slowest_seat": max(worst_per_seat)}


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
        store, code, out, ready, go, interval, deadline, mode = sys.argv[2:10]
        seat(store, code, out, ready, go, float(interval), float(deadline), mode)
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--round-seat":
        store, code, out, ready, go, interval, deadline, mode = sys.argv[2:10]
        seats_round.seat(store, code, out, ready, go, float(interval), float(deadline), mode)
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seats", default="10,30")
    parser.add_argument("--modes", default="poll,bell", help="how seats learn of moves: poll (before), bell (after)")
    parser.add_argument("--repeats", type=int, default=1, help="runs per (N, mode), interleaved")
    parser.add_argument("--rounds", type=int, default=2, help="decisions per seat")
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between a seat's polls")
    parser.add_argument("--timeout", type=float, default=240, help="seconds allowed per N (start-up included)")
    parser.add_argument("--round", action="store_true", help="a classroom round: every seat gives orders at once")
    args = parser.parse_args()
    modes = args.modes.split(",")
    seats = [int(x) for x in args.seats.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.round:
            seats_round.report(seats, args.rounds, args.interval, args.timeout, folder, __file__, modes,
                               args.repeats)
            return
        base = baseline(args.rounds, folder)
        bound = 1 / (args.interval / 2 + 1 / base)
        print(f"{os.cpu_count()} CPUs; store in {tmp}; poll interval {args.interval} s; {load_average()}")
        print(f"anchors: the store alone (one process, no seats) {base:.0f} moves/s (each a synchronous=FULL "
              f"commit); the poll bound {bound:.2f} moves/s; a poll's expected delay {args.interval / 2 * 1000:.0f} ms")
        print("delays: commit returned → the seat's view model shows the move, every (move, seat)")
        print(f"{'seats':>5} {'mode':>4} {'moves':>7} {'start s':>7} {'moves/s':>8} {'÷ poll bound':>12} "
              f"{'÷ store':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'slowest seat ms':>15} {'goal':>5}")
        for n in seats:
            runs = seats_round.interleave(
                modes, args.repeats, lambda mode, n=n: run_n(n, args.rounds, args.interval, args.timeout, folder, mode))
            for mode, done in runs.items():
                delays = [d for r in done for d in r["delays"]]
                p95 = statistics.quantiles(delays, n=20, method="inclusive")[-1]
                moves_s = statistics.median(r["moves_s"] for r in done)
                ok = all(r["moves"] == r["expected"] for r in done) and p95 <= GOAL_P95_S
                print(f"{n:>5} {mode:>4} {done[0]['moves']:>3}/{done[0]['expected']:<3} "
                      f"{statistics.median(r['ready_s'] for r in done):>7.1f} {moves_s:>8.2f} {moves_s / bound:>12.2f} "
                      f"{moves_s / base:>7.3f} {statistics.median(delays) * 1000:>7.1f} {p95 * 1000:>7.1f} "
                      f"{max(delays) * 1000:>7.0f} {max(r['slowest_seat'] for r in done) * 1000:>15.0f} "
                      f"{'met' if ok else 'NOT':>5}", flush=True)
        print(load_average())

if __name__ == "__main__":
    main()
