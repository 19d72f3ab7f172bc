"""Re-evaluates a finished trial outside RNNLab: its own evaluation set, its trained weights."""
import os

from .errors import read_json
from .reference import forward, loss_and_accuracy
from .tasks import make_batch
from .weights import load_trial_model


def evaluation_set(config):
    """The trial's evaluation set (its `eval` stream), from its parsed config.json."""
    task = config["task"]
    options = {key: value for key, value in task.items() if key not in ("kind", "name")}
    trial_id = trial_id_of(config)
    return make_batch(task["kind"], config["seq_len"], config["training"]["eval_size"], config["seed"],
                      trial_id=trial_id, stream="eval", **options)


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


def evaluate(trial_dir):
    """(loss, accuracy or None) of the trial's final weights on its evaluation set,
    computed in float64 with the numpy reference cells."""
    trial = load_trial_model(trial_dir)
    config = dict(trial.config, trial_id=os.path.basename(os.path.normpath(trial_dir)))
    batch = evaluation_set(config)
    output = forward(trial.description, trial.weights, batch.inputs)
    loss, accuracy, _ = loss_and_accuracy(output, batch)
    return loss, accuracy


def recorded(trial_dir):
    """(final_eval_loss, final_eval_accuracy) from the trial's summary.json."""
    summary = read_json(os.path.join(trial_dir, "summary.json"))
    return summary["final_eval_loss"], summary["final_eval_accuracy"]
