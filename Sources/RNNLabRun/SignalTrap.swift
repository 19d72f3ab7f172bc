import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a raised `StopFlag`, so that a run stops
/// cleanly at the next step boundary instead of dying mid-write.
///
/// The signals are ignored at the process level and delivered through
/// `DispatchSource` on a private queue: the handler therefore runs as ordinary
/// code, not in signal context, and may take locks and print. A second signal
/// while the run is already stopping ends the process at once with exit code
/// 130; that is safe too, because every file is written atomically and a trial
/// without `summary.json` is simply re-run on resume.
public final class SignalTrap: @unchecked Sendable {
  private let sources: [DispatchSourceSignal]
  private let signals: [Int32]

  /// Starts trapping `signals`. `onFirst` runs once, on the first signal, after
  /// `flag` has been raised (e.g. to say "stopping after the current step").
  public init(
    flag: StopFlag, signals: [Int32] = [SIGINT, SIGTERM],
    onFirst: @escaping @Sendable (Int32) -> Void = { _ in }
  ) {
    let queue = DispatchQueue(label: "rnnlab.signal-trap")
    self.signals = signals
    self.sources = signals.map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler {
        if flag.raise(.interrupted(signal: number)) {
          onFirst(number)
        } else {
          // The user insists: leave now. Nothing is half-written (atomic files).
          _exit(RunExitCode.interrupted.rawValue)
        }
      }
      source.resume()
      return source
    }
  }

  /// Stops trapping and restores the default action of each signal.
  public func restore() {
    for source in sources { source.cancel() }
    for number in signals { signal(number, SIG_DFL) }
  }
}
