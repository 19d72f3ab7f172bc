/// The final numbers of one trial: the content of `trials/<id>/summary.json`.
///
/// The runner writes it last, so its presence marks the trial as finished
/// (whatever its `status`). Keys are snake_case; optional values are written as
/// explicit `null` so every file has the same set of keys. Non-finite numbers
/// are written as the strings `"nan"`, `"inf"` and `"-inf"` (see `ResultsJSON`).
public struct TrialSummary: Codable, Equatable, Sendable {
  /// `<task>-T<seq_len>-<model>-s<seed>` (with a search `<task>-T<seq_len>-<model>-c<NN>-s<seed>`);
  /// equal to the trial's folder name.
  public var trialId: String
  /// Hash of the trial's fully resolved config (resume compares it).
  public var configHash: String
  public var status: TrialStatus
  /// Task name from the spec (defaults to the kind).
  public var task: String
  /// adding | copy | first_symbol | temporal_order | lookahead (kept as text here).
  public var taskKind: String
  public var seqLen: Int
  /// Model name from the spec.
  public var model: String
  /// rnn | lstm | peephole | cifg | gru.
  public var cell: String
  /// The search configuration this trial trained (0-based); null without a search.
  public var configIndex: Int?
  /// The configuration's searched values (spec path → value); null without a search.
  public var searchValues: SearchValues?
  public var hidden: Int
  public var layers: Int
  public var bidirectional: Bool
  public var seed: Int
  /// Training steps the trial was configured for.
  public var steps: Int
  /// Steps actually taken (less than `steps` when diverged or failed).
  public var stepsCompleted: Int
  public var parameterCount: Int
  /// Eval loss at the last evaluation; null when the trial never evaluated or diverged.
  public var finalEvalLoss: Double?
  /// Eval accuracy at the last evaluation; null when the task has none.
  public var finalEvalAccuracy: Double?
  /// Loss on the validation split at the end; selection uses only the validation metrics.
  public var finalValLoss: Double?
  /// Accuracy on the validation split at the end; null when the task has none.
  public var finalValAccuracy: Double?
  /// With `keep: best_val`: the step whose parameters the trial kept (and whose
  /// test and validation numbers are the final ones); null with `keep: last`.
  public var keptStep: Int?
  /// The task's trivial baseline loss at this sequence length.
  public var baseline: Double
  /// Whether the task's "solved" criterion was met at some evaluation.
  public var solved: Bool
  /// First evaluation step at which the task was solved; null if never.
  public var stepsToSolve: Int?
  /// Global parameter-gradient norm (before clipping) at step 0.
  public var gradNormInit: Double?
  /// Mean over training steps of the global parameter-gradient norm before clipping.
  public var gradNormMean: Double?
  /// Share of the training updates whose gradient was clipped (`clip_norm`:
  /// global norm above it; `clip_value`: some element beyond it); null when
  /// the trial configures no clipping or took no update.
  public var clippedFraction: Double?
  /// log10(‖∂L/∂h_1‖ / ‖∂L/∂h_T‖) at step 0, top layer, forward direction.
  public var gradDecayInit: Double?
  /// The same at the last gradient-flow snapshot.
  public var gradDecayFinal: Double?
  /// Backward direction's decay at step 0 (bidirectional models only, else null).
  public var gradDecayInitBackward: Double?
  /// Backward direction's decay at the end (bidirectional models only, else null).
  public var gradDecayFinalBackward: Double?
  /// Timesteps t (of T) at which the float32 ‖∂L/∂h_t‖ of the step-0 probe
  /// was exactly 0 (underflowed, subnormals flushed), top layer, forward
  /// direction: what training's own float32 gradient lost. 0: none; null:
  /// no probe ran. (The `grad_decay_*` and gradient_flow.csv are float64.)
  public var gradUnderflowInit: Int? = nil
  /// The same at the last gradient-flow snapshot.
  public var gradUnderflowFinal: Int? = nil
  /// The spectral radius (max |eigenvalue|, by power iteration) of the
  /// initial `weight_hh`: top layer, forward direction, first gate block.
  /// Null when the trial failed before its model was built.
  public var recurrentRadiusInit: Double? = nil
  /// The final (kept) parameters tested at each of the task's
  /// `evaluation` lengths, ascending; absent (not even `null`) for a task
  /// without them, so those summaries keep every byte they had.
  public var evalLengths: [LengthEvaluation]? = nil
  /// Step at which a NaN or infinity appeared; null unless diverged.
  public var divergedAtStep: Int?
  /// One-line error message; null unless failed.
  public var error: String?
  public var wallSeconds: Double
  public var stepsPerSecond: Double
  /// The instruction-set path the engine's kernels ran on (`avx512`, `avx2`,
  /// `baseline`): every path gives the same bits, so it is not a result. Nil
  /// in folders written before it was recorded (they have a `blas` key).
  public var isa: String?

