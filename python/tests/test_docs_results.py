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
T_975_DF4 = 2.7764451051977987  # Student's t, 97.5 % quantiles: 4 degrees of freedom (5 draws)
T_975_DF5 = 2.5705818366147395  # and 5 (6 draws)


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
    names = ("long_dep", "gates", "search", "gradients", "depth")
    return {name: pd.read_csv(os.path.join(RESULTS, name, "summary.csv")) for name in names}


def trials(summary, task, model, T):
    if "selected" in summary:  # after a search: the selected configuration, as the reports show
        summary = summary[summary.selected.astype(str).str.lower() == "true"]
    chosen = summary[(summary.task == task) & (summary.model == model) & (summary.seq_len == T)]
    assert len(chosen) > 0, f"no trials for {task} {model} T={T}"
    return chosen


def wilson(k, n, z=1.959963984540054):
    """The 95 % Wilson score interval of k/n in whole percent, as the reports print it."""
    p, d = k / n, 1 + z * z / n
    centre, half = (p + z * z / (2 * n)) / d, z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return round(100 * max(0.0, centre - half)), round(100 * min(1.0, centre + half))


def check_loss_and_solved(problems, where, cell, chosen, accuracy_in_percent=False):
    interval = re.search(r"(\d+)/(\d+)\**\s*\((\d+)–(\d+) %\)", cell)
    if interval:
        k, n, low, high = map(int, interval.groups())
        if (low, high) != wilson(k, n):
            problems.append(f"{where}: shows interval {low}–{high} %, Wilson gives {wilson(k, n)}")
        cell = cell.replace(interval.group(0)[interval.group(0).index("("):], "")
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
    """Means over the 5 seeds (5 draws of each initialisation), the 95 % t-interval at T = 100."""
    header, rows = table_after("## How fast the gradient vanishes")
    problems = []
    for model, cells in rows:
        columns = [(50, "grad_decay_init", 1, 0), (100, "grad_decay_init", 1, 1), (100, "grad_decay_init", 100, 3),
                   (100, "grad_decay_final", 1, 4), (200, "grad_decay_final", 1, 5)]
        for T, column, per, at in columns:
            values = trials(summaries["long_dep"], "adding", model, T)[column].astype(float)
            if not matches(cells[at], values.mean() / per):
                problems.append(f"adding {model} {column} T={T} '{cells[at]}': results give {values.mean() / per:.4g}")
        values = trials(summaries["long_dep"], "adding", model, 100).grad_decay_init.astype(float)
        half = T_975_DF4 * values.std(ddof=1) / math.sqrt(len(values))
        low, high = cells[2].split(" to ")
        if len(values) != 5 or not (matches(low, values.mean() - half) and matches(high, values.mean() + half)):
            problems.append(f"adding {model} interval '{cells[2]}': results give "
                            f"{values.mean() - half:.3g} to {values.mean() + half:.3g} over {len(values)}")
        zeros = trials(summaries["long_dep"], "adding", model, 200).grad_underflow_init.astype(float).mean()
        if not matches(cells[6].split(" of ")[0], zeros):
            problems.append(f"adding {model} grad_underflow_init T=200 '{cells[6]}': results give {zeros:.4g}")
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


def test_search_table_matches_the_selection(summaries):
    header, rows = table_after("## Which learning rate each cell needs")
    selection = pd.read_csv(os.path.join(RESULTS, "search", "selection.csv"))
    search = summaries["search"]
    problems = []
    for model, cells in rows:
        chosen = selection[selection.model == model].iloc[0]
        where = f"search {model}"
        rate = cells[0].split(",")[0]
        if not matches(rate, chosen["training.learning_rate"]):
            problems.append(f"{where}: shows rate {rate}, selection.csv has {chosen['training.learning_rate']}")
        check_loss_and_solved(problems, f"{where} '{cells[1]}'", cells[1],
                              trials(search, "adding", model, 100))
        per_config = search[search.model == model].groupby("config_index").solved.sum()
        solving = f"{int((per_config == 3).sum())} of {len(per_config)}"
        if not cells[2].startswith(solving):
            problems.append(f"{where}: shows '{cells[2]}' configurations solving 3/3, results give {solving}")
    assert not problems, "docs/results.md differs from results/search:\n" + "\n".join(problems)


