#!/usr/bin/env python3
"""Render bench/results/results.jsonl as the Markdown table between the markers in bench/README.md."""

import json
import platform
import subprocess
import sys
from pathlib import Path

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def fmt(x, digits=3):
    return "—" if x is None else f"{x:.{digits}g}"


def main(results, readme):
    rows = [json.loads(line) for line in Path(results).read_text().splitlines() if line.startswith("{")]
    ours = {(r["task"], r.get("file", "")): r for r in rows if r["tool"] == "mlcert-swift"}
    lines = []
    lines.append("### Calibration (wall seconds; RMSE against the generating parameters)\n")
    lines.append("| file | model | tool | seconds | peer ÷ mlcert | iterations | RMSE a | RMSE b | RMSE c |")
    lines.append("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if not r["task"].startswith("calibrate"):
            continue
        mine = ours.get((r["task"], r.get("file", "")))
        if "error" in r:
            lines.append(f"| {r['file']} | {r['task'][10:]} | {r['tool']} | {r['error']} | | | | | |")
            continue
        ratio = "1" if r["tool"] == "mlcert-swift" else (fmt(r["seconds"] / mine["seconds"]) if mine else "—")
        lines.append(
            f"| {r['file']} | {r['task'][10:]} | {r['tool']} | {fmt(r['seconds'])} | {ratio} | {r.get('iterations', '—')} | "
            f"{fmt(r.get('rmseA'))} | {fmt(r.get('rmseB'))} | {fmt(r.get('rmseC'))} |"
        )
    lines.append("\n### Adaptive testing and FSRS (microseconds per operation)\n")
    lines.append("| task | tool | µs per op | peer ÷ mlcert | notes |")
    lines.append("|---|---|---:|---:|---|")
    for r in rows:
        if r["task"] not in ("cat-step", "fsrs-review") and not (r["task"] in ("cat", "fsrs") and "error" in r):
            continue
        if "error" in r:
            lines.append(f"| {r['task']} | {r['tool']} | {r['error']} | | |")
            continue
        us = r.get("microsecondsPerStep", r.get("microsecondsPerReview"))
        mine = ours.get((r["task"], ""))
        mine_us = mine and mine.get("microsecondsPerStep", mine.get("microsecondsPerReview"))
        ratio = "1" if r["tool"] == "mlcert-swift" else (fmt(us / mine_us) if mine_us else "—")
        note = ""
        if r["task"] == "cat-step":
            note = "select (randomesque 5, blueprint) + record + EAP, 1,000-item bank"
            if r["tool"] == "catsim":
                note = f"select {fmt(r['microsecondsSelect'])} µs + estimate {fmt(r['microsecondsEstimate'])} µs"
        elif r["tool"] == "fsrs-rs-python":
            note = "next_states: all four outcomes per call"
        lines.append(f"| {r['task']} | {r['tool']} | {fmt(us)} | {ratio} | {note} |")
    sims = [r for r in rows if r["task"] in ("readiness-calibration", "cat-simulation")]
    if sims:
        lines.append("\n### Simulations (mlcert only; quality rather than speed)\n")
        lines.append("| readiness: items per learner | Brier | base-rate Brier | ECE | likely pass: share / right | likely fail: share / right |")
        lines.append("|---:|---:|---:|---:|---:|---:|")
        for r in sims:
            if r["task"] == "readiness-calibration":
                lines.append(
                    f"| {r['itemsPerLearner']} | {fmt(r['brier'])} | {fmt(r['baseRateBrier'])} | {fmt(r['ece'])} | "
                    f"{fmt(r['likelyPassShare'])} / {fmt(r['likelyPassCorrect'])} | {fmt(r['likelyFailShare'])} / {fmt(r['likelyFailCorrect'])} |"
                )
        lines.append("")
        lines.append("| CAT (1,000 items, 5 domains, SE ≤ 0.3, 10–40 items): randomesque k | mean length | θ RMSE | bias | max exposure | unused items | seconds for 5,000 tests |")
        lines.append("|---:|---:|---:|---:|---:|---:|---:|")
        for r in sims:
            if r["task"] == "cat-simulation":
                lines.append(
                    f"| {r['randomesque']} | {fmt(r['meanLength'])} | {fmt(r['rmse'])} | {fmt(r['bias'], 2)} | {fmt(r['maxExposure'])} | "
                    f"{fmt(r['unusedItemShare'])} | {fmt(r['seconds'])} |"
                )
    cpu = platform.processor() or platform.machine()
    try:
        swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except Exception:
        swift = "swift"
    lines.append(f"\nMachine: {cpu}, {platform.system()}, {swift}; Python {platform.python_version()}.")
    text = Path(readme).read_text()
    a, b = text.index(START) + len(START), text.index(END)
    Path(readme).write_text(text[:a] + "\n" + "\n".join(lines) + "\n" + text[b:])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
