#!/usr/bin/env python3
"""JAX's (XLA on the CPU) time for one training step of `runner bench`'s workloads.

The same step as torch_step.py and `runner bench`: a scan over time with
PyTorch's cell equations (gate order i, f, g, o and r, z, n), MSE on a linear
head of the final state (bilstm: forward state at t = T and backward state at
t = 1), the gradient through time, global-norm clipping at 1.0 and one Adam
update (lr 1e-3), all in one jitted function. XLA flushes subnormals itself.

    python3 bench/peers/jax_step.py [--format csv] [--filter ID] [--steps K] [--threads N]

With --threads 1 (the default) the script sets XLA_FLAGS for a single thread
before JAX starts, unless XLA_FLAGS is already set.
"""
import os

from workloads import INPUT_SIZE, Printer, cpu_model, parse_arguments, select, time_steps


def cell_function(cell):
    """h (or (h, c)) at the next step from the previous state and the input."""
    import jax
    import jax.numpy as jnp

    def rnn(p, h, x):
        return jnp.tanh(x @ p["w_ih"].T + p["b_ih"] + h @ p["w_hh"].T + p["b_hh"])

    def lstm(p, state, x):
        h, c = state
        i, f, g, o = jnp.split(x @ p["w_ih"].T + p["b_ih"] + h @ p["w_hh"].T + p["b_hh"], 4, axis=-1)
        c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
        return jax.nn.sigmoid(o) * jnp.tanh(c), c

    def gru(p, h, x):
        xr, xz, xn = jnp.split(x @ p["w_ih"].T + p["b_ih"], 3, axis=-1)
        hr, hz, hn = jnp.split(h @ p["w_hh"].T + p["b_hh"], 3, axis=-1)
        r, z = jax.nn.sigmoid(xr + hr), jax.nn.sigmoid(xz + hz)
        n = jnp.tanh(xn + r * hn)
        return (1 - z) * n + z * h

    return {"rnn": rnn, "lstm": lstm, "gru": gru}[cell]


def initial_parameters(workload, key):
    """PyTorch's initialisation: every tensor uniform in ±1/sqrt(H)."""
    import jax
    gates = {"rnn": 1, "lstm": 4, "gru": 3}[workload.cell] * workload.H
    directions = 2 if workload.bidirectional else 1
    bound = workload.H ** -0.5
    shapes = {"w_ih": (gates, INPUT_SIZE), "w_hh": (gates, workload.H), "b_ih": (gates,), "b_hh": (gates,)}
    keys = iter(jax.random.split(key, 4 * directions + 2))
    uniform = lambda shape, limit: jax.random.uniform(next(keys), shape, minval=-limit, maxval=limit)
    params = {f"d{d}": {name: uniform(shape, bound) for name, shape in shapes.items()} for d in range(directions)}
    head_bound = (directions * workload.H) ** -0.5
    params["head"] = {"w": uniform((1, directions * workload.H), head_bound), "b": uniform((1,), head_bound)}
    return params


def make_step(workload, seed=0):
    """A closure running one jitted training step of `workload` on fixed random data."""
    import jax
    import jax.numpy as jnp
    cell = cell_function(workload.cell)
    T, H, B = workload.T, workload.H, workload.B
    directions = 2 if workload.bidirectional else 1

    def final_state(p, xs):
        zeros = jnp.zeros((B, H))
        state = (zeros, zeros) if workload.cell == "lstm" else zeros
        last, _ = jax.lax.scan(lambda s, x: (cell(p, s, x), None), state, xs)
        return last[0] if workload.cell == "lstm" else last

    def loss(params, xs, target):
        # The backward direction reads the sequence reversed; its last step is t = 1.
        finals = [final_state(params[f"d{d}"], xs if d == 0 else xs[::-1]) for d in range(directions)]
        output = jnp.concatenate(finals, axis=-1) @ params["head"]["w"].T + params["head"]["b"]
        return jnp.mean((output - target) ** 2)

    def train_step(params, m, v, t, xs, target):
        grads = jax.grad(loss)(params, xs, target)
        norm = jnp.sqrt(sum(jnp.sum(g * g) for g in jax.tree_util.tree_leaves(grads)))
        scale = jnp.minimum(1.0, 1.0 / (norm + 1e-6))  # torch's clip_grad_norm_
        grads = jax.tree_util.tree_map(lambda g: g * scale, grads)
        m = jax.tree_util.tree_map(lambda a, g: 0.9 * a + 0.1 * g, m, grads)
        v = jax.tree_util.tree_map(lambda a, g: 0.999 * a + 0.001 * g * g, v, grads)
        correction1, correction2 = 1 - 0.9 ** t, 1 - 0.999 ** t
        params = jax.tree_util.tree_map(
            lambda p, a, b: p - 1e-3 * (a / correction1) / (jnp.sqrt(b / correction2) + 1e-8), params, m, v)
        return params, m, v

    key = jax.random.PRNGKey(seed)
    init_key, data_key, target_key = jax.random.split(key, 3)
    state = {"params": initial_parameters(workload, init_key), "t": 0}
    state["m"] = jax.tree_util.tree_map(jnp.zeros_like, state["params"])
    state["v"] = jax.tree_util.tree_map(jnp.zeros_like, state["params"])
    xs = jax.random.uniform(data_key, (T, B, INPUT_SIZE))  # time-major
    target = jax.random.uniform(target_key, (B, 1))
    jitted = jax.jit(train_step)

    def step():
        state["t"] += 1
        params, m, v = jitted(state["params"], state["m"], state["v"], jnp.float32(state["t"]), xs, target)
        jax.block_until_ready(params)
        state.update(params=params, m=m, v=v)

    return step


def main():
    arguments = parse_arguments(__doc__.splitlines()[0])
    if arguments.threads == 1 and "XLA_FLAGS" not in os.environ:
        os.environ["XLA_FLAGS"] = "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
    import jax
    jax.config.update("jax_platforms", "cpu")
    threads = arguments.threads if arguments.threads == 1 or "XLA_FLAGS" in os.environ else "-"
    header = [f"JAX {jax.__version__} (XLA CPU, XLA_FLAGS={os.environ.get('XLA_FLAGS', '')})",
              f"CPU: {cpu_model()}"]
    printer = Printer(arguments.format, header)
    for workload in select(arguments.filter):
        median_ms, best_ms, cpu_ms = time_steps(make_step(workload), arguments.steps)
        printer.row(workload, threads, median_ms, best_ms, cpu_ms)


if __name__ == "__main__":
    main()
