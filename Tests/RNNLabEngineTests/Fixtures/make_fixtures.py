#!/usr/bin/env python3
"""Writes the PyTorch reference fixtures in torch/ (autograd in float64).

Each fixture is one JSON file: a recurrent model (cell, sizes, layers,
bidirectional), its parameters under PyTorch's names, an input batch, a probe,
and what PyTorch computes for them:

    loss = sum over b, t, k of output[b][t][k] * probe[b][t][k]

with `output` the top layer's output at every step, [B][T][D*H], forward half
first; `expected` holds the output, the loss, dL/d input and dL/d every
parameter. The standard cells run through torch.nn.RNN/LSTM/GRU themselves;
peephole and CIFG, which PyTorch lacks, are written out below with the same
conventions (see README.md in this folder). The tests run every torch/*.json
against the engine, so adding a case to CASES and re-running adds a test.

    python3 make_fixtures.py            # rewrite torch/*.json
    python3 make_fixtures.py --check    # compare with the committed files, write nothing

Parameters, inputs and probes are drawn from torch's CPU generator seeded per
case, uniform in [-0.6, 0.6), in the order: for each layer, for each
direction, weight_ih, weight_hh, bias_ih, bias_hh (peephole: then weight_ci,
weight_cf, weight_co); then the input; then the probe. So they regenerate bit
for bit; the expected values agree to rounding (1e-12 is checked).
"""
import argparse
import json
import math
import os
import sys

import torch

torch.set_default_dtype(torch.float64)

# name, cell, input size, hidden size, batch, steps, layers, bidirectional, seed
CASES = [
    ("rnn_basic", "rnn", 3, 4, 2, 5, 1, False, 1),
    ("lstm_basic", "lstm", 3, 4, 2, 5, 1, False, 2),
    ("gru_basic", "gru", 3, 4, 2, 5, 1, False, 3),
    ("cifg_basic", "cifg", 3, 4, 2, 5, 1, False, 4),
    ("peephole_basic", "peephole", 3, 4, 2, 5, 1, False, 5),
    ("birnn_basic", "rnn", 2, 3, 2, 4, 1, True, 6),
    ("lstm_two_layers", "lstm", 2, 3, 3, 6, 2, False, 7),
]

GATE_BLOCKS = {"rnn": 1, "lstm": 4, "peephole": 4, "cifg": 3, "gru": 3}
TORCH_MODULES = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
TOLERANCE = 1e-12
FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch")


def draw_parameters(cell, input_size, hidden, layers, bidirectional, uniform):
    """PyTorch-named parameters, drawn in the documented order."""
    directions = 2 if bidirectional else 1
    rows = GATE_BLOCKS[cell] * hidden
    parameters = {}
    for layer in range(layers):
        columns = input_size if layer == 0 else directions * hidden
        for suffix in [f"_l{layer}", f"_l{layer}_reverse"][:directions]:
            parameters["weight_ih" + suffix] = uniform(rows, columns)
            parameters["weight_hh" + suffix] = uniform(rows, hidden)
            parameters["bias_ih" + suffix] = uniform(rows)
            parameters["bias_hh" + suffix] = uniform(rows)
            if cell == "peephole":
                for gate in ("ci", "cf", "co"):
                    parameters[f"weight_{gate}" + suffix] = uniform(hidden)
    return parameters


def torch_module_output(cell, inputs, parameters, hidden, layers, bidirectional):
    """The output of torch.nn.RNN/LSTM/GRU with these parameters, [B, T, D*H]."""
    module = TORCH_MODULES[cell](inputs.shape[2], hidden, num_layers=layers,
                                 bidirectional=bidirectional, batch_first=True)
    # Run the module with our tensors in place of its own, so autograd reaches ours.
    output, _ = torch.func.functional_call(module, parameters, (inputs,))
    return output


def written_out_direction(cell, inputs, parameters, suffix, hidden):
    """One direction of a peephole or CIFG layer, [B, T, H], from zero state."""
    batch, steps, _ = inputs.shape
    h = torch.zeros(batch, hidden)
    c = torch.zeros(batch, hidden)
    w_ih, w_hh = parameters["weight_ih" + suffix], parameters["weight_hh" + suffix]
    b_ih, b_hh = parameters["bias_ih" + suffix], parameters["bias_hh" + suffix]
    outputs = []
    for t in range(steps):
        gates = (inputs[:, t] @ w_ih.T + b_ih) + (h @ w_hh.T + b_hh)
        if cell == "peephole":  # i and f see the previous cell state, o the new one
            i, f, g, o = gates.chunk(4, dim=1)
            i = torch.sigmoid(i + parameters["weight_ci" + suffix] * c)
            f = torch.sigmoid(f + parameters["weight_cf" + suffix] * c)
            c = f * c + i * torch.tanh(g)
            h = torch.sigmoid(o + parameters["weight_co" + suffix] * c) * torch.tanh(c)
        else:  # cifg: blocks f, g, o; the input gate is 1 - f
            f, g, o = gates.chunk(3, dim=1)
            f = torch.sigmoid(f)
            c = f * c + (1 - f) * torch.tanh(g)
            h = torch.sigmoid(o) * torch.tanh(c)
        outputs.append(h)
    return torch.stack(outputs, dim=1)


