"""Run a command and measure it alone: its wall time and peak RSS.

Each run goes through a small Python wrapper of its own, which prints
its RUSAGE_CHILDREN ru_maxrss, so that no other child of the benchmark
counts.  That is the largest resident set of any one process of the run
(the command, or one it starts), not their sum.  bench/run and
bench/batch_bench.py use it.
"""
import json
import subprocess
import sys

WRAPPER = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL,
                   stderr=open(sys.argv[1], "wb"))
seconds = time.perf_counter() - t
kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": p.returncode, "seconds": seconds, "maxrss_kb": kb}))
"""


def measured(cmd, err_path):
    """Run @cmd, its stderr into @err_path and its stdout thrown away:
    {"rc", "seconds", "maxrss_kb"}."""
    p = subprocess.run([sys.executable, "-c", WRAPPER, err_path, *cmd],
                       capture_output=True, text=True, check=True)
    return json.loads(p.stdout)
