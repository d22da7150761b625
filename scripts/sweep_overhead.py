"""Prints the table of scripts/sweep-overhead: wall time of each run, the time inside its points, and
the ratios to the serial run; checks the runs computed the same rows.
Usage: sweep_overhead.py OUT GRID (OUT holds times.txt and one sweep directory per master)."""
import json
import os
import sys

import md_format

out, grid = sys.argv[1], sys.argv[2]
runs = []
with open(os.path.join(out, "times.txt")) as f:
    for line in f:
        master, start, end, load = line.split()
        with open(os.path.join(out, master, "sweep.json")) as t:
            rows = json.load(t)["rows"]
        runs.append((master, float(end) - float(start), rows, load))

# Everything but where and how long a point ran is a function of the point: the runs must agree.
PLACE = {"seconds", "executor"}
base_rows = [{k: v for k, v in r.items() if k not in PLACE} for r in runs[0][2]]
for master, _, rows, _ in runs[1:]:
    if [{k: v for k, v in r.items() if k not in PLACE} for r in rows] != base_rows:
        sys.exit("sweep-overhead: --master %s computed other rows than %s" % (master, runs[0][0]))
failed = [r for r in runs[0][2] if r["status"] != "ok"]
if failed:
    sys.exit("sweep-overhead: %d points failed, e.g. %s" % (len(failed), failed[0]["error"]))

serial = runs[0][1]
print("Spark's overhead (scripts/sweep-overhead, commit %s, %s): %d points of %s, %s samples each, "
      "estimates cached; every run a fresh JVM, timed from launch to exit; rows identical in every run."
      % (md_format.commit(), os.popen("date -u +%Y-%m-%d").read().strip(), len(base_rows), grid,
         runs[0][2][0]["train_samples"]))
print()
print("| --master | wall (s) | in points (s, summed) | outside points (s) | wall / serial | load at start |")
print("|---|---|---|---|---|---|")
for master, wall, rows, load in runs:
    inside = sum(r["seconds"] for r in rows)
    # With tasks side by side the points' seconds overlap: what lies outside them is not a difference.
    outside = "%.1f" % (wall - inside) if master in ("serial", "local[1]") else "-"
    print("| %s | %.1f | %.1f | %s | %.2f | %s |" % (master, wall, inside, outside, wall / serial, load))
