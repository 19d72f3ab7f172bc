"""Trained weights (`weights.safetensors`) and the model they belong to (`config.json`).

Tensor names are PyTorch's: `weight_ih_l{k}[_reverse]`, `weight_hh_l{k}…`,
`bias_ih_l{k}…`, `bias_hh_l{k}…` (peephole also `weight_ci/cf/co_l{k}…`) and
the head's `head.weight`, `head.bias`. Files written with the recurrent
tensors under a module prefix (`rnn.` for cells torch has, `lstm_variant.`
for peephole, CIFG and LSTMs with a gate switched off) read the same: the
prefix is dropped.
"""
import json
import os
import struct
from dataclasses import dataclass

import numpy as np

from .tasks import sizes

_DTYPES = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def read_safetensors(path):
    """(tensors, metadata) of a safetensors file: name -> numpy array, and its `__metadata__`."""
    with open(path, "rb") as file:
        data = file.read()
    (header_size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_size])
    metadata = header.pop("__metadata__", {}) or {}
    body = memoryview(data)[8 + header_size:]
    tensors = {}
    for name, entry in header.items():
        start, end = entry["data_offsets"]
        dtype = np.dtype(_DTYPES[entry["dtype"]]).newbyteorder("<")
        tensors[name] = np.frombuffer(body[start:end], dtype=dtype).reshape(entry["shape"]).copy()
    return tensors, metadata


_MODULE_PREFIXES = ("rnn.", "lstm_variant.")


def canonical_names(tensors):
    """Recurrent tensors without their module prefix; the head keeps `head.`."""
    def strip(name):
        for prefix in _MODULE_PREFIXES:
            if name.startswith(prefix):
                return name[len(prefix):]
        return name
    return {strip(name): value for name, value in tensors.items()}


@dataclass(frozen=True)
class ModelDescription:
    """What fixes a trained model's shape and equations, from a trial's config.json."""
    cell: str  # rnn, lstm, peephole, cifg, gru
    input_size: int
    hidden: int
    layers: int
    bidirectional: bool
    output_size: int
    many_to_many: bool  # one output per step (copy, lookahead) or one at the end
    activation: str = "tanh"  # rnn only
    input_gate: bool = True
    forget_gate: bool = True
    output_gate: bool = True
    input_activation: bool = True
    output_activation: bool = True

    @property
    def directions(self):
        return 2 if self.bidirectional else 1

    @classmethod
    def from_config(cls, config):
        """The description of a trial from its parsed config.json."""
        model, task = config["model"], config["task"]
        options = {key: value for key, value in task.items() if key not in ("kind", "name")}
        input_size, output_size = sizes(task["kind"], **options)
        return cls(
            cell=model["cell"], input_size=input_size, hidden=model["hidden"], layers=model.get("layers", 1),
            bidirectional=model.get("bidirectional", False), output_size=output_size,
            many_to_many=task["kind"] in ("copy", "lookahead"), activation=model.get("activation", "tanh"),
            input_gate=model.get("input_gate", True), forget_gate=model.get("forget_gate", True),
            output_gate=model.get("output_gate", True), input_activation=model.get("input_activation", True),
            output_activation=model.get("output_activation", True))


@dataclass
class TrialModel:
    """A trained model: its description, weights under canonical names, and its trial's config."""
    description: ModelDescription
    weights: dict
    config: dict


def load_trial_model(trial_dir):
    """The description and weights of a finished trial folder."""
    with open(os.path.join(trial_dir, "config.json")) as file:
        config = json.load(file)
    tensors, _ = read_safetensors(os.path.join(trial_dir, "weights.safetensors"))
    return TrialModel(ModelDescription.from_config(config), canonical_names(tensors), config)
