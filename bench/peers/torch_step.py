#!/usr/bin/env python3
"""PyTorch's time for one training step of `runner bench`'s workloads.

A step is what `runner bench` times: forward over the whole sequence (input
size 2), MSE on a linear head of the final state (for bilstm the forward
state at t = T and the backward state at t = 1, concatenated), backward
through time, global-norm clipping at 1.0 and one Adam update (lr 1e-3).
Prints the median ms per step in runner bench's table (or --format csv).

    python3 bench/peers/torch_step.py [--format csv] [--filter ID] [--steps K]
                                      [--threads N] [--flush-denormal]

--flush-denormal sets torch.set_flush_denormal(True): subnormal floats become
zero, as RNNLab and XLA do; without it, Intel cores slow down on the tiny
gradients of long sequences.
"""
import torch

from workloads import Printer, cpu_model, parse_arguments, select, time_steps

MODULES = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def make_step(workload, seed=0):
    """A closure running one training step of `workload` on fixed random data."""
    torch.manual_seed(seed)
    T, H, B = workload.T, workload.H, workload.B
    directions = 2 if workload.bidirectional else 1
    core = MODULES[workload.cell](2, H, bidirectional=workload.bidirectional)  # time-major [T, B, I]
    head = torch.nn.Linear(directions * H, 1)
    parameters = list(core.parameters()) + list(head.parameters())
    optimizer = torch.optim.Adam(parameters, lr=1e-3)
    inputs = torch.rand(T, B, 2)
    target = torch.rand(B, 1)

    def step():
        optimizer.zero_grad(set_to_none=False)
        _, state = core(inputs)
        final = state[0] if workload.cell == "lstm" else state  # h_n: [directions, B, H]
        # h_n holds each direction's last step: forward at t = T, backward at t = 1.
        features = torch.cat(list(final), dim=1)
        loss = torch.nn.functional.mse_loss(head(features), target)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(parameters, 1.0)
        optimizer.step()

    return step


def main():
    arguments = parse_arguments(
        __doc__.splitlines()[0],
        lambda p: p.add_argument("--flush-denormal", action="store_true",
                                 help="flush subnormal floats to zero, as RNNLab and XLA do"))
    torch.set_num_threads(arguments.threads)
    flushing = arguments.flush_denormal and torch.set_flush_denormal(True)
    if arguments.flush_denormal and not flushing:
        raise SystemExit("--flush-denormal: error: this CPU does not support flushing subnormals")
    header = [f"PyTorch {torch.__version__} ({torch.get_num_threads()} thread(s), "
              f"flush denormals: {'on' if flushing else 'off'})", f"CPU: {cpu_model()}"]
    printer = Printer(arguments.format, header)
    for workload in select(arguments.filter):
        median_ms, best_ms, cpu_ms = time_steps(make_step(workload), arguments.steps)
        printer.row(workload, torch.get_num_threads(), median_ms, best_ms, cpu_ms)


if __name__ == "__main__":
    main()
