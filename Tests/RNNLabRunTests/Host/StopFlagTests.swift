import Foundation
import RNNLabTestSupport
import Testing
@testable import RNNLabRun

@Suite struct StopFlagTests {
  @Test func firstReasonWins() {
    let flag = StopFlag()
    #expect(!flag.isRaised)
    #expect(flag.reason == nil)
    #expect(flag.raise(.interrupted(signal: SIGTERM)))
    #expect(!flag.raise(.fatalError))
    #expect(flag.isRaised)
    #expect(flag.reason == .interrupted(signal: SIGTERM))
  }

  @Test func aTrappedSignalRaisesTheFlagInsteadOfEndingTheProcess() throws {
    // SIGUSR1 stands in for SIGINT: same mechanism, and a test runner that
    // gets it by mistake is not stopped the way Ctrl-C would stop it.
    let flag = StopFlag()
    let told = Locked<[Int32]>([])
    // Each signal is trapped once per process, as the runner does; no other test uses SIGUSR1.
    let trap = SignalTrap(flag: flag, signals: [SIGUSR1]) { number in told.mutate { $0.append(number) } }
    kill(getpid(), SIGUSR1)
    _ = waitUntil(seconds: 5) { !told.value.isEmpty }
    #expect(flag.reason == .interrupted(signal: SIGUSR1))
    #expect(told.value == [SIGUSR1])
    withExtendedLifetime(trap) {}
  }

  @Test func laterTrapsOnTheSameSignalStillWork() throws {
    // The runner may run several times in one process (the tests do): each
    // run's trap must get the signal. SIGUSR2 is used by this test only.
    let first = StopFlag()
    do {
      let firstTrap = SignalTrap(flag: first, signals: [SIGUSR2])
      kill(getpid(), SIGUSR2)
      _ = waitUntil(seconds: 5) { first.isRaised }
      withExtendedLifetime(firstTrap) {}
    }
    #expect(first.isRaised)
    let second = StopFlag()
    let secondTrap = SignalTrap(flag: second, signals: [SIGUSR2])
    kill(getpid(), SIGUSR2)
    _ = waitUntil(seconds: 5) { second.isRaised }
    #expect(second.reason == .interrupted(signal: SIGUSR2))
    withExtendedLifetime(secondTrap) {}
  }
}
