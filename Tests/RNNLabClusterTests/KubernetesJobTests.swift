import Foundation
import RNNLabTestSupport
import Testing
@testable import RNNLabCluster

@Suite struct KubernetesJobTests {
  static let spec = "name: grid\n# a comment\nseeds: [1, 2]\n\ntasks: [{kind: adding, seq_len: [5, 8]}]\n"

  static func manifest(perShard: Bool = false, report: Bool = false) throws -> KubernetesJob {
    let job = try ClusterJob(
      experiment: "grid", specPath: KubernetesJob.specPath, overrides: ["training.steps=12"],
      resultsFolder: "/results/grid", shards: 4, trials: 8, perShardFolders: perShard, runner: "runner", cpus: 2)
    return try KubernetesJob(
      job: job, specText: spec, name: "rnnlab-grid", image: "registry.example.com:5000/rnnlab:0.1",
      parallelism: 3, memory: "1Gi", report: report)
  }

  @Test func indexedJobManifest() throws {
    let text = try Self.manifest().text
    #expect(text == #"""
      # RNNLab experiment 'grid': 8 trials in 4 shards, one pod per shard (a Kubernetes Indexed Job).
      # Written by `runner emit k8s`. The spec travels in the ConfigMap; results go to the claim
      # 'rnnlab-results' (ReadWriteMany when pods run on several nodes). Apply, wait, then write the report:
      #
      #   kubectl apply -f rnnlab-grid.yaml
      #   kubectl wait --for=condition=complete --timeout=168h job/rnnlab-grid
      #   runner emit k8s … --report | kubectl apply -f -    (the same flags plus --report)
      #
      # Exit 1 (some trials diverged or failed; they are in the results) counts as success;
      # exit 2 (a bad spec or flag) fails the Job at once instead of retrying.
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: rnnlab-grid-spec
      data:
        spec.yaml: |
          name: grid
          # a comment
          seeds: [1, 2]

          tasks: [{kind: adding, seq_len: [5, 8]}]
      ---
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: rnnlab-grid
      spec:
        completionMode: Indexed
        completions: 4
        parallelism: 3
        backoffLimit: 6
        podFailurePolicy:
          rules:
            - action: Ignore
              onPodConditions:
                - type: DisruptionTarget
            - action: FailJob
              onExitCodes:
                containerName: runner
                operator: In
                values: [2]
        template:
          spec:
            restartPolicy: Never
            securityContext:
              runAsNonRoot: true
              fsGroup: 10001
              fsGroupChangePolicy: OnRootMismatch
              seccompProfile:
                type: RuntimeDefault
            containers:
              - name: runner
                image: "registry.example.com:5000/rnnlab:0.1"
                command:
                  - /bin/sh
                  - -c
                  - |
                    runner run /etc/rnnlab/spec.yaml --out /results/grid --shards 4 --jobs 2 --no-report --set training.steps=12
                    status=$?
                    if [ "$status" -eq 1 ]; then exit 0; fi  # some trials diverged or failed: still a finished shard
                    exit "$status"
                securityContext:
                  allowPrivilegeEscalation: false
                  readOnlyRootFilesystem: true
                  capabilities:
                    drop: [ALL]
                resources:
                  requests:
                    cpu: "2"
                    memory: "1Gi"
                  limits:
                    memory: "1Gi"
                volumeMounts:
                  - name: spec
                    mountPath: /etc/rnnlab
                    readOnly: true
                  - name: results
                    mountPath: "/results"
                  - name: tmp
                    mountPath: /tmp
            volumes:
              - name: spec
                configMap:
                  name: rnnlab-grid-spec
              - name: results
                persistentVolumeClaim:
                  claimName: rnnlab-results
              - name: tmp
                emptyDir: {}

      """#)
  }

  /// PyYAML reads the manifest as Kubernetes would: the fields that matter
  /// have the right values and types, the ConfigMap holds the spec byte for
  /// byte, and the container's script is valid sh.
  @Test(.enabled(if: ExternalTool.hasPyYAML)) func manifestParsesAsYAML() throws {
    let text = try Self.manifest(perShard: true).text
    let check = """
      import json, sys, yaml
      docs = list(yaml.safe_load_all(sys.stdin))
      config, job = docs
      pod = job["spec"]["template"]["spec"]
      container = pod["containers"][0]
      print(json.dumps({
        "kinds": [d["apiVersion"] + "/" + d["kind"] for d in docs],
        "spec": config["data"]["spec.yaml"],
        "mode": job["spec"]["completionMode"], "completions": job["spec"]["completions"],
        "parallelism": job["spec"]["parallelism"], "restart": pod["restartPolicy"],
        "command": container["command"], "image": container["image"],
        "cpu": container["resources"]["requests"]["cpu"],
        "mounts": [[m["name"], m["mountPath"]] for m in container["volumeMounts"]],
        "claim": pod["volumes"][1]["persistentVolumeClaim"]["claimName"],
        "configMap": pod["volumes"][0]["configMap"]["name"],
        "failJobOn": job["spec"]["podFailurePolicy"]["rules"][1]["onExitCodes"]["values"],
      }, sort_keys=True))
      """
    let result = try ExternalTool.run("python3", ["-c", check], input: text)
    #expect(result.status == 0, "\(result.stderr)")
    let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    #expect(parsed["kinds"] as? [String] == ["v1/ConfigMap", "batch/v1/Job"])
    #expect(parsed["spec"] as? String == Self.spec)
    #expect(parsed["mode"] as? String == "Indexed")
    #expect(parsed["completions"] as? Int == 4)
    #expect(parsed["parallelism"] as? Int == 3)
    #expect(parsed["restart"] as? String == "Never")
    #expect(parsed["image"] as? String == "registry.example.com:5000/rnnlab:0.1")
    #expect(parsed["cpu"] as? String == "2")
    #expect(parsed["mounts"] as? [[String]] == [["spec", "/etc/rnnlab"], ["results", "/results"], ["tmp", "/tmp"]])
    #expect(parsed["claim"] as? String == "rnnlab-results")
    #expect(parsed["configMap"] as? String == "rnnlab-grid-spec")
    #expect(parsed["failJobOn"] as? [Int] == [2])
    let command = parsed["command"] as? [String] ?? []
    #expect(command.count == 3 && command[0] == "/bin/sh" && command[1] == "-c")
    let script = command.last ?? ""
    #expect(script.hasPrefix(
      "runner run /etc/rnnlab/spec.yaml --out /results/grid/shards/\"$JOB_COMPLETION_INDEX\" --shards 4 --jobs 2 --no-report "))
    #expect(try ExternalTool.run("sh", ["-n"], input: script).status == 0)
  }

  @Test(.enabled(if: ExternalTool.hasPyYAML)) func reportJobMergesShardFoldersThenReports() throws {
    let text = try Self.manifest(perShard: true, report: true).text
    let result = try ExternalTool.run(
      "python3",
      ["-c", "import sys, yaml; d = yaml.safe_load(sys.stdin); c = d['spec']['template']['spec']['containers'][0]; "
        + "print(d['metadata']['name'], 'completionMode' in d['spec']); print(c['command'][2], end='')"],
      input: text)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == """
      rnnlab-grid-report False
      set -e
      mkdir -p /results/grid/trials
      for shard in /results/grid/shards/*/; do
        cp -R "${shard}trials/." /results/grid/trials/
        cp "${shard}spec.yaml" "${shard}manifest.json" /results/grid/
      done
      exec runner report /results/grid

      """)
  }

  /// Every kind of text goes into the manifest and comes back out unchanged.
  @Test(.enabled(if: ExternalTool.hasPyYAML)) func scalarsRoundTripThroughPyYAML() throws {
    let texts = [
      "plain\n", "no newline", "two\n\n", "three\n\n\n", "  leading spaces\nnext\n", "\nleading newline\n",
      "tab\there\n", "# not a comment\n---\n...\n", "quote \" and backslash \\ and 'single'\n", "crlf\r\nline\n",
      "nel\u{85}ls\u{2028}ps\u{2029}\n", "\u{FEFF}bom\n", "bell\u{7}\n", "ünïcødé ✓ 𝄞\n", "key: value\n- item\n", "",
      "   \n", "trailing spaces   \n",
    ]
    var document = ""
    for (index, text) in texts.enumerated() {
      document += "k\(index):\n  quoted: \(YAMLText.quoted(text))\n  block: \(YAMLText.block(text, indent: 2))\n"
    }
    let result = try ExternalTool.run(
      "python3",
      ["-c", "import json, sys, yaml; d = yaml.safe_load(sys.stdin.read()); "
        + "print(json.dumps([[d['k%d' % i]['quoted'], d['k%d' % i]['block']] for i in range(len(d))]))"],
      input: document)
    #expect(result.status == 0, "\(result.stderr)\n\(document)")
    let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String]] ?? []
    #expect(parsed.count == texts.count)
    for (text, pair) in zip(texts, parsed) {
      #expect(pair == [text, text], "\(text.debugDescription)")
    }
  }

  @Test func namesAndValuesAreChecked() throws {
    #expect(KubernetesJob.defaultName(experiment: "Long_Dep.v2") == "rnnlab-long-dep-v2")
    #expect(KubernetesJob.defaultName(experiment: String(repeating: "a", count: 80)).count == 52)
    let job = try ClusterJob(
      experiment: "x", specPath: KubernetesJob.specPath, resultsFolder: "/results/x", shards: 1, trials: 1,
      runner: "runner")
    func message(
      name: String = "x", image: String = "img", claim: String = "c", mount: String = "/results", memory: String? = nil,
      out: String? = nil
    ) -> String? {
      var job = job
      if let out { job.resultsFolder = out }
      do {
        _ = try KubernetesJob(
          job: job, specText: "", name: name, image: image, claimName: claim, mountPath: mount, memory: memory)
        return nil
      } catch { return error.description }
    }
    #expect(message() == nil)
    #expect(message(name: "Bad_Name")?.hasPrefix("--name: error: 'Bad_Name' is not a Kubernetes name") == true)
    #expect(message(claim: "-x")?.hasPrefix("--claim: error:") == true)
    #expect(message(image: "a b") == "--image: error: expected a container image reference, got 'a b'")
    #expect(message(mount: "results") == "--mount: error: expected an absolute path like /results, got 'results'")
    #expect(message(memory: "1 GB")?.hasPrefix("--mem: error:") == true)
    #expect(message(out: "/tmp/x")
      == "--out: error: '/tmp/x' is not on the results volume mounted at /results; results written elsewhere vanish with the pod")
  }
}
