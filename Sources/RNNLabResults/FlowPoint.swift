/// One row of `gradient_flow.csv`: the norm of the loss gradient with respect
/// to a hidden state, `step,layer,direction,timestep,norm_dh,norm_dc`.
public struct FlowPoint: Equatable, Sendable {
  /// Training step of the snapshot (0 = at initialisation).
  public var step: Int
  /// 0-based layer, as in PyTorch's `_l{k}` names; the largest is the top layer.
  public var layer: Int
  public var direction: FlowDirection
  /// 1-based position in the input sequence.
  public var timestep: Int
  /// ‖∂L/∂h_t‖, averaged over the probe batch as the runner defines it.
  public var normDh: Double
  /// ‖∂L/∂c_t‖ for cells with a memory cell; nil (empty) for rnn and gru.
  public var normDc: Double?

  public init(step: Int, layer: Int, direction: FlowDirection, timestep: Int, normDh: Double, normDc: Double?) {
    self.step = step
    self.layer = layer
    self.direction = direction
    self.timestep = timestep
    self.normDh = normDh
    self.normDc = normDc
  }

  /// `step,layer,direction,timestep,norm_dh,norm_dc`.
  public static let csvHeader = ["step", "layer", "direction", "timestep", "norm_dh", "norm_dc"]

  /// The whole `gradient_flow.csv` text for `points`, in the given order.
  public static func csv(_ points: [FlowPoint]) -> String {
    CSV.table(
      header: csvHeader,
      rows: points.map {
        [
          String($0.step), String($0.layer), $0.direction.rawValue, String($0.timestep),
          CSV.number($0.normDh), CSV.number($0.normDc),
        ]
      })
  }

  /// Parses `gradient_flow.csv` text; `path` names the file in errors.
  public static func parse(csv text: String, path: String) throws -> [FlowPoint] {
    let table = try CSVTable(text: text, path: path, header: csvHeader)
    return try table.rows.map(FlowPoint.init(row:))
  }

  /// One data row of `gradient_flow.csv`.
  init(row: CSVTable.Row) throws {
    let timestep = try row.int(3)
    guard timestep >= 1 else { throw row.fail(3, "timestep \(timestep) must be 1 or more") }
    self.init(
      step: try row.int(0),
      layer: try row.int(1),
      direction: try row.choice(2, as: FlowDirection.self, allowed: FlowDirection.allCases.map(\.rawValue)),
      timestep: timestep,
      normDh: try row.double(4),
      normDc: try row.optionalDouble(5))
  }
}

/// The direction a recurrent layer reads the sequence in.
public enum FlowDirection: String, Codable, Sendable, CaseIterable, Comparable {
  case forward
  /// The reverse pass of a bidirectional layer.
  case backward

  public static func < (lhs: FlowDirection, rhs: FlowDirection) -> Bool {
    lhs == .forward && rhs == .backward
  }
}
