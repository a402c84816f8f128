"""Where a move's time goes at the seats: the CPU every seat spends to show it, in one process.

    python bench/seats_cost.py [--seats 30] [--moves 40]
    python bench/seats_cost.py --round [--seats 30] [--rounds 3]

With bells every seat wakes at every commit, so a move costs every seat reading its bell, its
look at the store (`Watch.poll`: `data_version` and the new rows), its session's replay
(`refresh`) and its view model (`seat_view`). Here N seat sessions of one ring game (the scenario
of bench/seats.py) live in this process; after each commit each seat does exactly that, timed in
CPU time (`time.process_time`: what other processes of a busy machine take is left out). The sum
over the seats is the CPU one move costs the class: on C cores nothing can show a move to every
seat sooner than sum / C after its commit, so it is the floor of the slowest seat's delay in
bench/seats.py (whose seats also pay a process wake-up each). The ring itself (one datagram to
each of N bells) is timed too. Medians over the moves.

`--round`: a classroom round (the scenario of bench/seats_round.py): each seat in turn gives its
orders, and after each commit every other seat does the same (look, refresh, view model); the
last order reveals the round. Orders and reveals are timed apart, per seat and in sum."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import load_average
from seats import ring_scenario

from explorer.game import doorbell
from explorer.game.seats import open_seat, seat_view
from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.game.watch import Watch
from explorer.loading import load_scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--round", action="store_true", help="a classroom round: orders, then the reveal")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.round:
        from seats_round_cost import round_cost

        round_cost(args.seats, args.rounds)
        return
    n = args.seats
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "ring.yaml"
        path.write_text(ring_scenario(n, max(2, args.moves // n + 2)))
        load = load_scenario(path)
        store = folder / "ring.sqlite"
        game = GameSession.create(load, store, teams=Teams.from_pairs([(f"a{i}", f"T{i}") for i in range(n)]),
                                  seed=1)
        seats = [open_seat(store, code) for code in game.store.join_codes().values()]
        watches = [Watch.session(s, bell=False) for s in seats]  # their bells, apart, to time the ring
        bells = [doorbell.Bell.open(store) for _ in seats]
        assert all(bells), "no bells here"
        folder_of_bells = doorbell.folder_for(store)
        look, replay, view, total, ring = [], [], [], [], []
        for _ in range(args.moves):
            game.decide(0, "keeps calm", turn=game.turn)
            start = time.process_time()
            doorbell.ring(folder_of_bells)
            ring.append(time.process_time() - start)
            spent = 0.0
            for s, w, bell in zip(seats, watches, bells, strict=True):
                t0 = time.process_time()
                bell.wait(0)
                batch = w.poll()
                t1 = time.process_time()
                s.refresh(batch)
                t2 = time.process_time()
                seat_view(s)
                t3 = time.process_time()
                look.append(t1 - t0)
                replay.append(t2 - t1)
                view.append(t3 - t2)
                spent += t3 - t0
            total.append(spent)
        for w, bell in zip(watches, bells, strict=True):
            w.close()
            bell.close()
        for s in seats:
            s.close()
        game.close()

    def ms(xs: list[float]) -> str:
        return f"{statistics.median(xs) * 1000:.3f} ms"

    cores = os.cpu_count() or 1
    print(f"{n} seats, {args.moves} moves, {cores} CPUs; {load_average()}")
    print(f"per seat and move: look {ms(look)}, refresh {ms(replay)}, view model {ms(view)}")
    print(f"per move, all seats: {ms(total)}; floor of the slowest seat's delay on {cores} cores: "
          f"{statistics.median(total) / cores * 1000:.1f} ms; the ring to {n} bells: {ms(ring)}")


if __name__ == "__main__":
    main()
