"""A numpy forward pass of RNNLab's models: reference cells, losses and accuracy.

Written from the equations (docs/cells.md), independent of the engine, in
float64 by default. Inputs are time-major `[T, B, I]`.
"""
import numpy as np


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _direction(d, weights, suffix, xs):
    """One direction of one layer over `xs` [T, B, in], from zero state: [T, B, H]."""
    w_ih, w_hh = weights["weight_ih" + suffix], weights["weight_hh" + suffix]
    b_ih, b_hh = weights["bias_ih" + suffix], weights["bias_hh" + suffix]
    steps, batch, _ = xs.shape
    H = d.hidden
    h = np.zeros((batch, H), dtype=xs.dtype)
    c = np.zeros((batch, H), dtype=xs.dtype)
    # [T, B, G*H], all steps in one 2-D product (numpy's stacked matmul is slow).
    input_part = (xs.reshape(steps * batch, -1) @ np.ascontiguousarray(w_ih.T) + b_ih).reshape(steps, batch, -1)
    w_hh_t = np.ascontiguousarray(w_hh.T)
    out = np.empty((steps, batch, H), dtype=xs.dtype)
    for t in range(steps):
        recurrent = h @ w_hh_t + b_hh
        if d.cell == "rnn":
            pre = input_part[t] + recurrent
            h = np.maximum(pre, 0) if d.activation == "relu" else np.tanh(pre)
        elif d.cell == "gru":  # r, z, n; the reset gate scales the projected state
            xr, xz, xn = np.split(input_part[t], 3, axis=1)
            hr, hz, hn = np.split(recurrent, 3, axis=1)
            r, z = _sigmoid(xr + hr), _sigmoid(xz + hz)
            h = (1 - z) * np.tanh(xn + r * hn) + z * h
        else:
            h, c = _lstm_family_step(d, weights, suffix, input_part[t] + recurrent, c)
        out[t] = h
    return out


def _lstm_family_step(d, weights, suffix, gates, c):
    """One step of lstm, peephole or cifg with Greff et al.'s switches: (h, c)."""
    ones = np.ones_like(c)
    if d.cell == "cifg":  # blocks f, g, o; input gate 1 - f
        f, g, o = np.split(gates, 3, axis=1)
        f = _sigmoid(f) if d.forget_gate else ones
        i = 1 - f
    else:  # blocks i, f, g, o
        i, f, g, o = np.split(gates, 4, axis=1)
        if d.cell == "peephole":
            i = i + weights["weight_ci" + suffix] * c
            f = f + weights["weight_cf" + suffix] * c
        i = _sigmoid(i) if d.input_gate else ones
        f = _sigmoid(f) if d.forget_gate else ones
    g = np.tanh(g) if d.input_activation else g
    c = f * c + i * g
    if d.cell == "peephole":
        o = o + weights["weight_co" + suffix] * c  # the output gate sees the new cell state
    o = _sigmoid(o) if d.output_gate else ones
    h = o * (np.tanh(c) if d.output_activation else c)
    return h, c


def recurrent_outputs(description, weights, inputs, dtype=np.float64):
    """The top layer's output at every step, [T, B, D*H] (forward half first),
    and each direction's final state, [B, D*H] (forward at t = T, backward at t = 1)."""
    d = description
    weights = {name: np.asarray(value, dtype=dtype) for name, value in weights.items()}
    layer_input = np.asarray(inputs, dtype=dtype)
    for layer in range(d.layers):
        forward = _direction(d, weights, f"_l{layer}", layer_input)
        if d.bidirectional:
            backward = _direction(d, weights, f"_l{layer}_reverse", layer_input[::-1])[::-1]
            layer_input = np.concatenate([forward, backward], axis=2)
        else:
            layer_input = forward
    H = d.hidden
    final = layer_input[-1] if not d.bidirectional else np.concatenate(
        [layer_input[-1, :, :H], layer_input[0, :, H:]], axis=1)
    return layer_input, final


def forward(description, weights, inputs, dtype=np.float64):
    """The model's output: [B, O] at the end, or [T, B, O] for many-to-many tasks."""
    sequence, final = recurrent_outputs(description, weights, inputs, dtype)
    head_w = np.asarray(weights["head.weight"], dtype=dtype)
    head_b = np.asarray(weights["head.bias"], dtype=dtype)
    features = sequence if description.many_to_many else final
    return features @ head_w.T + head_b


def loss_and_accuracy(output, batch):
    """(mean loss, accuracy or None, number of terms) of `output` against a `tasks.Batch`,
    averaged as RNNLab does: MSE over every element, cross-entropy over scored rows."""
    if batch.target_kind == "regression_at_end":
        difference = output - batch.targets
        return float(np.mean(difference ** 2)), None, difference.size
    logits = output.reshape(-1, output.shape[-1])
    labels = batch.targets.reshape(-1)
    scored = np.ones(labels.shape, dtype=bool) if batch.loss_mask is None else batch.loss_mask.reshape(-1) != 0
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probabilities = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    losses = -log_probabilities[np.arange(labels.size), labels]
    counted = int(scored.sum())
    loss = float(losses[scored].sum() / counted) if counted else float("nan")
    right = logits.argmax(axis=1) == labels
    accuracy_rows = scored if batch.accuracy_mask is None else batch.accuracy_mask.reshape(-1) != 0
    accuracy = float(right[accuracy_rows].mean()) if accuracy_rows.any() else None
    return loss, accuracy, counted
