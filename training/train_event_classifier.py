"""Train the learned event fallback's sentence classifier and write its weights.

    .venv/bin/python training/train_event_classifier.py [--check]

Reads ``training/sentences/<CATEGORY>.txt`` (one sentence a line, written by this project
in its own words; ``NONE.txt`` holds sentences with no event), parses them with faultline's
own spaCy pipeline, turns each into the features of
:func:`faultline.extract.event_classifier.features`, and fits a multinomial logistic
regression (softmax, L2 penalty, full-batch Adam; numpy only, fixed seed, so a rerun gives
the same weights). The penalty (best accuracy) and the probability threshold (best F0.75 of
emitted events: a false event costs more than a missed one) are chosen by 5-fold
cross-validation on these sentences (never on ../shared/eval); the final model is fitted on
all of them and written to ``faultline/data/classifier/event_classifier.json`` as plain
arrays. ``--check`` only prints the cross-validated figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from faultline.extract.event_classifier import NONE, WEIGHTS, features  # noqa: E402
from faultline.nlp import load_nlp  # noqa: E402
from faultline.options import DEFAULT_MODEL  # noqa: E402

SENTENCES = Path(__file__).resolve().parent / "sentences"
FOLDS = 5
PENALTIES = (1e-3, 3e-3)
MIN_COUNT = 2  # a feature must occur in at least this many training sentences
EPOCHS = 300
SEED = 7


def read_sentences() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for path in sorted(SENTENCES.glob("*.txt")):
        label = path.stem.upper()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            text = line.strip()
            if text and not text.startswith("#"):
                out.append((label, text))
            elif not text and n < 2:
                raise SystemExit(f"{path}: empty first line")
    return out


def featurize(texts: list[str]) -> list[list[str]]:
    nlp = load_nlp(DEFAULT_MODEL)
    return [features(doc[:]) for doc in nlp.pipe(texts, batch_size=64)]


class Design:
    """A binary sentence-by-feature matrix kept as its non-zero cells (most sentences have a
    few dozen of several thousand features): x @ w and x.T @ g without a dense matrix."""

    def __init__(self, rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]):
        order = np.lexsort((cols, rows))
        self.rows, self.cols, self.shape = rows[order], cols[order], shape
        self.row_starts = np.searchsorted(self.rows, np.arange(shape[0]))
        by_col = np.argsort(self.cols, kind="stable")
        self.t_rows, self.t_cols = self.rows[by_col], self.cols[by_col]
        self.used, self.col_starts = np.unique(self.t_cols, return_index=True)

    def __matmul__(self, w: np.ndarray) -> np.ndarray:
        out = np.zeros((self.shape[0], w.shape[1]))
        if len(self.cols):
            sums = np.add.reduceat(w[self.cols], self.row_starts.clip(max=len(self.cols) - 1))
            filled = np.diff(np.append(self.row_starts, len(self.cols))) > 0
            out[filled] = sums[filled]
        return out

    def t_matmul(self, g: np.ndarray) -> np.ndarray:
        out = np.zeros((self.shape[1], g.shape[1]))
        if len(self.t_cols):
            out[self.used] = np.add.reduceat(g[self.t_rows], self.col_starts)
        return out


def design(rows: list[list[str]], vocab: dict[str, int]) -> Design:
    r: list[int] = []
    c: list[int] = []
    for i, feats in enumerate(rows):
        for j in sorted({vocab[f] for f in feats if f in vocab}):
            r.append(i)
            c.append(j)
    return Design(np.array(r, dtype=np.int64), np.array(c, dtype=np.int64),
                  (len(rows), len(vocab)))


def build_vocab(rows: list[list[str]]) -> dict[str, int]:
    counts = Counter(f for feats in rows for f in set(feats))
    kept = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    return {f: k for k, f in enumerate(kept)}


def fit(x: Design, y: np.ndarray, n_labels: int, penalty: float
        ) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED)
    w = rng.normal(0.0, 0.01, (x.shape[1], n_labels))
    b = np.zeros(n_labels)
    onehot = np.eye(n_labels)[y]
    mw, vw, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    lr, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    n = x.shape[0]
    for t in range(1, EPOCHS + 1):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = p - onehot
        gw = x.t_matmul(grad) / n + penalty * w
        gb = grad.mean(axis=0)
        mw = beta1 * mw + (1 - beta1) * gw
        vw = beta2 * vw + (1 - beta2) * gw * gw
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb * gb
        w -= lr * (mw / (1 - beta1 ** t)) / (np.sqrt(vw / (1 - beta2 ** t)) + eps)
        b -= lr * (mb / (1 - beta1 ** t)) / (np.sqrt(vb / (1 - beta2 ** t)) + eps)
    return w, b


def predict(x: Design, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    z = x @ w + b
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def cross_validate(rows: list[list[str]], y: np.ndarray, n_labels: int, penalty: float
                   ) -> np.ndarray:
    """Out-of-fold probabilities: sentence i is in fold i % FOLDS."""
    probs = np.zeros((len(rows), n_labels))
    folds = np.arange(len(rows)) % FOLDS
    for k in range(FOLDS):
        train = [i for i in range(len(rows)) if folds[i] != k]
        test = [i for i in range(len(rows)) if folds[i] == k]
        vocab = build_vocab([rows[i] for i in train])
        w, b = fit(design([rows[i] for i in train], vocab), y[train], n_labels, penalty)
        probs[test] = predict(design([rows[i] for i in test], vocab), w, b)
    return probs


NONE_SHARE = 0.5  # the share of sentences with actors but no event the threshold assumes
BETA = 0.75  # precision weighs more than recall (a false event is worse than none), less than twice


def choose_threshold(probs: np.ndarray, y: np.ndarray, none: int) -> tuple[float, dict[str, float]]:
    """The threshold with the best F-beta (BETA) of emitted events: an event emitted with the
    right category is a hit, one with the wrong category (or on a NONE sentence) a false
    event, an event sentence left empty or mislabelled a miss. A false event on a NONE
    sentence counts NONE_SHARE / (1 - NONE_SHARE) times as many event sentences as there are
    NONE sentences: in an article, sentences with actors and no event are that common."""
    best = (0.0, -1.0, {})
    top = probs.argmax(axis=1)
    p = probs.max(axis=1)
    n_events = int((y != none).sum())
    n_none = max(1, int((y == none).sum()))
    weight = NONE_SHARE / (1 - NONE_SHARE) * n_events / n_none
    for t in np.arange(0.10, 0.91, 0.05):
        emit = (top != none) & (p >= t)
        tp = int((emit & (top == y)).sum())
        fp = int((emit & (top != y) & (y != none)).sum()) + \
            weight * int((emit & (y == none)).sum())
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / n_events
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        b2 = BETA * BETA
        fb = (1 + b2) * prec * rec / (b2 * prec + rec) if prec + rec else 0.0
        if fb > best[1] + 1e-9:
            false_on_none = int((emit & (y == none)).sum()) / max(1, int((y == none).sum()))
            best = (round(float(t), 2), fb, {"precision": prec, "recall": rec, "f1": f1,
                                              f"f{BETA:g}": fb,
                                              "false_event_rate_on_none": false_on_none})
    return best[0], best[2]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--check", action="store_true", help="cross-validate only")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    args = parser.parse_args(argv)
    data = read_sentences()
    labels = sorted({label for label, _ in data} - {NONE}) + [NONE]
    index = {label: k for k, label in enumerate(labels)}
    y = np.array([index[label] for label, _ in data])
    rows = featurize([text for _, text in data])
    print(f"{len(data)} sentences: " + ", ".join(f"{k} {v}" for k, v in
                                                sorted(Counter(lb for lb, _ in data).items())))
    best: tuple[float, float, np.ndarray] | None = None
    for penalty in PENALTIES:
        probs = cross_validate(rows, y, len(labels), penalty)
        acc = float((probs.argmax(axis=1) == y).mean())
        print(f"penalty {penalty:g}: {FOLDS}-fold accuracy {acc:.3f}")
        if best is None or acc > best[1]:
            best = (penalty, acc, probs)
    assert best is not None
    penalty, acc, probs = best
    threshold, at = choose_threshold(probs, y, index[NONE])
    print(f"chosen penalty {penalty:g} (accuracy {acc:.3f}); threshold {threshold} -> "
          + ", ".join(f"{k} {v:.3f}" for k, v in at.items()))
    per = Counter()
    right = Counter()
    for yi, pi in zip(y, probs.argmax(axis=1), strict=True):
        per[labels[yi]] += 1
        right[labels[yi]] += int(yi == pi)
    print("  per label (cross-validated recall): " + ", ".join(
        f"{lb} {right[lb] / per[lb]:.2f}" for lb in labels))
    if args.check:
        return 0
    vocab = build_vocab(rows)
    w, b = fit(design(rows, vocab), y, len(labels), penalty)
    keep = [f for f, j in vocab.items() if np.abs(w[j]).max() >= 1e-3]
    out = {
        "labels": labels,
        "bias": [round(float(v), 4) for v in b],
        "features": keep,
        "weights": [[round(float(v), 4) for v in w[vocab[f]]] for f in keep],
        "threshold": threshold,
        "info": {"sentences": len(data), "penalty": penalty, "cv_accuracy": round(acc, 4),
                 "cv_at_threshold": {k: round(v, 4) for k, v in at.items()},
                 "trained_by": "training/train_event_classifier.py"},
    }
    args.out.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(keep)} features, {args.out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
