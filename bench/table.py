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


def label(r):
    """The tool column: mlcert with its default (weak) priors, mlcert without priors, or a peer."""
    if r["tool"] == "mlcert-swift":
        return "mlcert" if r.get("priors", True) else "mlcert, no priors"
    return r["tool"] + (f" ({r['points']} pts)" if r["tool"] == "mirt" and "points" in r else "")


def merged(rows):
    """Calibration rows with the whole-command measurement of mlcert (a separate process) folded into its row."""
    main = [dict(r) for r in rows if r["task"].startswith("calibrate") and "study" not in r and r.get("view") != "command"]
    for c in (r for r in rows if r.get("view") == "command"):
        for r in main:
            if r["tool"] == "mlcert-swift" and r.get("priors", True) and r["task"] == c["task"] and r["file"] == c["file"]:
                r.update({k: v for k, v in c.items() if k.startswith("command")})
    return main


def converged(r):
    if "converged" not in r:
        return "—"
    return "yes" if r["converged"] else "**no**"


def calibration(rows, lines):
    main = merged(rows)
    ours = {(r["task"], r["file"]): r for r in main if r["tool"] == "mlcert-swift" and r.get("priors", True) and "error" not in r}

    def ratio(r, key):
        mine = ours.get((r["task"], r["file"]))
        if r.get(key) is None or not mine or mine.get(key) is None:
            return "—"
        return "1" if r is mine else fmt(r[key] / mine[key])

    lines.append("### Calibration (wall seconds; RMSE against the generating parameters)\n")
    lines.append(
        "Two times per row (audit B1): **warm fit** is the second fit of the file in one process, after an untimed first "
        "fit (imports, JIT and set-up done; the CSV already parsed); **whole command** is what a user waits for: for "
        "mlcert `mlcert calibrate --responses FILE-long.csv --model M --format json` (release build; reading the "
        "person,item,correct file, the fit, standard errors and the JSON), for a peer a fresh `python3` that imports "
        "it, reads the wide CSV with pandas and fits once. \"peer ÷ mlcert\" > 1 means mlcert is faster; both ratios "
        "are against the mlcert row with its default priors (on a \"mlcert, no priors\" row: that fit's time over the "
        "default one's). \"converged\" is each tool's own verdict (girth reports "
        "none); a row that stopped at its iteration cap would show **no**.\n"
    )
    lines.append(
        "| file | model | tool | warm fit s | peer ÷ mlcert | whole command s | peer ÷ mlcert | EM cycles | converged | "
        "RMSE a | RMSE b | RMSE c | mean a (truth) | θ RMSE (floor) |"
    )
    lines.append("|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    for r in main:
        model = r["task"][10:]
        if "error" in r:
            lines.append(f"| {r['file']} | {model} | {label(r)} | {r['error']} | | | | | | | | | | |")
            continue
        theta = fmt(r.get("rmseTheta"))
        if r.get("rmseThetaFloor") is not None:
            theta += f" ({fmt(r['rmseThetaFloor'])})"
        mean_a = "—" if r.get("meanA") is None else f"{fmt(r['meanA'])} ({fmt(r['meanTrueA'])})"
        lines.append(
            f"| {r['file']} | {model} | {label(r)} | {fmt(r['seconds'])} | {ratio(r, 'seconds')} | "
            f"{fmt(r.get('commandSeconds'))} | {ratio(r, 'commandSeconds')} | {r.get('iterations', '—')} | {converged(r)} | "
            f"{fmt(r.get('rmseA'))} | {fmt(r.get('rmseB'))} | {fmt(r.get('rmseC'))} | {mean_a} | {theta} |"
        )
    commands = [r for r in main if "commandMaxRSSMiB" in r or "commandError" in r]
    if commands:
        lines.append("\n`mlcert calibrate --responses` on the long files (the whole-command column above):\n")
        lines.append("| file | model | responses | seconds | max RSS MiB | EM cycles | converged |")
        lines.append("|---|---|---:|---:|---:|---:|---|")
        for r in commands:
            if "commandError" in r:
                lines.append(f"| {r['file'].replace('.csv', '-long.csv')} | {r['task'][10:]} | | {r['commandError']} | | | |")
                continue
            lines.append(
                f"| {r['file'].replace('.csv', '-long.csv')} | {r['task'][10:]} | {r.get('responses', '—'):,} | {fmt(r['commandSeconds'])} | "
                f"{r['commandMaxRSSMiB']:.0f} | {r['commandIterations']} | {'yes' if r['commandConverged'] else '**no**'} |"
            )


def studies(rows, lines):
    """Quadrature grid against bias in a, and SQUAREM against plain EM, on 100,000 x 200 dense 2PL."""
    name = "100000x200-2pl-dense.csv"
    quad = [
        r for r in rows
        if r.get("file") == name and r["task"] == "calibrate-2pl" and r.get("study") in (None, "quadrature")
        and r.get("priors", True) and r.get("view") != "command"
    ]
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
            f"| {label(r)} | {r.get('points', '—')} | {fmt(r['seconds'])} | {fmt(r.get('meanA'), 4)} | {fmt(r.get('meanTrueA'), 4)} | "
            f"{fmt(r.get('rmseA'))} |"
        )
    em = [
        r for r in rows
        if r.get("file") == name and r["tool"] == "mlcert-swift" and r.get("study") in (None, "plain-em")
        and r.get("priors", True) and r.get("view") != "command"
    ]
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
    lines.append(
        "\nThese are per-operation costs of a compiled Swift loop against Python-level loops around the peers' calls: "
        "Python interpreter overhead dominates the peers' figures, so the ratios are not a comparison of algorithms. "
        "mlcert's CAT step also reads a 501-row information table per item built once per bank (`ItemBank`), outside the "
        "timed loop; the peers compute information on every call."
    )


