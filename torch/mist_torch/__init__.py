"""mist_torch: a PyTorch twin of mist's interest-transfer model (docs/MODEL.md, ../shared/MODEL-SPEC.md).

Modules, one job each: dataset (the folder), fingerprint, split (split file, evaluation cases),
batch (contexts as the interest layers read them), model, loss, examples (training examples,
dropout, negatives), metrics, evaluate, checkpoint, optim (lazy Adam), train (DDP), parity.
"""
