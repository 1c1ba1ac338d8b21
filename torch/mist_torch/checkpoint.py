"""mist checkpoints both ways (docs/MODEL.md, Checkpoint tensors): safetensors, all F32, with the
metadata mist requires (format, hyperparameters, dataset fingerprint and ids, counts, split)."""
import json
import os

import numpy as np
import torch
from safetensors import safe_open
from safetensors.numpy import save_file

from . import hyperparameters as hp
from .fingerprint import dataset_fingerprint, hex16
from .model import TransferModel

FORMAT = "mist-transfer-model/1"


class CheckpointError(Exception):
    pass


def load(path, d=None, dtype=torch.float64):
    """The model of a mist checkpoint and its metadata. With a dataset, refuses other data."""
    try:
        with safe_open(path, framework="numpy") as f:
            meta = f.metadata() or {}
            tensors = {k: f.get_tensor(k) for k in f.keys()}
    except Exception as error:  # safetensors raises several kinds
        raise CheckpointError(f"{path}: not a readable safetensors file: {error}")
    if meta.get("format") != FORMAT:
        raise CheckpointError(f'{path}: not a mist model checkpoint: format is {meta.get("format")!r}, expected "{FORMAT}"')
    try:
        h = hp.parse(meta["hyperparameters"])
        scenes, topics, items = (json.loads(meta[k]) for k in ("dataset.scenes", "dataset.topics", "dataset.items"))
    except (KeyError, ValueError) as error:
        raise CheckpointError(f"{path}: not a mist model checkpoint: {error}")
    if d is not None:
        expected = hex16(dataset_fingerprint(d))
        if meta.get("dataset.fingerprint") != expected:
            raise CheckpointError(f"{path}: the model was trained on a different dataset "
                                  f"(fingerprint {meta.get('dataset.fingerprint')}, the dataset's is {expected})")
        item_topic, item_scene = d.item_topic, d.item_scene
    else:
        item_topic = item_scene = np.zeros(len(items), dtype=np.int64)
    model = TransferModel(h, len(items), len(topics), len(scenes), item_topic, item_scene)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name not in tensors:
                raise CheckpointError(f'{path}: not a mist model checkpoint: tensor "{name}" is missing')
            value = tensors[name]
            if list(value.shape) != list(p.shape):
                raise CheckpointError(f'{path}: tensor "{name}" has shape {list(value.shape)}, expected {list(p.shape)}')
            if not np.isfinite(value).all():
                raise CheckpointError(f'{path}: tensor "{name}" holds NaN or infinite values')
            p.copy_(torch.from_numpy(value.astype(np.float64)))
    return model.to(dtype), meta


def save(model, d, path, split=None, split_seed=None, validation_ndcg10=None, best_epoch=None):
    """Writes a checkpoint `mist evaluate --model` and the explorer accept (atomically)."""
    tensors = {name: p.detach().to(torch.float32).cpu().numpy().copy() for name, p in model.named_parameters()}
    meta = {
        "format": FORMAT,
        "hyperparameters": hp.dumps(model.h),
        "dataset.fingerprint": hex16(dataset_fingerprint(d)),
        "dataset.scenes": json.dumps(d.scene_ids, ensure_ascii=False, separators=(",", ":")),
        "dataset.topics": json.dumps(d.topics, ensure_ascii=False, separators=(",", ":")),
        "dataset.items": json.dumps(d.item_ids, ensure_ascii=False, separators=(",", ":")),
        "dataset.users": str(d.user_count),
        "dataset.interactions": str(d.interaction_count),
    }
    if split is not None:
        meta["split.fingerprint"] = split.fingerprint
    if split_seed is not None:
        meta["split.seed"] = str(split_seed)
    if validation_ndcg10 is not None:
        meta["training.validation_ndcg10"] = repr(float(validation_ndcg10))
    if best_epoch is not None:
        meta["training.best_epoch"] = str(int(best_epoch))
    temporary = f"{path}.tmp-{os.getpid()}"
    save_file(tensors, temporary, metadata=meta)
    os.replace(temporary, path)
