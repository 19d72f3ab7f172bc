import Foundation
import Testing

/// `runner bench`: the CSV it prints and its usage errors.
@Suite struct BenchCommandTests {
  @Test func csvHasTheHeaderAWorkloadRowAndTheReferenceRows() throws {
    let result = try RunnerProcess.run("bench", "--filter", "lstm-tiny", "--steps", "2", "--format", "csv")
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines.first == "id,model,T,H,B,threads,ms_per_step,gflops")
    let row = lines.count > 1 ? lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init) : []
    #expect(Array(row.prefix(6)) == ["lstm-tiny", "lstm", "50", "32", "32", "1"])
    // A debug build on a busy machine may print 0.0 GFLOP/s, but a number.
    #expect(row.count == 8 && (Double(row[6]) ?? 0) > 0 && Double(row[7]) != nil)
    let peak = lines.count > 2 ? lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init) : []
    #expect(peak.first == "fma-peak" && peak.count == 8 && (Double(peak[7]) ?? 0) > 0)
    let gemm = lines.count > 3 ? lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init) : []
    #expect(gemm.first == "gemm" && gemm.count == 8 && (Double(gemm[7]) ?? 0) > 0)
    // The kernels line goes to stderr, so stdout stays pure CSV.
    #expect(result.stderr.hasPrefix("Kernels: "))
  }

  @Test func unknownWorkloadAndBadStepsExit2() throws {
    let unknown = try RunnerProcess.run("bench", "--filter", "lstm-9000", "--no-peak")
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("no workload matches 'lstm-9000'"))
    let steps = try RunnerProcess.run("bench", "--steps", "0")
    #expect(steps.status == 2)
    #expect(steps.stdout == "")
  }
}
