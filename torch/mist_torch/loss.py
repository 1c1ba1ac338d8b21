"""The training objectives of docs/MODEL.md (Training): BPR against sampled negatives (v1) or a
softmax over every item of the target scene (v2), plus L2 on the rows the scores used and, with
the item path, on the `E_src` rows the histories read; with the topic path (v3), the same for the
topic rows: `E_ctopic` of the scored items' topics and `T_src` of the read tokens' topics."""
import torch
from torch import nn


def regularization(model, batch, items):
    """λ Σ (‖E_item[v]‖² + b[v]²) over `items` (with repeats) + λ Σ ‖E_src[j]‖² over y ≥ 0 tokens;
    v3: + λ Σ ‖E_ctopic[topic(v)]‖² over `items` + λ Σ ‖T_src[topic(j)]‖² over the y ≥ 0 tokens."""
    l2 = model.h["l2"]
    if l2 <= 0:
        return torch.zeros((), dtype=model.item_embedding.dtype, device=model.item_embedding.device)
    penalty = (model.item_embedding[items] ** 2).sum() + (model.item_bias[items] ** 2).sum()
    read = batch.items[batch.feedback >= 0]
    if model.item_source_embedding is not None:
        penalty = penalty + (model.item_source_embedding[read] ** 2).sum()
    if model.item_topic_embedding is not None:
        penalty = penalty + (model.item_topic_embedding[model.item_topic[items]] ** 2).sum()
        penalty = penalty + (model.topic_source_embedding[model.item_topic[read]] ** 2).sum()
    return l2 * penalty


def softmax_loss(model, batch, targets, positives, normalizer):
    """Σ_b −log softmax over the items of t_b of the scores, at v⁺_b; + L2; / normalizer."""
    dev = model.item_embedding.device
    targets = torch.as_tensor(targets, device=dev)
    positives = torch.as_tensor(positives, device=dev)
    f = model.target_interests(batch, targets)
    logits = model.all_scores(f)                                   # [B, V]
    in_scene = model.item_scene[None, :] == targets[:, None]
    logits = logits.masked_fill(~in_scene, float("-inf"))
    ranking = (torch.logsumexp(logits, 1) - logits[torch.arange(len(targets), device=dev), positives]).sum()
    return (ranking + regularization(model, batch, positives)) / normalizer


def bpr_loss(model, batch, targets, positives, negatives, normalizer):
    """Σ_pairs −log σ(score(v⁺) − score(v⁻)) + L2 over the positives and negatives; / normalizer.
    `negatives` is [B, n]."""
    dev = model.item_embedding.device
    targets = torch.as_tensor(targets, device=dev)
    positives = torch.as_tensor(positives, device=dev)
    negatives = torch.as_tensor(negatives, device=dev).reshape(len(positives), -1)
    f = model.target_interests(batch, targets)
    pos = (f * model.item_vectors(positives)).sum(1) + model.item_bias[positives]
    neg = (f[:, None, :] * model.item_vectors(negatives)).sum(2) + model.item_bias[negatives]
    ranking = -nn.functional.logsigmoid(pos[:, None] - neg).sum()
    items = torch.cat([positives, negatives.reshape(-1)])
    return (ranking + regularization(model, batch, items)) / normalizer


class TrainingLoss(nn.Module):
    """The model's objective as a Module, so that DistributedDataParallel can wrap it.
    `scale` multiplies the loss (DDP averages gradients over processes; each process passes the
    world size so that the average is the full batch's mean)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, batch, targets, positives, negatives, batch_examples, scale=1.0):
        h = self.model.h
        if h["objective"] == "softmax":
            return softmax_loss(self.model, batch, targets, positives, batch_examples) * scale
        per = len(negatives[0]) if len(negatives) else h["negatives"]
        return bpr_loss(self.model, batch, targets, positives, negatives, batch_examples * per) * scale
