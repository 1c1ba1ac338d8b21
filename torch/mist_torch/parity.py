"""`python -m mist_torch.parity DATA CHECKPOINT`: mist_torch against mist on the same weights.

Forward: for some users and a target scene, the interest layers (t, c, e, z), every head's
attention and its views, the transfer matrix M, the node states Z^0…Z^K and the scores and
per-source shares of the top items agree with `mist inspect --json` to 1e-5. Gradients: one
batch dumped by `mist-bench dump-batch` (weights, batch, loss and every gradient, computed by
mist's own trainer code on one tape) gives the same loss and gradients here to 1e-4, for the
checkpoint's own model and, from fresh weights, for v1 (BPR), additive attention and v2. The
shipped checkpoint is v3: its trained topic tables (a fresh model's are zero) carry the check of the
topic path, through both objectives.

Differences are relative to the tensor's scale: max|torch − mist| / max(max|mist|, 1e-12) per
tensor. mist computes in float32; the twin computes in float64 here, so the difference measured
is mist's float32 rounding. Prints the largest difference per tensor family; exits 1 above
tolerance, 2 when mist cannot be run.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
from safetensors import safe_open

from . import batch as batching
from . import dataset as datasets
from . import hyperparameters as hp
from . import split as splits
from .checkpoint import load
from .examples import TrainingExamples
from .loss import TrainingLoss
from .model import TransferModel

FORWARD_TOLERANCE = 1e-5
GRADIENT_TOLERANCE = 1e-4
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def find_binary(name, given):
    if given:
        return given
    for build in ("release", "debug"):
        path = os.path.join(ROOT, ".build", build, name)
        if os.path.exists(path):
            return path
    sys.exit(f"parity: no {name} binary under .build/release or .build/debug; build it (swift build --product {name}) or pass --{name}")


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        print(f"parity: {' '.join(command)} failed:\n{result.stderr.strip()}", file=sys.stderr)
        sys.exit(2)
    return result.stdout


class Report:
    """The largest relative difference per tensor family."""

    def __init__(self):
        self.worst = {}

    def compare(self, family, ours, theirs, tolerance):
        ours = np.asarray(ours, dtype=np.float64)
        theirs = np.asarray(theirs, dtype=np.float64)
        if ours.shape != theirs.shape:
            self.worst[family] = (float("inf"), tolerance)
            print(f"  {family}: shape {ours.shape} here, {theirs.shape} in mist")
            return
        scale = max(float(np.abs(theirs).max()) if theirs.size else 0.0, 1e-12)
        diff = float(np.abs(ours - theirs).max()) / scale if theirs.size else 0.0
        old = self.worst.get(family, (0.0, tolerance))[0]
        self.worst[family] = (max(old, diff), tolerance)

    def print(self):
        failed = False
        width = max(len(f) for f in self.worst)
        for family, (diff, tolerance) in self.worst.items():
            ok = diff <= tolerance
            failed |= not ok
            print(f"  {family:<{width}}  max rel diff {diff:.2e}  (tolerance {tolerance:.0e}) {'ok' if ok else 'FAIL'}")
        return failed


def pick_users(d, count):
    """Users active in the most scenes first (the attention has the most to show), by index."""
    active = []
    for u in range(d.user_count):
        scenes = {int(d.item_scene[d.inter_item[i]]) for i in d.sequences[u] if d.inter_feedback[i] >= 0}
        active.append((-len(scenes), u))
    return [u for _, u in sorted(active)[:count]]


def forward_parity(d, model, mist, data, checkpoint, users, report):
    h = model.h
    S = d.scene_count
    for n, u in enumerate(users):
        target = n % S
        out = json.loads(run([mist, "inspect", data, "--model", checkpoint, "--user", d.user_ids[u],
                              "--scene", d.scene_ids[target], "-k", "20", "--json"]))
        windows = batching.windows_of(d, d.sequences[u], h["historyLength"])
        contexts = [windows] + [[w if s != t else [] for s, w in enumerate(windows)] for t in range(S)]
        with torch.no_grad():
            result = model(batching.from_windows(contexts))
        for s, scene in enumerate(out["scenes"]):
            for family, key in (("topic layer t", "topic"), ("content layer c (GRU)", "content"),
                                ("sentiment layer e", "sentiment"), ("scene interest z", "interests")):
                mist_key = {"topic": "topic_layer", "content": "content_layer", "sentiment": "sentiment_layer",
                            "interests": "interest"}[key]
                report.compare(family, result[key][0, s], scene[mist_key], FORWARD_TOLERANCE)
        attention = out["attention"]
        for k, head in enumerate(result["heads"]):
            report.compare(f"attention head {k}", head[0], attention["heads"][k], FORWARD_TOLERANCE)
            hidden = torch.stack([head[1 + t, t] for t in range(S)])
            report.compare(f"attention head {k} (hidden target)", hidden, attention["hidden_target_heads"][k], FORWARD_TOLERANCE)
        alpha = result["attention"][0]
        report.compare("attention (mean of heads)", alpha, attention["average"], FORWARD_TOLERANCE)
        report.compare("attention (hidden target)", torch.stack([result["attention"][1 + t, t] for t in range(S)]),
                       attention["hidden_target"], FORWARD_TOLERANCE)
        off = alpha.clone().fill_diagonal_(0)
        off = off / off.sum(1, keepdim=True).where(off.sum(1, keepdim=True) > 0, torch.ones(()))
        report.compare("attention (off-diagonal)", off, attention["off_diagonal"], FORWARD_TOLERANCE)
        transfer = out["transfer"]
        step = (1 - h["beta"]) * alpha
        power, M = torch.eye(S, dtype=alpha.dtype), torch.zeros(S, S, dtype=alpha.dtype)
        for _ in range(h["iterations"]):
            M, power = M + h["beta"] * power, step @ power
        M = M + power
        report.compare("transfer matrix M", M, transfer["matrix"], FORWARD_TOLERANCE)
        for k, state in enumerate(result["states"]):
            report.compare(f"transfer states Z^{k}", state[0], transfer["states"][k], FORWARD_TOLERANCE)
        # Scores and per-source shares of mist's top items, scoring stopped after each iteration.
        z0 = result["states"][0][0]
        for k, items in enumerate(transfer["top_items_by_iteration"]):
            f = result["states"][k][0, target]
            ids = [d.item_index[e["item"]] for e in items]
            scores = model.all_scores(f)[ids].detach()
            report.compare("scores", scores, [e["score"] for e in items], FORWARD_TOLERANCE)
            partial = torch.eye(S, dtype=alpha.dtype)
            if k > 0:
                power, partial = torch.eye(S, dtype=alpha.dtype), torch.zeros(S, S, dtype=alpha.dtype)
                for _ in range(k):
                    partial, power = partial + h["beta"] * power, step @ power
                partial = partial + power
            shares = partial[target][None, :] * (z0 @ model.item_vectors(torch.as_tensor(ids)).T).T.detach()
            report.compare("score shares by source scene", shares,
                           [[e["shares"][sid] for sid in d.scene_ids] for e in items], FORWARD_TOLERANCE)
            # The ranking itself: mist's top items must be ours, in order (ties to the lower index).
            candidates = [int(v) for v in d.items_by_scene(target)
                          if int(v) not in {int(d.inter_item[i]) for i in d.sequences[u] if d.item_scene[d.inter_item[i]] == target}]
            from .metrics import top_items
            ours = top_items(candidates, model.all_scores(f)[candidates].tolist(), len(ids))
            report.compare("top-item ranking (index mismatch count)", [float(a != b) for a, b in zip(ours, ids)],
                           [0.0] * len(ids), 0.0)


def gradient_parity(d, split, dump_path, report, label):
    with safe_open(dump_path, framework="numpy") as f:
        meta = f.metadata()
        t = {k: f.get_tensor(k) for k in f.keys()}
    h = hp.parse(meta["hyperparameters"])
    model = TransferModel(h, d.item_count, d.topic_count, d.scene_count, d.item_topic, d.item_scene)
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(torch.from_numpy(t["param." + name].astype(np.float64)))
    ints = lambda k: t[k].astype(np.int64)
    examples = ints("batch.examples")
    hidden = ints("batch.hidden").astype(bool)
    # The batch rebuilt from our own training examples must be the one mist trained on.
    ours = TrainingExamples(d, split.roles)
    rebuilt = ours.contexts(examples, hidden, h["historyLength"])
    for name, mine, theirs in (("users", ours.users[examples], ints("batch.users")),
                               ("targets", ours.scenes[examples], ints("batch.targets")),
                               ("positives", ours.items[examples], ints("batch.positives")),
                               ("context items", rebuilt.items.numpy(), ints("batch.items")),
                               ("context feedback", rebuilt.feedback.numpy(), ints("batch.feedback")),
                               ("context lengths", rebuilt.lengths.numpy().reshape(-1), ints("batch.lengths").reshape(-1))):
        same = mine.shape == theirs.shape and bool((mine == theirs).all())
        report.compare(f"batch rebuilt from our examples ({name})", [0.0 if same else 1.0], [0.0], 0.0)
    loss = TrainingLoss(model)(rebuilt, ints("batch.targets"), ints("batch.positives"), ints("batch.negatives"),
                               len(examples))
    loss.backward()
    report.compare(f"loss [{label}]", [loss.item()], t["loss"], GRADIENT_TOLERANCE)
    for name, p in model.named_parameters():
        grad = p.grad if p.grad is not None else torch.zeros_like(p)
        family = name.split(".")[0] if name.startswith("attention") else name
        report.compare(f"gradient {family} [{label}]", grad, t["grad." + name], GRADIENT_TOLERANCE)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m mist_torch.parity", description=__doc__.split("\n\n")[0])
    parser.add_argument("data")
    parser.add_argument("checkpoint")
    parser.add_argument("--users", type=int, default=5, help="users compared with mist inspect")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--mist", help="mist binary (default: .build/release/mist, else .build/debug/mist)")
    parser.add_argument("--mist-bench", help="mist-bench binary (default: .build/release or .build/debug)")
    args = parser.parse_args(argv)
    mist = find_binary("mist", args.mist)
    bench = find_binary("mist-bench", args.mist_bench)
    torch.set_default_dtype(torch.float64)
    d = datasets.load(args.data)
    model, _ = load(args.checkpoint, d, dtype=torch.float64)
    report = Report()
    print(f"forward: {args.users} users against `mist inspect --json`")
    forward_parity(d, model, mist, args.data, args.checkpoint, pick_users(d, args.users), report)
    with tempfile.TemporaryDirectory() as tmp:
        split_path = os.path.join(tmp, "split.csv")
        run([mist, "split", args.data, "--out", split_path])
        split = splits.read(split_path, d)
        variants = [("checkpoint", ["--model", args.checkpoint]),
                    ("checkpoint, BPR", ["--model", args.checkpoint, "--objective", "bpr"]),
                    ("fresh v1", ["--model-version", "v1"]),
                    ("fresh v1 additive", ["--model-version", "v1", "--attention", "additive"]),
                    ("fresh v2", ["--model-version", "v2"]),
                    ("checkpoint, mean transfer", ["--model", args.checkpoint, "--transfer", "mean"]),
                    ("checkpoint, self transfer", ["--model", args.checkpoint, "--transfer", "self"])]
        print(f"gradients: {len(variants)} batches of {args.batch_size} from `mist-bench dump-batch`")
        for label, options in variants:
            path = os.path.join(tmp, "dump.safetensors")
            run([bench, "dump-batch", "--data", args.data, "--split", split_path, "--batch-size", str(args.batch_size),
                 "--out", path] + options)
            gradient_parity(d, split, path, report, label)
    failed = report.print()
    print("parity: FAILED" if failed else "parity: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
