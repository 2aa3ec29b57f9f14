#!/usr/bin/env python3
"""Render bench/results/results.jsonl as the Markdown tables between the markers in bench/README.md."""

import json
import platform
import subprocess
import sys
from pathlib import Path

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def fmt(x, digits=3):
    return "—" if x is None else f"{x:.{digits}g}"


def calibration(rows, lines):
    main = [r for r in rows if r["task"].startswith("calibrate") and "study" not in r]
    ours = {(r["task"], r["file"]): r for r in main if r["tool"] == "mlcert-swift" and "error" not in r}
    lines.append("### Calibration (wall seconds; RMSE against the generating parameters)\n")
    lines.append(
        "| file | model | tool | seconds | peer ÷ mlcert | EM cycles | RMSE a | RMSE b | RMSE c | mean a (truth) | θ RMSE (floor) |"
    )
    lines.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in main:
        model = r["task"][10:]
        if "error" in r:
            lines.append(f"| {r['file']} | {model} | {r['tool']} | {r['error']} | | | | | | | |")
            continue
        mine = ours.get((r["task"], r["file"]))
        ratio = "1" if r["tool"] == "mlcert-swift" else (fmt(r["seconds"] / mine["seconds"]) if mine else "—")
        tool = r["tool"] + (f" ({r['points']} pts)" if r["tool"] == "mirt" and "points" in r else "")
        theta = fmt(r.get("rmseTheta"))
        if r.get("rmseThetaFloor") is not None:
            theta += f" ({fmt(r['rmseThetaFloor'])})"
        mean_a = "—" if r.get("meanA") is None else f"{fmt(r['meanA'])} ({fmt(r['meanTrueA'])})"
        lines.append(
            f"| {r['file']} | {model} | {tool} | {fmt(r['seconds'])} | {ratio} | {r.get('iterations', '—')} | "
            f"{fmt(r.get('rmseA'))} | {fmt(r.get('rmseB'))} | {fmt(r.get('rmseC'))} | {mean_a} | {theta} |"
        )


def studies(rows, lines):
    """Quadrature grid against bias in a, and SQUAREM against plain EM, on 100,000 x 200 dense 2PL."""
    name = "100000x200-2pl-dense.csv"
    quad = [r for r in rows if r.get("file") == name and r["task"] == "calibrate-2pl" and r.get("study") in (None, "quadrature")]
    if not quad:
        return
    lines.append("\n### Quadrature and bias on the longest test (100,000 × 200, dense, 2PL)\n")
    lines.append("| tool | grid points | seconds | mean a | true mean a | RMSE a |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    for r in sorted(quad, key=lambda r: (r["tool"], r.get("points", 0))):
        if "error" in r:
            lines.append(f"| {r['tool']} | | {r['error']} | | | |")
            continue
        lines.append(
            f"| {r['tool']} | {r.get('points', '—')} | {fmt(r['seconds'])} | {fmt(r.get('meanA'), 4)} | {fmt(r.get('meanTrueA'), 4)} | "
            f"{fmt(r.get('rmseA'))} |"
        )
    em = [r for r in rows if r.get("file") == name and r["tool"] == "mlcert-swift" and r.get("study") in (None, "plain-em")]
    if len(em) == 2:
        lines.append("\n| mlcert EM (same file) | EM cycles | seconds | RMSE a | RMSE b | log-likelihood |")
        lines.append("|---|---:|---:|---:|---:|---:|")
        for r in em:
            label = "plain EM" if r.get("study") == "plain-em" else "SQUAREM (default)"
            lines.append(
                f"| {label} | {r['iterations']} | {fmt(r['seconds'])} | {fmt(r.get('rmseA'))} | {fmt(r.get('rmseB'))} | {r['logLikelihood']:.1f} |"
            )


def operations(rows, lines):
    ours = {(r["task"], r.get("bank")): r for r in rows if r["tool"] == "mlcert-swift" and r["task"] in ("cat-step", "fsrs-review")}
    lines.append("\n### Adaptive testing and FSRS (microseconds per operation)\n")
    lines.append("| task | bank | tool | µs per op | peer ÷ mlcert | notes |")
    lines.append("|---|---:|---|---:|---:|---|")
    for r in rows:
        if r["task"] not in ("cat-step", "fsrs-review"):
            continue
        bank = r.get("bank", "")
        if "error" in r:
            lines.append(f"| {r['task']} | {bank} | {r['tool']} | {r['error']} | | |")
            continue
        us = r.get("microsecondsPerStep", r.get("microsecondsPerReview"))
        mine = ours.get((r["task"], r.get("bank")))
        mine_us = mine and mine.get("microsecondsPerStep", mine.get("microsecondsPerReview"))
        ratio = "1" if r["tool"] == "mlcert-swift" else (fmt(us / mine_us) if mine_us else "—")
        note = ""
        if r["task"] == "cat-step":
            note = "select (randomesque 5, blueprint) + record + EAP"
            if r["tool"] != "mlcert-swift":
                note = f"select {fmt(r['microsecondsSelect'])} µs + estimate {fmt(r['microsecondsEstimate'])} µs"
        elif r["tool"] == "fsrs-rs-python":
            note = "next_states: all four outcomes per call"
        lines.append(f"| {r['task']} | {bank} | {r['tool']} | {fmt(us)} | {ratio} | {note} |")


def simulations(rows, lines):
    cats = [r for r in rows if r["task"] == "cat-simulation"]
    if cats:
        lines.append("\n### Adaptive tests to SE ≤ 0.3 (10–40 items), same 1,000-item bank and the same 2,000 abilities\n")
        lines.append("| tool | randomesque k | mean length | θ RMSE | bias | max exposure | seconds |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|")
        for r in sorted(cats, key=lambda r: (r.get("randomesque", 0), r["tool"], r.get("blueprint", False))):
            if "error" in r:
                lines.append(f"| {r['tool']} | | {r['error']} | | | | |")
                continue
            tool = r["tool"] + (" (5-domain blueprint)" if r.get("blueprint") else "")
            lines.append(
                f"| {tool} | {r['randomesque']} | {fmt(r['meanLength'])} | {fmt(r['rmse'])} | {fmt(r['bias'], 2)} | "
                f"{fmt(r.get('maxExposure'))} | {fmt(r['seconds'])} |"
            )


def main(results, readme):
    rows = [json.loads(line) for line in Path(results).read_text().splitlines() if line.startswith("{")]
    lines = []
    calibration(rows, lines)
    studies(rows, lines)
    operations(rows, lines)
    simulations(rows, lines)
    cpu = "x86_64"
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
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
