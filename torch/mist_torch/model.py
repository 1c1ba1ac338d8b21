"""The interest-transfer model of docs/MODEL.md (v1, v2, v3 and their ablations) as a torch Module.

`named_parameters()` gives exactly the checkpoint tensor names and stored shapes of docs/MODEL.md
(`item_embedding`, `gru.input_weight`, `attention.query.0`, …), so checkpoints map one to one.
"""
import math

import torch
from torch import nn

from .batch import ContextBatch


def _glorot(rows, cols, generator):
    limit = math.sqrt(6.0 / (rows + cols))
    return (torch.rand(rows, cols, generator=generator, dtype=torch.float64) * 2 - 1) * limit


class _Holder(nn.Module):
    """A named group of tensors (`gru.*`, `decoder.*`, `value.*`)."""


class _Attention(nn.Module):
    def __init__(self, heads, dh, d, additive, generator):
        super().__init__()
        self.query = nn.ParameterList([nn.Parameter(_glorot(dh, d, generator)) for _ in range(heads)])
        self.key = nn.ParameterList([nn.Parameter(_glorot(dh, d, generator)) for _ in range(heads)])
        if additive:
            self.additive = nn.ParameterList([nn.Parameter(_glorot(1, dh, generator).reshape(dh)) for _ in range(heads)])


