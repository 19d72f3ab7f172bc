import Foundation
import RNNLabTestSupport
import Testing
@testable import RNNLabRun

/// Issue 26: the temporary folders of killed verifies are swept by the next.
@Suite struct VerificationScratchTests {
  @Test func namesCarryTheOwnersPid() {
    let name = VerificationScratch.newFolder(in: URL(fileURLWithPath: "/x")).lastPathComponent
    #expect(VerificationScratch.owner(ofFolderNamed: name) == getpid())
    #expect(VerificationScratch.owner(ofFolderNamed: "rnnlab-verify-42-\(UUID().uuidString)") == 42)
    for other in ["rnnlab-verify-42", "rnnlab-verify-x-\(UUID().uuidString)", "rnnlab-verify-42-notauuid", "other-42-x"] {
      #expect(VerificationScratch.owner(ofFolderNamed: other) == nil, "\(other)")
    }
  }

  @Test func onlyOldFoldersOfGoneProcessesAreSweptAndLinksAreNotFollowed() throws {
    let temporary = TemporaryFolder()
    defer { temporary.remove() }
    let fm = FileManager.default
    func folder(pid: Int32) throws -> URL {
      let url = temporary.url.appendingPathComponent("rnnlab-verify-\(pid)-\(UUID().uuidString)")
      try fm.createDirectory(at: url.appendingPathComponent("trials/a"), withIntermediateDirectories: true)
      return url
    }
    let gone = try folder(pid: 1001), running = try folder(pid: 1002), mine = try folder(pid: getpid())
    let locked = try folder(pid: 1003), recent = try folder(pid: 1004)
    let victim = temporary.url.appendingPathComponent("victim")
    try fm.createDirectory(at: victim, withIntermediateDirectories: true)
    let link = temporary.url.appendingPathComponent("rnnlab-verify-1005-\(UUID().uuidString)")
    try fm.createSymbolicLink(at: link, withDestinationURL: victim)
    // A runner still trains into `locked` (another pid namespace, say).
    let lock = try ResultsLock.acquire(folder: locked)
    defer { lock.release() }
    let now = Date().addingTimeInterval(120)
    for url in [gone, running, mine, locked] {
      try fm.setAttributes([.modificationDate: Date().addingTimeInterval(-10)], ofItemAtPath: url.path)
    }
    try fm.setAttributes([.modificationDate: now.addingTimeInterval(-30)], ofItemAtPath: recent.path)
    let removed = VerificationScratch.sweep(in: temporary.url, now: now) { $0 == 1002 }
    #expect(removed == [gone.lastPathComponent])
    for url in [running, mine, locked, recent, victim] { #expect(fm.fileExists(atPath: url.path), "\(url.lastPathComponent)") }
    #expect((try? fm.destinationOfSymbolicLink(atPath: link.path)) != nil)
  }
}
