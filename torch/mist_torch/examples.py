"""Training examples (docs/MODEL.md, Training): one per train-role interaction with y ≥ 0,
(u, t, v_j), whose history is u's train-role interactions in every scene earlier than j, the last
L per scene; and the per-batch random choices: scene dropout and BPR negatives.

Histories are not copied per example: each (user, scene) keeps its chronological train-role
events once, and an example stores how many of them precede it in each scene."""
import numpy as np

from .batch import ContextBatch
from .split import TRAIN

import torch


class TrainingExamples:
    def __init__(self, d, roles):
        S = d.scene_count
        self.scene_count = S
        users, scenes, items, prefix = [], [], [], []
        event_items, event_feedback, starts = [], [], [0]
        scene_of = d.item_scene[d.inter_item]
        for u in range(d.user_count):
            train = [i for i in d.sequences[u] if roles[i] == TRAIN]
            for s in range(S):
                for i in train:
                    if scene_of[i] == s:
                        event_items.append(int(d.inter_item[i]))
                        event_feedback.append(int(d.inter_feedback[i]))
                starts.append(len(event_items))
            seen = [0] * S
            for i in train:
                s = int(scene_of[i])
                if d.inter_feedback[i] >= 0:
                    users.append(u); scenes.append(s); items.append(int(d.inter_item[i]))
                    prefix.append(list(seen))
                seen[s] += 1
        self.users = np.array(users, dtype=np.int64)
        self.scenes = np.array(scenes, dtype=np.int64)
        self.items = np.array(items, dtype=np.int64)
        self.prefix = np.array(prefix, dtype=np.int64).reshape(-1, S)
        self.event_items = np.array(event_items, dtype=np.int64)
        self.event_feedback = np.array(event_feedback, dtype=np.int64)
        self.starts = np.array(starts, dtype=np.int64)

    def __len__(self):
        return len(self.users)

    def contexts(self, examples, hidden, history_length):
        """The ContextBatch of `examples` (indices), each target history left out where hidden."""
        S = self.scene_count
        slices, lengths = [], np.zeros((len(examples), S), dtype=np.int64)
        for k, e in enumerate(examples):
            u, target = self.users[e], self.scenes[e]
            for s in range(S):
                if hidden[k] and s == target:
                    continue
                start = self.starts[u * S + s]
                end = start + self.prefix[e, s]
                first = max(start, end - history_length)
                if end > first:
                    slices.append(np.arange(first, end))
                    lengths[k, s] = end - first
        index = np.concatenate(slices) if slices else np.zeros(0, dtype=np.int64)
        return ContextBatch(torch.from_numpy(self.event_items[index]), torch.from_numpy(self.event_feedback[index]),
                            torch.from_numpy(lengths))


def plan(examples, batch, d, h, rng):
    """Scene dropout (hidden target history with probability p_hide) and `negatives` uniform
    negatives per positive from the target scene's other items, drawn for the whole batch first."""
    hidden = rng.random(len(batch)) < h["hideProbability"]
    per = h["negatives"]
    negatives = np.zeros((len(batch), per), dtype=np.int64)
    for k, e in enumerate(batch):
        pool = d.items_by_scene(int(examples.scenes[e]))
        positive = examples.items[e]
        for n in range(per):
            v = pool[rng.integers(len(pool))]
            while len(pool) > 1 and v == positive:
                v = pool[rng.integers(len(pool))]
            negatives[k, n] = v
    return hidden, negatives
