"""A trained trial as a torch.nn.Module (torch is imported only here, when asked for).

The module has two attributes, `rnn` and `head`, so its state dict has the
keys `rnn.weight_ih_l0`, …, `head.weight`, `head.bias`. `rnn` is torch's own
nn.RNN, nn.LSTM or nn.GRU where they compute RNNLab's cell, and a small
module of this file for peephole, CIFG and LSTMs with gate switches, which
PyTorch lacks. `forward(x)` takes time-major `[T, B, I]` input (as
`make_batch` returns it) and returns what RNNLab's head returns: `[B, O]`
from each direction's final state, or `[T, B, O]` for copy and lookahead.
"""
from .weights import load_trial_model


def load_model(trial_dir):
    """The trained model of a finished trial folder, in eval mode, float32."""
    import torch

    # The weights are read and checked against config.json before the module
    # is built: config.json alone decides how much memory the module takes.
    trial = load_trial_model(trial_dir)
    model = RNNLabModel(trial.description)
    state = {(name if name.startswith("head.") else "rnn." + name): torch.from_numpy(value)
             for name, value in trial.weights.items()}
    model.load_state_dict(state, strict=True)
    return model.eval()


def _torch():
    import torch
    return torch


def _lstm_family_class():
    torch = _torch()

    class LSTMFamily(torch.nn.Module):
        """lstm, peephole or cifg with Greff et al.'s switches, PyTorch's names and layout."""

        def __init__(self, d):
            super().__init__()
            self.d = d
            # The shapes load_trial_model checked the weights against.
            for name, shape in d.parameter_shapes().items():
                if not name.startswith("head."):
                    self.register_parameter(name, torch.nn.Parameter(torch.zeros(shape)))

        def _direction(self, xs, suffix):
            d, p = self.d, lambda name: getattr(self, name + suffix)
            h = xs.new_zeros(xs.shape[1], d.hidden)
            c = xs.new_zeros(xs.shape[1], d.hidden)
            outputs = []
            for x in xs:
                gates = (x @ p("weight_ih").T + p("bias_ih")) + (h @ p("weight_hh").T + p("bias_hh"))
                if d.cell == "cifg":
                    f, g, o = gates.chunk(3, dim=1)
                    f = torch.sigmoid(f) if d.forget_gate else torch.ones_like(c)
                    i = 1 - f
                else:
                    i, f, g, o = gates.chunk(4, dim=1)
                    if d.cell == "peephole":
                        i, f = i + p("weight_ci") * c, f + p("weight_cf") * c
                    i = torch.sigmoid(i) if d.input_gate else torch.ones_like(c)
                    f = torch.sigmoid(f) if d.forget_gate else torch.ones_like(c)
                g = torch.tanh(g) if d.input_activation else g
                c = f * c + i * g
                if d.cell == "peephole":
                    o = o + p("weight_co") * c
                o = torch.sigmoid(o) if d.output_gate else torch.ones_like(c)
                h = o * (torch.tanh(c) if d.output_activation else c)
                outputs.append(h)
            return torch.stack(outputs)

        def forward(self, xs):
            """[T, B, I] -> ([T, B, D*H], None), like torch's recurrent modules (without h_n)."""
            for layer in range(self.d.layers):
                forward = self._direction(xs, f"_l{layer}")
                if self.d.bidirectional:
                    backward = self._direction(xs.flip(0), f"_l{layer}_reverse").flip(0)
                    xs = torch.cat([forward, backward], dim=2)
                else:
                    xs = forward
            return xs, None

    return LSTMFamily


def _make_rnn(d):
    torch = _torch()
    plain_lstm = d.cell == "lstm" and all(
        (d.input_gate, d.forget_gate, d.output_gate, d.input_activation, d.output_activation))
    if d.cell == "rnn":
        return torch.nn.RNN(d.input_size, d.hidden, num_layers=d.layers, bidirectional=d.bidirectional,
                            nonlinearity="relu" if d.activation == "relu" else "tanh")
    if d.cell == "gru":
        return torch.nn.GRU(d.input_size, d.hidden, num_layers=d.layers, bidirectional=d.bidirectional)
    if plain_lstm:
        return torch.nn.LSTM(d.input_size, d.hidden, num_layers=d.layers, bidirectional=d.bidirectional)
    return _lstm_family_class()(d)


class _Lazy(type):
    """Makes RNNLabModel a torch.nn.Module subclass on first use, so importing rnnlab needs no torch."""

    def __call__(cls, description):
        torch = _torch()

        class RNNLabModel(torch.nn.Module):
            def __init__(self, d):
                super().__init__()
                self.description = d
                self.rnn = _make_rnn(d)
                self.head = torch.nn.Linear(d.directions * d.hidden, d.output_size)

            def forward(self, xs):
                sequence, _ = self.rnn(xs)
                d = self.description
                if d.many_to_many:
                    return self.head(sequence)
                # Each direction's last step: forward at t = T, backward at t = 1.
                final = sequence[-1] if not d.bidirectional else torch.cat(
                    [sequence[-1, :, :d.hidden], sequence[0, :, d.hidden:]], dim=1)
                return self.head(final)

        return RNNLabModel(description)


class RNNLabModel(metaclass=_Lazy):
    """`RNNLabModel(description)`: an untrained model of the described shape (a torch.nn.Module)."""