def test_tuning_table_matches_the_selection():
    header, rows = table_after("## Each cell tuned on each task")
    selection = pd.read_csv(os.path.join(RESULTS, "tuning", "selection.csv"))
    tasks = header[1:]
    assert len(rows) == 6 and tasks == sorted(set(selection.task), key=list(selection.task).index)
    problems = []
    for model, cells in rows:
        for task, cell in zip(tasks, cells):
            chosen = selection[(selection.task == task) & (selection.model == model)].iloc[0]
            values, solved = cell.split("; ")
            rate, *bias = values.split(", ")
            where = f"tuning {task} {model} '{cell}'"
            if not math.isclose(float(rate), float(f"{chosen['training.learning_rate']:.2g}")):
                problems.append(f"{where}: selection.csv has rate {chosen['training.learning_rate']}")
            recorded = chosen["forget_bias"]
            shown = bias[0] if bias else None
            if (shown is None) != pd.isna(recorded) or (shown is not None and shown != recorded
                                                        and not math.isclose(float(shown), float(recorded))):
                problems.append(f"{where}: selection.csv has forget_bias {recorded}")
            if solved.strip("*") != f"{int(chosen.solved)}/{int(chosen.seeds)}":
                problems.append(f"{where}: selection.csv has {int(chosen.solved)}/{int(chosen.seeds)} solved")
    assert not problems, "docs/results.md differs from results/tuning:\n" + "\n".join(problems)


def test_gradients_table_matches_the_results(summaries):
    """Initialisation numbers pool the -clip and -noclip trials: 6 draws of one initialisation."""
    header, rows = table_after("## Vanishing and exploding gradients at initialisation")
    gradients = summaries["gradients"]
    problems = []
    for model, cells in rows:
        pooled = gradients[gradients.model.isin([f"{model}-clip", f"{model}-noclip"])]
        for T, cell in zip((10, 50, 100, 200), cells):
            decay = pooled[pooled.seq_len == T].grad_decay_init.astype(float)
            if len(decay) != 6 or not matches(cell, decay.mean()):
                problems.append(f"gradients {model} T={T} '{cell}': results give {decay.mean():.4g} over {len(decay)}")
        decay = pooled[pooled.seq_len == 200].grad_decay_init.astype(float)
        half = T_975_DF5 * decay.std(ddof=1) / math.sqrt(len(decay))
        if not (matches(cells[4].split(" to ")[0], decay.mean() - half) and matches(cells[4].split(" to ")[1], decay.mean() + half)):
            problems.append(f"gradients {model} interval '{cells[4]}': results give {decay.mean() - half:.3g} to {decay.mean() + half:.3g}")
        if not matches(cells[5], decay.mean() / 200):
            problems.append(f"gradients {model} per step '{cells[5]}': results give {decay.mean() / 200:.4g}")
        unclipped = gradients[gradients.model == f"{model}-noclip"]
        diverged = f"{int((unclipped.status == 'diverged').sum())}/{len(unclipped)}"
        if cells[6] != diverged:
            problems.append(f"gradients {model} diverged '{cells[6]}': results give {diverged}")
    assert not problems, "docs/results.md differs from results/gradients:\n" + "\n".join(problems)


def test_depth_table_matches_the_results(summaries):
    header, rows = table_after("Seeds solved out of 3 (adding / first symbol)")
    depth = summaries["depth"]
    problems = []
    for model, cells in rows:
        for T, cell in zip(lengths(header), cells):
            for task, shown in zip(("adding", "first_symbol"), cell.split(" / ")):
                chosen = trials(depth, task, model, T)
                actual = f"{int(chosen.solved.sum())}/{len(chosen)}"
                if shown != actual:
                    problems.append(f"depth {task} {model} T={T}: shows {shown}, results give {actual}")
    assert not problems, "docs/results.md differs from results/depth:\n" + "\n".join(problems)
