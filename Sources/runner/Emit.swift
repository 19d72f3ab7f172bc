import ArgumentParser
import Foundation
import RNNLabResults
import RNNLabCluster
import RNNLabRun
import RNNLabSpec

extension Runner {
  /// `runner emit slurm|k8s SPEC`: a job for an existing cluster scheduler
  /// that runs every shard of a spec, one array task or pod per shard.
  struct Emit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a cluster job that runs a spec's shards: a Slurm job array or a Kubernetes Indexed Job.",
      discussion: """
        Each array task (pod) runs `runner run SPEC --shards N`, which takes its shard index from \
        SLURM_ARRAY_TASK_ID (JOB_COMPLETION_INDEX), into one shared results folder, or with \
        --per-shard-folders into <out>/shards/<index>/, merged before the report.
        """,
      subcommands: [Slurm.self, K8s.self])

    /// Flags both schedulers share.
    struct Options: ParsableArguments {
      @Argument(help: "The experiment spec (YAML).")
      var spec: String

      @OptionGroup var specOptions: SpecOptions

      // `.unconditional` on the number and size flags: `--cpus -2` reaches
      // the range check instead of reading as an unknown flag.
      @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Number of shards (default: one per trial).", valueName: "n"))
      var shards: Int?

      @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Cores per shard, used as its --jobs.", valueName: "n"))
      var cpus: Int = 1

      @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Memory per shard (Slurm: 2G; Kubernetes: 2Gi).", valueName: "size"))
      var mem: String?

      @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Shards running at once (default: all).", valueName: "n"))
      var parallelism: Int?

      @Flag(help: "Each shard writes into <out>/shards/<index>/; the report step copies them together.")
      var perShardFolders = false

      @Option(help: ArgumentHelp("Write the job to this file instead of standard output.", valueName: "file"))
      var output: String?

      @Flag(help: "Let --output replace an existing regular file.")
      var force = false

      /// The spec, its plan and the job description every emitter starts from.
      func clusterJob(specPath: String, resultsFolder: (ExperimentSpec) -> String, runner: String) throws
        -> (ClusterJob, ExperimentSpec)
      {
        let loaded = try specOptions.load(spec)
        let trials = Plan(spec: loaded).trials.count
        let rungs = loaded.models.compactMap { model in
          model.search?.halving?.rungSteps(totalSteps: loaded.training(for: model).steps).count
        }.max() ?? 1
        let job = try ClusterJob(
          experiment: loaded.name, specPath: specPath, overrides: specOptions.overrides,
          resultsFolder: resultsFolder(loaded), shards: shards ?? trials, trials: trials,
          perShardFolders: perShardFolders, runner: runner, cpus: cpus, rungs: rungs)
        return (job, loaded)
      }

      /// Refuses bad input before any work: arguments that are not UTF-8 (Swift
      /// would silently turn them into other text, so the job would name
      /// another file), and an `--output` that is not a new path or a regular file.
      func checkArguments() throws(RunnerError) {
        try RawArguments.checkUTF8()
        try EmitOutput.checkPrintable(spec, flag: "SPEC")  // before a spec error could print it
        if let output { try EmitOutput.check(output, force: force) }
      }

      /// Prints `text`, or writes it to `--output` (checked again just before).
      func deliver(_ text: String, what: String) throws {
        guard let output else {
          Terminal.write(text)
          return
        }
        try EmitOutput.check(output, force: force)
        try AtomicFile.write(text, to: URL(fileURLWithPath: output))
        Terminal.printError("wrote \(output) (\(what))")
      }
    }

    /// Runs an emitter, turning its errors into one line and the documented exit code.
    static func perform(_ body: () throws -> Void) throws {
      do {
        try body()
      } catch let error as RunnerError {
        Terminal.printError(error.description)
        throw ExitCode(error.exitCode.rawValue)
      } catch let error as ClusterOptionError {
        Terminal.printError(error.description)
        throw ExitCode(ExitStatus.badInput)
      } catch let error as AtomicFileError {
        Terminal.printError(error.description)
        throw ExitCode(ExitStatus.internalError)
      }
    }
  }
}

