"""Trains a trial's setting again in PyTorch: a check of a finding outside RNNLab's engine.

    python -m rnnlab.torch_train results/long_dep/trials/first_symbol-T50-lstm-s1 --seeds 1 2 3

The setting comes from the trial's config.json: the task and its length, the
model (torch's own nn.RNN, nn.LSTM or nn.GRU where they compute RNNLab's cell;
`RNNLabModel`'s small module for peephole and CIFG), the gate bias
(`forget_bias`, a number or `chrono`), Adam at the trial's rate with
global-norm clipping, the batch size, the steps, `keep: best_val` and the
evaluation interval. The data are RNNLab's own draws (`make_batch`'s
generators: the training stream of the trial with that seed, its validation
and its evaluation set). Only the initial weights are torch's: PyTorch's
uniform ±1/√H from `torch.manual_seed(seed)`, with the gate bias written as
RNNLab writes it. So the run is an independent reimplementation of the same
experiment, not a replay of the engine's arithmetic.

torch is needed (it is optional for the rest of the package).
"""
import argparse
import json
import math
import os
import re
import sys

import numpy as np

from .errors import read_json
from .random import Generator, trial_seed
from .tasks import _MAKERS, task_options
from .torch_model import RNNLabModel
from .weights import ModelDescription


def solved(kind, loss, accuracy):
    """RNNLab's criterion: MSE below a tenth of the baseline (adding), else accuracy of at least 99 %."""
    return loss < (1 / 6) / 10 if kind == "adding" else accuracy is not None and accuracy >= 0.99


def train(config, trial_id, seed, *, steps=None):
    """Trains the setting of a parsed config.json for the trial `trial_id` with spec seed `seed`.

    Returns a dict: final eval loss and accuracy of the kept parameters, the step
    they were kept at, whether the task counts as solved, and the steps run.
    """
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(seed)
    task, training, model_config = config["task"], config["training"], config["model"]
    kind, T = task["kind"], config["seq_len"]
    options = task_options(kind, {key: value for key, value in task.items() if key not in ("kind", "name")})
    description = ModelDescription.from_config(config)
    model = RNNLabModel(description)
    _initialise(model, description, model_config, T, seed)
    base = trial_seed(seed, trial_id)

    def batches(stream, n, size):
        generator = Generator(base, stream)
        while n > 0:
            yield _MAKERS[kind](T, min(size, n), generator, options)
            n -= size

    batch_size = training["batch_size"]
    val_size = training.get("val_size") or training["eval_size"]
    validation = list(batches("val", val_size, batch_size))
    evaluation = list(batches("eval", training["eval_size"], batch_size))
    optimizer = torch.optim.Adam(model.parameters(), lr=training["learning_rate"], betas=(0.9, 0.999), eps=1e-8)
    steps = steps or training["steps"]
    keep_best = training.get("keep") == "best_val"
    best = (math.inf, 0, None)
    for step, batch in enumerate(batches("data", steps * batch_size, batch_size), start=1):
        loss, _ = _loss(model, batch, torch)
        optimizer.zero_grad()
        loss.backward()
        if training.get("clip_norm"):
            torch.nn.utils.clip_grad_norm_(model.parameters(), training["clip_norm"])
        optimizer.step()
        if keep_best and (step % training["eval_every"] == 0 or step == steps):
            val_loss, _ = _evaluate(model, validation, torch)
            if val_loss < best[0]:
                best = (val_loss, step, {k: v.detach().clone() for k, v in model.state_dict().items()})
    kept_step = steps
    if keep_best and best[2] is not None:
        model.load_state_dict(best[2])
        kept_step = best[1]
    loss, accuracy = _evaluate(model, evaluation, torch)
    return {"final_eval_loss": loss, "final_eval_accuracy": accuracy, "kept_step": kept_step,
            "solved": solved(kind, loss, accuracy), "steps": steps}


