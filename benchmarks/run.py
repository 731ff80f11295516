"""Run every benchmark (benchmarks/bench_*.py) and keep their reports in bench-output/.

Each benchmark is a script with a ``main()`` that prints a short report of figures. They run one at a
time, each in its own process, so that one benchmark's peak memory does not colour the next.
Usage: python benchmarks/run.py [NAME ...]   (e.g. `clean extract`; default: all)
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "bench-output"


def main(names: list[str]) -> int:
    """Run the chosen benchmarks; return the number that failed."""
    OUTPUT.mkdir(exist_ok=True)
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    failed = 0
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        report = result.stdout + (f"\n[stderr]\n{result.stderr[-2000:]}" if result.returncode else "")
        (OUTPUT / f"{script.stem}.txt").write_text(report, encoding="utf-8")
        print(report.rstrip())
        print(f"   ({time.perf_counter() - started:.0f} s, exit {result.returncode})\n", flush=True)
        failed += result.returncode != 0
    return failed


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1:]) else 0)
