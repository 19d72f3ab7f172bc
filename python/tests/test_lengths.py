"""Tests at other lengths (a task's `evaluation: {lengths: …}`): the sets rebuilt in numpy, the recorded
numbers reproduced from the saved weights, and the summary's `eval_lengths` as DataFrame columns.

The fixture `data/lengths/` is a tiny run of runner (its spec.yaml says how to rebuild it)."""
import json
import os
import shutil

import numpy as np
import pandas as pd
import pytest

from conftest import RESULTS
from rnnlab import RNNLabFileError, evaluate, evaluate_lengths, length_set, load_results
from rnnlab.evaluate import evaluation_lengths, recorded_lengths

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "lengths")
TRIALS = sorted(os.listdir(os.path.join(FIXTURE, "trials")))


def test_the_fixture_covers_every_task_that_takes_lengths():
    assert [t.split("-")[0] for t in TRIALS] == ["adding", "copy", "first_symbol", "temporal_order"]


@pytest.mark.parametrize("trial_id", TRIALS)
def test_saved_weights_give_the_recorded_numbers_at_each_length(trial_id):
    path = os.path.join(FIXTURE, "trials", trial_id)
    with open(os.path.join(path, "config.json")) as file:
        config = json.load(file)
    recorded = recorded_lengths(path)
    assert sorted(recorded) == evaluation_lengths(config) and recorded
    computed = evaluate_lengths(path)
    assert sorted(computed) == sorted(recorded)
    eval_size = config["training"]["eval_size"]
    for seq_len, (loss, accuracy, solved) in computed.items():
        want_loss, want_accuracy, want_solved = recorded[seq_len]
        # float32 in runner, float64 here; another set or length would miss by far more.
        assert loss == pytest.approx(want_loss, rel=1e-3, abs=1e-7), seq_len
        assert (accuracy is None) == (want_accuracy is None)
        if accuracy is not None:
            assert abs(accuracy - want_accuracy) <= 1 / eval_size + 1e-12  # at most one answer flips
        assert solved == want_solved
    # The task's own options come from config.json, its `evaluation` key is not one of them.
    loss, _ = evaluate(path)
    with open(os.path.join(path, "summary.json")) as file:
        assert loss == pytest.approx(json.load(file)["final_eval_loss"], rel=1e-3, abs=1e-7)


def test_each_length_has_its_own_stream():
    with open(os.path.join(FIXTURE, "trials", "adding-T6-lstm-s1", "config.json")) as file:
        config = json.load(file)
    at_6, at_24 = length_set(config, 6), length_set(config, 24)
    assert at_6.inputs.shape == (6, 16, 2) and at_24.inputs.shape == (24, 16, 2)
    evaluation = evaluate.__globals__["evaluation_set"](config)
    assert not np.array_equal(at_6.inputs, evaluation.inputs), "a set apart from the test set"


def test_results_gain_the_summary_csv_columns():
    results = load_results(FIXTURE)
    committed = pd.read_csv(os.path.join(FIXTURE, "summary.csv")).set_index("trial_id").sort_index()
    ours = results.summary.set_index("trial_id").sort_index()
    columns = [c for c in committed.columns if c.startswith("eval_T")]
    assert columns and set(columns) <= set(ours.columns)
    for column in columns:
        if column.endswith("_solved"):
            assert [bool(v) if isinstance(v, bool) or v == v else None for v in ours[column]] == \
                [bool(v) if isinstance(v, (bool, np.bool_)) or v == v else None for v in committed[column]]
        else:
            np.testing.assert_array_equal(ours[column].astype(float).to_numpy(), committed[column].astype(float).to_numpy())
    assert "eval_lengths" not in ours.columns
    smoke = load_results(os.path.join(RESULTS, "smoke"))
    assert not any(c.startswith("eval_T") for c in smoke.summary.columns)


def test_a_malformed_entry_names_the_file(tmp_path):
    trial = tmp_path / "trials" / "adding-T6-lstm-s1"
    shutil.copytree(os.path.join(FIXTURE, "trials", "adding-T6-lstm-s1"), trial)
    summary = json.loads((trial / "summary.json").read_text())
    summary["eval_lengths"][0]["loss"] = "small"
    (trial / "summary.json").write_text(json.dumps(summary))
    with pytest.raises(RNNLabFileError, match="eval_lengths at seq_len 6: loss is 'small'"):
        load_results(str(tmp_path))
    summary["eval_lengths"] = [{"seq_len": 6}]
    (trial / "summary.json").write_text(json.dumps(summary))
    with pytest.raises(RNNLabFileError, match="expected seq_len, loss, accuracy, solved"):
        load_results(str(tmp_path))
