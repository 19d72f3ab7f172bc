"""A results folder as pandas DataFrames.

`load_results("results/long_dep")` reads what `runner` wrote: every finished
trial (a folder under `trials/` with a `summary.json`), plus the report's
`aggregate.csv` when it is there. Unfinished trial folders are left out.
"""
import json
import math
import os
from dataclasses import dataclass, field
from typing import Optional

import pandas as pd

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


def _with_trial_id(frame, trial_id):
    if "trial_id" not in frame.columns:
        frame.insert(0, "trial_id", trial_id)
    return frame


def load_results(folder):
    """Every finished trial of `folder` as DataFrames (see `Results`)."""
    rows, metrics, flows, configs = [], [], [], {}
    for trial_id in finished_trials(folder):
        trial = os.path.join(folder, "trials", trial_id)
        with open(os.path.join(trial, "summary.json")) as file:
            rows.append({key: _finite(value) for key, value in json.load(file).items()})
        with open(os.path.join(trial, "config.json")) as file:
            configs[trial_id] = json.load(file)
        metrics.append(_with_trial_id(pd.read_csv(os.path.join(trial, "metrics.csv")), trial_id))
        flow_path = os.path.join(trial, "gradient_flow.csv")
        if os.path.isfile(flow_path):
            flows.append(_with_trial_id(pd.read_csv(flow_path), trial_id))
    summary = pd.DataFrame(rows)
    if "trial_id" in summary.columns:
        summary = summary[["trial_id"] + [c for c in summary.columns if c != "trial_id"]]
    aggregate_path = os.path.join(folder, "aggregate.csv")
    manifest_path = os.path.join(folder, "manifest.json")
    manifest = {}
    if os.path.isfile(manifest_path):
        with open(manifest_path) as file:
            manifest = json.load(file)
    return Results(
        folder=folder, summary=summary,
        metrics=pd.concat(metrics, ignore_index=True) if metrics else pd.DataFrame(),
        gradient_flow=pd.concat(flows, ignore_index=True) if flows else pd.DataFrame(),
        aggregate=pd.read_csv(aggregate_path) if os.path.isfile(aggregate_path) else None,
        configs=configs, manifest=manifest)
