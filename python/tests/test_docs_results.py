"""docs/results.md copies numbers from the committed results; these tests keep the copy honest.

Each number in the findings' tables must be the committed value rounded to the
digits shown, and each "k/n" the count of solved seeds. When the results are
re-recorded and a number moves, the failure names the table cell to update.
"""
import math
import os
import re

import pandas as pd
import pytest

from conftest import REPOSITORY, RESULTS

DOC = os.path.join(REPOSITORY, "docs", "results.md")


def table_after(marker):
    """The header and rows, (model, [cells]), of the first table after the line containing `marker`."""
    lines = open(DOC, encoding="utf-8").read().split("\n")
    start = next(i for i, line in enumerate(lines) if marker in line)
    rows, header = [], None
    for line in lines[start + 1:]:
        if line.startswith("#"):
            break
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if header is None:
            header = cells
        elif not set(cells[0]) <= set("-: "):
            rows.append((re.match(r"`([^`]+)`", cells[0]).group(1), cells[1:]))
    return header, rows


def lengths(header):
    return [int(m.group(1)) for m in (re.search(r"T = (\d+)", cell) for cell in header[1:]) if m]


def number(text):
    return float(text.replace("−", "-"))


def matches(shown, actual):
    """Whether `actual` rounds to `shown` (a decimal string) at the digits shown."""
    shown = shown.replace("−", "-")
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    return abs(actual - float(shown)) <= 0.5 * 10 ** -decimals + 1e-9


@pytest.fixture(scope="module")
def summaries():
    return {name: pd.read_csv(os.path.join(RESULTS, name, "summary.csv")) for name in ("long_dep", "gates")}


def trials(summary, task, model, T):
    chosen = summary[(summary.task == task) & (summary.model == model) & (summary.seq_len == T)]
    assert len(chosen) > 0, f"no trials for {task} {model} T={T}"
    return chosen


def check_loss_and_solved(problems, where, cell, chosen, accuracy_in_percent=False):
    loss = re.match(r"([−\d.]+)", cell)
    if loss and "%" not in cell.split(",")[0].split("(")[0]:
        if not matches(loss.group(1), chosen.final_eval_loss.mean()):
            problems.append(f"{where}: shows loss {loss.group(1)}, results give {chosen.final_eval_loss.mean():.6g}")
    percent = re.search(r"(\d+) %", cell)
    if percent and not matches(percent.group(1), 100 * chosen.final_eval_accuracy.mean()):
        problems.append(f"{where}: shows {percent.group(1)} %, results give {100 * chosen.final_eval_accuracy.mean():.3g} %")
    solved = re.search(r"(\d+)/(\d+)", cell)
    actual = f"{int(chosen.solved.sum())}/{len(chosen)}"
    if solved and solved.group(0) != actual:
        problems.append(f"{where}: shows {solved.group(0)} solved, results give {actual}")


@pytest.mark.parametrize("marker,task", [("## Adding problem: at which length", "adding"),
                                         ("Copy: final eval cross-entropy", "copy"),
                                         ("First symbol: final eval accuracy", "first_symbol")])
def test_long_dep_tables_match_the_results(summaries, marker, task):
    header, rows = table_after(marker)
    assert len(rows) == 6 and len(lengths(header)) >= 4
    problems = []
    for model, cells in rows:
        for T, cell in zip(lengths(header), cells):
            check_loss_and_solved(problems, f"{task} {model} T={T} '{cell}'", cell,
                                  trials(summaries["long_dep"], task, model, T))
    assert not problems, "docs/results.md differs from results/long_dep:\n" + "\n".join(problems)


def test_gradient_decay_table_matches_the_results(summaries):
    header, rows = table_after("## How fast the gradient vanishes")
    problems = []
    for model, cells in rows:
        columns = [(50, "grad_decay_init", 1), (100, "grad_decay_init", 1), (100, "grad_decay_init", 100),
                   (100, "grad_decay_final", 1), (200, "grad_decay_final", 1)]
        for (T, column, per), cell in zip(columns, cells):
            values = trials(summaries["long_dep"], "adding", model, T)[column].astype(float)
            where = f"adding {model} {column} T={T} '{cell}'"
            infinite = re.match(r"−inf in (\d+) of (\d+) seeds", cell)
            if infinite:
                actual = f"{int((values == -math.inf).sum())} of {len(values)}"
                if f"{infinite.group(1)} of {infinite.group(2)}" != actual:
                    problems.append(f"{where}: results have -inf in {actual}")
            elif not matches(cell, values.mean() / per):
                problems.append(f"{where}: results give {values.mean() / per:.4g}")
    assert not problems, "docs/results.md differs from results/long_dep:\n" + "\n".join(problems)


def test_gates_table_matches_the_results(summaries):
    header, rows = table_after("## Which parts of the LSTM matter")
    problems = []
    for model, cells in rows:
        for T, cell in zip((50, 100), cells):
            check_loss_and_solved(problems, f"gates {model} T={T} '{cell}'", cell,
                                  trials(summaries["gates"], "adding", model, T))
        decay = trials(summaries["gates"], "adding", model, 100).grad_decay_init.astype(float).mean()
        if not matches(cells[2], decay):
            problems.append(f"gates {model} grad_decay_init T=100 '{cells[2]}': results give {decay:.4g}")
    assert not problems, "docs/results.md differs from results/gates:\n" + "\n".join(problems)
