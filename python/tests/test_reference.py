"""The numpy reference cells against PyTorch's fixtures, and against the losses RNNLab recorded."""
import glob
import json
import os

import numpy as np
import pytest

from conftest import FIXTURES, trial
from rnnlab import ModelDescription, evaluate, forward, load_trial_model, read_safetensors
from rnnlab.reference import recurrent_outputs
from rnnlab.weights import canonical_names


@pytest.mark.parametrize("path", sorted(glob.glob(os.path.join(FIXTURES, "*.json"))), ids=os.path.basename)
def test_cells_match_pytorch_in_float64(path):
    with open(path) as file:
        case = json.load(file)
    description = ModelDescription(
        cell=case["cell"], input_size=case["input_size"], hidden=case["hidden_size"], layers=case["num_layers"],
        bidirectional=case["bidirectional"], output_size=1, many_to_many=True)
    inputs = np.transpose(np.array(case["input"]), (1, 0, 2))  # fixtures are batch-first
    parameters = {name: np.array(value) for name, value in case["parameters"].items()}
    sequence, _ = recurrent_outputs(description, parameters, inputs)
    expected = np.transpose(np.array(case["expected"]["output"]), (1, 0, 2))
    np.testing.assert_allclose(sequence, expected, rtol=0, atol=1e-12)


# Every cell, gate switch, head and task kind among the committed trials.
TRIALS = [("smoke", f"adding-T{T}-{m}-s{s}") for T in (10, 20) for m in ("rnn", "lstm") for s in (1, 2)] + [
    ("gates", f"adding-T50-{m}-s1") for m in ("lstm", "nig", "nfg", "nog", "niaf", "noaf", "peephole", "cifg", "fb0")
] + [("long_dep", t) for t in ("adding-T25-birnn-s1", "adding-T10-gru-s2", "copy-T10-birnn-s1", "copy-T10-cifg-s1",
                               "first_symbol-T10-peephole-s1", "first_symbol-T25-gru-s1", "lookahead-T50-birnn-s1")
] + [("search", t) for t in ("adding-T100-lstm-c03-s1", "adding-T100-gru-c11-s2")]  # searched: the id has its label


@pytest.mark.parametrize("folder,trial_id", TRIALS, ids=[t for _, t in TRIALS])
def test_loaded_weights_give_the_recorded_final_evaluation(folder, trial_id):
    path = trial(folder, trial_id)
    with open(os.path.join(path, "summary.json")) as file:
        summary = json.load(file)
    loss, accuracy = evaluate(path)
    # RNNLab computes in float32, the reference in float64; a different batch
    # or cell would miss by orders of magnitude more.
    assert loss == pytest.approx(summary["final_eval_loss"], rel=1e-3, abs=1e-7)
    if summary["final_eval_accuracy"] is None:
        assert accuracy is None
    else:
        assert accuracy == pytest.approx(summary["final_eval_accuracy"], abs=2e-3)


def test_weights_read_the_same_with_and_without_the_module_prefix(tmp_path):
    path = trial("smoke", "adding-T10-lstm-s1")
    tensors, metadata = read_safetensors(os.path.join(path, "weights.safetensors"))
    assert metadata["trial_id"] == "adding-T10-lstm-s1"
    assert metadata["module"] == "rnn" and all(n.startswith(("rnn.", "head.")) for n in tensors)
    bare = {name.split(".", 1)[1] if name.startswith("rnn.") else name: value for name, value in tensors.items()}
    assert sorted(canonical_names(tensors)) == sorted(bare)
    assert all(np.array_equal(canonical_names(tensors)[name], value) for name, value in bare.items())
    safetensors_numpy = pytest.importorskip("safetensors.numpy")
    for name, value in safetensors_numpy.load_file(os.path.join(path, "weights.safetensors")).items():
        assert np.array_equal(tensors[name], value)
    # A file written with the older bare names loads into the same model.
    folder = tmp_path / "adding-T10-lstm-s1"
    folder.mkdir()
    (folder / "config.json").write_bytes(open(os.path.join(path, "config.json"), "rb").read())
    safetensors_numpy.save_file(bare, str(folder / "weights.safetensors"))
    new, old = load_trial_model(path), load_trial_model(str(folder))
    assert sorted(old.weights) == sorted(new.weights)
    batch = np.random.default_rng(0).random((10, 4, 2)).astype(np.float32)
    np.testing.assert_array_equal(forward(old.description, old.weights, batch), forward(new.description, new.weights, batch))
