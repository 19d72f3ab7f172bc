import Foundation
import Testing
@testable import RNNLabEngine

/// Every PyTorch fixture: load the parameters by name, run forward with the
/// fixture's input, take loss = sum(output · probe), backpropagate, and
/// compare output, loss, ∂L/∂input and every parameter gradient by name to
/// 1e-5 relative with a 1e-6 absolute floor (float32 against float64 torch).
@Suite struct TorchFixtureTests {
  static let files = TorchFixture.allFiles()

  @Test func fixtureFolderHasCases() {
    #expect(Self.files.count >= 7)
  }

  @Test(arguments: files.map(\.lastPathComponent))
  func matchesPyTorch(file: String) throws {
    let url = Self.files.first { $0.lastPathComponent == file }!
    let fixture = try TorchFixture(url: url)
    let model = RecurrentModel(config: fixture.config, seed: 0)
    try model.load(namedTensors: fixture.parameters)
    #expect(Set(model.layout.entries.map(\.name)) == Set(fixture.expectedParameterGradients.keys))

    model.zeroGradients()
    let output = model.forward(inputs: fixture.input, seqLen: fixture.seqLen, batch: fixture.batch)
    let loss = zip(output, fixture.probe).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    model.backward(dOutput: fixture.probe, computeInputGradient: true)

    var check = Closeness()
    check.compare("output", output, fixture.expectedOutput)
    check.compare("grad_input", model.inputGradient, fixture.expectedInputGradient)
    let gradients = model.gradients
    for entry in model.layout.entries {
      let expected = try #require(fixture.expectedParameterGradients[entry.name])
      check.compare(entry.name, Array(gradients[entry.range]), expected)
    }
    let lossError = abs(loss - fixture.expectedLoss) / (1e-6 + 1e-5 * abs(fixture.expectedLoss))
    #expect(lossError <= 1, "loss \(loss) vs \(fixture.expectedLoss)")
    #expect(check.worstRatio <= 1, "\(fixture.name): worst at \(check.worstName), ratio \(check.worstRatio)")
    if ProcessInfo.processInfo.environment["RNNLAB_FIXTURE_REPORT"] != nil {
      print("fixture \(fixture.name): max rel err \(check.maxRelativeError), allclose ratio \(check.worstRatio) (\(check.worstName)), loss ratio \(lossError)")
    }
  }
}
