"""A results folder as pandas DataFrames.

`load_results("results/long_dep")` reads what `runner` wrote: every finished
trial (a folder under `trials/` with a `summary.json`), plus the report's
`aggregate.csv` when it is there. Unfinished trial folders are left out.
"""
import math
import os
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
import pandas as pd

from .errors import RNNLabFileError, read_json

_NON_FINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


@dataclass
class Results:
    """The tables of one results folder."""
    folder: str
    summary: pd.DataFrame  # one row per finished trial (its summary.json)
    metrics: pd.DataFrame  # trial_id, step, split, metric, value
    gradient_flow: pd.DataFrame  # trial_id, step, layer, direction, timestep, norm_dh, norm_dc
    aggregate: Optional[pd.DataFrame] = None  # aggregate.csv, when the report was written
    configs: dict = field(default_factory=dict)  # trial_id -> parsed config.json
    manifest: dict = field(default_factory=dict)  # manifest.json, when present

    def trial_dir(self, trial_id):
        """The folder of one trial."""
        return os.path.join(self.folder, "trials", trial_id)


def finished_trials(folder):
    """Ids of the finished trials of a results folder, sorted."""
    trials = os.path.join(folder, "trials")
    if not os.path.isdir(trials):
        raise FileNotFoundError(f"{folder}: no trials/ folder; is this a results folder?")
    return sorted(name for name in os.listdir(trials)
                  if os.path.isfile(os.path.join(trials, name, "summary.json")))


def _finite(value):
    """RNNLab writes non-finite numbers in JSON as the strings "nan", "inf", "-inf"."""
    return _NON_FINITE.get(value, value) if isinstance(value, str) else value


# summary.json fields that hold a number (or null) in every RNNLab version.
_SUMMARY_NUMBERS = (
    "seq_len", "config_index", "hidden", "layers", "seed", "steps", "steps_completed", "parameter_count",
    "final_eval_loss", "final_eval_accuracy", "final_val_loss", "final_val_accuracy", "kept_step", "baseline",
    "steps_to_solve", "grad_norm_init", "grad_norm_mean", "clipped_fraction", "grad_decay_init",
    "grad_decay_final", "grad_decay_init_backward", "grad_decay_final_backward", "grad_underflow_init",
    "grad_underflow_final", "recurrent_radius_init", "diverged_at_step", "wall_seconds", "steps_per_second")


def _length_columns(path, entries):
    """`eval_lengths` (tests at other lengths) as summary.csv's flat columns: eval_T<T'>_loss, _accuracy, _solved."""
    if not isinstance(entries, list):
        raise RNNLabFileError(path, f"eval_lengths is {entries!r}; expected a list")
    columns = {}
    for entry in entries:
        if not (isinstance(entry, dict) and isinstance(entry.get("seq_len"), int) and not isinstance(entry["seq_len"], bool)
                and isinstance(entry.get("solved"), bool)):
            raise RNNLabFileError(path, f"eval_lengths has the entry {entry!r}; expected seq_len, loss, accuracy, solved")
        prefix = f"eval_T{entry['seq_len']}_"
        for key in ("loss", "accuracy"):
            value = _finite(entry.get(key))
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise RNNLabFileError(path, f"eval_lengths at seq_len {entry['seq_len']}: {key} is {value!r}; expected a number")
            columns[prefix + key] = value
        columns[prefix + "solved"] = entry["solved"]
    return columns


def _summary(path, trial_id):
    """summary.json as a row, once it is the summary of `trial_id` with numbers where numbers belong;
    tests at other lengths (`eval_lengths`) become flat columns as in summary.csv."""
    row = {key: _finite(value) for key, value in read_json(path).items()}
    if "eval_lengths" in row:
        row.update(_length_columns(path, row.pop("eval_lengths")))
    if row.get("trial_id") != trial_id:
        raise RNNLabFileError(path, f"is the summary of trial {row.get('trial_id')!r}, but its folder is {trial_id!r}")
    for key in _SUMMARY_NUMBERS:
        value = row.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise RNNLabFileError(path, f"{key} is {value!r}; expected a number")
    return row


