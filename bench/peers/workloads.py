"""The workloads, timing loop and output of `runner bench`, for the peer scripts.

torch_step.py and jax_step.py import this module, so the three programs time
the same shapes and print rows that line up. The workload table must match
TrainingStepBenchmark.referenceWorkloads in Sources/RNNLabEngine/Benchmarks
(a Swift test checks it).
"""
import argparse
import statistics
import time
from dataclasses import dataclass

INPUT_SIZE = 2
GATES = {"rnn": 1, "lstm": 4, "gru": 3}


@dataclass(frozen=True)
class Workload:
    id: str
    cell: str  # rnn, lstm or gru
    bidirectional: bool
    T: int
    H: int
    B: int

    @property
    def model(self):
        """The model column of `runner bench`: rnn, lstm, gru or bilstm."""
        return ("bi" if self.bidirectional else "") + self.cell

    @property
    def flops_per_step(self):
        """3 x the forward GEMM work, 3 * 2*B*T*(I+H)*G*H * D, as `runner bench` counts it."""
        directions = 2 if self.bidirectional else 1
        return 3 * 2 * self.B * self.T * (INPUT_SIZE + self.H) * GATES[self.cell] * self.H * directions


# id, cell, bidirectional, T, H, B -- in the order `runner bench` prints them.
WORKLOADS = [
    Workload("rnn-200", "rnn", False, 200, 128, 64),
    Workload("lstm-200", "lstm", False, 200, 128, 64),
    Workload("gru-200", "gru", False, 200, 128, 64),
    Workload("bilstm-200", "lstm", True, 200, 128, 64),
    Workload("lstm-1000", "lstm", False, 1000, 128, 64),
    Workload("lstm-h512", "lstm", False, 100, 512, 64),
    Workload("lstm-tiny", "lstm", False, 50, 32, 32),
    Workload("lstm-longdep", "lstm", False, 100, 48, 32),
    Workload("gru-longdep", "gru", False, 100, 48, 32),
]

COLUMNS = ["id", "model", "T", "H", "B", "threads", "ms_per_step", "gflops"]
WIDTHS = [11, 11, 5, 5, 4, 8, 12, 8, 9, 9]


def parse_arguments(description, extra=None):
    """The flags `runner bench` has (--format, --filter, --steps), plus --threads."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--format", choices=["table", "csv"], default="table")
    parser.add_argument("--filter", help="only the workload with this id, or those whose id contains it")
    parser.add_argument("--steps", type=int, help="timed steps per workload (default: about 4 s, 5 to 100)")
    parser.add_argument("--threads", type=int, default=1, help="intra-op threads (default 1, like runner bench)")
    if extra:
        extra(parser)
    arguments = parser.parse_args()
    if arguments.steps is not None and arguments.steps < 1:
        parser.error(f"--steps must be at least 1, got {arguments.steps}")
    return arguments


def select(filter_text):
    """An exact id picks one workload (lstm-200, not also bilstm-200); otherwise a substring."""
    if not filter_text:
        return WORKLOADS
    exact = [w for w in WORKLOADS if w.id == filter_text]
    chosen = exact or [w for w in WORKLOADS if filter_text in w.id]
    if not chosen:
        ids = ", ".join(w.id for w in WORKLOADS)
        raise SystemExit(f"--filter: error: no workload matches '{filter_text}' (workloads: {ids})")
    return chosen


def time_steps(step, steps=None, warmup=2, budget_seconds=4.0):
    """Runs `step` `warmup` times, then times `steps` calls (or as many as fit in
    the budget, at least 5 and at most 100), like runner bench.
    Returns (median ms, best ms, median CPU ms of the whole process,
    which counts the threads a library starts for itself)."""
    for _ in range(warmup):
        step()
    wall, cpu = [], []
    start = time.perf_counter()
    while True:
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        step()
        wall.append((time.perf_counter() - wall_start) * 1e3)
        cpu.append((time.process_time() - cpu_start) * 1e3)
        if steps is not None:
            if len(wall) >= steps:
                break
        elif len(wall) >= 100 or (len(wall) >= 5 and time.perf_counter() - start >= budget_seconds):
            break
    return statistics.median(wall), min(wall), statistics.median(cpu)


class Printer:
    """Prints the header lines and one row per workload in runner bench's format."""

    def __init__(self, output_format, header_lines):
        self.format = output_format
        if output_format == "csv":
            import sys
            for line in header_lines:
                print(line, file=sys.stderr)
            print(",".join(COLUMNS), flush=True)
        else:
            print("\n".join(header_lines) + "\n")
            print(self._line(COLUMNS + ["best_ms", "cpu_ms"]), flush=True)

    def row(self, workload, threads, median_ms, best_ms, cpu_ms):
        gflops = workload.flops_per_step / (median_ms * 1e-3) / 1e9
        fields = [workload.id, workload.model, str(workload.T), str(workload.H), str(workload.B),
                  str(threads), f"{median_ms:.2f}", f"{gflops:.1f}"]
        if self.format == "csv":
            print(",".join(fields), flush=True)
        else:
            print(self._line(fields + [f"{best_ms:.2f}", f"{cpu_ms:.2f}"]), flush=True)

    @staticmethod
    def _line(fields):
        cells = []
        for index, (text, width) in enumerate(zip(fields, WIDTHS)):
            cells.append(text.ljust(width) if index < 2 else text.rjust(width))
        return " ".join(cells)


def cpu_model():
    """The CPU's model name from /proc/cpuinfo, as runner bench prints it."""
    import os
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return f"{line.split(':', 1)[1].strip()} ({os.cpu_count()} cores)"
    except OSError:
        pass
    import platform
    return platform.processor() or "unknown"
