import Foundation
@testable import RNNLabEngine

/// One PyTorch reference case from `Fixtures/torch/*.json` (format:
/// Fixtures/README.md), converted to the engine's time-major layout.
struct TorchFixture {
  let name: String
  let config: ModelConfig
  let seqLen: Int
  let batch: Int
  let parameters: [NamedTensor]
  /// [T][B][I]
  let input: [Float]
  /// [T][B][D*H]
  let probe: [Float]
  /// [T][B][D*H]
  let expectedOutput: [Float]
  let expectedLoss: Double
  /// [T][B][I]
  let expectedInputGradient: [Float]
  let expectedParameterGradients: [String: [Float]]

  /// Every `*.json` in the fixture folder, sorted by file name.
  static func allFiles() -> [URL] {
    guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else { return [] }
    let torch = folder.appendingPathComponent("torch")
    let files = (try? FileManager.default.contentsOfDirectory(at: torch, includingPropertiesForKeys: nil)) ?? []
    return files.filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  init(url: URL) throws {
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    name = json["name"] as! String
    let cell = ModelConfig.Cell(rawValue: json["cell"] as! String)!
    seqLen = json["seq_len"] as! Int
    batch = json["batch"] as! Int
    config = ModelConfig(
      cell: cell, inputSize: json["input_size"] as! Int, hiddenSize: json["hidden_size"] as! Int,
      layers: json["num_layers"] as! Int, bidirectional: json["bidirectional"] as! Bool,
      head: .sequence)
    let params = json["parameters"] as! [String: Any]
    parameters = params.keys.sorted().map { key in
      NamedTensor(name: key, shape: Self.shape(params[key]!), values: Self.flatten(params[key]!))
    }
    let (t, b) = (seqLen, batch)
    input = Self.timeMajor(Self.flatten(json["input"]!), batch: b, seqLen: t)
    probe = Self.timeMajor(Self.flatten(json["probe"]!), batch: b, seqLen: t)
    let expected = json["expected"] as! [String: Any]
    expectedOutput = Self.timeMajor(Self.flatten(expected["output"]!), batch: b, seqLen: t)
    expectedLoss = (expected["loss"] as! NSNumber).doubleValue
    expectedInputGradient = Self.timeMajor(Self.flatten(expected["grad_input"]!), batch: b, seqLen: t)
    let grads = expected["grad_parameters"] as! [String: Any]
    expectedParameterGradients = grads.mapValues { Self.flatten($0) }
  }

  static func flatten(_ value: Any) -> [Float] {
    if let list = value as? [Any] { return list.flatMap { flatten($0) } }
    return [(value as! NSNumber).floatValue]
  }

  static func shape(_ value: Any) -> [Int] {
    guard let list = value as? [Any] else { return [] }
    return [list.count] + (list.first.map { shape($0) } ?? [])
  }

  /// [B][T][F] → [T][B][F].
  static func timeMajor(_ x: [Float], batch: Int, seqLen: Int) -> [Float] {
    let f = x.count / (batch * seqLen)
    var out = [Float](repeating: 0, count: x.count)
    for b in 0..<batch {
      for t in 0..<seqLen {
        for k in 0..<f { out[(t * batch + b) * f + k] = x[(b * seqLen + t) * f + k] }
      }
    }
    return out
  }
}

/// `np.allclose`-style closeness: |a − e| ≤ atol + rtol·|e|.
struct Closeness {
  var rtol = 1e-5
  var atol = 1e-6
  /// max over elements of |a − e| / (atol + rtol·|e|); ≤ 1 passes.
  var worstRatio = 0.0
  /// max over elements with |e| ≥ 1e-3 of |a − e| / |e|.
  var maxRelativeError = 0.0
  var worstName = ""

  mutating func compare(_ name: String, _ actual: [Float], _ expected: [Float]) {
    precondition(actual.count == expected.count, "\(name): \(actual.count) vs \(expected.count) values")
    for (a, e) in zip(actual, expected) {
      let diff = abs(Double(a) - Double(e))
      let ratio = diff / (atol + rtol * abs(Double(e)))
      if ratio > worstRatio { worstRatio = ratio; worstName = name }
      if abs(Double(e)) >= 1e-3 { maxRelativeError = max(maxRelativeError, diff / abs(Double(e))) }
    }
  }
}
