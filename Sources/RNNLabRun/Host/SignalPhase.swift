import Foundation

/// Whether a SIGINT/SIGTERM arriving now can be honoured at a step boundary.
///
/// Only while trials train is there a boundary to stop at; before that
/// (parsing, locking, planning) and after it (writing the report) a signal
/// must still end the process, promptly and with the documented 130 rather
/// than the shell's 143 for a signal death. `Runner.main` installs one
/// process-wide trap before anything else; its handler exits at once unless a
/// run has declared its training phase here, in which case the run's own trap
/// stops at the next step boundary. Every file is written atomically, so
/// exiting at any other moment leaves nothing half-written.
public enum SignalPhase {
  private static let state = Box()

  /// True from the first trial's start until the last trial ends.
  public static var training: Bool {
    get { state.lock.withLock { state.value } }
    set { state.lock.withLock { state.value = newValue } }
  }

  /// The process-wide trap; keep it alive for the life of the process.
  public static func installProcessTrap() -> SignalTrap {
    SignalTrap(flag: StopFlag()) { _ in
      if !training { _exit(RunExitCode.interrupted.rawValue) }
    }
  }

  private final class Box: @unchecked Sendable {  // guarded by `lock`
    let lock = NSLock()
    var value = false
  }
}
