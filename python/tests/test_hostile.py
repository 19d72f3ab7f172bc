"""Hostile files: each loader rejects what it does not expect with one RNNLabFileError naming the file.

Every case starts from a committed trial copied into tmp_path and breaks one
thing. The safetensors cases run twice: through the `safetensors` package's
reader and through the package's own strict fallback.
"""
import glob
import json
import os
import pathlib
import shutil
import struct
import sys
import types

import numpy as np
import pytest

from conftest import RESULTS, trial
from rnnlab import RNNLabFileError, load_results, load_trial_model, read_safetensors
from rnnlab import torch_model, weights

TRIAL_ID = "adding-T10-lstm-s1"


@pytest.fixture(params=["library", "strict"])
def reader(request, monkeypatch):
    """Runs a test with the safetensors package's reader, then with the package's own."""
    if request.param == "library":
        pytest.importorskip("safetensors")
        assert weights._library_reader() is not None
    else:
        monkeypatch.setattr(weights, "_library_reader", lambda: None)
    return request.param


@pytest.fixture
def folder(tmp_path):
    """A results folder holding one valid trial (a copy of a committed one)."""
    shutil.copytree(trial("smoke", TRIAL_ID), tmp_path / "trials" / TRIAL_ID)
    shutil.copy(os.path.join(RESULTS, "smoke", "manifest.json"), tmp_path / "manifest.json")
    return tmp_path


@pytest.fixture
def trial_dir(folder):
    return folder / "trials" / TRIAL_ID


def split(path):
    """(header dict, data bytes) of a safetensors file, read here without the package."""
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    return json.loads(data[8:8 + length]), data[8 + length:]


def join(path, header, body, length=None):
    encoded = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(encoded) if length is None else length) + encoded + body)


def rewrite(trial_dir, change):
    """Rewrites weights.safetensors as `change(tensors)` leaves them (a consistent file, other names and shapes)."""
    path = trial_dir / "weights.safetensors"
    header, body = split(path)
    metadata = header.pop("__metadata__")
    tensors = {name: np.frombuffer(body[e["data_offsets"][0]:e["data_offsets"][1]], "<f4").reshape(e["shape"])
               for name, e in header.items()}
    change(tensors)
    new, data = {"__metadata__": metadata}, b""
    for name in sorted(tensors):
        value = np.ascontiguousarray(tensors[name], dtype="<f4")
        new[name] = {"dtype": "F32", "shape": list(value.shape), "data_offsets": [len(data), len(data) + value.nbytes]}
        data += value.tobytes()
    join(path, new, data)


def loaders(trial_dir):
    """load_trial_model, and load_model when PyTorch is installed: both must refuse the same files."""
    calls = [lambda: load_trial_model(trial_dir)]
    try:
        import torch  # noqa: F401
        calls.append(lambda: torch_model.load_model(trial_dir))
    except ImportError:
        pass
    return calls


def rejects(call, path, *words):
    """`call()` raises RNNLabFileError whose message names `path` and contains `words`."""
    with pytest.raises(RNNLabFileError) as raised:
        call()
    message = str(raised.value)
    assert isinstance(raised.value, ValueError) and str(path) in message, message
    for word in words:
        assert word in message, message
    return message


# load_trial_model: names and shapes


def test_a_transposed_tensor_is_rejected(trial_dir, reader):
    rewrite(trial_dir, lambda t: t.update({"rnn.weight_ih_l0": t["rnn.weight_ih_l0"].T}))
    for load in loaders(trial_dir):
        rejects(load, trial_dir / "weights.safetensors", "weight_ih_l0", "(2, 32)", "(32, 2)")


def test_a_wrongly_shaped_tensor_is_rejected(trial_dir, reader):
    rewrite(trial_dir, lambda t: t.update({"head.weight": np.zeros((1, 9), np.float32)}))
    rejects(lambda: load_trial_model(trial_dir), trial_dir / "weights.safetensors", "head.weight", "(1, 9)")


def test_an_extra_tensor_is_rejected(trial_dir, reader):
    rewrite(trial_dir, lambda t: t.update({"rnn.weight_ih_l1": np.zeros((32, 8), np.float32)}))
    rejects(lambda: load_trial_model(trial_dir), trial_dir / "weights.safetensors", "weight_ih_l1")


def test_a_missing_tensor_is_rejected(trial_dir, reader):
    rewrite(trial_dir, lambda t: t.pop("rnn.bias_hh_l0"))
    rejects(lambda: load_trial_model(trial_dir), trial_dir / "weights.safetensors", "bias_hh_l0")


def test_a_tensor_under_two_names_is_rejected(trial_dir, reader):
    # `rnn.x` and a bare `x` would both become `x`; one would silently win.
    rewrite(trial_dir, lambda t: t.update({"bias_hh_l0": t["rnn.bias_hh_l0"] + 1}))
    rejects(lambda: load_trial_model(trial_dir), trial_dir / "weights.safetensors", "bias_hh_l0")


# read_safetensors: data offsets and the header length


def test_aliased_data_offsets_are_rejected(trial_dir, reader):
    path = trial_dir / "weights.safetensors"
    header, body = split(path)
    header["rnn.bias_ih_l0"]["data_offsets"] = header["rnn.bias_hh_l0"]["data_offsets"]  # same bytes, twice
    join(path, header, body)
    rejects(lambda: read_safetensors(path), path, "offset")
    for load in loaders(trial_dir):
        rejects(load, path)


