"""Soak probe latency by how much CPU the hypervisor took that second (steal), from a `--soak-trace` file.

  python3 bench/load/steal.py TRACE        (a .jsonl file, or .jsonl.gz)

Each probe answer is matched with the watcher's sample for the second it fell in, and the probes are grouped by that
second's steal (cores given to other guests): if the slow answers gather where steal is high, the latency that is not
flat comes from the machine the server runs on, not from the server.
"""
import bisect, gzip, json, sys

seconds, probes = [], []
for line in (gzip.open(sys.argv[1], "rt") if sys.argv[1].endswith(".gz") else open(sys.argv[1])):
    record = json.loads(line)
    (seconds if "at" in record else probes).append(record)
ends = [s["at"] for s in seconds]


def second_of(t):
    i = bisect.bisect_left(ends, t)
    return seconds[i] if i < len(seconds) and ends[i] - t <= 1.05 else None


groups = {"steal < 0.1 core": (0, 0.1), "0.1-0.3": (0.1, 0.3), ">= 0.3": (0.3, 99)}
for label, (low, high) in groups.items():
    latencies = sorted(p["ms"] for p in probes if (s := second_of(p["probe_at"])) and low <= s["machine_cores_by_kind"]["steal"] < high)
    if not latencies:
        continue
    slow = sum(1 for ms in latencies if ms > 20)
    print(json.dumps({"steal": label, "probes": len(latencies), "p50_ms": round(latencies[len(latencies) // 2], 2),
                      "p99_ms": round(latencies[int(len(latencies) * 0.99)], 2), "over_20ms": slow,
                      "over_20ms_share": round(slow / len(latencies), 4)}))
