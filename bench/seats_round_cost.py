"""`python bench/seats_cost.py --round`: the CPU a classroom round costs its seats, in one process.

N seat sessions of the round scenario of bench/seats_round.py. Each seat in turn gives its orders
(the last one reveals the round); after each commit every other seat looks at the store
(`Watch.poll`), takes in the new events (`refresh`) and builds its view model (`seat_view`), timed
in CPU time (`time.process_time`). An order's wake-up and the reveal's are reported apart: per
seat (median over seats and commits) and per commit summed over the seats, with the floor of the
slowest seat's delay on this machine's cores (sum / cores)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from report import load_average
from seats_round import round_scenario

from explorer.game.seats import open_seat, seat_view
from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.game.watch import Watch
from explorer.loading import load_scenario


def round_cost(n: int, rounds: int) -> None:
    kinds = ("order", "reveal")
    look: dict[str, list[float]] = {k: [] for k in kinds}
    replay: dict[str, list[float]] = {k: [] for k in kinds}
    view: dict[str, list[float]] = {k: [] for k in kinds}
    total: dict[str, list[float]] = {k: [] for k in kinds}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "round.yaml"
        path.write_text(round_scenario(n, rounds))
        load = load_scenario(path)
        assert load.ok, load.problems.sorted()[:3]
        store = folder / "round.sqlite"
        teams = Teams.from_pairs([(f"a{i}", f"T{i}") for i in range(n)])
        with GameSession.create(load, store, teams=teams, seed=1) as game:
            codes = list(game.store.join_codes().values())
        seats = [open_seat(store, code) for code in codes]
        watches = [Watch.session(s, bell=False) for s in seats]
        views = [seat_view(s) for s in seats]
        for _ in range(rounds):
            for i, s in enumerate(seats):
                form = views[i].round.forms[0]
                s.submit_order(form.actor, 0, f"{s.seat} keeps calm", turn=form.turn)
                views[i] = seat_view(s)
                watches[i].last_seq = s.state.last_seq
                kind = "reveal" if i == n - 1 else "order"
                spent = 0.0
                for j, (other, w) in enumerate(zip(seats, watches, strict=True)):
                    if j == i:
                        continue
                    t0 = time.process_time()
                    batch = w.poll()
                    t1 = time.process_time()
                    other.refresh(batch)
                    t2 = time.process_time()
                    views[j] = seat_view(other)
                    t3 = time.process_time()
                    look[kind].append(t1 - t0)
                    replay[kind].append(t2 - t1)
                    view[kind].append(t3 - t2)
                    spent += t3 - t0
                total[kind].append(spent)
        for w in watches:
            w.close()
        for s in seats:
            s.close()

    def ms(xs: list[float]) -> str:
        return f"{statistics.median(xs) * 1000:.3f} ms"

    cores = os.cpu_count() or 1
    print(f"round, {n} seats, {rounds} rounds, {cores} CPUs; {load_average()}")
    for kind in kinds:
        print(f"{kind:>6}: per seat: look {ms(look[kind])}, refresh {ms(replay[kind])}, view model {ms(view[kind])}; "
              f"all seats: {ms(total[kind])}, floor on {cores} cores {statistics.median(total[kind]) / cores * 1000:.1f} ms")
    per_round = sum(total["order"]) / rounds + sum(total["reveal"]) / rounds
    print(f"a whole round (every order's wake-ups and the reveal's), all seats: {per_round * 1000:.1f} ms of CPU")
