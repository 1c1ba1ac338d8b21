"""Contexts as the interest layers read them: for each of B contexts (a user at some moment) and
each of S scenes, the last L events (item, feedback), oldest first. Stored flat like mist's
`ContextBatch`: sequence b·S + s has lengths[b, s] tokens, one after another in items/feedback."""
from dataclasses import dataclass

import torch


@dataclass
class ContextBatch:
    items: torch.Tensor     # int64 [T]
    feedback: torch.Tensor  # int64 [T], -1/0/1
    lengths: torch.Tensor   # int64 [B, S]

    def to(self, device):
        return ContextBatch(self.items.to(device), self.feedback.to(device), self.lengths.to(device))

    @property
    def count(self):
        return self.lengths.shape[0]

    @property
    def scene_count(self):
        return self.lengths.shape[1]


def from_windows(contexts):
    """`contexts[b][s]` = list of (item, feedback), already the last L, oldest first."""
    items, feedback, lengths = [], [], []
    for windows in contexts:
        row = []
        for events in windows:
            row.append(len(events))
            for v, y in events:
                items.append(v)
                feedback.append(y)
        lengths.append(row)
    return ContextBatch(torch.tensor(items, dtype=torch.int64), torch.tensor(feedback, dtype=torch.int64),
                        torch.tensor(lengths, dtype=torch.int64).reshape(len(contexts), -1))


def windows_of(d, interactions, history_length):
    """Per-scene windows (last L, oldest first) of chronological interaction indices."""
    per_scene = [[] for _ in range(d.scene_count)]
    for i in interactions:
        per_scene[d.item_scene[d.inter_item[i]]].append((int(d.inter_item[i]), int(d.inter_feedback[i])))
    return [events[-history_length:] if history_length > 0 else [] for events in per_scene]


def from_interactions(d, histories, history_length):
    """One context per list of chronological interaction indices."""
    return from_windows([windows_of(d, h, history_length) for h in histories])
