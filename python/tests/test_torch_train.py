"""torch_train: the gate bias is written as RNNLab writes it, and a short run learns an easy task."""
import json

import pytest

from conftest import trial
from rnnlab.torch_model import RNNLabModel
from rnnlab.torch_train import _initialise, train
from rnnlab.weights import ModelDescription

torch = pytest.importorskip("torch")


def config_of(folder, trial_id, **model):
    config = json.load(open(trial(folder, trial_id) + "/config.json"))
    config["model"].update(model)
    return config


@pytest.mark.parametrize("cell,keep", [("lstm", 1), ("gru", 1)])
def test_a_numeric_gate_bias_goes_into_bias_ih_with_bias_hh_zero(cell, keep):
    config = config_of("long_dep", f"adding-T10-{cell}-s1", forget_bias=4.0)
    description = ModelDescription.from_config(config)
    model = RNNLabModel(description)
    _initialise(model, description, config["model"], 10, seed=1)
    H = description.hidden
    block = slice(keep * H, (keep + 1) * H)
    assert torch.all(model.rnn.bias_ih_l0[block] == 4.0)
    assert torch.all(model.rnn.bias_hh_l0[block] == 0.0)
    assert torch.all(model.rnn.weight_hh_l0.abs() <= 1 / H ** 0.5)


def test_chrono_gives_the_input_gate_minus_the_forget_bias():
    config = config_of("long_dep", "adding-T100-lstm-s1", forget_bias="chrono")
    description = ModelDescription.from_config(config)
    model = RNNLabModel(description)
    _initialise(model, description, config["model"], 100, seed=1)
    H = description.hidden
    forget, input_gate = model.rnn.bias_ih_l0[H:2 * H], model.rnn.bias_ih_l0[:H]
    assert torch.all((forget >= 0) & (forget <= torch.log(torch.tensor(99.0))))
    assert torch.equal(input_gate, -forget)
    assert torch.all(model.rnn.bias_hh_l0[:2 * H] == 0)


def test_a_short_run_learns_the_first_symbol_at_t5():
    config = config_of("long_dep", "first_symbol-T10-lstm-s1")
    config["seq_len"] = 5
    result = train(config, "first_symbol-T5-lstm-s1", 1, steps=300)
    assert result["solved"] and result["final_eval_accuracy"] >= 0.99
