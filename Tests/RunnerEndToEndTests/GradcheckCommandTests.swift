import Testing

/// `runner gradcheck` through the built binary: one line per check, a verdict, exit codes.
@Suite struct GradcheckCommandTests {
  @Test func filteredChecksPassAndPrintAVerdict() throws {
    let result = try RunnerProcess.run("gradcheck", "--filter", "gru")
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count >= 3)
    #expect(lines.dropLast().allSatisfy { $0.hasPrefix("OK ") && $0.contains("gru") })
    #expect(lines.last?.hasPrefix("gradcheck: all ") == true)
  }

  @Test func aFilterThatMatchesNothingIsBadInput() throws {
    let result = try RunnerProcess.run("gradcheck", "--filter", "no-such-cell")
    #expect(result.status == 2)
    #expect(result.stderr.contains("error"))
  }
}