# Each CSV file's columns runner always writes, and its numeric columns:
# integers, and floats (empty where runner writes no value, or nan, inf, -inf).
# A numeric column is checked wherever it appears.
_CSV = {
    "metrics.csv": (("step", "split", "metric", "value"), ("step",), ("value",)),
    "gradient_flow.csv": (("step", "layer", "direction", "timestep", "norm_dh", "norm_dc"),
                          ("step", "layer", "timestep"), ("norm_dh", "norm_dc")),
    "aggregate.csv": (("task", "model", "seq_len", "metric", "n", "mean"),
                      ("seq_len", "trials", "done", "diverged", "failed", "solved", "n", "dropped"),
                      ("mean", "std", "min", "max")),
}


def _read_csv(path, trial_id=None):
    """A CSV file runner wrote, its numeric columns numeric; one bad cell is an RNNLabFileError naming it."""
    columns, integers, floats = _CSV[os.path.basename(path)]
    try:
        # Only an empty cell and runner's "nan" are missing values; "NA", "null", … are not numbers.
        # Blank lines are kept (and fail as rows) so that row i is line i + 2.
        frame = pd.read_csv(path, keep_default_na=False, na_values=["", "nan"], skip_blank_lines=False)
    except (ValueError, UnicodeDecodeError) as error:  # pandas' ParserError is a ValueError
        raise RNNLabFileError(path, f"not a readable CSV file ({error})") from None
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise RNNLabFileError(path, f"has no column {', '.join(missing)} (columns: {', '.join(frame.columns)})")
    for column in [column for column in integers + floats if column in frame.columns]:
        kind = frame[column].dtype.kind
        if kind == "i" or (kind in "if" and column in floats):  # parsed as numbers already: the common case
            frame[column] = frame[column].astype("float64" if column in floats else "int64")
            continue
        values = pd.to_numeric(frame[column], errors="coerce")
        wrong = values.isna() & frame[column].notna()
        if column in integers:
            wrong |= values.isna() | ~np.isfinite(values) | (values != values.round())
        if wrong.any():
            row = int(wrong.to_numpy().argmax())
            cell = frame[column].iloc[row]
            expected = "an integer" if column in integers else "a number"
            raise RNNLabFileError(path, f"line {row + 2}: {column} is {'empty' if pd.isna(cell) else repr(cell)}, "
                                        f"expected {expected}")
        frame[column] = values.astype("int64") if column in integers else values.astype("float64")
    if trial_id is not None:
        if "trial_id" in frame.columns and not (frame["trial_id"].astype(str) == trial_id).all():
            raise RNNLabFileError(path, f"has rows of another trial than its folder's, {trial_id!r}")
        if "trial_id" not in frame.columns:
            frame.insert(0, "trial_id", trial_id)
    return frame


def load_results(folder):
    """Every finished trial of `folder` as DataFrames (see `Results`).

    Each file is checked against what runner writes: JSON that parses, a
    summary.json whose trial_id is its folder's name, CSV files with their
    columns and numbers in the numeric ones. A file that fails raises
    `RNNLabFileError` naming it.
    """
    rows, metrics, flows, configs = [], [], [], {}
    for trial_id in finished_trials(folder):
        trial = os.path.join(folder, "trials", trial_id)
        rows.append(_summary(os.path.join(trial, "summary.json"), trial_id))
        configs[trial_id] = read_json(os.path.join(trial, "config.json"))
        metrics.append(_read_csv(os.path.join(trial, "metrics.csv"), trial_id))
        flow_path = os.path.join(trial, "gradient_flow.csv")
        if os.path.isfile(flow_path):
            flows.append(_read_csv(flow_path, trial_id))
    summary = pd.DataFrame(rows)
    if "trial_id" in summary.columns:
        summary = summary[["trial_id"] + [c for c in summary.columns if c != "trial_id"]]
    aggregate_path = os.path.join(folder, "aggregate.csv")
    manifest_path = os.path.join(folder, "manifest.json")
    return Results(
        folder=folder, summary=summary,
        metrics=pd.concat(metrics, ignore_index=True) if metrics else pd.DataFrame(),
        gradient_flow=pd.concat(flows, ignore_index=True) if flows else pd.DataFrame(),
        aggregate=_read_csv(aggregate_path) if os.path.isfile(aggregate_path) else None,
        configs=configs, manifest=read_json(manifest_path) if os.path.isfile(manifest_path) else {})
