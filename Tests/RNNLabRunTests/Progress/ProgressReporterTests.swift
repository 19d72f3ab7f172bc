import Foundation
import Testing
@testable import RNNLabRun

@Suite struct ProgressReporterTests {
  /// A reporter whose output and clock the test controls.
  private struct Harness {
    let text = Locked("")
    let now = Locked(100.0)
    let reporter: ProgressReporter

    init(mode: ProgressReporter.Mode, trials: Int = 24, work: Double = 24, width: Int = 200) {
      let text = self.text
      let now = self.now
      reporter = ProgressReporter(
        mode: mode, totalTrials: trials, totalWork: work,
        output: { line in text.mutate { $0 += line } }, clock: { now.value }, width: { width })
    }
  }

  @Test func plainModePrintsOneLinePerFinishedTrial() {
    let harness = Harness(mode: .lines)
    let reporter = harness.reporter
    reporter.note("24 trials")
    for (index, outcome) in [
      TrialOutcome(trialID: "adding-T100-lstm-s1", status: .done, finalEvalLoss: 0.0012, solved: true, wallSeconds: 12.34),
      TrialOutcome(trialID: "adding-T100-lstm-s2", status: .done, finalEvalLoss: 0.16666, wallSeconds: 9),
      TrialOutcome(trialID: "adding-T100-rnn-s1", status: .diverged, divergedAtStep: 37, wallSeconds: 2.06),
      TrialOutcome(trialID: "adding-T100-gru-s1", status: .failed, error: "out of memory", wallSeconds: 0.04),
    ].enumerated() {
      reporter.trialStarted(id: outcome.trialID, steps: 100, work: 1)
      reporter.trialStepped(id: outcome.trialID, step: index, loss: 1)
      reporter.trialFinished(outcome)
    }
    reporter.error("error: something")
    #expect(harness.text.value == """
      24 trials
      [1/24] adding-T100-lstm-s1 done eval_loss=0.0012 solved 12.3s
      [2/24] adding-T100-lstm-s2 done eval_loss=0.1667 unsolved 9.0s
      [3/24] adding-T100-rnn-s1 diverged at step 37 2.1s
      [4/24] adding-T100-gru-s1 failed: out of memory 0.0s
      error: something

      """)
  }

  @Test func aTrialPausedAtAHalvingRungIsNotCountedAsFinished() {
    let harness = Harness(mode: .lines, trials: 2)
    let reporter = harness.reporter
    for outcome in [
      TrialOutcome(trialID: "a-T10-lstm-c00-s1", status: .paused, wallSeconds: 1),
      TrialOutcome(trialID: "a-T10-lstm-c01-s1", status: .paused, wallSeconds: 1),
      TrialOutcome(trialID: "a-T10-lstm-c01-s1", status: .pruned, finalEvalLoss: 0.5, wallSeconds: 1),
      TrialOutcome(trialID: "a-T10-lstm-c00-s1", status: .done, finalEvalLoss: 0.1, wallSeconds: 2),
    ] {
      reporter.trialStarted(id: outcome.trialID, steps: 100, work: 1)
      reporter.trialFinished(outcome)
    }
    #expect(harness.text.value == """
      [0/2] a-T10-lstm-c00-s1 paused 1.0s
      [0/2] a-T10-lstm-c01-s1 paused 1.0s
      [1/2] a-T10-lstm-c01-s1 pruned eval_loss=0.5 1.0s
      [2/2] a-T10-lstm-c00-s1 done eval_loss=0.1 unsolved 2.0s

      """)
  }

  @Test func quietModePrintsOnlyErrors() {
    let harness = Harness(mode: .quiet)
    harness.reporter.start()
    harness.reporter.note("24 trials")
    harness.reporter.trialStarted(id: "a", steps: 10, work: 1)
    harness.reporter.trialFinished(TrialOutcome(trialID: "a", status: .done, wallSeconds: 1))
    harness.reporter.error("x: error: y")
    harness.reporter.stop()
    #expect(harness.text.value == "x: error: y\n")
  }

  @Test func liveLineShowsCountsTimesAndRunningTrials() {
    let harness = Harness(mode: .live, trials: 4, work: 4)
    let reporter = harness.reporter
    #expect(reporter.liveLine() == "[0/4] 0s ETA --")
    reporter.trialStarted(id: "first", steps: 100, work: 1)
    reporter.trialStarted(id: "second", steps: 200, work: 1)
    harness.now.mutate { $0 += 10 }
    reporter.trialFinished(TrialOutcome(trialID: "first", status: .done, wallSeconds: 10))
    reporter.trialStepped(id: "second", step: 100, loss: 0.03125)
    // 1.5 of 4 units done in 10 s, so 2.5 units take about 17 s more.
    #expect(reporter.liveLine() == "[1/4] 10s ETA 17s | second 100/200 loss 0.03125")
    reporter.trialStarted(id: "third", steps: 50, work: 1)
    harness.now.mutate { $0 += 125 }
    #expect(reporter.liveLine().hasPrefix("[1/4] 2m15s ETA "))
    #expect(reporter.liveLine().hasSuffix("| second 100/200 loss 0.03125 | third 0/50"))
  }

  @Test func liveLineNeverWrapsTheTerminal() {
    let harness = Harness(mode: .live, width: 40)
    for index in 0..<5 { harness.reporter.trialStarted(id: "temporal_order-T1000-peephole-s\(index)", steps: 9, work: 1) }
    let line = harness.reporter.liveLine()
    #expect(line.count == 39)
    #expect(line.hasSuffix("…"))
  }

  @Test func liveModeRedrawsAtMostTenTimesASecondAndCleansUp() {
    let text = Locked("")
    let reporter = ProgressReporter(
      mode: .live, totalTrials: 2, totalWork: 2, output: { line in text.mutate { $0 += line } })
    reporter.start()
    reporter.trialStarted(id: "busy", steps: 1_000_000, work: 1)
    func draws() -> Int {
      let output = text.value
      return output.components(separatedBy: "\u{1B}[K").count - output.components(separatedBy: "\r\u{1B}[K").count
    }
    // At least 0.5 s of steps, longer if a loaded machine starves the timer
    // thread; the bound on redraws scales with the time actually taken.
    let start = Date()
    var step = 0
    while Date().timeIntervalSince(start) < 0.5 || (draws() < 2 && Date().timeIntervalSince(start) < 20) {
      step += 1
      reporter.trialStepped(id: "busy", step: step, loss: 1 / Double(step))
    }
    let elapsed = Date().timeIntervalSince(start)
    reporter.trialFinished(TrialOutcome(trialID: "busy", status: .done, finalEvalLoss: 0.5, wallSeconds: 0.5))
    reporter.stop()
    let output = text.value
    #expect(draws() >= 2, "the line was drawn while the trial ran")
    #expect(draws() <= Int(elapsed / ProgressReporter.redrawPeriodSeconds) + 2, "≤ 10 per second, plus the first draw")
    #expect(output.contains("\r\u{1B}[K[1/2] busy done eval_loss=0.5 unsolved 0.5s\n"))
    #expect(output.hasSuffix("\n"), "stop() leaves no live line behind")
  }

  @Test func manyThreadsCanReportAtOnce() {
    let harness = Harness(mode: .lines, trials: 64, work: 64)
    DispatchQueue.concurrentPerform(iterations: 64) { index in
      let id = "trial-\(index)"
      harness.reporter.trialStarted(id: id, steps: 100, work: 1)
      for step in 1...100 { harness.reporter.trialStepped(id: id, step: step, loss: 0.5) }
      harness.reporter.trialFinished(TrialOutcome(trialID: id, status: .done, wallSeconds: 0))
    }
    let lines = harness.text.value.split(separator: "\n")
    #expect(lines.count == 64)
    #expect(Set(lines.map { $0.split(separator: " ")[0] }).count == 64, "every count from 1 to 64 once")
    #expect(harness.reporter.liveLine().hasPrefix("[64/64]"))
  }

  @Test func durationsAndNumbers() {
    #expect(ProgressFormat.duration(42.4) == "42s")
    #expect(ProgressFormat.duration(185) == "3m05s")
    #expect(ProgressFormat.duration(7620) == "2h07m")
    #expect(ProgressFormat.number(2.302585) == "2.303")
    #expect(ProgressFormat.number(1.5e-7) == "1.5e-07")
    #expect(ProgressFormat.number(.nan) == "nan")
  }
}
