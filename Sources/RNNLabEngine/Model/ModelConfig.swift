/// Everything that fixes a recurrent model's shape and initialisation.
///
/// Cells follow PyTorch's equations, gate order and parameter names
/// (`Tests/RNNLabEngineTests/Fixtures/README.md`): LSTM and peephole gates `i,f,g,o`, GRU
/// `r,z,n` with `n = tanh(W_in x + b_in + r * (W_hn h + b_hn))`, CIFG `f,g,o`
/// with the input gate coupled as `i = 1 - f`.
public struct ModelConfig: Sendable, Hashable, Codable {
  /// The recurrent cell.
  public enum Cell: String, Sendable, Hashable, Codable, CaseIterable {
    /// Elman RNN, `h = act(W_ih x + b_ih + W_hh h_prev + b_hh)`.
    case rnn
    /// LSTM, gates `i,f,g,o`.
    case lstm
    /// LSTM with diagonal peepholes: `i`, `f` see `c_{t-1}`, `o` sees `c_t`.
    case peephole
    /// Coupled input–forget gate LSTM: gates `f,g,o`, `c = f*c_prev + (1-f)*g`.
    case cifg
    /// GRU in PyTorch's form, gates `r,z,n`, `h = (1-z)*n + z*h_prev`.
    case gru

    /// Row blocks in `weight_ih`/`weight_hh` (G in `[G*H, in]`).
    public var gateCount: Int {
      switch self {
      case .rnn: 1
      case .lstm, .peephole: 4
      case .cifg, .gru: 3
      }
    }

    /// Whether the cell carries a memory cell `c` (the LSTM family).
    public var hasCellState: Bool { self == .lstm || self == .peephole || self == .cifg }
  }

  /// Non-linearity of the plain `rnn` cell.
  public enum Activation: String, Sendable, Hashable, Codable, CaseIterable {
    case tanh, relu
  }

  /// How the weights start.
  public enum InitScheme: String, Sendable, Hashable, Codable, CaseIterable {
    /// PyTorch's: every recurrent-layer tensor uniform in ±1/√H.
    case `default`
    /// As `default`, but each gate's `[H, H]` block of `weight_hh` orthogonal.
    case orthogonal
    /// As `default`, but each gate's `[H, H]` block of `weight_hh` the
    /// identity (IRNN, Le et al. 2015, when used with `relu`).
    case identity
    /// As `default`, but each gate's `[H, H]` block of `weight_hh` Gaussian
    /// with std 1/√H (spectral radius near 1 for large H, circular law).
    case normal
  }

  /// How the bias of the gate that keeps memory starts: the forget gate f
  /// of the LSTM family, the GRU's update gate z (in PyTorch's GRU
  /// `h = (1-z)*n + z*h_prev`, so a large z keeps memory, as a large f does).
  /// The plain `rnn` has no gate and ignores it.
  public enum GateBias: Sendable, Hashable, Codable {
    /// As drawn with the other biases (PyTorch's init).
    case drawn
    /// The gate's block of `bias_ih` set to this and that of `bias_hh` to 0,
    /// so the bias the cell sees (their sum) is exactly this.
    case constant(Float)
    /// Chrono initialisation (Tallec & Ollivier 2018): each unit's bias
    /// `b = log(u)`, `u` uniform in `[1, maxLag - 1]`, drawn from the model's
    /// chrono stream, in `bias_ih` (with `bias_hh`'s block 0); the input
    /// gate of `lstm` and `peephole` gets `-b` the same way (when the forget
    /// gate is on). `maxLag` (T_max) ≥ 3.
    case chrono(maxLag: Int)
  }

  /// What maps the top layer's hidden sequence to the model's output.
  public enum Head: String, Sendable, Hashable, Codable, CaseIterable {
    /// No head: the output is the top layer's hidden sequence `[T][B][D*H]`.
    case sequence
    /// A linear layer on the final state: `[B][O]`. Bidirectional models use
    /// `concat(forward h_T, backward h_1)`, each direction's last state.
    case manyToOne = "many_to_one"
    /// A linear layer at every timestep: `[T][B][O]`.
    case manyToMany = "many_to_many"
  }