extension Runner.Emit {
  /// `runner emit slurm SPEC`: an sbatch script with one array task per shard.
  struct Slurm: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write an sbatch script: a job array with one task per shard.",
      discussion: """
        Submit it with `sbatch`, then the report with \
        `sbatch --dependency=afterok:<jobid> --wrap "bash SCRIPT report"` (the script's header \
        has the exact lines). Paths are relative to the current directory, which the script changes to.
        """)

    @OptionGroup var options: Runner.Emit.Options

    @Option(help: ArgumentHelp("Results folder, shared by the shards (default: results/<spec name>).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Time limit per shard, e.g. 01:00:00.", valueName: "time"))
    var time: String?

    @Option(help: ArgumentHelp("Slurm partition.", valueName: "name"))
    var partition: String?

    @Option(help: ArgumentHelp("The runner executable on the cluster (default: this one's absolute path).", valueName: "path"))
    var runner: String?

    func run() throws {
      try Runner.Emit.perform {
        try options.checkArguments()
        let executable = runner ?? Bundle.main.executableURL?.path ?? "runner"
        let (job, spec) = try options.clusterJob(
          specPath: options.spec, resultsFolder: { out ?? "results/\($0.name)" }, runner: executable)
        let script = try SlurmScript(
          job: job, time: time, partition: partition, memory: options.mem, parallelism: options.parallelism,
          workingDirectory: try RawArguments.currentDirectory(),
          scriptName: options.output ?? "\(spec.name).sbatch")
        try options.deliver(script.text, what: "sbatch script, \(job.sizeText)")
      }
    }
  }

  /// `runner emit k8s SPEC`: a Kubernetes Indexed Job with one pod per shard.
  struct K8s: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "k8s",
      abstract: "Write a Kubernetes manifest: the spec as a ConfigMap and an Indexed Job with one pod per shard.",
      discussion: """
        Apply it with `kubectl apply -f`; once the Job has completed, apply the same command's \
        output with --report to write the report on the results volume.
        """)

    @OptionGroup var options: Runner.Emit.Options

    @Option(help: ArgumentHelp("Container image with the runner and /bin/sh.", valueName: "image"))
    var image: String

    @Option(help: ArgumentHelp("Results folder in the container (default: <mount>/<spec name>).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Name of the Job (default: rnnlab-<spec name>).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("PersistentVolumeClaim holding the results.", valueName: "name"))
    var claim = "rnnlab-results"

    @Option(help: ArgumentHelp("Where the claim is mounted in the container.", valueName: "path"))
    var mount = "/results"

    @Option(help: ArgumentHelp("The runner executable in the image.", valueName: "path"))
    var runner = "runner"

    @Flag(help: "Write the Job that builds the report instead (apply it after the shards' Job completes).")
    var report = false

    func run() throws {
      try Runner.Emit.perform {
        try options.checkArguments()
        let (job, spec) = try options.clusterJob(
          specPath: KubernetesJob.specPath, resultsFolder: { out ?? "\(mount)/\($0.name)" }, runner: runner)
        // The spec loaded, so its file is readable UTF-8; the ConfigMap gets it unchanged.
        let specText = try String(contentsOf: URL(fileURLWithPath: options.spec), encoding: .utf8)
        let manifest = try KubernetesJob(
          job: job, specText: specText, name: name ?? KubernetesJob.defaultName(experiment: spec.name),
          image: image, claimName: claim, mountPath: mount, parallelism: options.parallelism,
          memory: options.mem, report: report)
        try options.deliver(manifest.text, what: report ? "report Job" : "Indexed Job, \(job.sizeText)")
      }
    }
  }
}