def written_out_output(cell, inputs, parameters, hidden, layers, bidirectional):
    """Stacked (and bidirectional) peephole or CIFG layers, [B, T, D*H]."""
    layer_input = inputs
    for layer in range(layers):
        forward = written_out_direction(cell, layer_input, parameters, f"_l{layer}", hidden)
        if bidirectional:
            backward = written_out_direction(
                cell, layer_input.flip(1), parameters, f"_l{layer}_reverse", hidden).flip(1)
            layer_input = torch.cat([forward, backward], dim=2)
        else:
            layer_input = forward
    return layer_input


def make_fixture(name, cell, input_size, hidden, batch, steps, layers, bidirectional, seed):
    generator = torch.Generator().manual_seed(seed)

    def uniform(*shape):
        return (torch.rand(*shape, generator=generator) * 2 - 1) * 0.6

    parameters = draw_parameters(cell, input_size, hidden, layers, bidirectional, uniform)
    for tensor in parameters.values():
        tensor.requires_grad_(True)
    inputs = uniform(batch, steps, input_size).requires_grad_(True)
    directions = 2 if bidirectional else 1
    probe = uniform(batch, steps, directions * hidden)
    run = torch_module_output if cell in TORCH_MODULES else written_out_output
    output = run(cell, inputs, parameters, hidden, layers, bidirectional)
    loss = (output * probe).sum()
    loss.backward()

    def plain(tensor):
        return tensor.detach().tolist()

    return {
        "name": name, "cell": cell, "input_size": input_size, "hidden_size": hidden, "batch": batch,
        "seq_len": steps, "num_layers": layers, "bidirectional": bidirectional,
        "loss": "sum(output * probe)",
        "parameters": {key: plain(value) for key, value in parameters.items()},
        "input": plain(inputs), "probe": plain(probe),
        "expected": {
            "output": plain(output), "loss": loss.item(), "grad_input": plain(inputs.grad),
            "grad_parameters": {key: plain(value.grad) for key, value in parameters.items()},
        },
    }


def largest_difference(a, b, path="$"):
    """The largest |a - b| over two JSON values of the same structure; raises on other differences."""
    if isinstance(a, dict):
        if list(a) != list(b):
            raise ValueError(f"{path}: keys {list(b)} instead of {list(a)}")
        return max((largest_difference(a[k], b[k], f"{path}.{k}") for k in a), default=0.0)
    if isinstance(a, list):
        if not isinstance(b, list) or len(a) != len(b):
            raise ValueError(f"{path}: a list of another length")
        return max((largest_difference(x, y, f"{path}[{i}]") for i, (x, y) in enumerate(zip(a, b))), default=0.0)
    if isinstance(a, float) or isinstance(b, float):
        return abs(a - b) if math.isfinite(a) and math.isfinite(b) else (0.0 if a == b else math.inf)
    if a != b:
        raise ValueError(f"{path}: {b!r} instead of {a!r}")
    return 0.0


def main():
    parser = argparse.ArgumentParser(description="Write (or --check) the PyTorch fixtures in torch/.")
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    arguments = parser.parse_args()
    failed = False
    for case in CASES:
        text = json.dumps(make_fixture(*case))
        path = os.path.join(FOLDER, case[0] + ".json")
        if not arguments.check:
            with open(path, "w") as file:
                file.write(text)
            print(f"{path}: written")
            continue
        with open(path) as file:
            committed = file.read()
        if committed == text:
            print(f"{case[0]}: byte-identical")
            continue
        try:
            difference = largest_difference(json.loads(committed), json.loads(text))
        except ValueError as error:
            difference, detail = math.inf, str(error)
        else:
            detail = f"largest |difference| {difference:.3g}"
        ok = difference <= TOLERANCE
        failed |= not ok
        print(f"{case[0]}: {'within' if ok else 'NOT within'} {TOLERANCE:g} ({detail})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
