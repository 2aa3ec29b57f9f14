#!/usr/bin/env python3
"""Run the PyPI peers on the same tasks as psybench; one JSON object per line on stdout.

  python3 bench/peers.py calibrate TOOL MODEL FILE ITEMS   TOOL: girth | mirt; MODEL: 2pl | 3pl
  python3 bench/peers.py cat catsim [--bank 1000] [--steps 2000]
  python3 bench/peers.py fsrs py-fsrs|fsrs-rs-python [--reviews 100000]

Peers: girth (MML, item-wise optimisation), mirt (PyPI "mirt", EM with its Rust kernels when available), catsim
(maximum-information selection + numerical-search ability estimation), py-fsrs (the reference FSRS implementation),
fsrs-rs-python (Rust FSRS bindings; next_states computes all four outcomes per call). bench/run wraps every call in a
timeout so a slow peer cannot stall the table.
"""

import json
import sys
import time
from pathlib import Path

import numpy as np


def arg(name, default):
    a = sys.argv
    return a[a.index(name) + 1] if name in a else default


def load_wide(path):
    """Wide CSV to a persons x items int array, -1 for not answered."""
    with open(path) as f:
        f.readline()
        rows = [line.rstrip("\n").split(",") for line in f]
    out = np.full((len(rows), len(rows[0])), -1, dtype=np.int64)
    for p, row in enumerate(rows):
        for i, x in enumerate(row):
            if x:
                out[p, i] = int(x)
    return out


def rmse(x, y):
    return float(np.sqrt(np.mean((np.asarray(x) - np.asarray(y)) ** 2)))


def calibrate(tool, model, path, items_path):
    X = load_wide(path)
    truth = np.loadtxt(items_path, delimiter=",", skiprows=1)
    out = {"tool": tool, "task": f"calibrate-{model}", "file": Path(path).name, "responses": int((X >= 0).sum())}
    t0 = time.perf_counter()
    if tool == "girth":
        import girth

        data = X.T.copy()
        if (X < 0).any():
            data = girth.tag_missing_data(np.where(data < 0, 9, data), [0, 1])
        res = girth.threepl_mml(data) if model == "3pl" else girth.twopl_mml(data)
        a, b = res["Discrimination"], res["Difficulty"]
        c = res.get("Guessing")
    elif tool == "mirt":
        import mirt

        r = mirt.fit_mirt(X, model=model.upper(), verbose=False, compute_standard_errors=False)
        p = r.model.parameters
        a, b = np.asarray(p["discrimination"]).ravel(), np.asarray(p["difficulty"]).ravel()
        c = np.asarray(p["guessing"]).ravel() if model == "3pl" else None
        out["iterations"] = int(r.n_iterations)
        out["converged"] = bool(r.converged)
    else:
        raise SystemExit(f"unknown tool {tool}")
    out["seconds"] = time.perf_counter() - t0
    out["rmseA"] = rmse(a, truth[:, 0])
    out["rmseB"] = rmse(b, truth[:, 1])
    if c is not None:
        out["rmseC"] = rmse(c, truth[:, 2])
    print(json.dumps(out, sort_keys=True))


def cat(bank_size, steps):
    from catsim.estimation import NumericalSearchEstimator
    from catsim.item_bank import ItemBank
    from catsim.selection import RandomesqueSelector

    rng = np.random.default_rng(1)
    items = np.column_stack(
        [rng.lognormal(0, 0.3, bank_size), rng.normal(0, 1, bank_size), rng.uniform(0.1, 0.25, bank_size), np.ones(bank_size)]
    )
    bank = ItemBank(items)
    selector = RandomesqueSelector(5)
    estimator = NumericalSearchEstimator()
    done, tests = 0, 0
    t_select = t_est = 0.0
    while done < steps:
        theta_true = rng.normal()
        administered, responses, theta = [], [], 0.0
        for _ in range(20):
            t0 = time.perf_counter()
            item = selector.select(item_bank=bank, administered_items=administered, est_theta=theta, rng=rng)
            t1 = time.perf_counter()
            a, b, c, _ = items[item]
            p = c + (1 - c) / (1 + np.exp(-a * (theta_true - b)))
            administered.append(int(item))
            responses.append(bool(rng.uniform() < p))
            t2 = time.perf_counter()
            theta = estimator.estimate(item_bank=bank, administered_items=administered, response_vector=responses, est_theta=theta)
            t3 = time.perf_counter()
            t_select += t1 - t0
            t_est += t3 - t2
            done += 1
            if done >= steps:
                break
        tests += 1
    print(
        json.dumps(
            {
                "tool": "catsim",
                "task": "cat-step",
                "bank": bank_size,
                "steps": steps,
                "microsecondsPerStep": (t_select + t_est) / steps * 1e6,
                "microsecondsSelect": t_select / steps * 1e6,
                "microsecondsEstimate": t_est / steps * 1e6,
            },
            sort_keys=True,
        )
    )


def fsrs_bench(tool, reviews):
    from datetime import datetime, timezone

    rng = np.random.default_rng(2)
    ratings = rng.integers(1, 5, reviews)
    if tool == "py-fsrs":
        from fsrs import Card, Rating, Scheduler

        s = Scheduler(enable_fuzzing=False)
        start = datetime(2026, 9, 21, tzinfo=timezone.utc)
        card = Card(card_id=1, due=start)
        t0 = time.perf_counter()
        for k in range(reviews):
            if k % 12 == 0:
                card = Card(card_id=1, due=start)
            card, _ = s.review_card(card, Rating(int(ratings[k])), review_datetime=card.due)
        dt = time.perf_counter() - t0
    elif tool == "fsrs-rs-python":
        import fsrs_rs_python as f

        model = f.FSRS(f.DEFAULT_PARAMETERS)
        state, elapsed = None, 0
        names = {1: "again", 2: "hard", 3: "good", 4: "easy"}
        t0 = time.perf_counter()
        for k in range(reviews):
            if k % 12 == 0:
                state, elapsed = None, 0
            nxt = getattr(model.next_states(state, 0.9, elapsed), names[int(ratings[k])])
            state, elapsed = nxt.memory, max(1, round(nxt.interval))
        dt = time.perf_counter() - t0
    else:
        raise SystemExit(f"unknown tool {tool}")
    print(json.dumps({"tool": tool, "task": "fsrs-review", "reviews": reviews, "microsecondsPerReview": dt / reviews * 1e6}, sort_keys=True))


if __name__ == "__main__":
    task = sys.argv[1]
    if task == "calibrate":
        calibrate(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    elif task == "cat":
        cat(int(arg("--bank", "1000")), int(arg("--steps", "2000")))
    elif task == "fsrs":
        fsrs_bench(sys.argv[2], int(arg("--reviews", "100000")))
    else:
        raise SystemExit(__doc__)
