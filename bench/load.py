"""Validated-load speed and memory against bare `yaml.load(..., Loader=CSafeLoader)`.

    python bench/load.py [--sizes 1000,10000,100000]

For each size, the same generated file is loaded (a) by bare PyYAML with the C loader and
(b) by `explorer.loading.load_scenario` (read, validate, check, build the graph), in the
same process. Prints seconds, the ratio (b)/(a) — goal ≤ 1.0, stretch ≤ 0.5 — and the
peak memory per scenario node of (b) measured with tracemalloc in a separate pass.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import tree_scenario

from explorer.loading import load_scenario


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'nodes':>8} {'MB':>6} {'bare yaml.load':>15} {'validated load':>15} {'ratio':>6} {'peak KB/node':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"s{n}.yaml"
            path.write_text(tree_scenario(n))
            repeat = 3 if n <= 10_000 else 1

            def bare(path: Path = path) -> None:
                with open(path, encoding="utf-8") as fh:
                    yaml.load(fh.read(), Loader=yaml.CSafeLoader)

            def ours(path: Path = path) -> None:
                result = load_scenario(path)
                assert result.ok, result.problems.sorted()[:3]

            base = best_of(bare, repeat)
            mine = best_of(ours, repeat)
            gc.collect()
            tracemalloc.start()
            ours()
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            mb = path.stat().st_size / 1e6
            print(f"{n:>8} {mb:>6.1f} {base:>14.3f}s {mine:>14.3f}s {mine / base:>6.2f} {peak / n / 1024:>12.2f}")
        tiny = Path(tmp) / "tiny.yaml"
        tiny.write_text(tree_scenario(15))
        import compileall

        import explorer

        # as `pip install` does: where PYTHONDONTWRITEBYTECODE is set, an editable checkout would
        # otherwise compile its modules from source in every run
        compileall.compile_dir(Path(explorer.__file__).parent, quiet=1)
        check_wall = best_of(lambda: subprocess.run([sys.executable, "-m", "explorer", "check", str(tiny)],
                                                   check=True, capture_output=True), 5)
        bare_python = best_of(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 5)
        print(f"explorer check on a 15-node scenario: {check_wall:.3f}s wall as a process, best of 5 "
              f"(bare `python -c pass`: {bare_python:.3f}s); goal ≤ 0.4s")


if __name__ == "__main__":
    main()
