import math

import numpy as np
import pytest

from rnnlab.tasks import make_batch, temporal_order_windows


def one_hot_everywhere(inputs):
    return np.all(inputs.sum(axis=2) == 1)


def test_adding_marks_two_steps_and_sums_their_values():
    batch = make_batch("adding", 20, 16, seed=5)
    assert batch.inputs.shape == (20, 16, 2) and batch.inputs.dtype == np.float32
    markers = batch.inputs[:, :, 1]
    assert np.all(markers.sum(axis=0) == 2)
    # halves: one marker in [0, T/2), one in [T/2, T)
    assert np.all(markers[:10].sum(axis=0) == 1)
    sums = (batch.inputs[:, :, 0] * markers).sum(axis=0)
    np.testing.assert_allclose(batch.targets[:, 0], sums, rtol=1e-6)
    assert batch.baseline == pytest.approx(1 / 6)


def test_hochreiter_placement_keeps_both_markers_early():
    batch = make_batch("adding", 100, 64, seed=2, placement="hochreiter")
    first = batch.inputs[:, :, 1].argmax(axis=0)
    assert np.all(first < 10)
    assert np.all(batch.inputs[50:, :, 1] == 0)


def test_copy_layout():
    batch = make_batch("copy", 10, 4, seed=1, copy_length=3, symbols=8)
    assert batch.inputs.shape == (16, 4, 10) and one_hot_everywhere(batch.inputs)
    assert np.all(batch.inputs[12, :, 9] == 1)  # the delimiter at T + K - 1
    assert np.all(batch.targets[13:] == batch.inputs[:3].argmax(axis=2))  # recall, in order
    assert np.all(batch.targets[:13] == 8)  # blank
    assert batch.accuracy_mask.sum() == 12 and batch.loss_mask.sum() == 64
    assert batch.baseline == pytest.approx(3 * math.log(8) / 16)


def test_first_symbol_and_lookahead_and_temporal_order():
    first = make_batch("first_symbol", 12, 8, seed=3)
    assert np.all(first.inputs[0].argmax(axis=1) == first.targets)
    assert np.all(first.inputs[1:].argmax(axis=2) >= 4) and one_hot_everywhere(first.inputs)
    ahead = make_batch("lookahead", 30, 8, seed=4, offset=5)
    assert np.all(ahead.targets[:25] == ahead.inputs[5:].argmax(axis=2))
    assert ahead.loss_mask[:25].all() and not ahead.loss_mask[25:].any()
    assert temporal_order_windows(100) == ((10, 20), (50, 60))
    order = make_batch("temporal_order", 100, 16, seed=6)
    symbols = order.inputs.argmax(axis=2)
    assert np.all(symbols[0] == 6) and np.all(symbols[-1] == 7)
    relevant = [np.flatnonzero((symbols[:, b] == 4) | (symbols[:, b] == 5)) for b in range(16)]
    assert all(10 <= r[0] < 20 and 50 <= r[1] < 60 for r in relevant)
    labels = [2 * (symbols[r[0], b] == 5) + (symbols[r[1], b] == 5) for b, r in enumerate(relevant)]
    assert list(order.targets) == labels


def test_sequences_do_not_depend_on_how_many_are_drawn():
    few = make_batch("adding", 30, 3, seed=9, trial_id="adding-T30-lstm-s9", stream="eval")
    more = make_batch("adding", 30, 7, seed=9, trial_id="adding-T30-lstm-s9", stream="eval")
    assert np.array_equal(few.inputs, more.inputs[:, :3]) and np.array_equal(few.targets, more.targets[:3])
    other = make_batch("adding", 30, 3, seed=9, trial_id="adding-T30-lstm-s9", stream="data")
    assert not np.array_equal(few.inputs, other.inputs)


def test_bad_tasks_and_options_are_errors():
    with pytest.raises(ValueError, match="unknown task kind"):
        make_batch("addition", 10, 1, seed=1)
    with pytest.raises(ValueError, match="unknown option 'offset'"):
        make_batch("adding", 10, 1, seed=1, offset=3)
    with pytest.raises(ValueError, match="lookahead: seq_len must be at least 6, got 5"):
        make_batch("lookahead", 5, 1, seed=1, offset=5)
