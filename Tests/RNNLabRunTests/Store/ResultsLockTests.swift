import Foundation
import RNNLabTestSupport
import Testing
@testable import RNNLabRun

@Suite struct ResultsLockTests {
  @Test func secondLockInTheSameFolderIsRefusedWithTheHoldersPid() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let first = try ResultsLock.acquire(folder: folder.url)
    #expect {
      try ResultsLock.acquire(folder: folder.url)
    } throws: { error in
      let text = "\(error)"
      return text.hasPrefix("\(folder.url.path): error: this results folder is in use by another runner (pid \(getpid()) on ")
        && !text.contains("\n") && (error as? RunnerError)?.exitCode == .badInput
    }
    first.release()
    let again = try ResultsLock.acquire(folder: folder.url)
    again.release()
  }

  @Test func overlappingShardSplitsAreRefusedAndDisjointOnesRunSideBySide() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let half = try ResultsLock.acquire(folder: folder.url, shard: try Shard(index: 0, count: 2))
    // 0/4 and 2/6 share trials with 0/2 (indices 0, 4, 8, …; 2, 8, …): refused.
    for (index, count) in [(0, 4), (2, 6), (0, 3)] {
      #expect {
        try ResultsLock.acquire(folder: folder.url, shard: try Shard(index: index, count: count))
      } throws: { error in
        "\(error)" == "\(folder.url.path): error: shard \(index)/\(count) overlaps shard 0/2, which runner pid \(getpid()) is running in this folder: the splits share trials; run one split per folder at a time"
      }
    }
    // 1/4 and 3/4 take only odd indices: both run beside 0/2.
    let odd = try ResultsLock.acquire(folder: folder.url, shard: try Shard(index: 1, count: 4))
    let other = try ResultsLock.acquire(folder: folder.url, shard: try Shard(index: 3, count: 4))
    [odd, other, half].forEach { $0.release() }
    // Once 0/2 has ended, 0/4 may run.
    try ResultsLock.acquire(folder: folder.url, shard: try Shard(index: 0, count: 4)).release()
    #expect(try Shard(index: 1, count: 4).overlaps(try Shard(index: 1, count: 2)))
    #expect(!(try Shard(index: 1, count: 4)).overlaps(try Shard(index: 0, count: 2)))
  }

  @Test func lockFileNamesItsOwnerWhileHeldAndNobodyAfterwards() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let lock = try ResultsLock.acquire(folder: folder.url.appendingPathComponent("new/nested"))
    let file = folder.url.appendingPathComponent("new/nested/.lock")
    let record = try JSONDecoder().decode(LockOwner.self, from: Data(contentsOf: file))
    #expect(record.pid == getpid())
    #expect(!record.host.isEmpty)
    #expect(record.started.hasSuffix("Z"))
    lock.release()
    #expect(try Data(contentsOf: file).isEmpty)
  }

  @Test func lockHeldByAnotherProcessIsRefusedAndTakenOnceThatProcessDies() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let lockFile = folder.url.appendingPathComponent(ResultsLock.fileName)
    // A child process takes the same flock, leaves a record naming itself, and
    // would hold it for a minute; we kill it with SIGKILL, as a crash would.
    let child = try ChildProcess(
      "/bin/sh",
      [
        "-c",
        """
        exec 9>>"$1" && flock -xn 9 && printf '{"host":"elsewhere","pid":%d,"started":"2020-01-01T00:00:00Z"}' $$ > "$1" \
          && echo locked && exec sleep 60
        """,
        "sh", lockFile.path,
      ])
    #expect(waitUntil(seconds: 30) { child.stdoutSoFar == "locked\n" })

    #expect {
      try ResultsLock.acquire(folder: folder.url)
    } throws: { error in
      "\(error)".contains("(pid \(child.pid) on elsewhere, started 2020-01-01T00:00:00Z)")
    }

    child.signal(SIGKILL)
    try child.wait()
    // The stale record is still in the file; the kernel has dropped the flock.
    #expect(try String(contentsOf: lockFile, encoding: .utf8).contains("elsewhere"))
    let lock = try ResultsLock.acquire(folder: folder.url)
    let record = try JSONDecoder().decode(LockOwner.self, from: Data(contentsOf: lockFile))
    #expect(record.pid == getpid())
    lock.release()
  }

  @Test func differentShardsShareAFolderButNotWithAWholeRunOrTheSameShard() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let zero = try ResultsLock.acquire(folder: folder.url, shard: Shard(index: 0, count: 2))
    let one = try ResultsLock.acquire(folder: folder.url, shard: Shard(index: 1, count: 2))
    #expect {
      try ResultsLock.acquire(folder: folder.url, shard: Shard(index: 1, count: 2))
    } throws: { error in
      "\(error)".contains("shard 1/2 of this results folder is being run by another runner (pid \(getpid())")
    }
    #expect {
      try ResultsLock.acquire(folder: folder.url)
    } throws: { error in
      "\(error)".contains("in use by another runner (pid \(getpid())")
    }
    zero.release()
    one.release()
    let whole = try ResultsLock.acquire(folder: folder.url)
    #expect(throws: RunnerError.self) {
      try ResultsLock.acquire(folder: folder.url, shard: Shard(index: 0, count: 2))
    }
    whole.release()
  }

  @Test func unusableFolderIsAUserError() {
    #expect {
      try ResultsLock.acquire(folder: URL(fileURLWithPath: "/proc/rnnlab-no-such/results"))
    } throws: { error in
      "\(error)".hasPrefix("/proc/rnnlab-no-such/results: error: cannot create the results folder")
    }
  }
}

/// Issue 26: a reader (`compare`, `verify`) is refused while a shard writes,
/// although a shard holds `.lock` only shared, as readers do.
@Suite struct ResultsLockReaderTests {
  @Test func readersAreRefusedWhileAShardWritesAndWelcomeAfterwards() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let shard = try ResultsLock.acquire(folder: folder.url, shard: try Shard(parsing: "1/3"))
    #expect {
      try ResultsLock.acquireForReading(folder: folder.url)
    } throws: { error in
      "\(error)".hasPrefix("\(folder.url.path): error: this results folder is in use by another runner (pid \(getpid()) on ")
    }
    shard.release()
    let reader = try ResultsLock.acquireForReading(folder: folder.url)
    #expect(reader != nil)
    // Readers side by side are fine.
    let second = try ResultsLock.acquireForReading(folder: folder.url)
    #expect(second != nil)
    reader?.release()
    second?.release()
  }
}
