"""Load speed and peak memory: valid scenarios of 1k-1M nodes, broken ones of 1k-100k bad items.

    python bench/load.py [--sizes 1000,10000,100000,1000000] [--broken 1000,10000,100000]
                         [--no-check-wall]

Every measurement runs in a fresh process, so that its peak memory (the process's peak
resident set, VmHWM) is its own and nothing is cached from an earlier size.

Valid scenarios (`generate.tree_scenario`): the same file is loaded (a) by bare PyYAML with the
C loader and (b) by `explorer.loading.load_scenario` (read, validate, check, build the graph).
Prints seconds, the ratio (b)/(a) — goal <= 1.0, stretch <= 0.5 —, peak memory of (b) and of
(a), and (b)'s time and memory per node: both must stay flat as the size grows (linear
growth). Goal at 1M nodes: peak <= 2 GB. Bare PyYAML is run up to 100k nodes only.

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

BARE_MAX = 100_000
"""Largest size also loaded by bare PyYAML (beyond, its objects alone take over 10 GB)."""
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


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
    if kind == "bare":
        with open(path, encoding="utf-8") as fh:
            yaml.load(fh.read(), Loader=yaml.CSafeLoader)
        errors = 0
    else:
        result = load_scenario(path)
        errors = len(result.problems.errors)
        if kind == "valid":
            assert result.ok, result.problems.sorted()[:3]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb(), "start_mb": before, "errors": errors, "bytes": text_size}


def _run(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--one", kind, str(path)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def _best(kind: str, path: Path, repeat: int) -> dict[str, float]:
    runs = [_run(kind, path) for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"])


def valid_table(sizes: list[int], tmp: Path) -> None:
    from generate import tree_scenario

    print("valid scenarios: bare yaml.load (a) vs load_scenario (b), each in a fresh process")
    print(f"{'nodes':>8} {'MB':>6} {'(a) s':>8} {'(b) s':>8} {'b/a':>5} {'(a) peak':>9} {'(b) peak':>9} "
          f"{'µs/node':>8} {'KB/node':>8}")
    for n in sizes:
        path = tmp / f"valid{n}.yaml"
        path.write_text(tree_scenario(n))
        repeat = 3 if n <= 10_000 else 1
        ours = _best("valid", path, repeat)
        grown = ours["peak_mb"] - ours["start_mb"]
        if n <= BARE_MAX:
            bare = _best("bare", path, repeat)
            baseline = (f"{bare['seconds']:>8.2f} {ours['seconds']:>8.2f} {ours['seconds'] / bare['seconds']:>5.2f} "
                        f"{bare['peak_mb']:>7.0f}MB")
        else:  # PyYAML's own objects for 1M nodes take minutes and over 10 GB
            baseline = f"{'—':>8} {ours['seconds']:>8.2f} {'—':>5} {'—':>9}"
        print(f"{n:>8} {ours['bytes'] / 1e6:>6.1f} {baseline} {ours['peak_mb']:>7.0f}MB "
              f"{ours['seconds'] / n * 1e6:>8.1f} {grown * 1024 / n:>8.2f}")
        path.unlink()


def broken_table(sizes: list[int], tmp: Path) -> None:
    from generate import broken_scenario

    print("broken scenarios: N items with a mistake each, load_scenario in a fresh process")
    print(f"{'items':>8} {'MB':>6} {'errors':>8} {'s':>8} {'peak':>9} {'µs/item':>8} {'KB/item':>8}")
    for n in sizes:
        path = tmp / f"broken{n}.yaml"
        path.write_text(broken_scenario(n))
        ours = _best("broken", path, 3 if n <= 10_000 else 1)
        grown = ours["peak_mb"] - ours["start_mb"]
        print(f"{n:>8} {ours['bytes'] / 1e6:>6.1f} {ours['errors']:>8} {ours['seconds']:>8.2f} "
              f"{ours['peak_mb']:>7.0f}MB {ours['seconds'] / n * 1e6:>8.1f} {grown * 1024 / n:>8.2f}")
        path.unlink()


def check_wall(tmp: Path) -> None:
    import compileall

    from generate import tree_scenario

    import explorer

    tiny = tmp / "tiny.yaml"
    tiny.write_text(tree_scenario(15))
    # as `pip install` does: where PYTHONDONTWRITEBYTECODE is set, an editable checkout would
    # otherwise compile its modules from source in every run
    compileall.compile_dir(Path(explorer.__file__).parent, quiet=1)

    def wall(argv: list[str]) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        return min(times)

    ours = wall([sys.executable, "-m", "explorer", "check", str(tiny)])
    bare = wall([sys.executable, "-c", "pass"])
    print(f"explorer check on a 15-node scenario: {ours:.3f}s wall as a process, best of 5 "
          f"(bare `python -c pass`: {bare:.3f}s); goal <= 0.4s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--broken", default="1000,10000,100000")
    parser.add_argument("--no-check-wall", action="store_true")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_measure(*args.one)))
        return
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if args.sizes:
            valid_table([int(s) for s in args.sizes.split(",")], tmp)
        if args.broken:
            broken_table([int(s) for s in args.broken.split(",")], tmp)
        if not args.no_check_wall:
            check_wall(tmp)


if __name__ == "__main__":
    main()
