"""Trained weights (`weights.safetensors`) and the model they belong to (`config.json`).

Tensor names are PyTorch's: `weight_ih_l{k}[_reverse]`, `weight_hh_l{k}…`,
`bias_ih_l{k}…`, `bias_hh_l{k}…` (peephole also `weight_ci/cf/co_l{k}…`) and
the head's `head.weight`, `head.bias`. Files written with the recurrent
tensors under a module prefix (`rnn.` for cells torch has, `lstm_variant.`
for peephole, CIFG and LSTMs with a gate switched off) read the same: the
prefix is dropped.
"""
import json
import math
import os
import struct
from dataclasses import dataclass

import numpy as np

from .errors import RNNLabFileError
from .tasks import sizes

_DTYPES = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I64": np.int64, "I32": np.int32}

# The longest header either reader accepts. 100,000,000 bytes is the limit of
# the safetensors package (its MAX_HEADER_SIZE) and of runner
# (SafeTensors.maximumHeaderLength), so all three reject the same files; an
# RNNLab header takes about 100 bytes per tensor, far below it.
MAX_HEADER_LENGTH = 100_000_000


def read_safetensors(path):
    """(tensors, metadata) of a safetensors file: name -> numpy array, and its `__metadata__`.

    Reads with the `safetensors` package when it is installed, else with this
    module's strict reader; both check the header as runner does (length at most
    `MAX_HEADER_LENGTH` and within the file, UTF-8 JSON, known dtypes, offsets
    that tile the data exactly: in range, non-negative, no gap, no overlap, to
    the last byte). A file that fails raises `RNNLabFileError` naming it.
    """
    path = os.fspath(path)
    safe_open = _library_reader()
    tensors, metadata = _read_strict(path) if safe_open is None else _read_with_library(safe_open, path)
    allowed = {np.dtype(dtype) for dtype in _DTYPES.values()}
    for name, value in tensors.items():
        if value.dtype not in allowed:
            raise RNNLabFileError(path, f"tensor '{name}' has dtype {value.dtype}; expected one of {', '.join(_DTYPES)}")
    return tensors, metadata


def _library_reader():
    """`safetensors.safe_open`, or None without the package (tests set this to None to run the fallback)."""
    try:
        from safetensors import safe_open
    except ImportError:
        return None
    return safe_open


def _read_with_library(safe_open, path):
    from safetensors import SafetensorError

    try:
        with safe_open(path, framework="numpy") as file:
            metadata = file.metadata() or {}
            tensors = {name: file.get_tensor(name) for name in file.keys()}
    except (SafetensorError, ValueError, TypeError) as error:
        raise RNNLabFileError(path, f"not a valid safetensors file ({error})") from None
    return tensors, metadata


def _no_duplicate_keys(pairs):
    # json keeps the last of two equal keys; a second entry for a name is an error.
    result = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key '{key}'")
        result[key] = value
    return result


def _is_count(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _read_strict(path):
    """The fallback reader: the checks of runner's SafeTensors.decode, any dtype of `_DTYPES`."""
    with open(path, "rb") as file:
        data = file.read()
    if len(data) < 8:
        raise RNNLabFileError(path, f"{len(data)} bytes, too short for the 8-byte header length")
    (length,) = struct.unpack("<Q", data[:8])
    if length > MAX_HEADER_LENGTH:
        raise RNNLabFileError(path, f"header length {length} exceeds the limit of {MAX_HEADER_LENGTH} bytes")
    if length > len(data) - 8:
        raise RNNLabFileError(path, f"header length {length} exceeds the {len(data) - 8} bytes after the length field")
    try:
        header = json.loads(data[8:8 + length].decode("utf-8"), object_pairs_hook=_no_duplicate_keys)
    except ValueError as error:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise RNNLabFileError(path, f"header is not UTF-8 JSON ({error})") from None
    if not isinstance(header, dict):
        raise RNNLabFileError(path, "header is not a JSON object")
    metadata = header.pop("__metadata__", None) or {}  # null reads as none, as in the safetensors package
    if not (isinstance(metadata, dict) and all(isinstance(v, str) for v in metadata.values())):
        raise RNNLabFileError(path, "__metadata__ must map strings to strings")

    body = memoryview(data)[8 + length:]
    spans = []
    for name, entry in header.items():
        if not isinstance(entry, dict):
            raise RNNLabFileError(path, f"entry '{name}' is not a JSON object")
        dtype, shape, offsets = entry.get("dtype"), entry.get("shape"), entry.get("data_offsets")
        if dtype not in _DTYPES:
            raise RNNLabFileError(path, f"tensor '{name}' has dtype {dtype!r}; expected one of {', '.join(_DTYPES)}")
        if not (isinstance(shape, list) and all(_is_count(n) for n in shape)):
            raise RNNLabFileError(path, f"tensor '{name}' has no valid shape (a list of non-negative integers)")
        if not (isinstance(offsets, list) and len(offsets) == 2 and all(_is_count(n) for n in offsets)
                and offsets[0] <= offsets[1] <= len(body)):
            raise RNNLabFileError(
                path, f"tensor '{name}' has invalid data_offsets {offsets!r} "
                      f"(need [begin, end] with 0 <= begin <= end <= {len(body)})")
        dtype = np.dtype(_DTYPES[dtype]).newbyteorder("<")
        size = math.prod(shape) * dtype.itemsize  # Python ints: no overflow
        if offsets[1] - offsets[0] != size:
            raise RNNLabFileError(path, f"tensor '{name}' has shape {shape} ({size} bytes) "
                                        f"but data_offsets span {offsets[1] - offsets[0]} bytes")
        spans.append((offsets[0], offsets[1], name, dtype, shape))
    spans.sort(key=lambda span: span[:2])
    expected = 0
    for begin, end, name, _, _ in spans:
        if begin != expected:
            raise RNNLabFileError(path, f"tensor '{name}' starts at byte {begin} of the data, expected {expected} "
                                        "(tensors must tile the data without gaps or overlaps)")
        expected = end
    if expected != len(body):
        raise RNNLabFileError(path, f"tensors cover {expected} bytes but the data section has {len(body)}")
    tensors = {name: np.frombuffer(body[begin:end], dtype=dtype).reshape(shape).astype(dtype.newbyteorder("="))
               for begin, end, name, dtype, shape in spans}
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
