"""Two DDP processes, each on its half of every batch, follow the one-process trajectory: same
global batches, dropout and negatives, and DDP's averaged gradients equal the full batch's."""
import json
import os
import subprocess
import sys

import pytest

from conftest import HERE, SAMPLE

ROOT = os.path.dirname(HERE)


def losses(command):
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    return [json.loads(line)["loss"] for line in out.stdout.splitlines() if line.startswith("{")]


def test_two_processes_train_like_one(sample, tmp_path):
    # A split file from the roles alone: mist's temporal roles are all this needs (everything train).
    path = tmp_path / "split.csv"
    with open(path, "w") as f:
        f.write("user_id,item_id,timestamp,role\n")
        for i in range(sample.interaction_count):
            f.write(f"{sample.user_ids[sample.inter_user[i]]},{sample.item_ids[sample.inter_item[i]]},{sample.inter_time[i]},train\n")
    args = ["-m", "mist_torch.train", SAMPLE, "--split", str(path), "--out", str(tmp_path / "m"), "--epochs", "2",
            "--max-steps", "3", "--no-validation", "--json"]
    one = losses([sys.executable] + args)
    torchrun = os.path.join(os.path.dirname(sys.executable), "torchrun")
    two = losses([torchrun, "--nproc_per_node=2"] + args)
    assert len(one) == len(two) == 2
    assert one == pytest.approx(two, rel=1e-5)
