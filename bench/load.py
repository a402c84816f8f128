"""Load speed and peak memory: valid scenarios of 1k-1M nodes, broken ones of 1k-100k bad items.

    python bench/load.py [--sizes 1000,10000,100000,1000000] [--broken 1000,10000,100000]
                         [--runs 5] [--no-check-wall]

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

Broken scenarios (`generate.broken_scenario`): N items with a mistake each (a misspelt key and
so a missing one, a bad number, an unknown reference). Their cost per item must stay flat
too: the errors are reported once each, never re-scanned per item.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    return {"seconds": seconds, "peak_mb": _peak_mb(), "start_mb": before, "errors": errors, "bytes": text_size}


def _run(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--one", kind, str(path)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def _medians(kinds: list[str], path: Path, runs: int) -> list[dict[str, float]]:
    """Each kind run `runs` times in turn (fresh processes); per kind, the run of median seconds."""
    out: list[list[dict[str, float]]] = [[] for _ in kinds]
    for _ in range(runs):
        for kind, mine in zip(kinds, out, strict=True):
            mine.append(_run(kind, path))
    return [sorted(r, key=lambda x: x["seconds"])[len(r) // 2] for r in out]


def valid_table(sizes: list[int], tmp: Path, runs: int, big_runs: int) -> None:
    from generate import tree_scenario

    print("valid scenarios: bare yaml.load, collector off (a) vs load_scenario (b); (c) load_scenario with the quick "
          "read off; each in a fresh process")
    print(f"{'nodes':>8} {'MB':>6} {'(a) s':>8} {'(b) s':>8} {'b/a':>5} {'(a) peak':>9} {'(b) peak':>9} "
          f"{'µs/node':>8} {'KB/node':>8} {'(a) with collector':>19} {'(c) s':>7} {'c/a':>5} {'(c) peak':>9}")
    for n in sizes:
        path = tmp / f"valid{n}.yaml"
        path.write_text(tree_scenario(n))
        repeat = runs if n <= 10_000 else big_runs
        if n <= BARE_MAX:
            ours, bare, marked, bare_gc = _medians(["valid", "bare", "marked", "bare-gc"], path, repeat)
            baseline = (f"{bare['seconds']:>8.2f} {ours['seconds']:>8.2f} {ours['seconds'] / bare['seconds']:>5.2f} "
                        f"{bare['peak_mb']:>7.0f}MB")
            tail = (f" {bare_gc['seconds']:>18.2f}s {marked['seconds']:>7.2f} {marked['seconds'] / bare['seconds']:>5.2f} "
                    f"{marked['peak_mb']:>7.0f}MB")
        else:  # PyYAML's own objects for 1M nodes take minutes and over 10 GB
            ours, marked = _medians(["valid", "marked"], path, repeat)
            baseline = f"{'—':>8} {ours['seconds']:>8.2f} {'—':>5} {'—':>9}"
            tail = f" {'—':>19} {marked['seconds']:>7.2f} {'—':>5} {marked['peak_mb']:>7.0f}MB"
        grown = ours["peak_mb"] - ours["start_mb"]
        print(f"{n:>8} {ours['bytes'] / 1e6:>6.1f} {baseline} {ours['peak_mb']:>7.0f}MB "
              f"{ours['seconds'] / n * 1e6:>8.1f} {grown * 1024 / n:>8.2f}{tail}")
        path.unlink()


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
    parser.add_argument("--one", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_measure(*args.one)))
        return
    print(load_average())
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if args.sizes:
            valid_table([int(s) for s in args.sizes.split(",")], tmp, args.runs, args.big_runs)
        if args.broken:
            broken_table([int(s) for s in args.broken.split(",")], tmp)
        if not args.no_check_wall:
            check_wall(tmp, args.runs)
    print(load_average())


if __name__ == "__main__":
    main()
