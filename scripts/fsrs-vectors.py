#!/usr/bin/env python3
"""Generate FSRS reference vectors with py-fsrs itself.

Writes Tests/PsychometricsTests/Fixtures/fsrs-vectors.json: a set of scheduler configurations, each with review
histories (rating, time) and the card state py-fsrs produces after every review (state, step, stability, difficulty,
due, retrievability). The Swift tests replay the histories with FSRSScheduler and must agree exactly.

Usage:  pip install fsrs==6.3.2 && python3 scripts/fsrs-vectors.py [--seed 20261122] [--out PATH]
Times are integers: microseconds since the Unix epoch (py-fsrs uses microsecond-resolution datetimes).
"""

import argparse
import json
import random
from datetime import datetime, timedelta, timezone
from importlib.metadata import version
from pathlib import Path

from fsrs import Card, Rating, Scheduler, State

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
US = timedelta(microseconds=1)


def micros(dt: datetime) -> int:
    return (dt - EPOCH) // US


def td_micros(td: timedelta) -> int:
    return td // US


def schedulers(rng: random.Random):
    """Configurations covering the branches of review_card: steps, no steps, retention, cap, custom weights."""
    base = dict(enable_fuzzing=False)
    yield "default", Scheduler(**base)
    yield "retention-0.80", Scheduler(desired_retention=0.80, **base)
    yield "retention-0.97", Scheduler(desired_retention=0.97, **base)
    yield "no-steps", Scheduler(learning_steps=(), relearning_steps=(), **base)
    yield "one-step", Scheduler(learning_steps=(timedelta(minutes=1),), relearning_steps=(timedelta(minutes=5),), **base)
    yield "three-steps", Scheduler(
        learning_steps=(timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1)),
        relearning_steps=(timedelta(minutes=10), timedelta(hours=2)),
        **base,
    )
    # Odd microsecond steps exercise timedelta's round-half-even when a step is scaled by 1.5 or halved.
    yield "odd-steps", Scheduler(
        learning_steps=(timedelta(seconds=61, microseconds=3), timedelta(seconds=600, microseconds=2)),
        relearning_steps=(timedelta(seconds=333, microseconds=1),),
        **base,
    )
    yield "max-interval-30", Scheduler(maximum_interval=30, **base)
    from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

    for k in range(3):
        params = []
        for d, lo, hi in zip(DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS):
            p = d * rng.uniform(0.6, 1.4)
            params.append(min(max(p, lo), hi))
        yield f"custom-weights-{k}", Scheduler(parameters=params, desired_retention=rng.choice([0.85, 0.9, 0.93]), **base)


def history(rng: random.Random, scheduler: Scheduler, start: datetime, length: int):
    card = Card(card_id=1, due=start)
    t = start
    out = []
    for _ in range(length):
        rating = Rating(rng.choices([1, 2, 3, 4], weights=[2, 2, 5, 1])[0])
        card, _ = scheduler.review_card(card, rating, review_datetime=t)
        out.append(
            {
                "rating": int(rating),
                "time": micros(t),
                "state": int(card.state),
                "step": card.step,
                "stability": card.stability,
                "difficulty": card.difficulty,
                "due": micros(card.due),
                "lastReview": micros(card.last_review),
                "retrievabilityAtDue": scheduler.get_card_retrievability(card, card.due),
                "retrievabilityIn10Days": scheduler.get_card_retrievability(card, t + timedelta(days=10, hours=3)),
            }
        )
        # Next review: on time, early (same day), late, or much later; with sub-second jitter.
        mode = rng.random()
        if mode < 0.5:
            t = card.due
        elif mode < 0.65:
            t = t + timedelta(minutes=rng.randint(1, 600), microseconds=rng.randint(0, 999_999))
        elif mode < 0.9:
            t = card.due + timedelta(days=rng.randint(0, 20), seconds=rng.randint(0, 86_399), microseconds=rng.randint(0, 999_999))
        else:
            t = card.due + timedelta(days=rng.randint(30, 400), seconds=rng.randint(0, 86_399))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--histories", type=int, default=12, help="histories per scheduler configuration")
    ap.add_argument("--length", type=int, default=14, help="reviews per history")
    ap.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "Tests/PsychometricsTests/Fixtures/fsrs-vectors.json",
    )
    args = ap.parse_args()
    rng = random.Random(args.seed)
    cases = []
    for name, sch in schedulers(rng):
        config = {
            "name": name,
            "parameters": list(sch.parameters),
            "desiredRetention": sch.desired_retention,
            "learningSteps": [td_micros(s) for s in sch.learning_steps],
            "relearningSteps": [td_micros(s) for s in sch.relearning_steps],
            "maximumInterval": sch.maximum_interval,
        }
        hs = []
        for _ in range(args.histories):
            start = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(
                days=rng.randint(0, 300), seconds=rng.randint(0, 86_399), microseconds=rng.randint(0, 999_999)
            )
            hs.append({"start": micros(start), "reviews": history(rng, sch, start, args.length)})
        cases.append({"scheduler": config, "histories": hs})
    doc = {"generator": "scripts/fsrs-vectors.py", "fsrsVersion": version("fsrs"), "seed": args.seed, "cases": cases}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, indent=1) + "\n")
    n = sum(len(h["reviews"]) for c in cases for h in c["histories"])
    print(f"wrote {args.out} ({len(cases)} configurations, {n} reviews, fsrs {doc['fsrsVersion']})")


if __name__ == "__main__":
    main()