  public init(
    trialId: String, configHash: String, status: TrialStatus,
    task: String, taskKind: String, seqLen: Int,
    model: String, cell: String, hidden: Int, layers: Int, bidirectional: Bool,
    seed: Int, steps: Int, stepsCompleted: Int, parameterCount: Int,
    finalEvalLoss: Double?, finalEvalAccuracy: Double? = nil,
    finalValLoss: Double? = nil, finalValAccuracy: Double? = nil, keptStep: Int? = nil, baseline: Double,
    solved: Bool, stepsToSolve: Int? = nil,
    gradNormInit: Double?, gradNormMean: Double?, clippedFraction: Double? = nil,
    gradDecayInit: Double?, gradDecayFinal: Double?,
    gradDecayInitBackward: Double? = nil, gradDecayFinalBackward: Double? = nil,
    divergedAtStep: Int? = nil, error: String? = nil,
    wallSeconds: Double, stepsPerSecond: Double, isa: String?,
    configIndex: Int? = nil, searchValues: SearchValues? = nil
  ) {
    self.trialId = trialId
    self.configHash = configHash
    self.status = status
    self.task = task
    self.taskKind = taskKind
    self.seqLen = seqLen
    self.model = model
    self.cell = cell
    self.hidden = hidden
    self.layers = layers
    self.bidirectional = bidirectional
    self.seed = seed
    self.steps = steps
    self.stepsCompleted = stepsCompleted
    self.parameterCount = parameterCount
    self.finalEvalLoss = finalEvalLoss
    self.finalEvalAccuracy = finalEvalAccuracy
    self.baseline = baseline
    self.solved = solved
    self.stepsToSolve = stepsToSolve
    self.gradNormInit = gradNormInit
    self.gradNormMean = gradNormMean
    self.clippedFraction = clippedFraction
    self.gradDecayInit = gradDecayInit
    self.gradDecayFinal = gradDecayFinal
    self.gradDecayInitBackward = gradDecayInitBackward
    self.gradDecayFinalBackward = gradDecayFinalBackward
    self.divergedAtStep = divergedAtStep
    self.error = error
    self.wallSeconds = wallSeconds
    self.stepsPerSecond = stepsPerSecond
    self.isa = isa
    self.configIndex = configIndex
    self.searchValues = searchValues
    self.finalValLoss = finalValLoss
    self.finalValAccuracy = finalValAccuracy
    self.keptStep = keptStep
  }

  /// The JSON keys, exactly as the results contract names them.
  public enum CodingKeys: String, CodingKey, CaseIterable {
    case trialId = "trial_id", configHash = "config_hash", status, task
    case taskKind = "task_kind", seqLen = "seq_len", model, cell, hidden, layers
    case bidirectional, seed, steps, stepsCompleted = "steps_completed"
    case parameterCount = "parameter_count", finalEvalLoss = "final_eval_loss"
    case finalEvalAccuracy = "final_eval_accuracy", baseline, solved
    case stepsToSolve = "steps_to_solve", gradNormInit = "grad_norm_init"
    case gradNormMean = "grad_norm_mean", clippedFraction = "clipped_fraction", gradDecayInit = "grad_decay_init"
    case gradDecayFinal = "grad_decay_final"
    case gradDecayInitBackward = "grad_decay_init_backward"
    case gradDecayFinalBackward = "grad_decay_final_backward"
    case gradUnderflowInit = "grad_underflow_init", gradUnderflowFinal = "grad_underflow_final"
    case recurrentRadiusInit = "recurrent_radius_init"
    case divergedAtStep = "diverged_at_step", error
    case wallSeconds = "wall_seconds", stepsPerSecond = "steps_per_second", isa
    case configIndex = "config_index", searchValues = "search_values"
    case finalValLoss = "final_val_loss", finalValAccuracy = "final_val_accuracy", keptStep = "kept_step"
    case evalLengths = "eval_lengths"
  }

  /// Encodes every key, writing `null` for absent optionals (the synthesized
  /// encoder would leave them out).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(trialId, forKey: .trialId)
    try c.encode(configHash, forKey: .configHash)
    try c.encode(status, forKey: .status)
    try c.encode(task, forKey: .task)
    try c.encode(taskKind, forKey: .taskKind)
    try c.encode(seqLen, forKey: .seqLen)
    try c.encode(model, forKey: .model)
    try c.encode(cell, forKey: .cell)
    try c.encode(hidden, forKey: .hidden)
    try c.encode(layers, forKey: .layers)
    try c.encode(bidirectional, forKey: .bidirectional)
    try c.encode(seed, forKey: .seed)
    try c.encode(steps, forKey: .steps)
    try c.encode(stepsCompleted, forKey: .stepsCompleted)
    try c.encode(parameterCount, forKey: .parameterCount)
    try c.encode(finalEvalLoss, forKey: .finalEvalLoss)
    try c.encode(finalEvalAccuracy, forKey: .finalEvalAccuracy)
    try c.encode(baseline, forKey: .baseline)
    try c.encode(solved, forKey: .solved)
    try c.encode(stepsToSolve, forKey: .stepsToSolve)
    try c.encode(gradNormInit, forKey: .gradNormInit)
    try c.encode(gradNormMean, forKey: .gradNormMean)
    try c.encode(clippedFraction, forKey: .clippedFraction)
    try c.encode(gradDecayInit, forKey: .gradDecayInit)
    try c.encode(gradDecayFinal, forKey: .gradDecayFinal)
    try c.encode(gradDecayInitBackward, forKey: .gradDecayInitBackward)
    try c.encode(gradDecayFinalBackward, forKey: .gradDecayFinalBackward)
    try c.encode(gradUnderflowInit, forKey: .gradUnderflowInit)
    try c.encode(gradUnderflowFinal, forKey: .gradUnderflowFinal)
    try c.encode(recurrentRadiusInit, forKey: .recurrentRadiusInit)
    try c.encode(divergedAtStep, forKey: .divergedAtStep)
    try c.encode(error, forKey: .error)
    try c.encode(wallSeconds, forKey: .wallSeconds)
    try c.encode(stepsPerSecond, forKey: .stepsPerSecond)
    try c.encode(isa, forKey: .isa)
    try c.encode(configIndex, forKey: .configIndex)
    try c.encode(searchValues, forKey: .searchValues)
    try c.encode(finalValLoss, forKey: .finalValLoss)
    try c.encode(finalValAccuracy, forKey: .finalValAccuracy)
    try c.encode(keptStep, forKey: .keptStep)
    try c.encodeIfPresent(evalLengths, forKey: .evalLengths)
  }
}
