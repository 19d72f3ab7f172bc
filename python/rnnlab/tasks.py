"""RNNLab's synthetic tasks in numpy, drawn exactly as Sources/RNNLabTasks draws them.

`make_batch("adding", T=100, n=32, seed=1)` gives a batch from the generator
`Generator(1)`. With `trial_id=`, `seed` is the trial's spec seed and the
batch comes from that trial's own stream, as `runner` draws it: `stream="data"`
(the default) gives its first training batch when `n` is the batch size, and
`stream="eval"` with `n = eval_size` its evaluation set. Every task draws one
sequence at a time, so the first `n` sequences never depend on how they are
grouped into batches.

Layouts are RNNLab's and PyTorch's default: `inputs` is time-major
`[T, n, I]` float32; targets are `[n, O]` float32 (adding), `[n]` class
indices (first_symbol, temporal_order) or `[T, n]` class indices with
`loss_mask` and `accuracy_mask` (copy, lookahead).
"""
import math
from dataclasses import dataclass
from typing import Optional

import numpy as np

from .random import Generator, trial_seed

# Options of each kind with their defaults (RNNLabTasks).
DEFAULTS = {
    "adding": {"placement": "halves"},
    "copy": {"copy_length": 10, "symbols": 8},
    "first_symbol": {"classes": 4, "distractors": 8},
    "temporal_order": {"distractors": 4},
    "lookahead": {"offset": 5, "symbols": 8},
}


@dataclass
class Batch:
    """One batch: time-major inputs and the targets the task's loss reads."""
    kind: str
    inputs: np.ndarray  # [steps, n, input_size] float32
    targets: np.ndarray  # [n, 1] float32, [n] int64 or [steps, n] int64
    target_kind: str  # "regression_at_end", "class_at_end" or "class_every_step"
    loss_mask: Optional[np.ndarray] = None  # [steps, n] 0/1 (class_every_step)
    accuracy_mask: Optional[np.ndarray] = None  # [steps, n] 0/1 (class_every_step)
    baseline: float = math.nan  # the loss of the best predictor that ignores the long dependency


# Keys of a config.json's task that are not options of the kind: its kind, its
# name, and the lengths it is also tested at (`evaluation: {lengths: …}`).
TASK_KEYS = ("kind", "name", "evaluation")


def task_options(kind, options):
    """The kind's options with defaults filled in; unknown kinds or options are errors."""
    if kind not in DEFAULTS:
        raise ValueError(f"unknown task kind '{kind}' (expected one of: {', '.join(DEFAULTS)})")
    unknown = sorted(set(options) - set(DEFAULTS[kind]))
    if unknown:
        raise ValueError(f"{kind}: unknown option '{unknown[0]}' (expected one of: {', '.join(DEFAULTS[kind])})")
    return {**DEFAULTS[kind], **options}


def sizes(kind, **options):
    """(input_size, output_size) of a task, as RNNLab sizes the model's edges."""
    o = task_options(kind, options)
    return {
        "adding": lambda: (2, 1),
        "copy": lambda: (o["symbols"] + 2, o["symbols"] + 1),
        "first_symbol": lambda: (o["classes"] + o["distractors"], o["classes"]),
        "temporal_order": lambda: (o["distractors"] + 4, 4),
        "lookahead": lambda: (o["symbols"], o["symbols"]),
    }[kind]()


