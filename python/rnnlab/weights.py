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

from .errors import RNNLabFileError, read_json
from .tasks import TASK_KEYS, sizes

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


def _strip_prefix(name):
    for prefix in _MODULE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def canonical_names(tensors):
    """Recurrent tensors without their module prefix; the head keeps `head.`.

    Two tensors that end up under one name (`rnn.x` and `x`) are a ValueError.
    """
    result = {}
    for name, value in tensors.items():
        if _strip_prefix(name) in result:
            raise ValueError(f"two tensors are named '{_strip_prefix(name)}' without their module prefix")
        result[_strip_prefix(name)] = value
    return result


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
        """The description of a trial from its parsed config.json; a ValueError says what is wrong."""
        model, task = _section(config, "model"), _section(config, "task")
        options = {key: value for key, value in task.items() if key not in TASK_KEYS}
        input_size, output_size = sizes(task.get("kind"), **options)
        switches = {key: _flag(model, key) for key in
                    ("input_gate", "forget_gate", "output_gate", "input_activation", "output_activation")}
        cell, activation = model.get("cell"), model.get("activation", "tanh")
        if cell not in _BLOCKS:
            raise ValueError(f"model.cell is {cell!r}; expected one of {', '.join(_BLOCKS)}")
        if activation not in ("tanh", "relu"):
            raise ValueError(f"model.activation is {activation!r}; expected tanh or relu")
        for name, size in (("input size", input_size), ("output size", output_size)):
            if not _is_count(size) or size == 0:
                raise ValueError(f"the task's {name} is {size!r}; expected a positive integer")
        return cls(
            cell=cell, input_size=input_size, hidden=_positive(model, "hidden", None),
            layers=_positive(model, "layers", 1), bidirectional=_flag(model, "bidirectional", False),
            output_size=output_size, many_to_many=task["kind"] in ("copy", "lookahead"), activation=activation,
            **switches)

    def summary(self):
        """One line naming what fixes the shapes, for error messages."""
        layers = f"{self.layers} layer{'s' if self.layers > 1 else ''}"
        return (f"{'bidirectional ' if self.bidirectional else ''}{self.cell}, hidden {self.hidden}, {layers}, "
                f"input {self.input_size}, output {self.output_size}")

    def parameter_shapes(self):
        """The shape of every tensor the model has, by canonical name (no arrays are made)."""
        rows = _BLOCKS[self.cell] * self.hidden
        shapes = {}
        for layer in range(self.layers):
            width = self.input_size if layer == 0 else self.directions * self.hidden
            for suffix in [f"_l{layer}", f"_l{layer}_reverse"][:self.directions]:
                shapes.update({"weight_ih" + suffix: (rows, width), "weight_hh" + suffix: (rows, self.hidden),
                               "bias_ih" + suffix: (rows,), "bias_hh" + suffix: (rows,)})
                if self.cell == "peephole":
                    shapes.update({name + suffix: (self.hidden,) for name in ("weight_ci", "weight_cf", "weight_co")})
        shapes["head.weight"] = (self.output_size, self.directions * self.hidden)
        shapes["head.bias"] = (self.output_size,)
        return shapes

    def parameter_count(self):
        """How many tensors `parameter_shapes` has, without listing them."""
        per_direction = 7 if self.cell == "peephole" else 4
        return self.layers * self.directions * per_direction + 2


# Gate blocks stacked in weight_ih/weight_hh: rnn h; gru r, z, n; lstm and peephole i, f, g, o; cifg f, g, o.
_BLOCKS = {"rnn": 1, "lstm": 4, "peephole": 4, "cifg": 3, "gru": 3}


def _section(config, key):
    value = config.get(key) if isinstance(config, dict) else None
    if not isinstance(value, dict):
        raise ValueError(f"{key} is {value!r}; expected an object")
    return value


def _flag(model, key, default=True):
    value = model.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"model.{key} is {value!r}; expected true or false")
    return value


def _positive(model, key, default):
    value = model.get(key, default)
    if not _is_count(value) or value == 0:
        raise ValueError(f"model.{key} is {value!r}; expected a positive integer")
    return value


@dataclass
class TrialModel:
    """A trained model: its description, weights under canonical names, and its trial's config."""
    description: ModelDescription
    weights: dict
    config: dict


def load_trial_model(trial_dir):
    """The description and weights of a finished trial folder.

    The weights must be exactly the model's: every tensor config.json implies,
    no other, each float32 of its shape. Nothing is sized from config.json
    before they agree, so a config claiming `hidden: 20000` fails here rather
    than allocating gigabytes. Any disagreement raises `RNNLabFileError`.
    """
    config_path = os.path.join(os.fspath(trial_dir), "config.json")
    weights_path = os.path.join(os.fspath(trial_dir), "weights.safetensors")
    config = read_json(config_path)
    try:
        description = ModelDescription.from_config(config)
    except (KeyError, TypeError, ValueError) as error:
        raise RNNLabFileError(config_path, f"does not describe a model RNNLab trains ({error})") from None
    tensors, metadata = read_safetensors(weights_path)
    if "config_hash" in metadata and "config_hash" in config and metadata["config_hash"] != config["config_hash"]:
        raise RNNLabFileError(weights_path, f"written for config_hash {metadata['config_hash']}, but config.json "
                                            f"has {config['config_hash']}")
    return TrialModel(description, _checked_weights(weights_path, tensors, description), config)


def _checked_weights(path, tensors, description):
    """`tensors` under canonical names, once they are exactly the tensors `description` needs."""
    weights, sources = {}, {}
    for name, value in tensors.items():
        canonical = _strip_prefix(name)
        if canonical in sources:
            raise RNNLabFileError(path, f"tensors '{sources[canonical]}' and '{name}' are both '{canonical}'")
        weights[canonical], sources[canonical] = value, name
    needs = f"config.json ({description.summary()}) needs"
    # Counted before listed, so a config with `layers: 1000000000` never builds a billion names.
    if description.parameter_count() > len(weights) + 100:
        raise RNNLabFileError(path, f"has {len(weights)} tensors but {needs} {description.parameter_count()}")
    shapes = description.parameter_shapes()
    missing, extra = sorted(set(shapes) - set(weights)), sorted(set(weights) - set(shapes))
    if missing or extra:
        problems = ([f"missing {', '.join(missing)}"] if missing else []) + (
            [f"unexpected {', '.join(sources[name] for name in extra)}"] if extra else [])
        raise RNNLabFileError(path, f"tensor names are not the ones {needs}: {'; '.join(problems)}")
    for name, shape in shapes.items():
        value = weights[name]
        if value.shape != shape:
            raise RNNLabFileError(path, f"tensor '{sources[name]}' has shape {value.shape} but {needs} {shape}")
        if value.dtype != np.float32:
            raise RNNLabFileError(path, f"tensor '{sources[name]}' is {value.dtype}; runner writes float32")
    return weights
