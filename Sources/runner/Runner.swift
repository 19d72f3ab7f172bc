import ArgumentParser

/// The `runner` command: trains recurrent architectures on long-dependency tasks.
@main
struct Runner: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runner",
    abstract: "Compare recurrent network architectures on synthetic long-dependency tasks.",
    version: "0.1.0",
    subcommands: [Report.self, Compare.self])
}
