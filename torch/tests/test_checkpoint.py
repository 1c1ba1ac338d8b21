import copy

import numpy as np
import pytest
import torch
from safetensors import safe_open

from mist_torch import checkpoint
from conftest import SAMPLE


def test_round_trip_keeps_every_tensor_and_the_metadata(sample, tmp_path):
    model, meta = checkpoint.load(f"{SAMPLE}/model.safetensors", sample)
    out = tmp_path / "copy.safetensors"
    checkpoint.save(model, sample, str(out))
    with safe_open(f"{SAMPLE}/model.safetensors", framework="numpy") as a, safe_open(str(out), framework="numpy") as b:
        assert sorted(a.keys()) == sorted(b.keys())
        for k in a.keys():
            assert np.array_equal(a.get_tensor(k), b.get_tensor(k)), k
        ma, mb = a.metadata(), b.metadata()
        for key in ("format", "dataset.fingerprint", "dataset.scenes", "dataset.topics", "dataset.items",
                    "dataset.users", "dataset.interactions"):
            assert ma[key] == mb[key], key
    again, _ = checkpoint.load(str(out), sample)
    assert again.h == model.h


def test_a_checkpoint_of_other_data_is_refused(sample):
    other = copy.copy(sample)
    other.inter_feedback = sample.inter_feedback.copy()
    other.inter_feedback[0] = -other.inter_feedback[0] or 1
    with pytest.raises(checkpoint.CheckpointError, match="different dataset"):
        checkpoint.load(f"{SAMPLE}/model.safetensors", other)


def test_a_missing_tensor_is_refused(sample, tmp_path):
    model, _ = checkpoint.load(f"{SAMPLE}/model.safetensors", sample)
    out = tmp_path / "broken.safetensors"
    checkpoint.save(model, sample, str(out))
    from safetensors.numpy import load_file, save_file
    with safe_open(str(out), framework="numpy") as f:
        meta = f.metadata()
    tensors = load_file(str(out))
    del tensors["value.weight"]
    save_file(tensors, str(out), metadata=meta)
    with pytest.raises(checkpoint.CheckpointError, match="value.weight"):
        checkpoint.load(str(out), sample)