  /// Greff et al.'s LSTM ablations. A disabled gate is fixed at 1 and a
  /// disabled activation is the identity.
  ///
  /// The PyTorch layout is kept either way: a disabled gate's rows in
  /// `weight_ih`/`weight_hh`/biases (and its peephole) still exist, have no
  /// effect and always get a zero gradient. For `cifg`, `inputGate` is
  /// ignored (its input gate is `1 - f`), so `forgetGate = false` there means
  /// `f = 1`, `i = 0`: the cell keeps its initial state.
  public struct Gates: Sendable, Hashable, Codable {
    public var inputGate: Bool
    public var forgetGate: Bool
    public var outputGate: Bool
    /// `g = tanh(…)` when true, `g = …` (NIAF) when false.
    public var inputActivation: Bool
    /// `h = o * tanh(c)` when true, `h = o * c` (NOAF) when false.
    public var outputActivation: Bool

    public init(
      inputGate: Bool = true, forgetGate: Bool = true, outputGate: Bool = true,
      inputActivation: Bool = true, outputActivation: Bool = true
    ) {
      self.inputGate = inputGate
      self.forgetGate = forgetGate
      self.outputGate = outputGate
      self.inputActivation = inputActivation
      self.outputActivation = outputActivation
    }

    /// Every gate and activation on: the standard cell.
    public static let all = Gates()
  }

  public var cell: Cell
  /// Features per timestep of the input, `I`.
  public var inputSize: Int
  /// Hidden units per layer and direction, `H`.
  public var hiddenSize: Int
  public var layers: Int
  public var bidirectional: Bool
  /// Only used by `rnn`.
  public var activation: Activation
  /// The initial bias of the forget gate (lstm, peephole, cifg) or of the
  /// GRU's update gate; see `GateBias`.
  public var forgetBias: GateBias
  public var initScheme: InitScheme
  /// The spectral radius (largest |eigenvalue|) every `[H, H]` gate block of
  /// `weight_hh` is scaled to at init; nil: the scheme's own scale. Exact for
  /// orthogonal (all |eigenvalues| are 1) and identity, estimated by
  /// `SpectralRadius.estimate` for normal; not used by `default`.
  public var recurrentRadius: Double?
  /// Only used by the LSTM family.
  public var gates: Gates
  public var head: Head
  /// `O`, the head's output width (unused for `.sequence`).
  public var outputSize: Int

  public init(
    cell: Cell, inputSize: Int, hiddenSize: Int, layers: Int = 1, bidirectional: Bool = false,
    activation: Activation = .tanh, forgetBias: GateBias? = nil, initScheme: InitScheme = .default,
    recurrentRadius: Double? = nil, gates: Gates = .all, head: Head = .manyToOne, outputSize: Int = 1
  ) {
    self.cell = cell
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    self.layers = layers
    self.bidirectional = bidirectional
    self.activation = activation
    // Nil: the LSTM family's forget bias of 1 (Jozefowicz et al. 2015), else PyTorch's draw.
    self.forgetBias = forgetBias ?? (cell.hasCellState ? .constant(1) : .drawn)
    self.initScheme = initScheme
    self.recurrentRadius = recurrentRadius
    self.gates = gates
    self.head = head
    self.outputSize = outputSize
  }

  /// 2 when bidirectional, else 1 (`D`).
  public var directions: Int { bidirectional ? 2 : 1 }

  /// Width of each layer's output and of the head's input, `D*H`.
  public var layerOutputSize: Int { directions * hiddenSize }

  /// Width of one row of the model's output: `O`, or `D*H` for `.sequence`.
  public var outputWidth: Int { head == .sequence ? layerOutputSize : outputSize }

  /// Why this configuration cannot be built, or nil when it can.
  public var invalidReason: String? {
    if inputSize < 1 { return "input size must be at least 1, got \(inputSize)" }
    if hiddenSize < 1 { return "hidden size must be at least 1, got \(hiddenSize)" }
    if layers < 1 { return "layers must be at least 1, got \(layers)" }
    if head != .sequence && outputSize < 1 {
      return "output size must be at least 1, got \(outputSize)"
    }
    switch forgetBias {
    case .drawn: break
    case .constant(let value): if !value.isFinite { return "forget bias must be finite" }
    case .chrono(let maxLag): if maxLag < 3 { return "chrono init needs T_max of at least 3, got \(maxLag)" }
    }
    if cell == .rnn, forgetBias != .drawn { return "the rnn cell has no gate bias to set" }
    if let radius = recurrentRadius {
      if !(radius > 0 && radius.isFinite) { return "recurrent radius must be positive and finite, got \(radius)" }
      if initScheme == .default { return "recurrent radius needs the orthogonal, identity or normal init" }
    }
    return nil
  }
}
