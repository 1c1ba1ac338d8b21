"""Full-ranking metrics of MODEL-SPEC (Metrics): HR, P, R, NDCG at K over distinct targets."""
import math

CUTOFFS = (5, 10, 20)


def top_items(candidates, scores, count):
    """The `count` best candidates: higher score first, ties to the lower item index; NaN ranks last."""
    keyed = [(-(s if s == s else -math.inf), v) for v, s in zip(candidates, scores)]
    keyed.sort()
    return [v for _, v in keyed[:count]]


def score(ranking, targets, k):
    """(HR, P, R, NDCG) of a ranking (best first) at cutoff k against the distinct target set."""
    targets = set(targets)
    if not targets:
        return (0.0, 0.0, 0.0, 0.0)
    hits, gain = 0, 0.0
    for rank, item in enumerate(ranking[:k]):
        if item in targets:
            hits += 1
            gain += 1 / math.log2(rank + 2)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(k, len(targets))))
    return (1.0 if hits else 0.0, hits / k, hits / len(targets), gain / ideal)


class Accumulator:
    """Sums of per-case scores at every cutoff; averages on demand."""

    def __init__(self):
        self.count = 0
        self.sums = {k: [0.0, 0.0, 0.0, 0.0] for k in CUTOFFS}

    def add(self, ranking, targets):
        self.count += 1
        for k in CUTOFFS:
            for slot, value in enumerate(score(ranking, targets, k)):
                self.sums[k][slot] += value

    def average(self, k):
        """{'hr', 'precision', 'recall', 'ndcg'} at k (zeros without cases)."""
        n = max(self.count, 1)
        return dict(zip(("hr", "precision", "recall", "ndcg"), (s / n for s in self.sums[k])))
