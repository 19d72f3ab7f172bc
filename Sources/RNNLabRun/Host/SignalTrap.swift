import Dispatch
import Foundation

/// Turns SIGINT, SIGTERM and SIGUSR1 (a batch system's time-limit warning)
/// into a raised `StopFlag`, so that a run stops
/// cleanly at the next step boundary instead of dying mid-write.
///
/// Signals arrive through `DispatchSource` on a private queue, so the handler
/// is ordinary code, not signal context, and may take locks and print. A second
/// signal while the run is already stopping ends the process at once with exit
/// code 130; that is safe too, because every file is written atomically and a
/// trial without `summary.json` is simply re-run on resume.
///
/// A trap works while it exists. On Linux, libdispatch installs its
/// own handler when the first source for a signal is registered, which happens
/// asynchronously; until then the signal is set to "ignore" (rather than its
/// default, ending the process), and `init` waits for the registration so that
/// no signal sent after it returns is lost. A handler already installed (by
/// an earlier trap) is left in place, so a process may set several traps.
public final class SignalTrap: @unchecked Sendable {  // immutable; dispatch sources are thread-safe
  private let sources: [any DispatchSourceSignal]

  /// Starts trapping `signals`. `onFirst` runs once, on the first signal, after
  /// `flag` has been raised (e.g. to say "stopping after the current step").
  public init(
    flag: StopFlag, signals: [Int32] = [SIGINT, SIGTERM, SIGUSR1],
    onFirst: @escaping @Sendable (Int32) -> Void = { _ in }
  ) {
    let queue = DispatchQueue(label: "rnnlab.signal-trap")
    let registered = DispatchGroup()
    sources = signals.map { number in
      let previous = signal(number, SIG_IGN)
      if let previous, unsafeBitCast(previous, to: Int.self) > 1 {
        signal(number, previous)  // a real handler (libdispatch's), not SIG_DFL (0) or SIG_IGN (1)
      }
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler {
        if flag.raise(.interrupted(signal: number)) {
          onFirst(number)
        } else {
          // The user insists: leave now. Nothing is half-written (atomic files).
          _exit(RunExitCode.interrupted.rawValue)
        }
      }
      registered.enter()
      source.setRegistrationHandler { registered.leave() }
      source.resume()
      return source
    }
    registered.wait()
  }

  /// A trap that goes away stops handling its signals (they stay caught, and
  /// ignored, unless another trap is set).
  deinit {
    for source in sources { source.cancel() }
  }
}
