"""Evaluates a model on a split's cases by full ranking (MODEL-SPEC, Metrics): candidates are the
items of the case's scene not in the scene's part of its history."""
import torch

from . import batch as batching
from .metrics import Accumulator, CUTOFFS, top_items

CHUNK = 512


@torch.no_grad()
def evaluate(model, d, cases, chunk=CHUNK):
    """An Accumulator over `cases`, and one per scene."""
    overall = Accumulator()
    per_scene = [Accumulator() for _ in range(d.scene_count)]
    L = model.h["historyLength"]
    for start in range(0, len(cases), chunk):
        part = cases[start:start + chunk]
        batch = batching.from_interactions(d, [c.history for c in part], L).to(model.item_embedding.device)
        f = model.target_interests(batch, [c.scene for c in part])
        scores = model.all_scores(f).double().cpu().numpy()
        for row, case in zip(scores, part):
            seen = {int(d.inter_item[i]) for i in case.history if d.item_scene[d.inter_item[i]] == case.scene}
            candidates = [int(v) for v in d.items_by_scene(case.scene) if int(v) not in seen]
            ranking = top_items(candidates, row[candidates].tolist(), max(CUTOFFS))
            overall.add(ranking, case.targets)
            per_scene[case.scene].add(ranking, case.targets)
    return overall, per_scene


def rows(model, d, split):
    """Rows like `mist evaluate --json`'s: cases warm/cold, scene all or id, k, hr/precision/recall/ndcg."""
    out = []
    for kind, cases in (("warm", split.warm_test), ("cold", split.cold)):
        overall, per_scene = evaluate(model, d, cases)
        for scene, acc in [("all", overall)] + list(zip(d.scene_ids, per_scene)):
            for k in CUTOFFS:
                out.append(dict(acc.average(k), cases=kind, scene=scene, k=k, count=acc.count))
    return out


def main(argv=None):
    """`python -m mist_torch.evaluate DATA CKPT --split SPLIT [--against MIST_JSON]`: test metrics of a
    checkpoint; with `--against` (the output of `mist evaluate --model CKPT --split SPLIT --json`),
    every row of the full model must agree (exit 1 otherwise)."""
    import argparse
    import json
    import sys

    from . import dataset as datasets
    from . import split as splits
    from .checkpoint import load

    p = argparse.ArgumentParser(prog="python -m mist_torch.evaluate", description=main.__doc__.split(";")[0])
    p.add_argument("data")
    p.add_argument("checkpoint")
    p.add_argument("--split", required=True)
    p.add_argument("--against", help="JSON of `mist evaluate --json` on the same checkpoint and split")
    p.add_argument("--tolerance", type=float, default=1e-9, help="largest difference of an average")
    a = p.parse_args(argv)
    d = datasets.load(a.data)
    model, meta = load(a.checkpoint, d, dtype=torch.float32)
    ours = rows(model, d, splits.read(a.split, d))
    for r in ours:
        if r["scene"] == "all" and r["k"] == 10:
            print(f"{r['cases']:<5} {r['count']:>5} cases  HR@10 {r['hr']:.4f}  P@10 {r['precision']:.4f}  "
                  f"R@10 {r['recall']:.4f}  NDCG@10 {r['ndcg']:.4f}")
    if not a.against:
        return 0
    with open(a.against) as f:
        mist = json.load(f)
    theirs = {(r["cases"], r["scene"], r["k"]): r for r in mist["rows"] if r["model"] == mist["full"]}
    worst = 0.0
    for r in ours:
        t = theirs.get((r["cases"], r["scene"], r["k"]))
        if t is None or t["count"] != r["count"]:
            print(f"mist has no row or another case count for {r['cases']} {r['scene']} @{r['k']}")
            return 1
        for m in ("hr", "precision", "recall", "ndcg"):
            worst = max(worst, abs(r[m] - t[m]))
    ok = worst <= a.tolerance
    print(f"against mist evaluate: {len(ours)} rows, largest difference {worst:.2e} ({'ok' if ok else 'FAIL'})")
    return 0 if ok else 1


if __name__ == "__main__":
    import sys
    sys.exit(main())
