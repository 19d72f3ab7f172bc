import Testing
@testable import RNNLabRun

@Suite struct HostInfoTests {
  @Test func hostNameAndSourceCommit() throws {
    #expect(!HostInfo.name.isEmpty)
    // Tests run from the git checkout, so the commit is known.
    let commit = try #require(HostInfo.sourceCommit())
    #expect(commit.prefix(40).allSatisfy { $0.isHexDigit })
    #expect(HostInfo.sourceCommit(sourceFile: "/nonexistent/folder/file.swift") == nil)
  }
}
