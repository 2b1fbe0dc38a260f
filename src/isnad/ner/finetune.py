"""Fine-tune the encoder's first layers for NER with low-rank adapters (training only; needs PyTorch).

The base weights are the dequantised numpy matrices of :class:`isnad.ner.encoder.Encoder`, wrapped
as frozen torch tensors, so the adapters learnt here apply exactly to the encoder the tagger runs
(:meth:`isnad.ner.adapters.Adapters.merge`).  Only the adapters (rank :data:`RANK` on the attention
and feed-forward matrices of the first :data:`LAYERS` layers) and a linear head over each word's
first piece train; word embeddings, biases and layer norms stay as they are.  AdamW, linear warm-up
and decay, cross-entropy on every word's first piece, a fixed seed.

PyTorch is a training extra: ``pip install torch`` (on this project's machines the CPU build,
``pip install torch==2.13.0``); tagging never imports it.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence

import numpy as np

from isnad.ner.adapters import MATRICES, Adapters
from isnad.ner.encoder import Encoder, Window

LAYERS = 8
RANK = 16
ALPHA = 32.0
EPOCHS = 8
LEARNING_RATE = 3e-3
HEAD_LEARNING_RATE = 1e-3
BATCH_TOKENS = 2048
DROPOUT = 0.1
WARMUP = 0.06
#: a mean loss still above this after two epochs means training collapsed into tagging everything O
#: (seen once in four full runs at this learning rate); it restarts at half the learning rate, at most
#: MAX_RESTARTS times.  Judged only with enough batches an epoch for two epochs to mean something.
COLLAPSED_LOSS = 0.3
MAX_RESTARTS = 3
MIN_BATCHES_TO_JUDGE = 20


class FineTuneError(RuntimeError):
    """Fine-tuning could not run or did not converge."""


class FineTuneUnavailable(FineTuneError):
    """PyTorch is not installed."""


def _torch():
    try:
        import torch
    except ImportError as exc:
        raise FineTuneUnavailable(
            "fine-tuning the encoder needs PyTorch, a training extra: pip install torch "
            "(CPU build here: pip install torch==2.13.0)") from exc
    return torch


def batches(wins: Sequence[Window], max_tokens: int) -> list[list[int]]:
    """Window indices grouped by length so that a padded batch holds at most ``max_tokens`` pieces."""
    order = sorted(range(len(wins)), key=lambda i: len(wins[i][2]))
    out, start = [], 0
    while start < len(order):
        end = start + 1
        while end < len(order) and (end - start + 1) * (len(wins[order[end]][2]) + 2) <= max_tokens:
            end += 1
        out.append(order[start:end])
        start = end
    return out


def finetune(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], encoder: Encoder, *,
             layers: int = LAYERS, rank: int = RANK, alpha: float = ALPHA, epochs: int = EPOCHS,
             learning_rate: float = LEARNING_RATE, batch_tokens: int = BATCH_TOKENS, seed: int = 0,
             log: Callable[[str], None] = print) -> Adapters:
    """Adapters and head trained on ``sentences`` (lists of words) with their BIO ``tags``."""
    for attempt in range(MAX_RESTARTS + 1):
        adapters = _train(sentences, tags, encoder, layers, rank, alpha, epochs, learning_rate, batch_tokens,
                          seed, log)
        if adapters is not None:
            return adapters
        if attempt < MAX_RESTARTS:
            learning_rate /= 2
            log(f"training collapsed (loss above {COLLAPSED_LOSS} after two epochs): restarting at learning "
                f"rate {learning_rate:g}")
    raise FineTuneError(f"fine-tuning collapsed {MAX_RESTARTS + 1} times, the last at learning rate "
                        f"{learning_rate:g}")


def _train(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], encoder: Encoder, layers: int,
           rank: int, alpha: float, epochs: int, learning_rate: float, batch_tokens: int, seed: int,
           log: Callable[[str], None]) -> Adapters | None:
    """One training run; None if it collapsed."""
    torch = _torch()
    functional = torch.nn.functional
    torch.manual_seed(seed)
    rng = random.Random(seed)
    if layers > len(encoder._layers):
        raise ValueError(f"fine-tuning {layers} layers needs an encoder loaded with at least that many")
    labels = sorted({t for ts in tags for t in ts})
    label_id = {t: i for i, t in enumerate(labels)}
    h, heads, ffn = encoder.hidden, encoder.heads, encoder.ffn
    hd = h // heads

    # embedding rows only for the pieces that occur (the full table is 250k rows)
    used = sorted({encoder.bos, encoder.eos, encoder.unk}
                  | {p for words in sentences for w in words for p in encoder.piece_ids(w)})
    remap = {p: i for i, p in enumerate(used)}
    bos, eos = remap[encoder.bos], remap[encoder.eos]

    def tensor(a: np.ndarray):
        return torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))

    table = tensor(encoder._embed(np.array(used, dtype=np.int64)))
    positions, type_row = tensor(encoder._positions), tensor(encoder._type)
    emb_ln = [tensor(a) for a in encoder._emb_ln]
    base = [[tensor(a) for a in encoder._layers[i]] for i in range(layers)]
    dims = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (h, ffn), "fo": (ffn, h)}
    factors = torch.nn.ParameterDict()
    for i in range(layers):
        for m in MATRICES:
            d_in, d_out = dims[m]
            a = torch.empty(rank, d_in)
            torch.nn.init.kaiming_uniform_(a, a=math.sqrt(5))
            factors[f"{i}_{m}_a"] = torch.nn.Parameter(a)
            factors[f"{i}_{m}_b"] = torch.nn.Parameter(torch.zeros(d_out, rank))
    head = torch.nn.Linear(h, len(labels))
    dropout = torch.nn.Dropout(DROPOUT)
    scale = alpha / rank

    def delta(i: int, m: str, x):
        return (x @ factors[f"{i}_{m}_a"].T) @ factors[f"{i}_{m}_b"].T * scale

    def hidden(ids, lengths):
        b, n = ids.shape
        x = functional.layer_norm(table[ids] + positions[:n] + type_row, (h,), *emb_ln, encoder.eps)
        keep = torch.arange(n)[None, :] < lengths[:, None]
        mask = torch.zeros(b, 1, 1, n).masked_fill(~keep[:, None, None, :], -1e30)
        flat = x.reshape(-1, h)
        for i, (qkv, qkv_b, ao, ao_b, aln_w, aln_b, fi, fi_b, fo, fo_b, oln_w, oln_b) in enumerate(base):
            proj = flat @ qkv + qkv_b
            proj = proj + torch.cat([delta(i, m, flat) for m in ("q", "k", "v")], dim=1)
            proj = proj.reshape(b, n, 3, heads, hd)
            q, k, v = (proj[:, :, j].transpose(1, 2) for j in range(3))
            ctx = functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            ctx = ctx.transpose(1, 2).reshape(-1, h)
            flat = functional.layer_norm(flat + ctx @ ao + ao_b + delta(i, "ao", ctx), (h,), aln_w, aln_b,
                                         encoder.eps)
            mid = functional.gelu(flat @ fi + fi_b + delta(i, "fi", flat))
            flat = functional.layer_norm(flat + mid @ fo + fo_b + delta(i, "fo", mid), (h,), oln_w, oln_b,
                                         encoder.eps)
        return flat.reshape(b, n, h)

    wins = [(s, first, [remap[p] for p in ids], heads)
            for s, first, ids, heads in encoder.windows(sentences)]
    tag_ids = [[label_id[t] for t in ts] for ts in tags]

    def collate(idx: list[int]):
        chunk = [wins[i] for i in idx]
        n = max(len(c[2]) for c in chunk) + 2
        ids = torch.zeros(len(chunk), n, dtype=torch.long)
        lengths = torch.zeros(len(chunk), dtype=torch.long)
        rows, cols, gold = [], [], []
        for r, (s, first, pieces, head_positions) in enumerate(chunk):
            seq = [bos, *pieces, eos]
            ids[r, :len(seq)] = torch.tensor(seq)
            lengths[r] = len(seq)
            rows.extend([r] * len(head_positions))
            cols.extend(head_positions)
            gold.extend(tag_ids[s][first:first + len(head_positions)])
        return ids, lengths, torch.tensor(rows), torch.tensor(cols), torch.tensor(gold)

    groups = batches(wins, batch_tokens)
    steps = epochs * len(groups)
    warm = max(1, int(WARMUP * steps))
    params = [*factors.parameters(), *head.parameters()]
    optimiser = torch.optim.AdamW([
        {"params": list(factors.parameters()), "lr": learning_rate},
        {"params": list(head.parameters()), "lr": HEAD_LEARNING_RATE},
    ], weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    log(f"fine-tuning {layers} layers, rank {rank}: {sum(p.numel() for p in params)} parameters, "
        f"{len(sentences)} sentences in {len(groups)} batches, {epochs} epochs")
    for epoch in range(1, epochs + 1):
        started = time.time()
        total, count = 0.0, 0
        order = list(range(len(groups)))
        rng.shuffle(order)
        for g in order:
            ids, lengths, rows, cols, gold = collate(groups[g])
            logits = head(dropout(hidden(ids, lengths)[rows, cols]))
            loss = functional.cross_entropy(logits, gold)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
            schedule.step()
            total += loss.item() * len(gold)
            count += len(gold)
        loss_mean = total / max(count, 1)
        log(f"  epoch {epoch}/{epochs}: loss {loss_mean:.4f}, {time.time() - started:.0f}s")
        if epoch == 2 and len(groups) >= MIN_BATCHES_TO_JUDGE and not loss_mean <= COLLAPSED_LOSS:  # NaN too
            return None

    def array(p) -> np.ndarray:
        return p.detach().numpy().astype(np.float32)

    return Adapters(
        {(i, m): (array(factors[f"{i}_{m}_a"]), array(factors[f"{i}_{m}_b"]))
         for i in range(layers) for m in MATRICES},
        scale, array(head.weight), array(head.bias), labels)
