"""mist's split file (`user_id,item_id,timestamp,role`, one row per interaction in input order) and
the evaluation cases derived from its roles (MODEL-SPEC, Split, "History at evaluation")."""
import csv
from dataclasses import dataclass

import numpy as np

from .dataset import DataError
from .fingerprint import split_fingerprint

# Role numbers are mist's (`Role.rawValue`): they are the split fingerprint's bytes.
ROLES = {"train": 0, "validation": 1, "test": 2, "cold": 3, "dropped": 4, "cold-validation": 5}
TRAIN, VALIDATION, TEST, COLD, DROPPED, COLD_VALIDATION = range(6)


@dataclass
class Case:
    user: int
    scene: int
    kind: str          # warm-test, validation, cold, cold-validation
    targets: list      # distinct target items, first appearance order
    history: list      # interaction indices, chronological


@dataclass
class Split:
    roles: np.ndarray
    warm_test: list
    validation: list
    cold: list
    cold_validation: list

    @property
    def fingerprint(self):
        return split_fingerprint(self.roles)

    @property
    def has_cold_validation(self):
        return len(self.cold_validation) > 0


def read(path, d):
    """Reads a split file written by `mist split` and checks it row by row against the dataset."""
    roles = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip(" ") for h in next(reader, [])]
        for name in ("user_id", "item_id", "timestamp", "role"):
            if name not in header:
                raise DataError(f'{path}:1: required column "{name}" is missing from the header')
        col = {name: header.index(name) for name in ("user_id", "item_id", "timestamp", "role")}
        for row in reader:
            if not row:
                continue
            i = len(roles)
            if i >= d.interaction_count:
                raise DataError(f"{path}: split has more rows than the dataset's {d.interaction_count} interactions")
            if (row[col["user_id"]] != d.user_ids[d.inter_user[i]] or row[col["item_id"]] != d.item_ids[d.inter_item[i]]
                    or int(row[col["timestamp"]]) != d.inter_time[i]):
                raise DataError(f"{path}:{reader.line_num}: row does not match interaction {i + 1} of the dataset")
            role = ROLES.get(row[col["role"]])
            if role is None:
                raise DataError(f'{path}:{reader.line_num} column role: role "{row[col["role"]]}" is not one of {", ".join(ROLES)}')
            if role in (VALIDATION, TEST) and d.inter_feedback[i] < 0:
                raise DataError(f"{path}:{reader.line_num}: a negative interaction cannot be {row[col['role']]}")
            roles.append(role)
    if len(roles) != d.interaction_count:
        raise DataError(f"{path}: split has {len(roles)} rows, the dataset has {d.interaction_count} interactions")
    roles = np.array(roles, dtype=np.int64)
    check(d, roles, path)
    return from_roles(d, roles)


def check(d, roles, path):
    """What the protocol guarantees: only negatives dropped; a hidden (cold or cold-validation)
    scene is one whole scene of its user, and a user has at most one of each."""
    dropped = np.nonzero((roles == DROPPED) & (d.inter_feedback >= 0))[0]
    if len(dropped):
        raise DataError(f"{path}:{dropped[0] + 2}: only a negative interaction can be dropped")
    scene_of = d.item_scene[d.inter_item]
    for role, name in ((COLD, "cold"), (COLD_VALIDATION, "cold-validation")):
        hidden = {}
        for i in np.nonzero(roles == role)[0]:
            u, s = int(d.inter_user[i]), int(scene_of[i])
            if hidden.setdefault(u, s) != s:
                raise DataError(f"{path}:{i + 2}: user {d.user_ids[u]} has {name} interactions in two scenes")
        for u, s in hidden.items():
            if any(roles[i] != role for i in d.sequences[u] if scene_of[i] == s):
                raise DataError(f"{path}: the {name} scene {d.scene_ids[s]} of user {d.user_ids[u]} is not wholly {name}")


def _distinct(values):
    seen, out = set(), []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def from_roles(d, roles):
    """The split's evaluation cases, ordered by user then scene (as mist orders them)."""
    item, feedback, position = d.inter_item, d.inter_feedback, d.position
    scene_of = d.item_scene[item]
    hidden = {}  # (user) -> {scene: kind}
    for i in np.nonzero((roles == COLD) | (roles == COLD_VALIDATION))[0]:
        kind = "cold" if roles[i] == COLD else "cold-validation"
        hidden.setdefault(int(d.inter_user[i]), {})[int(scene_of[i])] = kind
    split = Split(roles, [], [], [], [])
    for u in range(d.user_count):
        sequence = d.sequences[u]
        for t in range(d.scene_count):
            history = [i for i in sequence if scene_of[i] == t]
            kind = hidden.get(u, {}).get(t)
            if kind:
                targets = _distinct(int(item[i]) for i in history if feedback[i] >= 0)
                inputs = [i for i in sequence if scene_of[i] != t and roles[i] in (TRAIN, VALIDATION)]
                (split.cold if kind == "cold" else split.cold_validation).append(Case(u, t, kind, targets, inputs))
                continue
            first = next((i for i in history if roles[i] == VALIDATION), None)
            if first is not None:
                targets = _distinct(int(item[i]) for i in history if roles[i] == VALIDATION)
                inputs = [i for i in sequence if position[i] < position[first] and roles[i] == TRAIN]
                split.validation.append(Case(u, t, "validation", targets, inputs))
            first = next((i for i in history if roles[i] == TEST), None)
            if first is not None:
                targets = _distinct(int(item[i]) for i in history if roles[i] == TEST)
                inputs = [i for i in sequence if position[i] < position[first] and roles[i] in (TRAIN, VALIDATION)]
                split.warm_test.append(Case(u, t, "warm-test", targets, inputs))
    return split
