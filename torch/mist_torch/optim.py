"""Adam as mist applies it (docs/MODEL.md, Training): dense for matrices, lazy for tables read by
row lookups, whose rows move (and whose moments decay) only in steps that use them; bias
correction uses the global step. Which tables are lazy follows mist's gradients: a table read
only through lookups has sparse gradients there; the softmax's `batch × V` product makes
`item_embedding` and `item_bias` dense. v3's `item_topic_embedding` is read by lookups only (lazy);
its `topic_source_embedding` by the topic shares' product (dense, like `topic_embedding`)."""
import math

import torch


def lazy_tables(h):
    tables = {"sentiment_embedding", "scene_embedding", "item_source_embedding", "item_topic_embedding"}
    if h["objective"] == "bpr":
        tables |= {"item_embedding", "item_bias"}
    return tables


class LazyAdam:
    def __init__(self, named_parameters, lr, lazy, betas=(0.9, 0.999), eps=1e-8):
        self.params = [(name, p) for name, p in named_parameters]
        self.lazy = set(lazy)
        self.lr, self.betas, self.eps = lr, betas, eps
        self.step_count = 0
        self.m = {name: torch.zeros_like(p) for name, p in self.params}
        self.v = {name: torch.zeros_like(p) for name, p in self.params}

    @torch.no_grad()
    def step(self):
        self.step_count += 1
        b1, b2 = self.betas
        c1 = 1 - b1 ** self.step_count
        c2 = 1 - b2 ** self.step_count
        size = self.lr * math.sqrt(c2) / c1
        eps = self.eps * math.sqrt(c2)
        for name, p in self.params:
            g = p.grad
            if g is None:
                continue
            m, v = self.m[name], self.v[name]
            if name in self.lazy:
                # Rows the batch used: a nonzero gradient row (identical on every process after
                # DDP's all-reduce, so every replica moves the same rows).
                rows = (g.reshape(g.shape[0], -1) != 0).any(1).nonzero().squeeze(1)
                gr = g[rows]
                m[rows] = b1 * m[rows] + (1 - b1) * gr
                v[rows] = b2 * v[rows] + (1 - b2) * gr * gr
                p[rows] -= size * m[rows] / (v[rows].sqrt() + eps)
            else:
                m.mul_(b1).add_(g, alpha=1 - b1)
                v.mul_(b2).addcmul_(g, g, value=1 - b2)
                p.sub_(size * m / (v.sqrt() + eps))

    def zero_grad(self):
        for _, p in self.params:
            p.grad = None
