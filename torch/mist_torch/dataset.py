"""A mist dataset folder (docs/DATA-FORMAT.md): scenes, items, interactions, optional users.csv.

Indices follow mist: scene = row of scenes.csv, item = row of items.csv, topic = first appearance
in items.csv, user = first appearance in interactions.csv then users.csv-only users, interaction =
row of interactions.csv. A user's sequence is ordered by (timestamp, input order).
"""
import csv
import os
from dataclasses import dataclass, field

import numpy as np


class DataError(Exception):
    """A dataset file that cannot be used, with the file, line and reason."""


def _rows(path, required, optional=()):
    """Yields (line number, {column: value}) for a CSV file read by header names."""
    if not os.path.exists(path):
        raise DataError(f"{os.path.basename(path)}: file is missing")
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        try:
            header = [h.strip(" ") for h in next(reader)]
        except StopIteration:
            raise DataError(f"{os.path.basename(path)}: file is empty (not even a header row)")
        for name in required:
            if name not in header:
                raise DataError(f'{os.path.basename(path)}:1: required column "{name}" is missing from the header')
        index = {name: header.index(name) for name in list(required) + list(optional) if name in header}
        for row in reader:
            if not row or row == [""]:
                continue
            if len(row) != len(header):
                raise DataError(f"{os.path.basename(path)}:{reader.line_num}: row has {len(row)} fields, the header has {len(header)}")
            yield reader.line_num, {name: row[i] for name, i in index.items()}


@dataclass
class Dataset:
    scene_ids: list
    scene_names: list
    topics: list
    item_ids: list
    item_scene: np.ndarray      # int64 [V]
    item_topic: np.ndarray      # int64 [V]
    user_ids: list              # all users (interacting first)
    interacting_users: int
    inter_user: np.ndarray      # int64 [N]
    inter_item: np.ndarray      # int64 [N]
    inter_time: np.ndarray      # int64 [N]
    inter_feedback: np.ndarray  # int64 [N], -1/0/1
    sequences: list = field(default_factory=list)  # per user: interaction indices, chronological
    position: np.ndarray = None  # position of each interaction in its user's sequence

    @property
    def scene_count(self): return len(self.scene_ids)

    @property
    def item_count(self): return len(self.item_ids)

    @property
    def topic_count(self): return len(self.topics)

    @property
    def user_count(self): return len(self.user_ids)

    @property
    def interaction_count(self): return len(self.inter_user)

    def inter_scene(self, i):
        return int(self.item_scene[self.inter_item[i]])

    def items_by_scene(self, s):
        return self._by_scene[s]

    def history(self, u, s):
        """u's interactions in scene s, chronological."""
        return [i for i in self.sequences[u] if self.item_scene[self.inter_item[i]] == s]


def load(folder):
    """Loads a dataset folder; raises DataError with the file and line on the first problem."""
    scene_ids, scene_names, scene_index = [], [], {}
    for line, row in _rows(os.path.join(folder, "scenes.csv"), ["scene_id", "name"]):
        if row["scene_id"] in scene_index:
            raise DataError(f'scenes.csv:{line} column scene_id: id "{row["scene_id"]}" appears twice')
        scene_index[row["scene_id"]] = len(scene_ids)
        scene_ids.append(row["scene_id"])
        scene_names.append(row["name"])
    item_ids, item_scene, item_topic, item_index, topics, topic_index = [], [], [], {}, [], {}
    for line, row in _rows(os.path.join(folder, "items.csv"), ["item_id", "scene_id", "topic"]):
        if row["scene_id"] not in scene_index:
            raise DataError(f'items.csv:{line} column scene_id: scene "{row["scene_id"]}" is not in scenes.csv')
        if row["item_id"] in item_index:
            raise DataError(f'items.csv:{line} column item_id: id "{row["item_id"]}" appears twice')
        topic = row["topic"]
        if topic not in topic_index:
            topic_index[topic] = len(topics)
            topics.append(topic)
        item_index[row["item_id"]] = len(item_ids)
        item_ids.append(row["item_id"])
        item_scene.append(scene_index[row["scene_id"]])
        item_topic.append(topic_index[topic])
    user_index, user_ids = {}, []
    users, items, times, feedback = [], [], [], []
    path = os.path.join(folder, "interactions.csv")
    for line, row in _rows(path, ["user_id", "item_id", "timestamp"], ["rating", "sentiment"]):
        has_rating, has_sentiment = "rating" in row, "sentiment" in row
        if has_rating == has_sentiment:
            raise DataError("interactions.csv:1: needs exactly one of a rating (1–5) or a sentiment (-1, 0, 1) column")
        if row["item_id"] not in item_index:
            raise DataError(f'interactions.csv:{line} column item_id: item "{row["item_id"]}" is not in items.csv')
        u = user_index.setdefault(row["user_id"], len(user_ids))
        if u == len(user_ids):
            user_ids.append(row["user_id"])
        try:
            t = int(row["timestamp"])
            if has_rating:
                r = int(row["rating"])
                if not 1 <= r <= 5:
                    raise ValueError
                y = -1 if r <= 2 else (0 if r == 3 else 1)
            else:
                y = int(row["sentiment"])
                if y not in (-1, 0, 1):
                    raise ValueError
        except ValueError:
            raise DataError(f"interactions.csv:{line}: bad timestamp, rating or sentiment")
        users.append(u); items.append(item_index[row["item_id"]]); times.append(t); feedback.append(y)
    interacting = len(user_ids)
    users_csv = os.path.join(folder, "users.csv")
    if os.path.exists(users_csv):
        for _, row in _rows(users_csv, ["user_id"]):
            if row["user_id"] not in user_index:
                user_index[row["user_id"]] = len(user_ids)
                user_ids.append(row["user_id"])
    d = Dataset(scene_ids, scene_names, topics, item_ids, np.array(item_scene, dtype=np.int64),
                np.array(item_topic, dtype=np.int64), user_ids, interacting,
                np.array(users, dtype=np.int64), np.array(items, dtype=np.int64),
                np.array(times, dtype=np.int64), np.array(feedback, dtype=np.int64))
    d.user_index = user_index
    d.item_index = item_index
    d.scene_index = scene_index
    # Chronological sequences: stable sort by (user, timestamp, input order).
    order = np.lexsort((np.arange(len(users)), d.inter_time, d.inter_user))
    bounds = np.searchsorted(d.inter_user[order], np.arange(d.user_count + 1))
    d.sequences = [order[bounds[u]:bounds[u + 1]].tolist() for u in range(d.user_count)]
    d.position = np.zeros(len(users), dtype=np.int64)
    for seq in d.sequences:
        d.position[seq] = np.arange(len(seq))
    d._by_scene = [np.nonzero(d.item_scene == s)[0] for s in range(d.scene_count)]
    return d
