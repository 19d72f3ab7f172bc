"""RNNLab's results, models and tasks in Python.

    from rnnlab import load_results, load_model, make_batch
    results = load_results("results/long_dep")          # pandas DataFrames
    model = load_model("results/long_dep/trials/adding-T100-gru-s1")   # torch.nn.Module
    batch = make_batch("adding", 100, 32, seed=1)       # numpy, RNNLab's own draws

torch is needed only for `load_model`.
"""
from .errors import RNNLabFileError
from .evaluate import evaluate, evaluate_lengths, evaluation_set, length_set
from .random import Generator, trial_seed
from .reference import forward, loss_and_accuracy
from .results import Results, load_results
from .tasks import Batch, make_batch
from .torch_model import RNNLabModel, load_model
from .weights import ModelDescription, canonical_names, load_trial_model, read_safetensors

__all__ = ["Batch", "Generator", "ModelDescription", "RNNLabFileError", "RNNLabModel", "Results", "canonical_names",
           "evaluate", "evaluate_lengths", "evaluation_set", "forward", "length_set", "load_model", "load_results", "load_trial_model",
           "loss_and_accuracy", "make_batch", "read_safetensors", "trial_seed"]
__version__ = "0.1.0"
