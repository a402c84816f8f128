"""Load speed and peak memory: valid scenarios of 1k-1M nodes, broken ones of 1k-100k bad items.

    python bench/load.py [--sizes 1000,10000,100000,1000000] [--broken 1000,10000,100000]
                         [--runs 5] [--big-runs 1] [--before CHECKOUT] [--no-check-wall]

Issue 18's cold-load figure, before and after, in one command (main as found unpacked beside):

    git archive COMMIT | tar -x -C /tmp/before
    PYTHONPATH=. python bench/load.py --sizes 10000,100000 --runs 5 --big-runs 5 --broken '' \
        --no-check-wall --no-collector-run --before /tmp/before

Every measurement runs in a fresh process, so that its peak memory (the process's peak
resident set, VmHWM) is its own and nothing is cached from an earlier size.

Valid scenarios (`generate.tree_scenario`): the same file is loaded (a) by bare PyYAML with the
C loader and (b) by `explorer.loading.load_scenario` (read, validate, check, build the graph), and
(c) by `load_scenario` with the quick read off (every file read with marks, as before the quick
read: `explorer.loading.quick_reader`), to show what the quick read gains in the same run.
Our loader pauses the garbage collector while it builds millions of small objects
(`explorer.gc_pause`), so the fair anchor (a) is the bare load with the collector off too (the
bare load with the collector on is printed beside it). (a), (b) and (c) run in turn (b, a, c, b, a,
c, …), medians of `--runs` up to 10k nodes, `--big-runs` beyond (default 1). Prints seconds, the ratio (b)/(a) —
goal <= 1.0, stretch <= 0.5 —, peak memory of (b) and of (a), and (b)'s time and memory per node:
both must stay flat as the size grows (linear growth). Goal at 1M nodes: peak <= 2 GB. Bare
PyYAML is run up to 100k nodes only. Load averages before and after.

Then the same runs' CPU seconds (`time.process_time()` in each process: the load's own work, which
other processes on a shared machine move far less than the wall clock), ours and the anchor and
their ratio; with `--before CHECKOUT`, (d) `load_scenario` of that checkout (another version of the
program, e.g. main as found) is run in turn with the others, and its seconds and ratio printed beside.

Broken scenarios (`generate.broken_scenario`): N items with a mistake each (a misspelt key and
so a missing one, a bad number, an unknown reference). Their cost per item must stay flat
too: the errors are reported once each, never re-scanned per item.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import interleaved, load_average, row

BARE_MAX = 100_000
"""Largest size also loaded by bare PyYAML (beyond, its objects alone take over 10 GB)."""


def _peak_mb() -> float:
    """This process's peak resident set (VmHWM: `ru_maxrss` would also count the parent's at fork)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # elsewhere: kilobytes on Linux


def _measure(kind: str, path: str) -> dict[str, float]:
    """In this (fresh) process: load `path` once, as `kind` says; seconds and peak MB."""
    import yaml

    from explorer.loading import load_scenario

    text_size = Path(path).stat().st_size
    gc.collect()
    before = _peak_mb()
    start = time.perf_counter()
    cpu = time.process_time()
    if kind == BEFORE:
        kind = "valid"
    if kind in ("bare", "bare-gc"):
        if kind == "bare":
            gc.disable()
        with open(path, encoding="utf-8") as fh:
            yaml.load(fh.read(), Loader=yaml.CSafeLoader)
        errors = 0
    else:
        if kind in ("marked", "broken-marked"):
            from explorer.loading import quick_reader

            quick_reader.yaml_rs = None  # every file read with marks, as before the quick read
        result = load_scenario(path)
        errors = len(result.problems.errors)
        if kind in ("valid", "marked"):
            assert result.ok, result.problems.sorted()[:3]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu": time.process_time() - cpu, "peak_mb": _peak_mb(), "start_mb": before,
            "errors": errors, "bytes": text_size}


BEFORE = "before"
"""The kind that loads with `--before`'s checkout: `valid`, run by another version of the program."""


def _run(kind: str, path: Path, before: str | None = None) -> dict[str, float]:
    env = None
    if kind == BEFORE:
        env = {**os.environ, "PYTHONPATH": before or ""}
    out = subprocess.run([sys.executable, __file__, "--one", kind, str(path)], check=True, capture_output=True, text=True,
                         env=env)
    return json.loads(out.stdout)


