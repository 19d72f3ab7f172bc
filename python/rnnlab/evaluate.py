"""Re-evaluates a finished trial outside RNNLab: its own evaluation set, its trained weights."""
import math
import os

from .errors import read_json
from .reference import forward, loss_and_accuracy
from .tasks import TASK_KEYS, make_batch
from .weights import load_trial_model

def _task_options(config):
    return {key: value for key, value in config["task"].items() if key not in TASK_KEYS}


def evaluation_set(config):
    """The trial's evaluation set (its `eval` stream), from its parsed config.json."""
    return make_batch(config["task"]["kind"], config["seq_len"], config["training"]["eval_size"], config["seed"],
                      trial_id=trial_id_of(config), stream="eval", **_task_options(config))


def evaluation_lengths(config):
    """The lengths the task's `evaluation: {lengths: …}` tests the trial at, ascending ([] without)."""
    return list(config["task"].get("evaluation", {}).get("lengths", []))


def length_set(config, seq_len):
    """The trial's fixed set at another length `seq_len`: `eval_size` sequences of its `eval-T<seq_len>` stream."""
    return make_batch(config["task"]["kind"], seq_len, config["training"]["eval_size"], config["seed"],
                      trial_id=trial_id_of(config), stream=f"eval-T{seq_len}", **_task_options(config))


def is_solved(batch, loss, accuracy):
    """The task's solved rule (Sources/RNNLabTasks/SolvedCriterion.swift): a regression loss below 10 % of
    the trivial baseline, a classification accuracy of at least 99 %."""
    if batch.target_kind == "regression_at_end":
        return math.isfinite(loss) and loss < 0.1 * batch.baseline
    return accuracy is not None and math.isfinite(accuracy) and accuracy >= 0.99


def trial_id_of(config):
    """`<task>-T<seq_len>-<model>-s<seed>`, the trial's id and folder name; a
    searched trial's id also has its configuration label (`-c03-`), whose
    width depends on the search's size, so it comes from config.json's
    `trial_id` when present (the folder name, checked by the loaders)."""
    if "search" in config:
        if "trial_id" not in config:
            raise ValueError("config.json of a searched trial needs its 'trial_id' (the folder name)")
        return config["trial_id"]
    return f"{config['task']['name']}-T{config['seq_len']}-{config['model']['name']}-s{config['seed']}"


def _trial(trial_dir):
    trial = load_trial_model(trial_dir)
    return trial, dict(trial.config, trial_id=os.path.basename(os.path.normpath(trial_dir)))


def evaluate(trial_dir):
    """(loss, accuracy or None) of the trial's final weights on its evaluation set,
    computed in float64 with the numpy reference cells."""
    trial, config = _trial(trial_dir)
    batch = evaluation_set(config)
    output = forward(trial.description, trial.weights, batch.inputs)
    loss, accuracy, _ = loss_and_accuracy(output, batch)
    return loss, accuracy


def evaluate_lengths(trial_dir):
    """{seq_len: (loss, accuracy or None, solved)} of the trial's final weights at each of its task's
    evaluation lengths, on the same sets runner tests them on ({} for a task without them)."""
    trial, config = _trial(trial_dir)
    results = {}
    for seq_len in evaluation_lengths(config):
        batch = length_set(config, seq_len)
        output = forward(trial.description, trial.weights, batch.inputs)
        loss, accuracy, _ = loss_and_accuracy(output, batch)
        results[seq_len] = (loss, accuracy, is_solved(batch, loss, accuracy))
    return results


def recorded(trial_dir):
    """(final_eval_loss, final_eval_accuracy) from the trial's summary.json."""
    summary = read_json(os.path.join(trial_dir, "summary.json"))
    return summary["final_eval_loss"], summary["final_eval_accuracy"]


def recorded_lengths(trial_dir):
    """{seq_len: (loss, accuracy, solved)} from the trial's summary.json `eval_lengths` ({} without)."""
    summary = read_json(os.path.join(trial_dir, "summary.json"))
    def number(value):  # runner writes non-finite numbers as "nan", "inf", "-inf"
        return float(value) if isinstance(value, str) else value
    return {entry["seq_len"]: (number(entry["loss"]), number(entry["accuracy"]), entry["solved"])
            for entry in summary.get("eval_lengths") or []}
