import RNNLabResults

/// `aggregate.csv`: per task × model × length, the trial counts and the
/// statistics of each metric over the finished seeds, in long (tidy) form.
///
/// Columns: `task,task_kind,model,seq_len,trials,done,diverged,failed,solved,
/// metric,n,dropped,mean,std,min,max`. `n` counts the finished trials that
/// have the metric; `dropped` how many of those n values were not finite
/// (a decay of −inf, a NaN) and so left out: mean, std, min and max are over
/// the n − dropped finite values (never a silent −inf mean or NaN std);
/// `std` is the sample standard deviation, empty for fewer than 2 values;
/// mean, std, min and max are empty when no finite value is left. A metric appears for a task
/// when any of its trials has it (so `final_eval_accuracy` is absent for
/// tasks without an accuracy), and then for every cell of that task.
enum AggregateTable {
  static let header = [
    "task", "task_kind", "model", "seq_len", "trials", "done", "diverged", "failed", "solved",
    "metric", "n", "dropped", "mean", "std", "min", "max",
  ]

  static func csv(_ index: ResultsIndex) -> String {
    var rows: [[String]] = []
    for task in index.tasks {
      let ofTask = index.trials.filter { $0.summary.task == task.name }
      let metrics = SummaryMetric.aggregated.filter { $0.applies(to: ofTask) }
      for model in task.models {
        for seqLen in task.seqLens {
          guard let group = index.group(task: task.name, model: model, seqLen: seqLen) else { continue }
          let counts = [
            task.name, task.kind, model, String(seqLen), String(group.trials.count), String(group.done.count),
            String(group.divergedCount), String(group.failedCount), String(group.solvedCount),
          ]
          for metric in metrics {
            let values = SeedValues(group, metric.value)
            let stats = values.statistics
            rows.append(
              counts + [
                metric.name, String(values.all.count), String(values.all.count - values.finite.count),
                CSV.number(stats?.mean), CSV.number(stats?.std),
                CSV.number(stats?.min), CSV.number(stats?.max),
              ])
          }
        }
      }
    }
    return CSV.table(header: header, rows: rows)
  }
}