def _initialise(model, description, model_config, T, seed):
    """torch's uniform ±1/√H everywhere, then the gate bias as RNNLab writes it (docs/cells.md)."""
    import torch

    bound = 1 / math.sqrt(description.hidden)
    with torch.no_grad():
        for name, parameter in model.rnn.named_parameters():
            parameter.uniform_(-bound, bound)
    bias = model_config.get("forget_bias")
    if bias is None or description.cell == "rnn" or not description.forget_gate:
        return
    H = description.hidden
    # The block of the gate that keeps memory: f of i,f,g,o (lstm, peephole), f of f,g,o (cifg), z of r,z,n (gru).
    keep = {"lstm": 1, "peephole": 1, "cifg": 0, "gru": 1}[description.cell]
    chrono = np.random.default_rng(seed) if bias == "chrono" else None
    t_max = model_config.get("chrono_t_max") or T
    with torch.no_grad():
        for name, parameter in model.rnn.named_parameters():
            if not name.startswith("bias_"):
                continue
            block = parameter[keep * H:(keep + 1) * H]
            if name.startswith("bias_hh"):
                block.zero_()
                if bias == "chrono" and description.cell in ("lstm", "peephole"):
                    parameter[0:H].zero_()
                continue
            if chrono is None:
                block.fill_(float(bias))
            else:
                values = torch.from_numpy(np.log(chrono.uniform(1, t_max - 1, size=H))).to(parameter.dtype)
                block.copy_(values)
                if description.cell in ("lstm", "peephole"):
                    parameter[0:H].copy_(-values)


def _loss(model, batch, torch):
    """(mean loss, accuracy or None) of one batch, averaged as RNNLab does."""
    output = model(torch.from_numpy(batch.inputs))
    if batch.target_kind == "regression_at_end":
        return torch.nn.functional.mse_loss(output, torch.from_numpy(batch.targets)), None
    logits = output.reshape(-1, output.shape[-1])
    labels = torch.from_numpy(batch.targets.reshape(-1).astype(np.int64))
    losses = torch.nn.functional.cross_entropy(logits, labels, reduction="none")
    scored = torch.ones_like(losses, dtype=torch.bool) if batch.loss_mask is None \
        else torch.from_numpy(batch.loss_mask.reshape(-1) != 0)
    rows = scored if batch.accuracy_mask is None else torch.from_numpy(batch.accuracy_mask.reshape(-1) != 0)
    right = (logits.argmax(dim=1) == labels)[rows]
    return losses[scored].mean(), (right.sum().item(), right.numel())


def _evaluate(model, batches, torch):
    """(loss, accuracy or None) over a fixed set, weighted by each batch's scored terms."""
    total, terms, right, counted = 0.0, 0, 0, 0
    with torch.no_grad():
        for batch in batches:
            loss, accuracy = _loss(model, batch, torch)
            n = batch.targets.size if batch.loss_mask is None else int(batch.loss_mask.sum())
            total, terms = total + loss.item() * n, terms + n
            if accuracy is not None:
                right, counted = right + accuracy[0], counted + accuracy[1]
    return total / terms, (right / counted if counted else None)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m rnnlab.torch_train", description=__doc__.split("\n\n")[0])
    parser.add_argument("trial", help="a trial folder (its config.json gives the setting)")
    parser.add_argument("--seeds", type=int, nargs="+", help="spec seeds to train (default: the trial's)")
    parser.add_argument("--steps", type=int, help="train this many steps instead of the trial's")
    arguments = parser.parse_args(argv)
    config = read_json(os.path.join(arguments.trial, "config.json"))
    folder = os.path.basename(os.path.normpath(arguments.trial))
    results = []
    for seed in arguments.seeds or [config["seed"]]:
        trial_id = re.sub(r"-s-?\d+$", f"-s{seed}", folder)
        result = train(dict(config, seed=seed), trial_id, seed, steps=arguments.steps)
        results.append(result)
        print(json.dumps({"trial_id": trial_id, **result}), flush=True)
    k = sum(r["solved"] for r in results)
    print(f"{folder} in PyTorch: solved {k}/{len(results)}", file=sys.stderr)


if __name__ == "__main__":
    main()
