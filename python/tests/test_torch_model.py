"""load_model: strict loading into torch modules whose forward matches the numpy reference."""
import numpy as np
import pytest

from conftest import trial
from rnnlab import evaluation_set, forward, load_model, load_trial_model

torch = pytest.importorskip("torch")

CASES = [("smoke", "adding-T10-rnn-s1", "RNN"), ("long_dep", "adding-T10-gru-s2", "GRU"),
         ("gates", "adding-T50-lstm-s1", "LSTM"), ("gates", "adding-T50-nig-s1", "LSTMFamily"),
         ("gates", "adding-T50-cifg-s1", "LSTMFamily"), ("long_dep", "copy-T10-birnn-s1", "RNN"),
         ("long_dep", "first_symbol-T10-peephole-s1", "LSTMFamily")]


@pytest.mark.parametrize("folder,trial_id,module", CASES, ids=[c[1] for c in CASES])
def test_load_model_matches_the_reference(folder, trial_id, module):
    path = trial(folder, trial_id)
    model = load_model(path)
    assert type(model.rnn).__name__ == module
    assert set(model.state_dict()) == {("rnn." + k if not k.startswith("head.") else k)
                                       for k in load_trial_model(path).weights}
    loaded = load_trial_model(path)
    batch = evaluation_set(loaded.config)
    inputs = batch.inputs[:, :64]
    with torch.no_grad():
        output = model(torch.from_numpy(inputs)).numpy()
    reference = forward(loaded.description, loaded.weights, inputs)
    np.testing.assert_allclose(output, reference, rtol=1e-4, atol=1e-4)
