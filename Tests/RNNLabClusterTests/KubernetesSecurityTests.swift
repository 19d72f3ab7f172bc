import Foundation
import RNNLabTestSupport
import Testing
@testable import RNNLabCluster

/// Issue 26: the Kubernetes pods run without privileges.
@Suite struct KubernetesSecurityTests {
  /// Both Jobs' pods: non-root, no capabilities, no privilege escalation, a
  /// read-only root file system; the results claim and an emptyDir at /tmp writable.
  @Test(.enabled(if: ExternalTool.hasPyYAML), arguments: [false, true])
  func podsRunWithoutPrivileges(report: Bool) throws {
    let job = try ClusterJob(
      experiment: "grid", specPath: KubernetesJob.specPath, resultsFolder: "/results/grid", shards: 2, trials: 4,
      runner: "runner")
    let text = try KubernetesJob(job: job, specText: "name: grid\n", name: "rnnlab-grid", image: "img", report: report)
      .text
    let check = """
      import json, sys, yaml
      job = [d for d in yaml.safe_load_all(sys.stdin) if d["kind"] == "Job"][0]
      pod = job["spec"]["template"]["spec"]
      container = pod["containers"][0]
      print(json.dumps({
        "pod": pod["securityContext"], "container": container["securityContext"],
        "mounts": {m["name"]: [m["mountPath"], m.get("readOnly", False)] for m in container["volumeMounts"]},
        "volumes": {v["name"]: sorted(k for k in v if k != "name") for v in pod["volumes"]},
      }, sort_keys=True))
      """
    let result = try ExternalTool.run("python3", ["-c", check], input: text)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout
        == #"{"container": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "readOnlyRootFilesystem": true}, "#
        + #""mounts": {"results": ["/results", false], "#
        + (report ? "" : #""spec": ["/etc/rnnlab", true], "#)
        + #""tmp": ["/tmp", false]}, "#
        + #""pod": {"fsGroup": 10001, "fsGroupChangePolicy": "OnRootMismatch", "runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}, "#
        + #""volumes": {"results": ["persistentVolumeClaim"], "#
        + (report ? "" : #""spec": ["configMap"], "#)
        + #""tmp": ["emptyDir"]}}"# + "\n")
  }

  @Test func theMountCannotHideThePodsScratchOrSpec() throws {
    for mount in ["/tmp", "/tmp/x", "/etc/rnnlab", "/etc/rnnlab/x"] {
      let job = try ClusterJob(
        experiment: "x", specPath: KubernetesJob.specPath, resultsFolder: "\(mount)/x", shards: 1, trials: 1,
        runner: "runner")
      #expect(throws: ClusterOptionError.self, "\(mount)") {
        try KubernetesJob(job: job, specText: "", name: "x", image: "img", mountPath: mount)
      }
    }
  }
}