class TransferModel(nn.Module):
    def __init__(self, h, item_count, topic_count, scene_count, item_topic, item_scene, seed=None):
        super().__init__()
        self.h = dict(h)
        # torch's fused GRU cell (fast) or the recurrence written out op by op (the reference).
        self.fused_gru = True
        d, heads = h["dimension"], h["heads"]
        dh, sigma = d // heads, h["embeddingStandardDeviation"]
        g = torch.Generator().manual_seed(int(h["seed"] if seed is None else seed) % (1 << 63))

        def normal(*shape):
            return nn.Parameter(torch.randn(*shape, generator=g, dtype=torch.float64) * sigma)

        self.item_embedding = normal(item_count, d)
        self.item_bias = nn.Parameter(torch.zeros(item_count, dtype=torch.float64))
        self.topic_embedding = normal(topic_count, d)
        self.sentiment_embedding = normal(3, d)
        self.scene_embedding = normal(scene_count, d)
        self.gru = _Holder()
        self.gru.input_weight = nn.Parameter(_glorot(3 * d, d, g))
        self.gru.hidden_weight = nn.Parameter(_glorot(3 * d, d, g))
        self.gru.bias = nn.Parameter(torch.zeros(3 * d, dtype=torch.float64))
        self.decoder = _Holder()
        self.decoder.weight = nn.Parameter(_glorot(d, 3 * d, g))
        self.decoder.bias = nn.Parameter(torch.zeros(d, dtype=torch.float64))
        self.attention = _Attention(heads, dh, d, h["attention"] == "additive", g)
        self.value = _Holder()
        self.value.weight = nn.Parameter(_glorot(d, d, g))
        if h["itemPath"]:
            # Zero at the start: a fresh v2 model scores exactly like its v1 twin.
            self.item_source_embedding = nn.Parameter(torch.zeros(item_count, d, dtype=torch.float64))
        else:
            self.item_source_embedding = None
        if h.get("topicPath", False):
            # v3's topic path, both zero at the start (a fresh v3 scores exactly like v2): T_src, the
            # source vector of each topic (q = p · T_src joins Z⁰), and E_ctopic, each topic's part
            # of an item's scoring vector E_item[v] + E_ctopic[topic(v)].
            self.topic_source_embedding = nn.Parameter(torch.zeros(topic_count, d, dtype=torch.float64))
            self.item_topic_embedding = nn.Parameter(torch.zeros(topic_count, d, dtype=torch.float64))
        else:
            self.topic_source_embedding = self.item_topic_embedding = None
        self.register_buffer("item_topic", torch.as_tensor(item_topic, dtype=torch.int64), persistent=False)
        self.register_buffer("item_scene", torch.as_tensor(item_scene, dtype=torch.int64), persistent=False)

    @property
    def scene_count(self):
        return self.scene_embedding.shape[0]

    # Section 1: the three interest layers and z, for every (context, scene) sequence.
    def encode(self, batch: ContextBatch):
        h = self.h
        B, S = batch.lengths.shape
        N, d = B * S, h["dimension"]
        dtype, dev = self.item_embedding.dtype, self.item_embedding.device
        lengths = batch.lengths.reshape(N)
        seq = torch.repeat_interleave(torch.arange(N, device=dev), lengths)  # sequence of each token
        starts = torch.cumsum(lengths, 0) - lengths
        pos = torch.arange(len(batch.items), device=dev) - starts[seq]       # position in its sequence
        positive = batch.feedback >= 0
        npos = torch.zeros(N, dtype=dtype, device=dev).index_add_(0, seq, positive.to(dtype))
        share = torch.where(positive, 1.0 / npos.clamp(min=1)[seq], torch.zeros((), dtype=dtype, device=dev))
        item_rows = self.item_embedding[batch.items]
        # Topic layer: p[c] = share of the y ≥ 0 events with topic c; t = p · E_topic.
        C = self.topic_embedding.shape[0]
        p = torch.zeros(N * C, dtype=dtype, device=dev).index_add_(0, seq * C + self.item_topic[batch.items], share).reshape(N, C)
        topic = p @ self.topic_embedding
        # Sentiment layer: e = (1/n) Σ y_j E_item[v_j].
        weight = batch.feedback.to(dtype) / lengths.clamp(min=1)[seq].to(dtype)
        sentiment = torch.zeros(N, d, dtype=dtype, device=dev).index_add(0, seq, item_rows * weight[:, None])
        # Content layer: a GRU over x_j = E_item[v_j] + E_sent[y_j] from h_0 = 0; c = h_n.
        tokens = item_rows + self.sentiment_embedding[batch.feedback + 1]
        content = (self._gru_packed if self.fused_gru else self._gru)(tokens, seq, pos, lengths, N)
        decoded = torch.cat([topic, content, sentiment], 1) @ self.decoder.weight.T + self.decoder.bias
        active = lengths > 0
        interests = torch.tanh(decoded) * active[:, None].to(dtype)
        item_path = None
        if self.item_source_embedding is not None:
            item_path = torch.zeros(N, d, dtype=dtype, device=dev).index_add(0, seq, self.item_source_embedding[batch.items] * share[:, None])
        topic_path = p @ self.topic_source_embedding if self.topic_source_embedding is not None else None
        return topic, content, sentiment, interests, item_path, topic_path, active

    def _gru_packed(self, tokens, seq, pos, lengths, N):
        """The same recurrence through torch's fused GRU cell, on the tokens in packed order (step
        after step, the running sequences in length order). torch's GRU is `n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))` with gates ordered r, z, n:
        ours is that with b_hh = 0 and the rows of W, U and b reordered from z, r, n."""
        d = tokens.shape[1]
        width = int(lengths.max()) if N else 0
        if width == 0:
            return torch.zeros(N, d, dtype=tokens.dtype, device=tokens.device)
        order = torch.argsort(lengths, descending=True, stable=True)
        rank = torch.empty_like(order)
        rank[order] = torch.arange(N, device=order.device)
        running = (lengths[None, :] > torch.arange(width, device=lengths.device)[:, None]).sum(1)
        step_start = torch.cumsum(running, 0) - running
        # Packed layout: step after step, the running sequences in length order.
        packed_position = step_start[pos] + rank[seq]
        source = torch.empty_like(packed_position)
        source[packed_position] = torch.arange(len(packed_position), device=tokens.device)
        reorder = lambda m: torch.cat([m[d:2 * d], m[:d], m[2 * d:]])
        weights = [reorder(self.gru.input_weight), reorder(self.gru.hidden_weight), reorder(self.gru.bias),
                   torch.zeros(3 * d, dtype=tokens.dtype, device=tokens.device)]
        active = int(running[0])
        # One fused cell per step on that step's tokens (split: its backward is one cat). torch's
        # packed multi-step GRU slices one [T, 3d] projection per step instead, and the backward of
        # each slice zero-fills a full [T, 3d] gradient: most of a batch's time.
        steps = tokens[source].split(running.tolist())
        h = torch.zeros(active, d, dtype=tokens.dtype, device=tokens.device)
        for x in steps:
            c = x.shape[0]
            new = torch._VF.gru_cell(x, h[:c], *weights)
            h = torch.cat([new, h[c:]]) if c < active else new
        h = torch.cat([h, torch.zeros(N - active, d, dtype=tokens.dtype, device=tokens.device)])
        return h[rank]

    def _gru(self, tokens, seq, pos, lengths, N):
        """h_n of every sequence. Sequences are sorted by length (longest first), so the ones
        still running at step j are a prefix and each step only computes those rows."""
        d = tokens.shape[1]
        h0 = torch.zeros(N, d, dtype=tokens.dtype, device=tokens.device)
        width = int(lengths.max()) if N else 0
        if width == 0:
            return h0
        order = torch.argsort(lengths, descending=True, stable=True)
        rank = torch.empty_like(order)
        rank[order] = torch.arange(N, device=order.device)
        running = [int(c) for c in (lengths[None, :] > torch.arange(width, device=lengths.device)[:, None]).sum(1)]
        gates_x = tokens @ self.gru.input_weight.T + self.gru.bias              # [T, 3d]
        # Step-major inputs: row (j, rank of the sequence); unbind gives each step its slice with
        # one cheap backward (stack), where slicing a padded tensor 50 times would zero-fill 50 copies.
        padded = torch.zeros(width, N, 3 * d, dtype=tokens.dtype, device=tokens.device).index_put((pos, rank[seq]), gates_x)
        U = self.gru.hidden_weight
        h = h0
        for j, gx in enumerate(padded.unbind(0)):
            c = running[j]
            hc = h[:c]
            gh = hc @ U.T
            gxc = gx[:c]
            z = torch.sigmoid(gxc[:, :d] + gh[:, :d])
            r = torch.sigmoid(gxc[:, d:2 * d] + gh[:, d:2 * d])
            n = torch.tanh(gxc[:, 2 * d:] + r * gh[:, 2 * d:])
            h = torch.cat([(1 - z) * n + z * hc, h[c:]]) if c < N else (1 - z) * n + z * hc
        return h[rank]

    # Section 2: attention over the active scenes, per head and averaged ([B, S, S], rows = target).
    def scene_attention(self, interests, active, B, transfer=None):
        h = self.h
        S, dtype = self.scene_count, interests.dtype
        mask = active.reshape(B, 1, S).expand(B, S, S)
        transfer = transfer or h["transfer"]
        if transfer == "mean":
            m = mask.to(dtype)
            return [], m / m.sum(2, keepdim=True).clamp(min=1)
        if transfer == "self":
            eye = torch.eye(S, dtype=dtype, device=interests.device).expand(B, S, S)
            return [], eye * active.reshape(B, S, 1).to(dtype)
        dh = h["dimension"] // h["heads"]
        anyactive = mask.any(2, keepdim=True)
        keyed = interests + self.scene_embedding.repeat(B, 1)
        heads = []
        for head in range(h["heads"]):
            q = (keyed @ self.attention.query[head].T).reshape(B, S, dh)
            k = (keyed @ self.attention.key[head].T).reshape(B, S, dh)
            if h["attention"] == "dot":
                scores = q @ k.transpose(1, 2) / math.sqrt(dh)
            else:
                scores = torch.tanh(q[:, :, None, :] + k[:, None, :, :]) @ self.attention.additive[head]
            # Softmax over the active sources; a context with no active scene gets α = 0.
            scores = scores.masked_fill(~mask, float("-inf")).masked_fill(~anyactive, 0.0)
            heads.append(torch.softmax(scores, 2) * anyactive.to(dtype))
        return heads, torch.stack(heads).mean(0)

    def forward(self, batch: ContextBatch, transfer=None):
        """Everything the explorer shows: layers, z, item path, attention, node states Z^0…Z^K."""
        h = self.h
        B, S = batch.lengths.shape
        d = h["dimension"]
        topic, content, sentiment, interests, item_path, topic_path, active = self.encode(batch)
        heads, alpha = self.scene_attention(interests, active, B, transfer)
        # Section 3: Z⁰ = W_v z (+ m in v2, or m alone without the interest path; + q in v3).
        initial = interests @ self.value.weight.T
        if item_path is not None:
            initial = initial + item_path if h["interestPath"] else item_path
        if topic_path is not None:
            initial = initial + topic_path
        beta = h["beta"]
        states = [initial.reshape(B, S, d)]
        for _ in range(h["iterations"]):
            states.append((1 - beta) * alpha @ states[-1] + beta * states[0])
        shape = lambda x: x.reshape(B, S, d)
        return {"topic": shape(topic), "content": shape(content), "sentiment": shape(sentiment),
                "interests": shape(interests), "item_path": None if item_path is None else shape(item_path),
                "heads": heads, "attention": alpha, "states": states, "active": active.reshape(B, S)}

    def target_interests(self, batch, targets):
        """f_{u,t} = Z^K_t for each context's target scene ([B, d])."""
        states = self.forward(batch)["states"][-1]
        dev = states.device
        return states[torch.arange(batch.count, device=dev), torch.as_tensor(targets, device=dev)]

    # Section 4: score(u, t, v) = f_t · vec(v) + b[v], where vec(v) = E_item[v] (+ E_ctopic[topic(v)] in v3).
    def item_vectors(self, items=None):
        """The scoring vectors of `items` (every item when None)."""
        if items is None:
            items = torch.arange(self.item_embedding.shape[0], device=self.item_embedding.device)
        rows = self.item_embedding[items]
        if self.item_topic_embedding is None:
            return rows
        return rows + self.item_topic_embedding[self.item_topic[items]]

    def all_scores(self, f):
        return f @ self.item_vectors().T + self.item_bias
