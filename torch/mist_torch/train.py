"""`torchrun --nproc_per_node=N -m mist_torch.train DATA --split SPLIT --out CKPT`: trains the model
of docs/MODEL.md with DistributedDataParallel and writes a mist checkpoint.

Every process draws the same epoch order, scene dropout and negatives from the same seed, and
takes its contiguous share of every batch (the full batch's mean loss is what DDP's averaged
gradients minimise, as mist's two tapes do). After each epoch the validation cases are ranked
across the processes and summed: warm validation NDCG@10 and, when the split has it,
cold-validation NDCG@10; the epoch kept is the best by cold validation (ties: warm) or by warm
alone (`--select-on warm`, or a split without cold validation); training stops after `patience`
epochs without improvement. gloo on CPU, NCCL when every process has a GPU. Run without torchrun
it trains in one process.
"""
import argparse
import copy
import json
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

from . import checkpoint
from . import dataset as datasets
from . import hyperparameters as hp
from . import split as splits
from .evaluate import evaluate
from .examples import TrainingExamples, plan
from .loss import TrainingLoss
from .metrics import CUTOFFS
from .model import TransferModel
from .optim import LazyAdam, lazy_tables


def parse(argv):
    p = argparse.ArgumentParser(prog="mist_torch.train", description=__doc__.split("\n\n")[0])
    p.add_argument("data")
    p.add_argument("--split", required=True, help="split file from `mist split` (the checkpoint records its fingerprint)")
    p.add_argument("--out", required=True, help="checkpoint to write")
    p.add_argument("--model-version", choices=tuple(hp.PRESETS), default="v3")
    p.add_argument("--no-item-path", action="store_true")
    p.add_argument("--no-topic-path", action="store_true")
    p.add_argument("--no-interest-path", action="store_true")
    p.add_argument("--objective", choices=("bpr", "softmax"))
    p.add_argument("--attention", choices=("dot", "additive"), default="dot")
    p.add_argument("--transfer", choices=("attention", "mean", "self"), default="attention")
    p.add_argument("--select-on", choices=("cold", "warm"))
    p.add_argument("--epochs", type=int, default=30, help="maximum epochs")
    p.add_argument("--patience", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--learning-rate", type=float, default=0.002)
    p.add_argument("--l2", type=float, default=1e-4)
    p.add_argument("--negatives", type=int, default=1)
    p.add_argument("--hide-probability", type=float, default=0.3)
    p.add_argument("--dimension", type=int, default=32)
    p.add_argument("--history-length", type=int, default=50)
    p.add_argument("--heads", type=int, default=2)
    p.add_argument("--iterations", type=int, default=2)
    p.add_argument("--beta", type=float, default=0.2)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--threads", type=int, default=1, help="torch threads per process")
    p.add_argument("--max-steps", type=int, help="steps per epoch at most (speed measurements)")
    p.add_argument("--no-validation", action="store_true",
                   help="skip validation and write no checkpoint (speed measurements)")
    p.add_argument("--json", action="store_true", help="also print one JSON object per epoch")
    return p.parse_args(argv)


def hyperparameters(a):
    h = dict(hp.PRESETS[a.model_version])
    h.update(attention=a.attention, transfer=a.transfer, maxEpochs=a.epochs, patience=a.patience,
             batchSize=a.batch_size, learningRate=a.learning_rate, l2=a.l2, negatives=a.negatives,
             hideProbability=a.hide_probability, dimension=a.dimension, historyLength=a.history_length,
             heads=a.heads, iterations=a.iterations, beta=a.beta, seed=a.seed)
    if a.no_item_path:
        h["itemPath"] = False
    if a.no_topic_path:
        h["topicPath"] = False
    if a.no_interest_path:
        h["interestPath"], h["itemPath"] = False, True
    if a.objective:
        h["objective"] = a.objective
    if a.select_on:
        h["selection"] = a.select_on
    found = hp.problems(h)
    if found:
        sys.exit("mist_torch.train: " + "; ".join(found))
    return h


def ndcg10(model, d, cases, rank, world, device):
    """NDCG@10 over `cases`, ranked across the processes and summed (None without cases)."""
    if not cases:
        return None
    overall, _ = evaluate(model, d, cases[rank::world])
    totals = torch.tensor([overall.sums[10][3], overall.count], dtype=torch.float64, device=device)
    if world > 1:
        dist.all_reduce(totals)
    return float(totals[0] / max(totals[1], 1))


def main(argv=None):
    a = parse(argv)
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local = int(os.environ.get("LOCAL_RANK", "0"))
    gpu = torch.cuda.is_available() and torch.cuda.device_count() > local
    device = torch.device(f"cuda:{local}" if gpu else "cpu")
    if gpu:
        torch.cuda.set_device(device)
    if world > 1:
        dist.init_process_group("nccl" if gpu else "gloo")
    torch.set_num_threads(a.threads)
    say = (lambda *x: print(*x, flush=True)) if rank == 0 else (lambda *x: None)
    try:
        d = datasets.load(a.data)
        split = splits.read(a.split, d)
    except (datasets.DataError, OSError) as error:
        sys.exit(f"mist_torch.train: {error}")
    h = hyperparameters(a)
    examples = TrainingExamples(d, split.roles)
    model = TransferModel(h, d.item_count, d.topic_count, d.scene_count, d.item_topic, d.item_scene).float().to(device)
    objective = TrainingLoss(model)
    if world > 1:
        unused = h["transfer"] != "attention"  # mean/self never read the attention weights
        objective = DistributedDataParallel(objective, device_ids=[local] if gpu else None, find_unused_parameters=unused)
    adam = LazyAdam(model.named_parameters(), h["learningRate"], lazy_tables(h))
    selection = "cold" if h["selection"] == "cold" and split.has_cold_validation else "warm"
    say(f"{len(examples)} examples, {world} process(es) on {device}, batch {h['batchSize']}, "
        f"{h['maxEpochs']} epochs at most, selecting on {selection} validation")
    rng = np.random.default_rng(h["seed"] + 0x9E3779B9)
    B = h["batchSize"]
    best = None  # (key, epoch, weights, warm ndcg)
    for epoch in range(1, h["maxEpochs"] + 1):
        order = rng.permutation(len(examples))
        model.train()
        start, loss_sum, seen, diverged = time.perf_counter(), 0.0, 0, False
        for step in range(0, len(order), B):
            if a.max_steps is not None and step // B >= a.max_steps:
                break
            batch = order[step:step + B]
            hidden, negatives = plan(examples, batch, d, h, rng)
            if len(batch) < world:
                continue  # a last batch too small to give every process an example
            lo, hi = rank * len(batch) // world, (rank + 1) * len(batch) // world
            part = batch[lo:hi]
            contexts = examples.contexts(part, hidden[lo:hi], h["historyLength"]).to(device)
            loss = objective(contexts, examples.scenes[part], examples.items[part], negatives[lo:hi], len(batch), world)
            adam.zero_grad()
            loss.backward()
            total = loss.detach() / world
            if world > 1:
                dist.all_reduce(total)
            if not torch.isfinite(total):
                say(f"the loss became {total.item()} at epoch {epoch}, step {step // B + 1}; training stopped")
                diverged = True
                break
            adam.step()
            loss_sum += total.item() * len(batch)
            seen += len(batch)
        seconds = time.perf_counter() - start
        if diverged:
            break
        if a.json:
            say(json.dumps({"epoch": epoch, "processes": world, "examples": seen, "train_seconds": seconds,
                            "examples_per_second": seen / seconds, "loss": loss_sum / max(seen, 1)}))
        if a.no_validation:
            say(f"epoch {epoch}: loss {loss_sum / max(seen, 1):.4f}, {seen / seconds:.0f} examples/s ({seconds:.1f} s)")
            continue
        model.eval()
        warm = ndcg10(model, d, split.validation, rank, world, device)
        cold = ndcg10(model, d, split.cold_validation, rank, world, device)
        key = (cold or 0.0, warm or 0.0) if selection == "cold" else (warm or 0.0, 0.0)
        improved = best is None or key > best[0]
        if improved:
            best = (key, epoch, copy.deepcopy(model.state_dict()), warm)
        say(f"epoch {epoch}: loss {loss_sum / max(seen, 1):.4f}, {seen / seconds:.0f} examples/s ({seconds:.1f} s), "
            f"validation NDCG@10 {warm:.4f}" + (f", cold validation NDCG@10 {cold:.4f}" if cold is not None else "")
            + (" *" if improved else ""))
        if epoch - best[1] >= h["patience"]:
            say(f"no better validation for {h['patience']} epochs: stopped")
            break
    if best is not None:
        model.load_state_dict(best[2])
    if rank == 0 and not a.no_validation:
        checkpoint.save(model, d, a.out, split=split, validation_ndcg10=best[3] if best else None,
                        best_epoch=best[1] if best else None)
        say(f"wrote {a.out} (epoch {best[1] if best else 0}, split {split.fingerprint})")
    if world > 1:
        dist.barrier()
        dist.destroy_process_group()
    return 0


if __name__ == "__main__":
    sys.exit(main())