def make_batch(task, T, n, seed, *, trial_id=None, stream=None, **options):
    """`n` sequences of task `task` at length `T` (see the module notes for `seed`)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    o = task_options(task, options)
    shortest = {"adding": 4 if o.get("placement") == "hochreiter" else 2, "copy": 1, "first_symbol": 2,
                "temporal_order": 4, "lookahead": o.get("offset", 0) + 1}[task]
    if T < shortest:
        raise ValueError(f"{task}: seq_len must be at least {shortest}, got {T}")
    if trial_id is not None:
        generator = Generator(trial_seed(seed, trial_id), stream or "data")
    else:
        generator = Generator(seed, stream)
    return _MAKERS[task](T, n, generator, o)


def _one_hot_inputs(steps, n, width):
    return np.zeros((steps, n, width), dtype=np.float32)


def _distinct_step(generator, taken, bound):
    step = generator.next_int(bound - 1)
    return step + 1 if step >= taken else step


def _adding(T, n, g, o):
    placement = o["placement"]
    inputs = _one_hot_inputs(T, n, 2)
    targets = np.zeros((n, 1), dtype=np.float32)
    half = T // 2
    for b in range(n):
        if placement == "halves":
            first = g.next_int(half)
            second = half + g.next_int(T - half)
        elif placement == "hochreiter":
            first = g.next_int(min(10, half))
            second = _distinct_step(g, first, half)
        elif placement == "anywhere":
            first = g.next_int(T)
            second = _distinct_step(g, first, T)
        else:
            raise ValueError(f"adding: unknown placement '{placement}' (expected one of: halves, hochreiter, anywhere)")
        values = [g.next_float() for _ in range(T)]
        inputs[:, b, 0] = values
        inputs[[first, second], b, 1] = 1
        # Summed in float32 in step order, as RNNLab adds (0 + v is exact).
        total = np.float32(values[min(first, second)]) + np.float32(values[max(first, second)])
        targets[b, 0] = total
    return Batch("adding", inputs, targets, "regression_at_end", baseline=1 / 6)


def _copy(T, n, g, o):
    K, S = o["copy_length"], o["symbols"]
    steps = T + 2 * K
    blank, delimiter, first_recall = S, S + 1, T + K
    inputs = _one_hot_inputs(steps, n, S + 2)
    labels = np.full((steps, n), blank, dtype=np.int64)
    accuracy = np.zeros((steps, n), dtype=np.float32)
    for b in range(n):
        for position in range(K):
            symbol = g.next_int(S)
            inputs[position, b, symbol] = 1
            labels[first_recall + position, b] = symbol
            accuracy[first_recall + position, b] = 1
        for t in range(K, steps):
            inputs[t, b, delimiter if t == first_recall - 1 else blank] = 1
    return Batch("copy", inputs, labels, "class_every_step", np.ones((steps, n), dtype=np.float32), accuracy,
                 baseline=K * math.log(S) / steps)


def _first_symbol(T, n, g, o):
    C, D = o["classes"], o["distractors"]
    inputs = _one_hot_inputs(T, n, C + D)
    labels = np.zeros(n, dtype=np.int64)
    for b in range(n):
        label = g.next_int(C)
        labels[b] = label
        symbols = [label] + [C + g.next_int(D) for _ in range(1, T)]
        inputs[np.arange(T), b, symbols] = 1
    return Batch("first_symbol", inputs, labels, "class_at_end", baseline=math.log(C))


def temporal_order_windows(T):
    """The two windows [start, end) where the relevant symbols may sit."""
    first_start = max(1, T // 10)
    first_end = max(first_start + 1, T // 5)
    second_start = max(first_end, T // 2)
    second_end = max(second_start + 1, T * 3 // 5)
    return (first_start, first_end), (second_start, second_end)


def _temporal_order(T, n, g, o):
    D = o["distractors"]
    (a0, a1), (b0, b1) = temporal_order_windows(T)
    x, start_marker, end_marker = D, D + 2, D + 3
    inputs = _one_hot_inputs(T, n, D + 4)
    labels = np.zeros(n, dtype=np.int64)
    for b in range(n):
        first = a0 + g.next_int(a1 - a0)
        second = b0 + g.next_int(b1 - b0)
        first_is_y, second_is_y = g.next_int(2), g.next_int(2)
        labels[b] = 2 * first_is_y + second_is_y
        for t in range(T):
            if t == 0:
                symbol = start_marker
            elif t == T - 1:
                symbol = end_marker
            elif t == first:
                symbol = x + first_is_y
            elif t == second:
                symbol = x + second_is_y
            else:
                symbol = g.next_int(D)
            inputs[t, b, symbol] = 1
    return Batch("temporal_order", inputs, labels, "class_at_end", baseline=math.log(4))


def _lookahead(T, n, g, o):
    offset, S = o["offset"], o["symbols"]
    if offset < 1:
        raise ValueError(f"lookahead: offset must be at least 1, got {offset}")
    inputs = _one_hot_inputs(T, n, S)
    labels = np.zeros((T, n), dtype=np.int64)
    mask = np.zeros((T, n), dtype=np.float32)
    for b in range(n):
        symbols = [g.next_int(S) for _ in range(T)]
        inputs[np.arange(T), b, symbols] = 1
        labels[:T - offset, b] = symbols[offset:]
    mask[:T - offset] = 1
    return Batch("lookahead", inputs, labels, "class_every_step", mask, mask.copy(), baseline=math.log(S))


_MAKERS = {"adding": _adding, "copy": _copy, "first_symbol": _first_symbol,
           "temporal_order": _temporal_order, "lookahead": _lookahead}