def test_negative_data_offsets_are_rejected(trial_dir, reader):
    path = trial_dir / "weights.safetensors"
    header, body = split(path)
    # Python's body[-len:4] is body[0:4]: the right 4 bytes, through a negative offset.
    header["head.bias"]["data_offsets"] = [-len(body), 4]
    join(path, header, body)
    rejects(lambda: read_safetensors(path), path, str(-len(body)))
    for load in loaders(trial_dir):
        rejects(load, path)


def test_offsets_that_leave_a_gap_or_miss_the_end_are_rejected(trial_dir, reader):
    path = trial_dir / "weights.safetensors"
    header, body = split(path)
    join(path, header, body + b"\0\0\0\0")  # 4 bytes no tensor covers
    rejects(lambda: read_safetensors(path), path)
    join(path, header, body[:-4])  # the last tensor runs past the end
    rejects(lambda: read_safetensors(path), path)


def test_a_huge_header_length_is_rejected(trial_dir, reader):
    path = trial_dir / "weights.safetensors"
    header, body = split(path)
    join(path, header, body, length=2 ** 62)
    rejects(lambda: read_safetensors(path), path, "header")
    # A length within the file but reaching into the binary data: not UTF-8 JSON.
    join(path, header, body, length=len(json.dumps(header)) + 8)
    rejects(lambda: read_safetensors(path), path, "header")


def test_every_committed_trial_passes_the_checks(reader):
    # The checks refuse hostile files, never runner's own.
    paths = sorted(glob.glob(os.path.join(RESULTS, "*", "trials", "*", "weights.safetensors")))
    assert len(paths) > 100
    for path in paths:
        load_trial_model(os.path.dirname(path))


def test_both_readers_read_the_committed_file_alike(reader):
    path = os.path.join(trial("smoke", TRIAL_ID), "weights.safetensors")
    tensors, metadata = read_safetensors(path)
    header, body = split(pathlib.Path(path))
    assert metadata == header.pop("__metadata__")
    assert sorted(tensors) == sorted(header)
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        assert tensors[name].dtype == np.float32 and list(tensors[name].shape) == entry["shape"]
        assert tensors[name].tobytes() == body[begin:end]


# config.json: nothing sized from it before the weights agree


def test_a_huge_hidden_in_config_is_rejected_before_anything_is_allocated(trial_dir, monkeypatch, reader):
    config = json.loads((trial_dir / "config.json").read_text())
    config["model"]["hidden"] = 20000  # an LSTM of this size is 6.4 GB of float32
    (trial_dir / "config.json").write_text(json.dumps(config))
    rejects(lambda: load_trial_model(trial_dir), trial_dir / "weights.safetensors", "hidden 20000")

    # load_model must fail in the same place, before it builds a module;
    # a stand-in torch is enough to get there without PyTorch.
    def build(description):
        raise AssertionError(f"a module of hidden {description.hidden} was built")
    monkeypatch.setattr(torch_model, "RNNLabModel", build)
    if "torch" not in sys.modules:
        try:
            import torch  # noqa: F401
        except ImportError:
            monkeypatch.setitem(sys.modules, "torch", types.ModuleType("torch"))
    rejects(lambda: torch_model.load_model(trial_dir), trial_dir / "weights.safetensors", "hidden 20000")


def test_a_config_that_is_not_a_model_is_rejected(trial_dir):
    config = json.loads((trial_dir / "config.json").read_text())
    config["model"]["hidden"] = "eight"
    (trial_dir / "config.json").write_text(json.dumps(config))
    rejects(lambda: load_trial_model(trial_dir), trial_dir / "config.json", "hidden")


# load_results


def test_a_summary_of_another_trial_is_rejected(folder, trial_dir):
    summary = json.loads((trial_dir / "summary.json").read_text())
    summary["trial_id"] = "adding-T10-lstm-s2"
    (trial_dir / "summary.json").write_text(json.dumps(summary))
    rejects(lambda: load_results(folder), trial_dir / "summary.json", "adding-T10-lstm-s2", TRIAL_ID)


def test_one_bad_value_in_metrics_is_rejected(folder, trial_dir):
    path = trial_dir / "metrics.csv"
    lines = path.read_text().splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",0.12.5"
    path.write_text("\n".join(lines) + "\n")
    rejects(lambda: load_results(folder), path, "value", "line 4", "0.12.5")


def test_one_bad_value_in_gradient_flow_is_rejected(folder, trial_dir):
    path = trial_dir / "gradient_flow.csv"
    lines = path.read_text().splitlines()
    lines[5] = "x" + lines[5]
    path.write_text("\n".join(lines) + "\n")
    rejects(lambda: load_results(folder), path, "step", "line 6")


def test_the_recorded_non_finite_values_still_read_as_floats(folder, trial_dir):
    path = trial_dir / "metrics.csv"
    lines = path.read_text().splitlines()
    lines[1:4] = [line.rsplit(",", 1)[0] + "," + value for line, value in zip(lines[1:4], ["nan", "inf", "-inf"])]
    path.write_text("\n".join(lines) + "\n")
    values = load_results(folder).metrics["value"]
    assert values.dtype == np.float64 and np.isnan(values[0]) and list(values[1:3]) == [np.inf, -np.inf]


@pytest.mark.parametrize("name", ["summary.json", "config.json", "manifest.json"])
def test_a_broken_json_file_is_named(folder, trial_dir, name):
    path = (folder if name == "manifest.json" else trial_dir) / name
    path.write_text(path.read_text()[:-20])
    rejects(lambda: load_results(folder), os.path.normpath(path), "JSON")


def test_a_broken_config_is_named_by_load_trial_model(trial_dir):
    path = trial_dir / "config.json"
    path.write_text(path.read_text()[:-20])
    rejects(lambda: load_trial_model(trial_dir), path, "JSON")
