#!/usr/bin/env python3
"""The calibration loop through the real service at full scale: `mlcert serve --recalibrate-interval` on a fresh
SQLite file, `mlcert simulate api` learners practising over its JSON API, and the server's own figures.

Starts the server on 127.0.0.1 (port 0: it picks a free one), runs the simulation to its end (bounded: a fixed number
of learners, and a bounded wait for the calibration), stops the server with SIGTERM, and prints one JSON line (also
appended to --out): the simulation's report (requests/s, latency, the parameter set and how many items it calibrates,
readiness calibration before and after, 5xx count) with the run's settings, the load average before and after, and
the server's exit status.

    python3 bench/api/api.py --binary .build/release/mlcert --learners 300 --concurrency 4
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONTENT = os.path.join(ROOT, "Content")


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True, help="the mlcert executable (a release build for timing)")
    parser.add_argument("--cert", default="aws-mla-c01", help="credential the learners practise")
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4, help="learners practising at once")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--recalibrate-interval", type=int, default=5, help="the server's --recalibrate-interval (seconds)")
    parser.add_argument("--min-responses", type=int, default=50, help="the server's --min-responses (its default: 50)")
    parser.add_argument("--settle", type=float, default=15, help="simulate api --settle: more than the interval plus one round")
    parser.add_argument("--wait-for-calibration", type=float, default=300)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "api", "results.jsonl"))
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="mlcert-api-bench-", dir="/var/tmp")
    token = uuid.uuid4().hex
    log = open(os.path.join(work, "serve.log"), "wb")
    env = dict(os.environ, LOG_LEVEL="info")
    before = loadavg()
    server = subprocess.Popen(
        [args.binary, "serve", "--port", "0", "--database", os.path.join(work, "mlcert.sqlite"), "--content", CONTENT, "--bcrypt-cost", "4",
         "--trust-forwarded-for", "--metrics-token", token, "--recalibrate-interval", str(args.recalibrate_interval),
         "--min-responses", str(args.min_responses)], stdout=subprocess.PIPE, stderr=log, env=env)
    try:
        line = server.stdout.readline().decode()
        if "http://" not in line:
            raise SystemExit(f"api: mlcert serve did not start (see {log.name}): {line!r}")
        url = line[line.index("http://"):].split()[0]
        started = time.time()
        simulation = subprocess.run(
            [args.binary, "simulate", "api", "--url", url, "--content", CONTENT, "--cert", args.cert, "--learners", str(args.learners),
             "--concurrency", str(args.concurrency), "--seed", str(args.seed), "--settle", str(args.settle),
             "--wait-for-calibration", str(args.wait_for_calibration), "--metrics-token", token, "--format", "json"],
            capture_output=True, text=True, timeout=args.wait_for_calibration + 60 * 60)
        wall = time.time() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    if simulation.returncode not in (0, 2):
        raise SystemExit(f"api: simulate api exited {simulation.returncode}: {simulation.stderr[-3000:]}")
    report = json.loads(simulation.stdout)
    # The recalibration service logs each set it saves: "... mlcert.recalibration: converged=true credential=ID
    # items_in_use=N learners=N responses=N set=N [MLCertServer] recalibrated".
    saved = []
    with open(log.name) as f:
        for line in f:
            if "mlcert.recalibration:" in line and line.rstrip().endswith(" recalibrated") and f" credential={args.cert} " in line:
                saved.append(dict(field.split("=", 1) for field in line.split() if "=" in field))
    rounds = len(saved)
    result = {
        "test": "api-simulation", "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "cores": os.cpu_count(), "load_average_before": before, "load_average_after": loadavg(),
        "store": "sqlite", "recalibrate_interval": args.recalibrate_interval, "min_responses": args.min_responses,
        "concurrency": args.concurrency, "wall_seconds": round(wall, 1), "simulate_exit_status": simulation.returncode,
        "sets_saved": rounds, "newest_set_log": saved[-1] if saved else None, "server_exit_status": server.returncode, "report": report,
    }
    text = json.dumps(result, sort_keys=True)
    print(text)
    with open(args.out, "a") as f:
        f.write(text + "\n")
    print(summary(result), file=sys.stderr)
    return 0 if simulation.returncode == 0 and server.returncode == 0 and report["server_errors"] == 0 else 1


def summary(r):
    """One row of bench/README.md's table."""
    p = r["report"]
    b, a = p["before_calibration"]["condition"], p["after_calibration"]["condition"]
    return (f"| {p['learners']} | {r['concurrency']} | {p['requests']:,} | {p['requests_per_second']:.1f} | {p['latency_p50_milliseconds']:.1f} ms "
            f"| {p['latency_p99_milliseconds']:.1f} ms | {p['server_errors']} | v{p['calibrated_set']} ({r['sets_saved']} saved) "
            f"| {p['calibrated_items']} of {p['bank_items']} | {b['expected_calibration_error']:.3f} → {a['expected_calibration_error']:.3f} "
            f"| {b['brier_score']:.3f} → {a['brier_score']:.3f} | {rate(b)} → {rate(a)} | {p['probability_changed']} |")


def rate(condition):
    """Confident verdicts ("likely pass" or "likely fail") that were wrong, as a percentage."""
    wrong = condition.get("confident_wrong_rate")
    return "—" if wrong is None else f"{wrong * 100:.1f}%"


if __name__ == "__main__":
    sys.exit(main())
