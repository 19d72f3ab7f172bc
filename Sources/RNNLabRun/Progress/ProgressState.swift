/// The counters behind the progress display: what has finished, what is
/// running and how far. Plain value type; `ProgressReporter` guards it.
struct ProgressState: Equatable, Sendable {
  /// One trial in flight.
  struct Running: Equatable, Sendable {
    var id: String
    var steps: Int
    var work: Double
    var step = 0
    /// The training loss smoothed over recent steps (exponential average,
    /// weight 0.1 for the newest): single batches are too noisy to read.
    var loss: Double?
  }

  let totalTrials: Int
  let totalWork: Double
  let startTime: Double
  private(set) var finished = 0
  private(set) var finishedWork = 0.0
  /// In the order the trials started.
  private(set) var running: [Running] = []

  init(totalTrials: Int, totalWork: Double, startTime: Double) {
    self.totalTrials = totalTrials
    self.totalWork = totalWork
    self.startTime = startTime
  }

  mutating func start(id: String, steps: Int, work: Double) {
    running.removeAll { $0.id == id }
    running.append(Running(id: id, steps: max(steps, 1), work: work))
  }

  mutating func step(id: String, step: Int, loss: Double) {
    guard let position = running.firstIndex(where: { $0.id == id }) else { return }
    running[position].step = step
    if let previous = running[position].loss, previous.isFinite {
      running[position].loss = 0.9 * previous + 0.1 * loss
    } else {
      running[position].loss = loss
    }
  }

  /// A trial that ended; one that only `paused` at a halving rung leaves the
  /// running list but is not finished (it comes back for the next rung).
  mutating func finish(id: String, paused: Bool = false) {
    if !paused { finished += 1 }
    if let position = running.firstIndex(where: { $0.id == id }) {
      if !paused { finishedWork += running[position].work }
      running.remove(at: position)
    }
  }

  /// Work done so far, counting running trials by the fraction of their steps taken.
  var workDone: Double {
    running.reduce(finishedWork) { sum, trial in
      sum + trial.work * Double(min(trial.step, trial.steps)) / Double(trial.steps)
    }
  }

  /// Seconds until the end at the pace so far, or nil before there is a pace.
  func secondsRemaining(now: Double) -> Double? {
    let elapsed = now - startTime
    let done = workDone
    guard done > 0, elapsed > 0, totalWork > done else { return done >= totalWork && done > 0 ? 0 : nil }
    return elapsed * (totalWork - done) / done
  }
}
