/// One recurrent architecture of a spec, with every option filled in.
///
/// Options that do not apply to the cell keep their defaults and are neither
/// written to resolved specs nor hashed (see `SpecSchema.modelKeyApplies`).
public struct ModelSpec: Hashable, Sendable {
  /// Unique within the spec and safe as a folder name; defaults to the cell.
  public var name: String
  public var cell: CellKind
  /// Units per layer and direction, ≥ 1. With a `parameterBudget` this is
  /// a placeholder until the plan sizes the model for each task.
  public var hidden: Int
  /// `hidden: {parameters: N}`: size the model per task to at most N
  /// parameters (`resolvingHidden(for:)`); nil when `hidden` is given.
  public var parameterBudget: Int?
  /// Stacked layers, ≥ 1.
  public var layers: Int
  /// Whether each layer also runs backwards in time (outputs concatenated).
  public var bidirectional: Bool
  /// `rnn` only.
  public var activation: Activation
  /// The initial bias of the forget gate (LSTM family) or update gate (GRU).
  public var forgetBias: ForgetBias
  /// T_max of `forgetBias: .chrono`; nil: the trial's `seq_len`.
  public var chronoTMax: Int?
  public var initialization: Initialization
  /// Spectral radius (largest |eigenvalue|) each `[H, H]` gate block of
  /// `weight_hh` is scaled to at init; nil keeps the init's own scale.
  /// Not allowed with `init: default`.
  public var recurrentRadius: Double?
  /// Gate switches of the LSTM family (Greff et al. 2017 variants): false
  /// gives NIG, NFG, NOG, NIAF, NOAF. `cifg` has no independent input gate,
  /// so its `inputGate` and `forgetGate` stay true.
  public var inputGate: Bool
  public var forgetGate: Bool
  public var outputGate: Bool
  public var inputActivation: Bool
  public var outputActivation: Bool
  /// Training settings this model changes from the shared ones.
  public var training: TrainingOverride
  /// The search this model runs (its own, or the spec's top-level one); nil: none.
  public var search: SearchSpec?

  public init(
    name: String? = nil, cell: CellKind, hidden: Int, layers: Int = 1, bidirectional: Bool = false,
    activation: Activation = .tanh, forgetBias: ForgetBias? = nil, chronoTMax: Int? = nil,
    initialization: Initialization = .uniform,
    recurrentRadius: Double? = nil, inputGate: Bool = true, forgetGate: Bool = true, outputGate: Bool = true,
    inputActivation: Bool = true, outputActivation: Bool = true,
    training: TrainingOverride = TrainingOverride(), search: SearchSpec? = nil, parameterBudget: Int? = nil
  ) {
    self.name = name ?? cell.rawValue
    self.cell = cell
    self.hidden = hidden
    self.layers = layers
    self.bidirectional = bidirectional
    self.activation = activation
    self.forgetBias = forgetBias ?? .standard(for: cell)
    self.chronoTMax = chronoTMax
    self.initialization = initialization
    self.recurrentRadius = recurrentRadius
    self.inputGate = inputGate
    self.forgetGate = forgetGate
    self.outputGate = outputGate
    self.inputActivation = inputActivation
    self.outputActivation = outputActivation
    self.training = training
    self.search = search
    self.parameterBudget = parameterBudget
  }

  /// 2 for a bidirectional model, else 1.
  public var directions: Int { bidirectional ? 2 : 1 }
}
