import Foundation

/// Turns a hang into a failure that names its input: if one input runs for
/// `limit`, the process prints the input's seed and stops, because a hung
/// test would otherwise wait forever without saying which input hung.
final class FuzzWatchdog: @unchecked Sendable {
  private let lock = NSLock()
  private var current: (seed: UInt64, started: ContinuousClock.Instant)?
  private var stopped = false
  private let limit: Duration
  private let label: String

  init(label: String, limit: Duration = .seconds(60)) {
    self.label = label
    self.limit = limit
    let thread = Thread { [self] in watch() }
    thread.start()
  }

  /// Marks the start of input `seed`.
  func begin(_ seed: UInt64) {
    lock.withLock { current = (seed, .now) }
  }

  func stop() {
    lock.withLock { stopped = true }
  }

  private func watch() {
    while true {
      Thread.sleep(forTimeInterval: 0.5)
      let state = lock.withLock { (stopped, current) }
      if state.0 { return }
      if let (seed, started) = state.1, ContinuousClock.now - started > limit {
        FileHandle.standardError.write(Data(
          "\(label): input \(FuzzBudget.hex(seed)) has run for \(limit): a hang; replay with RNNLAB_FUZZ_REPLAY=\(FuzzBudget.hex(seed))\n".utf8))
        abort()
      }
    }
  }
}
