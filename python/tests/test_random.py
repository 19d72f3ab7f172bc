from rnnlab.random import Generator, config_hash_hex, trial_seed


def test_streams_are_pinned_to_rnnlabs():
    # The same pins as Tests/RNNLabRandomTests/SeededGeneratorTests.swift.
    assert Generator(1).next() == 0xB3F2AF6D0FC710C5
    assert config_hash_hex("adding-T100-lstm-s1") == "0babb576a18c27a8"


def test_same_seed_same_stream_and_streams_differ():
    a, b = Generator(42), Generator(42)
    assert [a.next() for _ in range(100)] == [b.next() for _ in range(100)]
    assert Generator(7, "data").next() != Generator(7, "init").next()
    assert trial_seed(1, "adding-T10-rnn-s1") != trial_seed(2, "adding-T10-rnn-s1")


def test_floats_and_bounded_integers_stay_in_range():
    g = Generator(3)
    floats = [g.next_float() for _ in range(2000)]
    assert all(0 <= x < 1 for x in floats) and abs(sum(floats) / len(floats) - 0.5) < 0.03
    integers = [g.next_int(7) for _ in range(1000)]
    assert set(integers) == set(range(7))
    # A bound near 2^64 exercises the rejection step of Lemire's method.
    big = (1 << 63) + 12345
    assert all(0 <= g.next_int(big) < big for _ in range(200))
