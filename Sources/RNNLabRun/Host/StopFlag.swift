import Foundation

/// A one-way switch, shared by every worker, that asks running trials to stop
/// promptly (at a step boundary, or abandoning the pass under way).
///
/// Raised by the signal trap (Ctrl-C, SIGTERM, SIGUSR1) or by the scheduler
/// when a trial hits an error that must end the whole run (a write that
/// failed). The trainer polls `isRaised` once per step and, inside forward and
/// backward passes, about every 65k gate values; an uncontended lock costs
/// tens of nanoseconds, far below either, and stays correct under Swift 6
/// strict concurrency on every platform we build for.
public final class StopFlag: @unchecked Sendable {
  /// Why the run is stopping.
  public enum Reason: Equatable, Sendable {
    /// SIGINT or SIGTERM arrived; the number is the signal.
    case interrupted(signal: Int32)
    /// A trial failed in a way that makes going on pointless (e.g. the disk is full).
    case fatalError
  }

  private let lock = NSLock()
  private var storedReason: Reason?

  public init() {}

  /// Whether a stop has been requested.
  public var isRaised: Bool { lock.withLock { storedReason != nil } }

  /// The first reason given, or nil while the run goes on.
  public var reason: Reason? { lock.withLock { storedReason } }

  /// Requests a stop. Returns true for the first request, false when the flag
  /// was already raised (the first reason is kept).
  @discardableResult
  public func raise(_ reason: Reason) -> Bool {
    lock.withLock {
      guard storedReason == nil else { return false }
      storedReason = reason
      return true
    }
  }
}
