import RNNLabBuildInfo
import Testing
@testable import RNNLabRun

@Suite struct HostInfoTests {
  @Test func hostNameAndBuildCommit() throws {
    #expect(!HostInfo.name.isEmpty)
    // Tests are built from the git checkout, so the commit is known.
    #expect(BuildInfo.commit.count >= 40)
    #expect(BuildInfo.commit.prefix(40).allSatisfy { $0.isHexDigit })
    #expect(BuildInfo.commit.dropFirst(40).isEmpty || BuildInfo.commit.hasSuffix("-dirty"))
  }
}
