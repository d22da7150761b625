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
        rnd, master, wall, user, system, load = line.split()
        with open(os.path.join(out, rnd + "-" + master, "sweep.json")) as t:
            rows = json.load(t)["rows"]
        runs.append((int(rnd), master, float(wall), rows, load, float(user) + float(system)))

# Everything but where and how long a point ran is a function of the point: the runs must agree.
PLACE = {"seconds", "executor"}


def place_free(rows):
    return [{k: v for k, v in r.items() if k not in PLACE} for r in rows]


first = runs[0][3]
for rnd, master, _, rows, _, _ in runs[1:]:
    if place_free(rows) != place_free(first):
        sys.exit("sweep-overhead: round %d, --master %s computed other rows than the first run" % (rnd, master))
failed = [r for r in first if r["status"] != "ok"]
if failed:
    sys.exit("sweep-overhead: %d points failed, e.g. %s" % (len(failed), failed[0]["error"]))

masters = list(dict.fromkeys(r[1] for r in runs))
best = {m: min(r[2] for r in runs if r[1] == m) for m in masters}
best_cpu = {m: min(r[5] for r in runs if r[1] == m) for m in masters}
print("Spark's overhead (scripts/sweep-overhead, commit %s, %s): %d points of %s, %s training samples each, "
      "estimates cached; every run a fresh JVM, timed from launch to exit; rows identical in every run."
      % (md_format.commit(), os.popen("date -u +%Y-%m-%d").read().strip(), len(first), grid, first[0]["train_samples"]))
print()
print("| round | --master | wall (s) | in points (s, summed) | outside points (s) | wall / serial wall of the round "
      "| CPU (s, user + sys) | CPU / serial CPU of the round | load at start |")
print("|---|---|---|---|---|---|---|---|---|")
for rnd, master, wall, rows, load, cpu in runs:
    inside = sum(r["seconds"] for r in rows)
    serial, serial_cpu = next((x[2], x[5]) for x in runs if x[0] == rnd and x[1] == "serial")
    # With tasks side by side the points' seconds overlap: what lies outside them is not a difference.
    outside = "%.1f" % (wall - inside) if master in ("serial", "local[1]") else "-"
    print("| %d | %s | %.1f | %.1f | %s | %.2f | %.1f | %.2f | %s |"
          % (rnd, master, wall, inside, outside, wall / serial, cpu, cpu / serial_cpu, load))
print()
print("Best of %d rounds, wall: " % max(r[0] for r in runs)
      + ", ".join("%s %.1f s" % (m, best[m]) for m in masters) + "; "
      + ", ".join("%s / serial = %.2f" % (m, best[m] / best["serial"]) for m in masters if m != "serial") + ".")
print("Best of %d rounds, CPU: " % max(r[0] for r in runs)
      + ", ".join("%s %.1f s" % (m, best_cpu[m]) for m in masters) + "; "
      + ", ".join("%s / serial = %.2f" % (m, best_cpu[m] / best_cpu["serial"]) for m in masters if m != "serial") + ".")
