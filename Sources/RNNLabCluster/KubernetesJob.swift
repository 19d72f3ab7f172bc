import RNNLabText

/// The manifest `runner emit k8s` writes: a ConfigMap holding the spec and a
/// batch/v1 Job with `completionMode: Indexed`, one completion per shard,
/// each pod running `runner run SPEC --shards N` (Kubernetes sets
/// `JOB_COMPLETION_INDEX`) into a results folder on a PersistentVolumeClaim.
/// With `report`, instead, a one-pod Job that writes the report, to apply
/// once the shards' Job has completed (Kubernetes has no job dependencies).
public struct KubernetesJob: Equatable, Sendable {
  /// Where the ConfigMap with the spec is mounted; the spec is `spec.yaml` in it.
  public static let specMountPath = "/etc/rnnlab"
  /// The group that owns the results volume: the Containerfile's user's group.
  public static let fsGroup = 10001
  /// The spec's path inside the container.
  public static let specPath = specMountPath + "/spec.yaml"

  /// What to run; its `specPath` should be `KubernetesJob.specPath`.
  public var job: ClusterJob
  /// The spec file's text, stored in the ConfigMap unchanged.
  public var specText: String
  /// Base name of the Job and ConfigMap (a DNS label).
  public var name: String
  /// The container image; it must have `job.runner` and `/bin/sh`.
  public var image: String
  /// The PersistentVolumeClaim that holds the results.
  public var claimName: String
  /// Where the claim is mounted; `job.resultsFolder` must be inside it.
  public var mountPath: String
  /// Pods at once (default: every shard).
  public var parallelism: Int?
  /// Memory request and limit per pod, e.g. `2Gi`.
  public var memory: String?
  /// The report Job instead of the shards' Job.
  public var report: Bool

  /// Checks names and values; throws `ClusterOptionError` naming the flag.
  public init(
    job: ClusterJob, specText: String, name: String, image: String, claimName: String = "rnnlab-results",
    mountPath: String = "/results", parallelism: Int? = nil, memory: String? = nil, report: Bool = false
  ) throws(ClusterOptionError) {
    try Self.checkName(name, flag: "--name", limit: 52)  // room for "-report"/"-spec" and pod suffixes
    try Self.checkName(claimName, flag: "--claim", limit: 253)
    if image.isEmpty || image.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) {
      throw ClusterOptionError(
        path: "--image", message: "expected a container image reference, got '\(EchoedText.escaped(image))'")
    }
    guard mountPath.hasPrefix("/"), mountPath.count > 1, !mountPath.hasSuffix("/") else {
      throw ClusterOptionError(
        path: "--mount", message: "expected an absolute path like /results, got '\(EchoedText.escaped(mountPath))'")
    }
    try ClusterJob.checkPrintable(mountPath, flag: "--mount")
    for taken in ["/tmp", Self.specMountPath] where mountPath == taken || mountPath.hasPrefix(taken + "/") {
      throw ClusterOptionError(
        path: "--mount", message: "\(taken) is mounted already (the pod's scratch or its spec); choose another path")
    }
    guard job.resultsFolder.hasPrefix(mountPath + "/") else {
      throw ClusterOptionError(
        path: "--out",
        message: "'\(EchoedText.escaped(job.resultsFolder))' is not on the results volume mounted at \(mountPath); "
          + "results written elsewhere vanish with the pod")
    }
    if let parallelism, parallelism < 1 {
      throw ClusterOptionError(path: "--parallelism", message: "must be at least 1, got \(parallelism)")
    }
    if let memory, memory.wholeMatch(of: /[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?/) == nil {
      throw ClusterOptionError(
        path: "--mem",
        message: "expected a Kubernetes memory quantity like 2Gi or 500Mi, got '\(EchoedText.escaped(memory))'")
    }
    self.job = job
    self.specText = specText
    self.name = name
    self.image = image
    self.claimName = claimName
    self.mountPath = mountPath
    self.parallelism = parallelism
    self.memory = memory
    self.report = report
  }

  /// A default `name` for an experiment: `rnnlab-` and the experiment name as
  /// a DNS label (lower case; anything but letters and digits becomes `-`).
  public static func defaultName(experiment: String) -> String {
    var label = ""
    for scalar in ("rnnlab-" + experiment).lowercased().unicodeScalars {
      let keep = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
      if keep { label.unicodeScalars.append(scalar) } else if !label.hasSuffix("-") { label += "-" }
    }
    while label.hasSuffix("-") { label.removeLast() }
    return String(label.prefix(52)).trimmingTrailingDashes
  }

  /// The manifest (one or two YAML documents).
  public var text: String {
    report ? reportText : shardsText
  }

