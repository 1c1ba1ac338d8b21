"""The `hyperparameters` JSON of a mist checkpoint, with mist's key names and defaults.

A key a checkpoint does not record keeps v1's value (as mist reads it): checkpoints written before
v2 mean v1. New models default to v2 (item path, softmax, epochs chosen on cold validation)."""
import json

V2 = {
    "itemPath": True, "interestPath": True, "objective": "softmax", "selection": "cold",
    "dimension": 32, "historyLength": 50, "heads": 2, "iterations": 2, "beta": 0.2,
    "attention": "dot", "transfer": "attention", "learningRate": 0.002, "batchSize": 256,
    "l2": 1e-4, "negatives": 1, "hideProbability": 0.3, "maxEpochs": 30, "patience": 3,
    "embeddingStandardDeviation": 0.1, "threads": 2, "seed": 42,
}
V1 = dict(V2, itemPath=False, objective="bpr", selection="warm")

CHOICES = {"objective": ("bpr", "softmax"), "selection": ("cold", "warm"), "attention": ("dot", "additive"),
           "transfer": ("attention", "mean", "self")}


def problems(h):
    """Why these settings cannot make a model (empty when they can)."""
    found = []
    for key, allowed in CHOICES.items():
        if h[key] not in allowed:
            found.append(f"{key} must be one of {', '.join(allowed)} (got {h[key]!r})")
    for key in ("dimension", "heads", "historyLength", "iterations", "batchSize", "negatives", "maxEpochs", "patience"):
        if int(h[key]) < 1:
            found.append(f"{key} must be at least 1 (got {h[key]})")
    if h["heads"] >= 1 and h["dimension"] % h["heads"]:
        found.append(f"dimension {h['dimension']} is not a multiple of heads {h['heads']}")
    if not 0 <= h["beta"] <= 1:
        found.append(f"beta must be in [0, 1] (got {h['beta']})")
    if not (h["itemPath"] or h["interestPath"]):
        found.append("a model needs the interest path, the item path or both")
    return found


def parse(text):
    """Hyperparameters from a checkpoint's JSON (missing keys: v1's values)."""
    h = dict(V1)
    h.update(json.loads(text))
    found = problems(h)
    if found:
        raise ValueError("hyperparameters: " + "; ".join(found))
    return h


def version(h):
    """v1, v2, or None for an ablation (as mist names them)."""
    if not h["interestPath"]:
        return None
    return {(False, "bpr"): "v1", (True, "softmax"): "v2"}.get((h["itemPath"], h["objective"]))


def dumps(h):
    """The JSON mist writes (sorted keys)."""
    return json.dumps(h, sort_keys=True, separators=(",", ":"))
