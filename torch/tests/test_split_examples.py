"""The split's cases and the training examples on a dataset small enough to check by hand."""
import numpy as np

from mist_torch import dataset, split
from mist_torch.examples import TrainingExamples, plan
from mist_torch import hyperparameters as hp


def tiny(tmp_path):
    (tmp_path / "scenes.csv").write_text("scene_id,name\na,A\nb,B\n")
    (tmp_path / "items.csv").write_text("item_id,scene_id,topic\na1,a,x\na2,a,y\na3,a,x\nb1,b,y\nb2,b,x\n")
    # u1: a1 (t=1), b1 (t=2), a2 (t=2, same second: input order), b2 (t=3, disliked), a3 (t=4)
    (tmp_path / "interactions.csv").write_text(
        "user_id,item_id,timestamp,sentiment\nu1,a3,4,1\nu1,a1,1,1\nu1,b1,2,0\nu1,a2,2,1\nu1,b2,3,-1\nu2,b1,5,1\n")
    return dataset.load(str(tmp_path))


def test_chronological_order_and_indices(tmp_path):
    d = tiny(tmp_path)
    assert d.user_ids == ["u1", "u2"] and d.topics == ["x", "y"]
    assert d.sequences[0] == [1, 2, 3, 4, 0]  # by (timestamp, input order)
    assert d.history(0, 1) == [2, 4]


def test_cases_follow_the_roles(tmp_path):
    d = tiny(tmp_path)
    T, V, X = split.TRAIN, split.VALIDATION, split.TEST
    roles = np.array([X, T, T, V, T, T])  # a3 test, a2 validation
    s = split.from_roles(d, roles)
    (warm,), (val,) = s.warm_test, s.validation
    assert (warm.user, warm.scene, warm.targets, warm.history) == (0, 0, [2], [1, 2, 3, 4])
    assert (val.scene, val.targets, val.history) == (0, [1], [1, 2])  # train before a2, not a2 itself
    cold = split.from_roles(d, np.array([split.COLD, split.COLD, T, split.COLD, T, T]))
    (case,) = cold.cold
    assert (case.scene, case.targets, case.history) == (0, [0, 1, 2], [2, 4])  # chronological


def test_examples_and_their_histories(tmp_path):
    d = tiny(tmp_path)
    roles = np.zeros(d.interaction_count, dtype=np.int64)
    ex = TrainingExamples(d, roles)
    # y ≥ 0 train interactions: a1, b1, a2, a3 (u1), b1 (u2); b2 is disliked: history only.
    assert ex.items.tolist() == [0, 3, 1, 2, 3]
    batch = ex.contexts([3, 3], [False, True], history_length=1)
    # a3's context: last 1 of a (a2) and of b (b2, y = −1); hidden: its scene a left out.
    assert batch.items.tolist() == [1, 4, 4]
    assert batch.feedback.tolist() == [1, -1, -1]
    assert batch.lengths.tolist() == [[1, 1], [0, 1]]


def test_negatives_are_other_items_of_the_target_scene(tmp_path):
    d = tiny(tmp_path)
    ex = TrainingExamples(d, np.zeros(d.interaction_count, dtype=np.int64))
    h = dict(hp.V1, negatives=5, hideProbability=0.5)
    hidden, negatives = plan(ex, np.arange(len(ex)), d, h, np.random.default_rng(0))
    for e, row in enumerate(negatives):
        assert all(d.item_scene[v] == ex.scenes[e] and v != ex.items[e] for v in row)
    assert hidden.dtype == bool


def test_a_split_file_is_checked(tmp_path):
    import pytest
    d = tiny(tmp_path)
    rows = ["user_id,item_id,timestamp,role"]
    for i in range(d.interaction_count):
        rows.append(f"{d.user_ids[d.inter_user[i]]},{d.item_ids[d.inter_item[i]]},{d.inter_time[i]},train")
    path = tmp_path / "split.csv"
    path.write_text("\n".join(rows) + "\n")
    assert split.read(str(path), d).fingerprint == split.split_fingerprint([0] * d.interaction_count)
    bad = list(rows)
    bad[1] = bad[1].replace(",train", ",cold")  # u1's a3 cold, but a1 and a2 (same scene) train
    path.write_text("\n".join(bad) + "\n")
    with pytest.raises(dataset.DataError, match="not wholly cold"):
        split.read(str(path), d)
    bad = list(rows)
    bad[2] = bad[2].replace("u1,a1", "u1,a2")
    path.write_text("\n".join(bad) + "\n")
    with pytest.raises(dataset.DataError, match="does not match interaction 2"):
        split.read(str(path), d)