  private var shardsText: String {
    let script = job.shardScript(indexVariable: "JOB_COMPLETION_INDEX")
    var lines = [
      "# RNNLab experiment '\(job.experiment)': \(job.sizeText), one pod per shard (a Kubernetes Indexed Job).",
      "# Written by `runner emit k8s`. The spec travels in the ConfigMap; results go to the claim",
      "# '\(claimName)' (ReadWriteMany when pods run on several nodes). Apply, wait, then write the report:",
      "#",
      "#   kubectl apply -f \(name).yaml",
      "#   kubectl wait --for=condition=complete --timeout=168h job/\(name)",
    ] + (job.rungs > 1 ? [
      "#   (a halving search with \(job.rungs) rungs: once it has completed, delete the Job and apply it again,",
      "#    \(job.rungs - 1) more times, one run per rung; each pod trains what its rung left to it)",
    ] : []) + [
      "#   runner emit k8s … --report | kubectl apply -f -    (the same flags plus --report)",
      "#",
      "# Exit 1 (some trials diverged or failed; they are in the results) counts as success;",
      "# exit 2 (a bad spec or flag) fails the Job at once instead of retrying.",
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: \(name)-spec",
      "data:",
      "  spec.yaml: " + YAMLText.block(specText, indent: 2),
      "---",
      "apiVersion: batch/v1",
      "kind: Job",
      "metadata:",
      "  name: \(name)",
      "spec:",
      "  completionMode: Indexed",
      "  completions: \(job.shards)",
      "  parallelism: \(min(parallelism ?? job.shards, job.shards))",
      "  backoffLimit: \(max(6, job.shards))",
      "  podFailurePolicy:",
      "    rules:",
      // An evicted or preempted pod is replaced without counting as a
      // failure; the new pod resumes its trials from their checkpoints.
      "      - action: Ignore",
      "        onPodConditions:",
      "          - type: DisruptionTarget",
      "      - action: FailJob",
      "        onExitCodes:",
      "          containerName: runner",
      "          operator: In",
      "          values: [2]",
    ]
    lines += podTemplate(script: script, mountSpec: true)
    return lines.joined(separator: "\n") + "\n"
  }

  private var reportText: String {
    var lines = [
      "# RNNLab experiment '\(job.experiment)': the report of \(job.sizeText), from the claim '\(claimName)'.",
      "# Written by `runner emit k8s --report`; apply it once job/\(name) has completed:",
      "#",
      "#   kubectl apply -f \(name)-report.yaml",
      "#   kubectl wait --for=condition=complete job/\(name)-report",
      "apiVersion: batch/v1",
      "kind: Job",
      "metadata:",
      "  name: \(name)-report",
      "spec:",
      "  backoffLimit: 2",
    ]
    lines += podTemplate(script: job.reportScript(), mountSpec: false)
    return lines.joined(separator: "\n") + "\n"
  }

  /// `spec.template`: one container running `script` with `/bin/sh -c`.
  private func podTemplate(script: [String], mountSpec: Bool) -> [String] {
    var lines = [
      "  template:",
      "    spec:",
      "      restartPolicy: Never",
      // The runner needs no privileges: it runs as the image's non-root user
      // (the Containerfile's uid 10001), and fsGroup lets that user write a
      // fresh claim, which volume plugins that support it chown to the group.
      "      securityContext:",
      "        runAsNonRoot: true",
      "        fsGroup: \(Self.fsGroup)",
      "        fsGroupChangePolicy: OnRootMismatch",
      "        seccompProfile:",
      "          type: RuntimeDefault",
      "      containers:",
      "        - name: runner",
      "          image: " + YAMLText.quoted(image),
      "          command:",
      "            - /bin/sh",
      "            - -c",
      "            - " + YAMLText.block(script.joined(separator: "\n") + "\n", indent: 12),
      "          securityContext:",
      "            allowPrivilegeEscalation: false",
      "            readOnlyRootFilesystem: true",
      "            capabilities:",
      "              drop: [ALL]",
      "          resources:",
      "            requests:",
      "              cpu: \"\(job.cpus)\"",
    ]
    if let memory {
      let quantity = YAMLText.quoted(memory)
      lines += ["              memory: \(quantity)", "            limits:", "              memory: \(quantity)"]
    }
    lines.append("          volumeMounts:")
    if mountSpec {
      lines += ["            - name: spec", "              mountPath: \(Self.specMountPath)", "              readOnly: true"]
    }
    // The root file system is read-only: the results volume and /tmp are the only writable places.
    lines += [
      "            - name: results",
      "              mountPath: " + YAMLText.quoted(mountPath),
      "            - name: tmp",
      "              mountPath: /tmp",
      "      volumes:",
    ]
    if mountSpec {
      lines += ["        - name: spec", "          configMap:", "            name: \(name)-spec"]
    }
    lines += [
      "        - name: results",
      "          persistentVolumeClaim:",
      "            claimName: \(claimName)",
      "        - name: tmp",
      "          emptyDir: {}",
    ]
    return lines
  }

  /// A DNS-1123 name: lower-case letters, digits and `-`, starting and ending
  /// with a letter or digit, at most `limit` characters.
  private static func checkName(_ name: String, flag: String, limit: Int) throws(ClusterOptionError) {
    guard name.count <= limit, name.wholeMatch(of: /[a-z0-9]([a-z0-9-]*[a-z0-9])?/) != nil else {
      throw ClusterOptionError(
        path: flag,
        message: "'\(EchoedText.escaped(name))' is not a Kubernetes name (lower-case letters, digits and '-', starting and ending "
          + "with a letter or digit, at most \(limit) characters)")
    }
  }
}

extension String {
  fileprivate var trimmingTrailingDashes: String {
    var text = self
    while text.hasSuffix("-") { text.removeLast() }
    return text
  }
}
