import Testing
@testable import RNNLabRun

@Suite struct RunTallyTests {
  @Test func exitCodesFollowTheWorstOutcome() {
    var tally = RunTally(planned: 4, alreadyDone: 1)
    tally.count(.done)
    tally.count(.done)
    tally.count(.done)
    #expect(tally.exitCode == .ok)
    #expect(tally.closingLine(elapsedSeconds: 185) == "4 trials: 3 done, 1 already done (3m05s)")
    tally.count(.diverged)
    #expect(tally.exitCode == .trialsFailed)
    tally.interrupted = true
    #expect(tally.exitCode == .interrupted)
  }

  @Test func interruptedRunsSayWhatIsLeft() {
    var tally = RunTally(planned: 10, alreadyDone: 2)
    tally.count(.done)
    tally.count(.failed)
    tally.interrupted = true
    #expect(tally.remaining == 6)
    #expect(tally.closingLine(elapsedSeconds: 3) ==
      "interrupted: 10 trials: 1 done, 1 failed, 2 already done, 6 not run (3s); run the same command again to finish the rest")
  }
}
