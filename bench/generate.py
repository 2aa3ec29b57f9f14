#!/usr/bin/env python3
"""Seeded benchmark data: abilities N(0,1), a ~ LogNormal(0, 0.3), b ~ N(0, 1), c ~ U(0.10, 0.25), 3PL responses.

Writes bench/data/<people>x<items>-<dense|sparse30>.csv (wide: one row per person, one column per item; 1, 0, or an
empty cell for "not answered") and bench/data/<people>x<items>-items.csv with the true a, b, c. The sparse file keeps
each cell with probability 0.30 (every person keeps at least one response). Same seed, same files.

Usage: python3 bench/generate.py [--seed 20261122] [--sizes 1000x50,10000x100,100000x200]
"""

import argparse
from pathlib import Path

import numpy as np


def write_wide(path: Path, responses: np.ndarray, mask: np.ndarray) -> None:
    n_items = responses.shape[1]
    cells = np.where(mask, np.where(responses == 1, "1", "0"), "")
    with path.open("w") as f:
        f.write(",".join(f"i{j}" for j in range(n_items)) + "\n")
        for row in cells:
            f.write(",".join(row) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--sizes", default="1000x50,10000x100,100000x200")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for k, size in enumerate(args.sizes.split(",")):
        people, items = (int(x) for x in size.split("x"))
        rng = np.random.default_rng(args.seed + k)
        theta = rng.normal(0, 1, people)
        a = rng.lognormal(0, 0.3, items)
        b = rng.normal(0, 1, items)
        c = rng.uniform(0.10, 0.25, items)
        p = c + (1 - c) / (1 + np.exp(-a * (theta[:, None] - b)))
        responses = (rng.uniform(size=p.shape) < p).astype(np.int8)
        with (args.out / f"{size}-items.csv").open("w") as f:
            f.write("a,b,c\n")
            for row in zip(a, b, c):
                f.write(",".join(repr(float(x)) for x in row) + "\n")
        write_wide(args.out / f"{size}-dense.csv", responses, np.ones_like(responses, dtype=bool))
        mask = rng.uniform(size=p.shape) < 0.30
        empty = ~mask.any(axis=1)
        mask[empty, rng.integers(0, items, empty.sum())] = True
        write_wide(args.out / f"{size}-sparse30.csv", responses, mask)
        print(f"wrote {size}: dense and sparse30 ({mask.mean():.3f} answered)")


if __name__ == "__main__":
    main()
