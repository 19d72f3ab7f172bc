import Foundation

/// Runs trials on `jobs` worker threads, each trial on one thread from start
/// to end, taking trials in plan order.
///
/// Workers pull the next unstarted trial from a shared cursor, so long and
/// short trials balance themselves. Nothing a trial computes depends on which
/// worker runs it or when (every trial seeds itself from its own id), so the
/// results are the same for any `jobs`.
///
/// Plain threads rather than Swift concurrency tasks: a trial is minutes of
/// blocking numeric work, which must not sit on the cooperative thread pool,
/// and `--jobs` may deliberately exceed the number of cores.
public struct TrialScheduler: Sendable {
  /// How many trials run at once.
  public let jobs: Int

  /// The default for `--jobs`: the number of processors available to this process.
  public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// A scheduler with `jobs` workers (at least one).
  public init(jobs: Int = TrialScheduler.defaultJobs) {
    self.jobs = max(1, jobs)
  }

  /// Runs `work` on every item and returns the outcomes in item order.
  ///
  /// Before starting an item a worker checks `stop`; once it is raised no new
  /// item starts, and those items get `nil`. If `work` throws, the first error
  /// raises `stop` (reason `.fatalError`), the other workers wind down at their
  /// next check, and the error is rethrown after every worker has ended.
  public func run<Item: Sendable, Outcome: Sendable>(
    _ items: [Item], stop: StopFlag,
    work: @escaping @Sendable (Item) throws -> Outcome
  ) throws -> [Outcome?] {
    let board = WorkBoard<Outcome>(count: items.count)
    let workers = min(jobs, items.count)
    let finished = DispatchGroup()
    for worker in 0..<workers {
      finished.enter()
      let thread = Thread {
        defer { finished.leave() }
        while !stop.isRaised, let position = board.claimNext() {
          do {
            board.record(try work(items[position]), at: position)
          } catch {
            board.recordFailure(error)
            stop.raise(.fatalError)
          }
        }
      }
      thread.name = "rnnlab.trial-worker-\(worker)"
      thread.stackSize = 8 << 20
      thread.start()
    }
    finished.wait()
    if let error = board.firstError { throw error }
    return board.outcomes
  }
}

/// The scheduler's shared state: the cursor into the item list, the outcomes
/// and the first error, all behind one lock.
private final class WorkBoard<Outcome>: @unchecked Sendable {
  private let lock = NSLock()
  private var nextPosition = 0
  private var storedOutcomes: [Outcome?]
  private var storedError: (any Error)?

  init(count: Int) { storedOutcomes = Array(repeating: nil, count: count) }

  func claimNext() -> Int? {
    lock.withLock {
      guard nextPosition < storedOutcomes.count else { return nil }
      defer { nextPosition += 1 }
      return nextPosition
    }
  }

  func record(_ outcome: Outcome, at position: Int) {
    lock.withLock { storedOutcomes[position] = outcome }
  }

  func recordFailure(_ error: any Error) {
    lock.withLock { if storedError == nil { storedError = error } }
  }

  var outcomes: [Outcome?] { lock.withLock { storedOutcomes } }
  var firstError: (any Error)? { lock.withLock { storedError } }
}
