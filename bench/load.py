"""Validated-load speed and memory against bare `yaml.load(..., Loader=CSafeLoader)`.

    python bench/load.py [--sizes 1000,10000,100000] [--runs 5]

For each size, the same generated file is loaded by `explorer.loading.load_scenario` (read,
validate, check, build the graph) and by bare PyYAML with the C loader, in turn, in the same
process; medians of `--runs`. Our loader pauses the garbage collector while it builds millions of
small objects (`explorer.gc_pause`), so the fair anchor is the bare load with the collector off
too: the ratio is taken against that one (the bare load with the collector on is printed beside
it, to show how much of a difference the collector alone makes). Then the peak memory per node of
ours (tracemalloc, a separate pass), and `explorer check` on a tiny scenario as a process against
`python -c "import yaml, pydantic"` (the least such a process must import).
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import tree_scenario
from report import interleaved, load_average, row, seconds

from explorer.gc_pause import paused_gc
from explorer.loading import load_scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"median of {args.runs} interleaved runs; ratio = ours / anchor; {load_average()}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"s{n}.yaml"
            path.write_text(tree_scenario(n))

            def bare(path: Path = path) -> None:
                with open(path, encoding="utf-8") as fh:
                    yaml.load(fh.read(), Loader=yaml.CSafeLoader)

            def bare_without_gc() -> None:
                with paused_gc():
                    bare()

            def ours(path: Path = path) -> None:
                result = load_scenario(path)
                assert result.ok, result.problems.sorted()[:3]

            mine, base, base_gc = interleaved([ours, bare_without_gc, bare], args.runs)
            gc.collect()
            tracemalloc.start()
            ours()
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"\n== {n:,} nodes, {path.stat().st_size / 1e6:.1f} MB")
            row("validated load", mine, "bare CSafeLoader, collector off", base, "≤ 1×")
            print(f"  (bare CSafeLoader with the collector on: {seconds(base_gc).strip()}, {base_gc / base:.2f}× the anchor)")
            print(f"  peak memory {peak / n / 1024:.2f} KB per node")
        tiny = Path(tmp) / "tiny.yaml"
        tiny.write_text(tree_scenario(15))
        import compileall

        import explorer

        # as `pip install` does: where PYTHONDONTWRITEBYTECODE is set, an editable checkout would
        # otherwise compile its modules from source in every run
        compileall.compile_dir(Path(explorer.__file__).parent, quiet=1)
        check, floor = interleaved([
            lambda: subprocess.run([sys.executable, "-m", "explorer", "check", str(tiny)], check=True, capture_output=True),
            lambda: subprocess.run([sys.executable, "-c", "import yaml, pydantic"], check=True, capture_output=True),
        ], args.runs)
        print("\n== explorer check, 15-node scenario, as a process")
        row("explorer check", check, "python -c 'import yaml, pydantic'", floor, "≤ 0.4 s")
    print(f"\n{load_average()}")


if __name__ == "__main__":
    main()
