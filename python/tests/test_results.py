import json
import os

import numpy as np
import pandas as pd
import pytest

from conftest import RESULTS
from rnnlab import load_results


@pytest.fixture(scope="module", params=["smoke", "gates"])
def results(request):
    return load_results(os.path.join(RESULTS, request.param))


def test_summary_has_one_row_per_finished_trial(results):
    trials = sorted(os.listdir(os.path.join(results.folder, "trials")))
    assert list(results.summary["trial_id"]) == trials
    assert results.summary.columns[0] == "trial_id"
    assert set(results.summary["status"]) <= {"done", "diverged", "failed"}
    assert set(results.configs) == set(trials)


def test_summary_agrees_with_the_reports_summary_csv(results):
    committed = pd.read_csv(os.path.join(results.folder, "summary.csv")).set_index("trial_id").sort_index()
    ours = results.summary.set_index("trial_id").sort_index()
    for column in ["final_eval_loss", "grad_norm_init", "grad_decay_init", "steps_to_solve", "parameter_count"]:
        np.testing.assert_array_equal(ours[column].astype(float).to_numpy(), committed[column].astype(float).to_numpy())
    assert list(ours["config_hash"]) == list(committed["config_hash"])


def test_metrics_carry_the_trial_id_and_end_at_the_recorded_loss(results):
    metrics = results.metrics
    assert list(metrics.columns[:5]) == ["trial_id", "step", "split", "metric", "value"]
    for row in results.summary.itertuples():
        with open(os.path.join(results.trial_dir(row.trial_id), "metrics.csv")) as file:
            assert (metrics["trial_id"] == row.trial_id).sum() == sum(1 for _ in file) - 1
        evals = metrics[(metrics.trial_id == row.trial_id) & (metrics.split == "eval") & (metrics.metric == "loss")]
        assert evals.sort_values("step")["value"].iloc[-1] == row.final_eval_loss


def test_gradient_flow_covers_every_step_of_every_trial(results):
    flow = results.gradient_flow
    assert list(flow.columns[:2]) == ["trial_id", "step"]
    for row in results.summary.itertuples():
        rows = flow[(flow.trial_id == row.trial_id) & (flow.step == 0) & (flow.direction == "forward")]
        assert sorted(rows["timestep"]) == list(range(1, row.seq_len + 1))


def test_aggregate_means_are_the_means_over_seeds(results):
    aggregate = results.aggregate
    losses = aggregate[aggregate.metric == "final_eval_loss"]
    assert len(losses) > 0
    for row in losses.itertuples():
        trials = results.summary[(results.summary.task == row.task) & (results.summary.model == row.model)
                                 & (results.summary.seq_len == row.seq_len) & (results.summary.status == "done")]
        assert row.n == len(trials)
        assert row.mean == pytest.approx(trials["final_eval_loss"].mean(), rel=1e-12)


def test_a_folder_without_trials_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no trials/ folder"):
        load_results(str(tmp_path))


def test_unfinished_trials_are_left_out(tmp_path):
    trials = tmp_path / "trials"
    source = os.path.join(RESULTS, "smoke", "trials", "adding-T10-rnn-s1")
    for name in ["adding-T10-rnn-s1", "adding-T10-rnn-s2"]:
        (trials / name).mkdir(parents=True)
        for file in ["config.json", "metrics.csv", "gradient_flow.csv"] + (["summary.json"] if name.endswith("s1") else []):
            (trials / name / file).write_bytes(open(os.path.join(source, file), "rb").read())
    loaded = load_results(str(tmp_path))
    assert list(loaded.summary["trial_id"]) == ["adding-T10-rnn-s1"] and loaded.aggregate is None
    assert set(loaded.metrics["trial_id"]) == {"adding-T10-rnn-s1"}
    assert json.loads(json.dumps(loaded.manifest)) == {}