def _medians(kinds: list[str], path: Path, runs: int, before: str | None = None) -> list[dict[str, float]]:
    """Each kind run `runs` times in turn (fresh processes); per kind, the run of median seconds, with
    `cpu` the median of the runs' CPU seconds."""
    out: list[list[dict[str, float]]] = [[] for _ in kinds]
    for _ in range(runs):
        for kind, mine in zip(kinds, out, strict=True):
            mine.append(_run(kind, path, before))
    medians = []
    for r in out:
        median = dict(sorted(r, key=lambda x: x["seconds"])[len(r) // 2])
        median["cpu"] = statistics.median(x["cpu"] for x in r)
        median["cpus"] = [round(x["cpu"], 2) for x in r]
        medians.append(median)
    return medians


def valid_table(sizes: list[int], tmp: Path, runs: int, big_runs: int, before: str | None = None,
                collector: bool = True) -> None:
    from generate import tree_scenario

    print("valid scenarios: bare yaml.load, collector off (a) vs load_scenario (b); (c) load_scenario with the quick "
          "read off; each in a fresh process")
    print(f"{'nodes':>8} {'MB':>6} {'(a) s':>8} {'(b) s':>8} {'b/a':>5} {'(a) peak':>9} {'(b) peak':>9} "
          f"{'µs/node':>8} {'KB/node':>8} {'(a) with collector':>19} {'(c) s':>7} {'c/a':>5} {'(c) peak':>9}")
    cpu_rows = []
    for n in sizes:
        path = tmp / f"valid{n}.yaml"
        path.write_text(tree_scenario(n))
        repeat = runs if n <= 10_000 else big_runs
        if n <= BARE_MAX:
            kinds = ["valid", "bare", "marked", *(["bare-gc"] if collector else []), *([BEFORE] if before else [])]
            ours, bare, marked, *more = _medians(kinds, path, repeat, before)
            bare_gc = more.pop(0) if collector else None
            earlier = more
            cpu_rows.append((n, repeat, ours, bare, earlier[0] if earlier else None))
            baseline = (f"{bare['seconds']:>8.2f} {ours['seconds']:>8.2f} {ours['seconds'] / bare['seconds']:>5.2f} "
                        f"{bare['peak_mb']:>7.0f}MB")
            with_collector = f"{bare_gc['seconds']:>18.2f}s" if bare_gc else f"{'—':>19}"
            tail = (f" {with_collector} {marked['seconds']:>7.2f} {marked['seconds'] / bare['seconds']:>5.2f} "
                    f"{marked['peak_mb']:>7.0f}MB")
        else:  # PyYAML's own objects for 1M nodes take minutes and over 10 GB
            ours, marked = _medians(["valid", "marked"], path, repeat)
            baseline = f"{'—':>8} {ours['seconds']:>8.2f} {'—':>5} {'—':>9}"
            tail = f" {'—':>19} {marked['seconds']:>7.2f} {'—':>5} {marked['peak_mb']:>7.0f}MB"
        grown = ours["peak_mb"] - ours["start_mb"]
        print(f"{n:>8} {ours['bytes'] / 1e6:>6.1f} {baseline} {ours['peak_mb']:>7.0f}MB "
              f"{ours['seconds'] / n * 1e6:>8.1f} {grown * 1024 / n:>8.2f}{tail}")
        path.unlink()
    _cpu_table(cpu_rows)


def _cpu_table(rows: list[tuple[int, int, dict[str, Any], dict[str, Any], dict[str, Any] | None]]) -> None:
    """The same runs by CPU seconds: ours (b), the anchor (a), and with `--before`, (d)."""
    if not rows:
        return
    print("CPU seconds of the same runs (medians; each run's figure in brackets): (b) ours, (a) the anchor, "
          "(d) the --before checkout")
    for n, repeat, ours, bare, earlier in rows:
        line = (f"{n:>8} nodes, {repeat} runs: (b) {ours['cpu']:.2f} {ours['cpus']}  (a) {bare['cpu']:.2f} {bare['cpus']}  "
                f"b/a {ours['cpu'] / bare['cpu']:.2f}")
        if earlier is not None:
            line += (f"  (d) {earlier['cpu']:.2f} {earlier['cpus']}  d/a {earlier['cpu'] / bare['cpu']:.2f}  "
                     f"wall (d) {earlier['seconds']:.2f} s, d/a {earlier['seconds'] / bare['seconds']:.2f}, "
                     f"peak (d) {earlier['peak_mb']:.0f}MB")
        print(line)


def broken_table(sizes: list[int], tmp: Path) -> None:
    from generate import broken_scenario

    print("broken scenarios: N items with a mistake each, load_scenario in a fresh process; (m) with the quick read "
          "off (a broken file read quickly is read again with marks for its positions: m is the cost without that)")
    print(f"{'items':>8} {'MB':>6} {'errors':>8} {'s':>8} {'peak':>9} {'µs/item':>8} {'KB/item':>8} {'(m) s':>7} {'(m) peak':>9}")
    for n in sizes:
        path = tmp / f"broken{n}.yaml"
        path.write_text(broken_scenario(n))
        ours, marked = _medians(["broken", "broken-marked"], path, 3 if n <= 10_000 else 1)
        assert ours["errors"] == marked["errors"]
        grown = ours["peak_mb"] - ours["start_mb"]
        print(f"{n:>8} {ours['bytes'] / 1e6:>6.1f} {ours['errors']:>8} {ours['seconds']:>8.2f} "
              f"{ours['peak_mb']:>7.0f}MB {ours['seconds'] / n * 1e6:>8.1f} {grown * 1024 / n:>8.2f} "
              f"{marked['seconds']:>7.2f} {marked['peak_mb']:>7.0f}MB")
        path.unlink()


def check_wall(tmp: Path, runs: int) -> None:
    import compileall

    from generate import tree_scenario

    import explorer

    tiny = tmp / "tiny.yaml"
    tiny.write_text(tree_scenario(15))
    # as `pip install` does: where PYTHONDONTWRITEBYTECODE is set, an editable checkout would
    # otherwise compile its modules from source in every run
    compileall.compile_dir(Path(explorer.__file__).parent, quiet=1)

    ours, floor = interleaved([
        lambda: subprocess.run([sys.executable, "-m", "explorer", "check", str(tiny)], check=True, capture_output=True),
        lambda: subprocess.run([sys.executable, "-c", "import yaml, pydantic"], check=True, capture_output=True),
    ], runs)
    print(f"explorer check, 15-node scenario, as a process, median of {runs} interleaved runs:")
    row("explorer check", ours, "python -c 'import yaml, pydantic'", floor, "<= 0.4 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--broken", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5, help="runs per median (sizes up to 10k nodes)")
    parser.add_argument("--big-runs", type=int, default=1, help="runs per median (sizes over 10k nodes)")
    parser.add_argument("--no-check-wall", action="store_true")
    parser.add_argument("--before", metavar="CHECKOUT", help="also load with this checkout's explorer, in turn (d)")
    parser.add_argument("--no-collector-run", action="store_true",
                        help="leave out the bare load with the collector on (at 100k nodes, 30-80 s a run)")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        if args.one[0] == BEFORE:  # that checkout's explorer, not this one (put first on the path above)
            sys.path.remove(str(Path(__file__).resolve().parent.parent))
            sys.path.insert(0, os.environ["PYTHONPATH"])
            import explorer

            assert Path(explorer.__file__).is_relative_to(os.environ["PYTHONPATH"]), explorer.__file__
        print(json.dumps(_measure(*args.one)))
        return
    print(load_average())
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if args.sizes:
            before = str(Path(args.before).resolve()) if args.before else None
            # modules compiled once, as an installed program's are: with PYTHONDONTWRITEBYTECODE set, a
            # checkout would otherwise compile them from source in every run
            import compileall

            for checkout in [Path(__file__).resolve().parent.parent, *([Path(before)] if before else [])]:
                compileall.compile_dir(checkout / "explorer", quiet=1)
            valid_table([int(s) for s in args.sizes.split(",")], tmp, args.runs, args.big_runs, before,
                        not args.no_collector_run)
        if args.broken:
            broken_table([int(s) for s in args.broken.split(",")], tmp)
        if not args.no_check_wall:
            check_wall(tmp, args.runs)
    print(load_average())


if __name__ == "__main__":
    main()
