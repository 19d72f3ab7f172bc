import Foundation
import RNNLabTestSupport
import Testing
@testable import RNNLabCluster

/// Issue 26: no user text reaches a job outside a quoted context.
@Suite struct ClusterHostileTests {
  static func job(experiment: String = "grid") throws -> ClusterJob {
    try ClusterJob(
      experiment: experiment, specPath: "specs/grid.yaml", resultsFolder: "results/grid", shards: 2, trials: 4,
      runner: "runner")
  }

  @Test func theScriptNameInTheSlurmHeaderCannotStartACommand() throws {
    let job = try Self.job()
    for name in ["nl\ntouch pwned\n.sbatch", "cr\rx.sbatch", "nel\u{85}x"] {
      #expect {
        try SlurmScript(job: job, workingDirectory: "/work", scriptName: name)
      } throws: { error in
        "\(error)".hasPrefix("--output: error: '") && !"\(error)".contains("\n") && !"\(error)".contains("\r")
      }
    }
    // Anything else is quoted where it is shown, and only in comments.
    let text = try SlurmScript(job: job, workingDirectory: "/work", scriptName: "a'b $(x) `y`;z.sbatch").text
    #expect(text.contains("#   jobid=$(sbatch --parsable 'a'\\''b $(x) `y`;z.sbatch')\n"))
  }

  @Test func theExperimentNameAndEchoedValuesStayOnOneLine() throws {
    #expect(throws: ClusterOptionError(path: "the spec's name", message: "'a\\nb' contains control characters")) {
      try Self.job(experiment: "a\nb")
    }
    #expect {
      try SlurmScript(job: try Self.job(), time: "1\n2", workingDirectory: "/", scriptName: "x")
    } throws: { error in
      "\(error)" == "--time: error: expected a Slurm time limit like 30, 01:30:00 or 2-00:00:00, got '1\\n2'"
    }
  }
}
