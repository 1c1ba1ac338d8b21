"""mist's dataset and split fingerprints: FNV-1a 64 over canonical byte streams.

Dataset (docs/DATA-FORMAT.md, The fingerprint): `scenes\\n`, `id\\tname\\n` per scene; `items\\n`,
`id\\tsceneID\\ttopic\\n` per item; `users\\n`, `id\\n` per interacting user; `interactions\\n`, then
per interaction user and item index (UInt32 LE), timestamp (Int64 LE) and feedback (Int8).
Split: one byte per interaction, the role's number (train 0, validation 1, test 2, cold 3,
dropped 4, cold-validation 5), in input order.
"""
import numpy as np

OFFSET = 0xCBF29CE484222325
PRIME = 0x100000001B3
MASK = (1 << 64) - 1


def fnv1a(data, h=OFFSET):
    """FNV-1a 64 of `data` (bytes), continuing from `h`."""
    for b in data:
        h = ((h ^ b) * PRIME) & MASK
    return h


def dataset_fingerprint(d):
    """The 64-bit fingerprint mist stores as `dataset.fingerprint` (as an int)."""
    text = bytearray(b"scenes\n")
    for sid, name in zip(d.scene_ids, d.scene_names):
        text += sid.encode() + b"\t" + name.encode() + b"\n"
    text += b"items\n"
    for v, iid in enumerate(d.item_ids):
        text += iid.encode() + b"\t" + d.scene_ids[d.item_scene[v]].encode() + b"\t" + d.topics[d.item_topic[v]].encode() + b"\n"
    text += b"users\n"
    interacting = int(d.inter_user.max()) + 1 if d.interaction_count else 0
    for u in range(interacting):
        text += d.user_ids[u].encode() + b"\n"
    text += b"interactions\n"
    record = np.zeros(d.interaction_count, dtype=[("u", "<u4"), ("v", "<u4"), ("t", "<i8"), ("y", "i1")])
    record["u"], record["v"], record["t"], record["y"] = d.inter_user, d.inter_item, d.inter_time, d.inter_feedback
    return fnv1a(bytes(text) + record.tobytes())


def hex16(value):
    return f"{value:016x}"


def split_fingerprint(roles):
    """`split.fingerprint`: FNV-1a 64 over one role byte per interaction, 16 hex digits."""
    return hex16(fnv1a(bytes(np.asarray(roles, dtype=np.uint8))))