def simulations(rows, lines):
    cats = [r for r in rows if r["task"] == "cat-simulation"]
    if cats:
        examinees = max(r.get("examinees", 0) for r in cats)
        lines.append(f"\n### Adaptive tests to SE ≤ 0.3 (10–40 items), same 1,000-item bank and the same {examinees:,} abilities\n")
        lines.append(
            "Every tool stops on the posterior SD of ability under a N(0, 1) prior (audit B5): mlcert's EAP, mirt's EAP "
            "engine, and for catsim (whose estimator has no prior) the same posterior SD computed in `peers.py` on 121 "
            "points; catsim's mean test information at the stop is given as well.\n"
        )
        lines.append("| tool | randomesque k | mean length | θ RMSE | bias | max exposure | information at stop | seconds |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in sorted(cats, key=lambda r: (r.get("randomesque", 0), r["tool"], r.get("blueprint", False))):
            if "error" in r:
                lines.append(f"| {r['tool']} | {r.get('randomesque', '')} | {r['error']} | | | | | |")
                continue
            tool = r["tool"] + (" (5-domain blueprint)" if r.get("blueprint") else "")
            lines.append(
                f"| {tool} | {r['randomesque']} | {fmt(r['meanLength'])} | {fmt(r['rmse'])} | {fmt(r['bias'], 2)} | "
                f"{fmt(r.get('maxExposure'))} | {fmt(r.get('meanInformationAtStop'))} | {fmt(r['seconds'])} |"
            )


def main(results, readme, loadavg=None):
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
    if loadavg and Path(loadavg).exists():
        lines.append("Load (`/proc/loadavg`; other builds shared the machine, so read the ratios, not the seconds): " +
                     "; ".join(l.strip() for l in Path(loadavg).read_text().splitlines()) + ".")
    text = Path(readme).read_text()
    a, b = text.index(START) + len(START), text.index(END)
    Path(readme).write_text(text[:a] + "\n" + "\n".join(lines) + "\n" + text[b:])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
