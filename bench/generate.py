#!/usr/bin/env python3
"""Seeded benchmark data: abilities N(0,1), a ~ LogNormal(0, 0.3), b ~ N(0, 1), c ~ U(0.10, 0.25).

For each size, two response sets from the same people and items: 3PL responses (with c) for the 3PL rows, and 2PL
responses (c = 0, same a and b) so that 2PL recovery is measured against a correctly specified model.

Writes bench/data/<people>x<items>-<dense|sparse30>.csv and <people>x<items>-2pl-<dense|sparse30>.csv (wide: one row
per person, one column per item; 1, 0, or an empty cell for "not answered"), <people>x<items>-items.csv with the true
a, b, c, and <people>x<items>-abilities.csv with the true abilities. The sparse files keep each cell with probability
0.30 (every person keeps at least one response; the same cells in both models). Same seed, same files.

Every response set is also written in the long form `mlcert calibrate --responses` reads (`person,item,correct`, one
row per answered cell, people in order): <people>x<items>[-2pl]-<dense|sparse30>-long.csv. The bench times the whole
`mlcert calibrate` command on these, as a user runs it.

Also writes the adaptive-testing inputs every CAT tool reads: cat-bank-1000.csv and cat-bank-10000.csv (a, b, c and a
content domain 0-4 per item, 3PL, the same distributions) and cat-thetas.csv (5,000 abilities from N(0, 1)).

Usage: python3 bench/generate.py [--seed 20261122] [--sizes 1000x50,10000x100,100000x200] [--no-long] [--out DIR]
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


def write_long(path: Path, responses: np.ndarray, mask: np.ndarray, block: int = 5000) -> None:
    """`person,item,correct` rows for the answered cells, person by person (ids p0.., i0..), in blocks of people."""
    with path.open("w") as f:
        f.write("person,item,correct\n")
        for start in range(0, responses.shape[0], block):
            people, items = np.nonzero(mask[start : start + block])
            values = responses[start : start + block][people, items]
            f.write("".join(f"p{p + start},i{i},{v}\n" for p, i, v in zip(people.tolist(), items.tolist(), values.tolist())))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--sizes", default="1000x50,10000x100,100000x200")
    ap.add_argument("--no-long", action="store_true", help="skip the long person,item,correct files")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(args.seed - 1)
    for size in (1000, 10000):
        bank = np.column_stack(
            [rng.lognormal(0, 0.3, size), rng.normal(0, 1, size), rng.uniform(0.10, 0.25, size), np.arange(size) % 5]
        )
        with (args.out / f"cat-bank-{size}.csv").open("w") as f:
            f.write("a,b,c,domain\n")
            for a, b, c, d in bank:
                f.write(f"{float(a)!r},{float(b)!r},{float(c)!r},{int(d)}\n")
    with (args.out / "cat-thetas.csv").open("w") as f:
        f.write("theta\n" + "".join(f"{float(t)!r}\n" for t in rng.normal(0, 1, 5000)))
    for k, size in enumerate(args.sizes.split(",")):
        people, items = (int(x) for x in size.split("x"))
        rng = np.random.default_rng(args.seed + k)
        theta = rng.normal(0, 1, people)
        a = rng.lognormal(0, 0.3, items)
        b = rng.normal(0, 1, items)
        c = rng.uniform(0.10, 0.25, items)
        s = 1 / (1 + np.exp(-a * (theta[:, None] - b)))
        p = c + (1 - c) * s
        u = rng.uniform(size=p.shape)
        responses = (u < p).astype(np.int8)
        with (args.out / f"{size}-items.csv").open("w") as f:
            f.write("a,b,c\n")
            for row in zip(a, b, c):
                f.write(",".join(repr(float(x)) for x in row) + "\n")
        with (args.out / f"{size}-abilities.csv").open("w") as f:
            f.write("theta\n" + "".join(f"{float(t)!r}\n" for t in theta))
        write_wide(args.out / f"{size}-dense.csv", responses, np.ones_like(responses, dtype=bool))
        mask = rng.uniform(size=p.shape) < 0.30
        empty = ~mask.any(axis=1)
        mask[empty, rng.integers(0, items, empty.sum())] = True
        write_wide(args.out / f"{size}-sparse30.csv", responses, mask)
        # 2PL responses with the same uniforms (drawn above, before the mask, so the 3PL files are unchanged).
        responses2 = (u < s).astype(np.int8)
        write_wide(args.out / f"{size}-2pl-dense.csv", responses2, np.ones_like(responses2, dtype=bool))
        write_wide(args.out / f"{size}-2pl-sparse30.csv", responses2, mask)
        if not args.no_long:
            dense = np.ones_like(responses, dtype=bool)
            for name, values, cells in (("dense", responses, dense), ("sparse30", responses, mask),
                                        ("2pl-dense", responses2, dense), ("2pl-sparse30", responses2, mask)):
                write_long(args.out / f"{size}-{name}-long.csv", values, cells)
        print(f"wrote {size}: dense and sparse30 ({mask.mean():.3f} answered)")


if __name__ == "__main__":
    main()
