import torch

from mist_torch import batch as batching
from mist_torch import hyperparameters as hp
from mist_torch.model import TransferModel


def make(sample, **changes):
    h = dict(hp.V3, **changes)
    return TransferModel(h, sample.item_count, sample.topic_count, sample.scene_count, sample.item_topic,
                         sample.item_scene, seed=3)


def users_batch(sample, model, users=(5, 17, 42)):
    return batching.from_interactions(sample, [sample.sequences[u] for u in users], model.h["historyLength"])


def test_parameter_names_and_shapes_are_the_checkpoint_table(sample):
    model = make(sample, attention="additive")
    shapes = {name: list(p.shape) for name, p in model.named_parameters()}
    V, C, S, d = sample.item_count, sample.topic_count, sample.scene_count, 32
    assert shapes == {
        "item_embedding": [V, d], "item_bias": [V], "topic_embedding": [C, d], "sentiment_embedding": [3, d],
        "scene_embedding": [S, d], "gru.input_weight": [3 * d, d], "gru.hidden_weight": [3 * d, d],
        "gru.bias": [3 * d], "decoder.weight": [d, 3 * d], "decoder.bias": [d],
        "attention.query.0": [16, d], "attention.query.1": [16, d], "attention.key.0": [16, d],
        "attention.key.1": [16, d], "attention.additive.0": [16], "attention.additive.1": [16],
        "value.weight": [d, d], "item_source_embedding": [V, d], "topic_source_embedding": [C, d],
        "item_topic_embedding": [C, d]}


def test_a_v2_checkpoint_without_topic_path_reads_as_v2():
    h = hp.parse(hp.dumps({k: v for k, v in hp.V2.items() if k != "topicPath"}))
    assert h["topicPath"] is False and hp.version(h) == "v2"
    assert hp.version(hp.V3) == "v3" and hp.version(hp.V1) == "v1"


def test_fresh_v3_scores_like_its_v2_twin(sample):
    v3, v2 = make(sample), make(sample, topicPath=False)
    b = users_batch(sample, v3)
    f3, f2 = v3(b)["states"][-1][:, 0], v2(b)["states"][-1][:, 0]
    assert torch.equal(f3, f2)
    assert torch.equal(v3.all_scores(f3), v2.all_scores(f2))


def test_topic_path_adds_the_topic_shares_times_t_src_to_z0_and_topic_rows_to_item_vectors(sample):
    v3, v2 = make(sample), make(sample, topicPath=False)
    with torch.no_grad():
        v3.topic_source_embedding.normal_(std=0.1)
        v3.item_topic_embedding.normal_(std=0.1)
    b = users_batch(sample, v3, users=(5,))
    difference = v3(b)["states"][0][0] - v2(b)["states"][0][0]
    # Topic shares of each scene's y ≥ 0 events, by hand.
    C, start = sample.topic_count, 0
    for s in range(sample.scene_count):
        n = int(b.lengths[0, s])
        tokens = [(int(b.items[j]), int(b.feedback[j])) for j in range(start, start + n)]
        read = [v for v, y in tokens if y >= 0]
        shares = torch.zeros(C, dtype=torch.float64)
        for v in read:
            shares[int(sample.item_topic[v])] += 1 / len(read)
        assert torch.allclose(difference[s], shares @ v3.topic_source_embedding, atol=1e-12), s
        start += n
    items = torch.tensor([0, 7, 11])
    expected = v3.item_embedding[items] + v3.item_topic_embedding[torch.as_tensor(sample.item_topic)[items]]
    assert torch.equal(v3.item_vectors(items), expected)


def test_content_layer_is_torch_gru_with_the_reset_gate_outside_the_input_bias(sample):
    model = make(sample)
    with torch.no_grad():
        model.gru.bias.normal_()
    b = users_batch(sample, model, users=(5,))
    content = model(b)["content"][0]
    d = 32
    W, U, bias = model.gru.input_weight, model.gru.hidden_weight, model.gru.bias
    reorder = lambda m: torch.cat([m[d:2 * d], m[:d], m[2 * d:]])  # ours z, r, n; torch's r, z, n
    cell = torch.nn.GRUCell(d, d, dtype=torch.float64)
    with torch.no_grad():
        cell.weight_ih.copy_(reorder(W)); cell.weight_hh.copy_(reorder(U))
        cell.bias_ih.copy_(reorder(bias)); cell.bias_hh.zero_()
    start = 0
    for s in range(sample.scene_count):
        n = int(b.lengths[0, s])
        h = torch.zeros(1, d, dtype=torch.float64)
        for j in range(start, start + n):
            x = model.item_embedding[b.items[j]] + model.sentiment_embedding[b.feedback[j] + 1]
            h = cell(x[None], h)
        assert torch.allclose(content[s], h[0], atol=1e-12), s
        start += n


def test_fresh_v2_scores_like_its_v1_twin(sample):
    v2, v1 = make(sample, topicPath=False), make(sample, itemPath=False, objective="bpr", topicPath=False)
    b = users_batch(sample, v2)
    assert torch.equal(v2(b)["states"][-1], v1(b)["states"][-1])


def test_shares_by_source_scene_add_up_to_the_score(sample):
    model = make(sample)
    with torch.no_grad():
        model.item_source_embedding.normal_(std=0.1)
        model.topic_source_embedding.normal_(std=0.1)
    b = users_batch(sample, model)
    out = model(b)
    h, S = model.h, sample.scene_count
    step = (1 - h["beta"]) * out["attention"]
    power, M = torch.eye(S, dtype=step.dtype).expand_as(step), torch.zeros_like(step)
    for _ in range(h["iterations"]):
        M, power = M + h["beta"] * power, step @ power
    M = M + power
    f = out["states"][-1]
    assert torch.allclose(M @ out["states"][0], f, atol=1e-12)


def test_inactive_scenes_have_zero_interest_and_attention(sample):
    model = make(sample)
    b = batching.from_windows([[[], [(int(sample.item_scene.tolist().index(1)), 1)], [], []], [[], [], [], []]])
    out = model(b)
    assert torch.all(out["interests"][0, [0, 2, 3]] == 0)
    assert torch.all(out["attention"][1] == 0)
    assert torch.allclose(out["attention"][0].sum(1), torch.ones(4, dtype=torch.float64))


def test_packed_torch_gru_is_the_written_out_recurrence(sample):
    model = make(sample)
    with torch.no_grad():
        model.gru.bias.normal_()
    b = users_batch(sample, model, users=(5, 17, 42, 99))
    model.fused_gru = True
    fast = model(b)["content"]
    fast.sum().backward()
    fast_grads = [p.grad.clone() for p in (model.gru.input_weight, model.gru.hidden_weight, model.gru.bias)]
    model.zero_grad()
    model.fused_gru = False
    slow = model(b)["content"]
    slow.sum().backward()
    assert torch.allclose(fast, slow, atol=1e-12)
    for a, p in zip(fast_grads, (model.gru.input_weight, model.gru.hidden_weight, model.gru.bias)):
        assert torch.allclose(a, p.grad, atol=1e-10)
