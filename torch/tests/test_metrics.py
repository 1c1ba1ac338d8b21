import math

from mist_torch.metrics import Accumulator, score, top_items


def test_hand_example():
    # Ranking 3, 1, 2, 4, 6; targets {1, 5}: one hit at rank 2 (index 1) within 5.
    hr, p, r, ndcg = score([3, 1, 2, 4, 6], {1, 5}, 5)
    assert (hr, p, r) == (1.0, 1 / 5, 1 / 2)
    assert math.isclose(ndcg, (1 / math.log2(3)) / (1 + 1 / math.log2(3)))


def test_no_hit_and_cutoff():
    assert score([3, 1, 2], {1}, 1) == (0.0, 0.0, 0.0, 0.0)
    assert score([1], {1}, 1) == (1.0, 1.0, 1.0, 1.0)


def test_ties_go_to_the_lower_index_and_nan_is_last():
    assert top_items([7, 3, 5, 9], [1.0, 2.0, 2.0, float("nan")], 4) == [3, 5, 7, 9]


def test_average_over_cases():
    acc = Accumulator()
    acc.add([1, 2, 3], [1])
    acc.add([1, 2, 3], [9])
    assert acc.average(5)["hr"] == 0.5
    assert acc.average(10)["ndcg"] == 0.5
