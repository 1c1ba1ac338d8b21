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
        batch = batching.from_interactions(d, [c.history for c in part], L)
        f = model.target_interests(batch, [c.scene for c in part])
        scores = model.all_scores(f).double().numpy()
        for row, case in zip(scores, part):
            seen = {int(d.inter_item[i]) for i in case.history if d.item_scene[d.inter_item[i]] == case.scene}
            candidates = [int(v) for v in d.items_by_scene(case.scene) if int(v) not in seen]
            ranking = top_items(candidates, row[candidates].tolist(), max(CUTOFFS))
            overall.add(ranking, case.targets)
            per_scene[case.scene].add(ranking, case.targets)
    return overall, per_scene
