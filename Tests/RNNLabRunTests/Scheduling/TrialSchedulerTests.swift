import Foundation
import Testing
@testable import RNNLabRun

/// Counts how many pieces of work run at the same moment.
private final class ConcurrencyMeter: @unchecked Sendable {
  private let lock = NSLock()
  private var current = 0
  private(set) var peak = 0
  private(set) var threads = Set<ObjectIdentifier>()
  private(set) var onMainThread = false

  func enter() {
    lock.withLock {
      current += 1
      peak = max(peak, current)
      threads.insert(ObjectIdentifier(Thread.current))
      onMainThread = onMainThread || Thread.isMainThread
    }
  }

  func leave() { lock.withLock { current -= 1 } }
}

@Suite struct TrialSchedulerTests {
  @Test(arguments: [1, 2, 3, 8])
  func everyItemRunsOnceAndOutcomesKeepItemOrder(jobs: Int) throws {
    let items = Array(0..<20)
    let outcomes = try TrialScheduler(jobs: jobs).run(items, stop: StopFlag()) { item in
      // Uneven work, so workers finish out of order.
      usleep(useconds_t((item % 3) * 500))
      return item * item
    }
    #expect(outcomes == items.map { $0 * $0 })
  }

  @Test func jobsRunInParallelOnSeparateThreads() throws {
    let meter = ConcurrencyMeter()
    _ = try TrialScheduler(jobs: 3).run(Array(0..<6), stop: StopFlag()) { _ in
      meter.enter()
      usleep(50_000)
      meter.leave()
    }
    #expect(meter.peak == 3)
    #expect(meter.threads.count == 3)
    #expect(!meter.onMainThread)
  }

  @Test func oneJobRunsOneTrialAtATimeInPlanOrder() throws {
    let meter = ConcurrencyMeter()
    let order = Locked<[Int]>([])
    _ = try TrialScheduler(jobs: 1).run(Array(0..<5), stop: StopFlag()) { item in
      meter.enter()
      order.mutate { $0.append(item) }
      meter.leave()
    }
    #expect(meter.peak == 1)
    #expect(order.value == [0, 1, 2, 3, 4])
  }

  @Test func noNewItemStartsOnceStopIsRaised() throws {
    let stop = StopFlag()
    let outcomes = try TrialScheduler(jobs: 2).run(Array(0..<10), stop: stop) { item in
      if item == 3 { stop.raise(.interrupted(signal: SIGINT)) }
      return item
    }
    let started = outcomes.compactMap { $0 }
    #expect(started.contains(3))
    #expect(started.count <= 5, "at most the item in flight on the other worker starts after 3")
    #expect(outcomes[9] == nil)
    #expect(stop.reason == .interrupted(signal: SIGINT))
  }

  @Test func theFirstErrorStopsTheRunAndIsRethrown() {
    struct DiskFull: Error {}
    let stop = StopFlag()
    #expect(throws: DiskFull.self) {
      try TrialScheduler(jobs: 2).run(Array(0..<50), stop: stop) { item in
        if item == 4 { throw DiskFull() }
        usleep(1000)
        return item
      }
    }
    #expect(stop.reason == .fatalError)
  }

  @Test func emptyPlanAndDefaultJobs() throws {
    #expect(try TrialScheduler(jobs: 4).run([Int](), stop: StopFlag()) { $0 }.isEmpty)
    #expect(TrialScheduler().jobs == ProcessInfo.processInfo.activeProcessorCount)
    #expect(TrialScheduler(jobs: 0).jobs == 1)
  }
}

/// A value behind a lock, for collecting results from worker threads in tests.
final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value
  init(_ value: Value) { stored = value }
  var value: Value { lock.withLock { stored } }
  func mutate(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
