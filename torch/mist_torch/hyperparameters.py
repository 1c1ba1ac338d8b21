"""The `hyperparameters` JSON of a mist checkpoint, with mist's key names and defaults.

A key a checkpoint does not record keeps v1's value (as mist reads it): checkpoints written before
v2 mean v1, and a checkpoint without `topicPath` has none (v2 stays v2). New models default to v3
(v2's item path and softmax, epochs chosen on cold validation, plus the topic path)."""
import json

V3 = {
    "itemPath": True, "topicPath": True, "interestPath": True, "objective": "softmax", "selection": "cold",
    "dimension": 32, "historyLength": 50, "heads": 2, "iterations": 2, "beta": 0.2,
    "attention": "dot", "transfer": "attention", "learningRate": 0.002, "batchSize": 256,
    "l2": 1e-4, "negatives": 1, "hideProbability": 0.3, "maxEpochs": 30, "patience": 3,
    "embeddingStandardDeviation": 0.1, "threads": 2, "seed": 42,
}
V2 = dict(V3, topicPath=False)
V1 = dict(V2, itemPath=False, objective="bpr", selection="warm")
PRESETS = {"v1": V1, "v2": V2, "v3": V3}

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
    """v1, v2, v3, or None for an ablation (as mist names them)."""
    if not h["interestPath"]:
        return None
    return {(False, "bpr", False): "v1", (True, "softmax", False): "v2",
            (True, "softmax", True): "v3"}.get((h["itemPath"], h["objective"], h["topicPath"]))


def dumps(h):
    """The JSON mist writes (sorted keys)."""
    return json.dumps(h, sort_keys=True, separators=(",", ":"))
