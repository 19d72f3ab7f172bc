import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// Tells the user how a run is going, from any number of worker threads.
///
/// - `live` (stderr is a terminal): finished trials scroll by as plain lines,
///   under them one status line (done/total, elapsed, ETA, each running
///   trial's step and loss), redrawn by a timer at most ten times a second.
///   Workers only update counters, so reporting every step costs a lock, not
///   a write.
/// - `lines` (a pipe or a log file): one line per finished trial, e.g.
///   `[3/24] adding-T100-lstm-s1 done eval_loss=0.0012 solved 12.3s`.
/// - `quiet`: only errors and the final summary.
///
/// The ETA weighs each trial by the work it was started with (the caller
/// passes steps × sequence length × model size or a similar cost), so a run
/// whose long sequences come last is not promised too early an end.
public final class ProgressReporter: @unchecked Sendable {
  /// How progress is shown.
  public enum Mode: Equatable, Sendable {
    case live, lines, quiet

    /// `quiet` if asked, else `live` when stderr is a terminal and `lines` otherwise.
    public static func automatic(quiet: Bool) -> Mode {
      if quiet { return .quiet }
      return isatty(STDERR_FILENO) != 0 ? .live : .lines
    }
  }

  /// The longest interval between two redraws of the live line, so the elapsed time ticks.
  static let idleRedrawSeconds = 1.0
  /// The timer period: the live line is redrawn at most this often.
  static let redrawPeriodSeconds = 0.1

  let mode: Mode
  private let output: @Sendable (String) -> Void
  private let clock: @Sendable () -> Double
  private let width: @Sendable () -> Int
  private let lock = NSLock()
  private var state: ProgressState
  private var liveLineShown = false
  private var changedSinceDraw = true
  private var lastDraw = -Double.infinity
  private var timer: DispatchSourceTimer?

  /// A reporter for a run of `totalTrials` trials whose costs add up to `totalWork`.
  public init(
    mode: Mode, totalTrials: Int, totalWork: Double,
    output: @escaping @Sendable (String) -> Void = ProgressReporter.writeToStandardError,
    clock: @escaping @Sendable () -> Double = ProgressReporter.monotonicSeconds,
    width: @escaping @Sendable () -> Int = ProgressReporter.terminalWidth
  ) {
    self.mode = mode
    self.output = output
    self.clock = clock
    self.width = width
    self.state = ProgressState(totalTrials: totalTrials, totalWork: totalWork, startTime: clock())
  }

  deinit { timer?.cancel() }

  /// Starts the redraw timer (live mode only).
  public func start() {
    guard mode == .live else { return }
    let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "rnnlab.progress"))
    timer.schedule(deadline: .now(), repeating: Self.redrawPeriodSeconds)
    timer.setEventHandler { [weak self] in self?.redrawIfDue() }
    lock.withLock { self.timer = timer }
    timer.resume()
  }

  /// Stops the timer and removes the live line, leaving the terminal clean.
  public func stop() {
    lock.withLock {
      timer?.cancel()
      timer = nil
      clearLiveLine()
    }
  }

  /// A trial has started; `work` is its share of `totalWork`.
  public func trialStarted(id: String, steps: Int, work: Double) {
    lock.withLock {
      state.start(id: id, steps: steps, work: work)
      changedSinceDraw = true
    }
  }

  /// A trial has finished a training step. Cheap: no output happens here.
  public func trialStepped(id: String, step: Int, loss: Double) {
    lock.withLock {
      state.step(id: id, step: step, loss: loss)
      changedSinceDraw = true
    }
  }

  /// A trial has ended: prints its line (unless quiet) and counts it.
  public func trialFinished(_ outcome: TrialOutcome) {
    lock.withLock {
      state.finish(id: outcome.trialID, paused: outcome.status == .paused)
      changedSinceDraw = true
      guard mode != .quiet else { return }
      clearLiveLine()
      output(ProgressFormat.finishedLine(outcome, done: state.finished, total: state.totalTrials) + "\n")
    }
  }

  /// An informational line (the plan, where results go); not shown when quiet.
  public func note(_ text: String) {
    guard mode != .quiet else { return }
    lock.withLock {
      clearLiveLine()
      output(text + "\n")
    }
  }

  /// An error line; always shown.
  public func error(_ text: String) {
    lock.withLock {
      clearLiveLine()
      output(text + "\n")
    }
  }

  /// The live status line as it would be drawn now.
  public func liveLine() -> String {
    lock.withLock { ProgressFormat.liveLine(state, now: clock(), width: width()) }
  }

  private func redrawIfDue() {
    lock.withLock {
      guard timer != nil else { return }
      let now = clock()
      guard changedSinceDraw || now - lastDraw >= Self.idleRedrawSeconds else { return }
      output("\r" + ProgressFormat.liveLine(state, now: now, width: width()) + "\u{1B}[K")
      liveLineShown = true
      changedSinceDraw = false
      lastDraw = now
    }
  }

  /// Erases the live line so that a plain line can take its place. Caller holds `lock`.
  private func clearLiveLine() {
    guard liveLineShown else { return }
    output("\r\u{1B}[K")
    liveLineShown = false
    changedSinceDraw = true
  }
}

extension ProgressReporter {
  /// Writes to the process's standard error, unbuffered.
  public static let writeToStandardError: @Sendable (String) -> Void = { text in
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Seconds on a clock that never jumps (unlike wall time).
  public static let monotonicSeconds: @Sendable () -> Double = {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
  }

  /// The width of the terminal on stderr, or 80 when it cannot be told.
  public static let terminalWidth: @Sendable () -> Int = {
    var size = winsize()
    guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }
}
