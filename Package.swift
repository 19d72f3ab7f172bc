// swift-tools-version:6.0
// RNNLab: compare recurrent architectures on synthetic long-dependency tasks.
import PackageDescription

/// The engine's hot kernels (Sources/RNNLabKernels) are compiled three times,
/// once per x86-64 level (v4 and v3 named by their first CPUs, skylake-avx512
/// and haswell, because the Swift compiler does not take `x86-64-v4` as a
/// target CPU; the kernels use only the level's vector and FMA instructions),
/// and the engine picks one at run time
/// (`InstructionSet`): one portable binary, the same bits on every path.
/// Elsewhere (arm64) the three are the same default build.
#if arch(x86_64)
let kernelCPUs: [(name: String, cpu: String?)] = [
  ("RNNLabKernelsAVX512", "skylake-avx512"), ("RNNLabKernelsAVX2", "haswell"), ("RNNLabKernelsBaseline", nil),
]
#else
let kernelCPUs: [(name: String, cpu: String?)] = [
  ("RNNLabKernelsAVX512", nil), ("RNNLabKernelsAVX2", nil), ("RNNLabKernelsBaseline", nil),
]
#endif

/// The numeric modules are optimised in debug builds too: the tests train,
/// check gradients by finite differences and run the debug `runner`, and
/// unoptimised (generic cell code unspecialised) they took 22 CPU-minutes
/// instead of 6. Everything else stays debuggable.
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

/// One compilation of the kernel sources; the per-ISA folders are symlinks to
/// Sources/RNNLabKernels. `RNNLAB_NARROW_TILE` picks the products' register
/// tile for 16 vector registers (AVX2, SSE) instead of 32 (AVX-512). Without
/// hardware FMA, fused multiply-adds call the C library's `fmaf`, hence libm.
/// Release builds keep every check: the kernels' entry points check their
/// shapes once per call, and their loops' index arithmetic wraps (`&+`, `&*`)
/// instead of being compiled with `-Ounchecked`.
let kernelTargets: [Target] = kernelCPUs.map { kernel in
  .target(
    name: kernel.name,
    swiftSettings: (kernel.cpu.map { [.unsafeFlags(["-target-cpu", $0])] } ?? [])
      + (kernel.name == "RNNLabKernelsAVX512" ? [] : [.define("RNNLAB_NARROW_TILE")]) + optimizedInDebug,
    linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))])
}

let package = Package(
  name: "RNNLab",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "runner", targets: ["runner"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
  ],
  targets: [
    // MARK: - System libraries
    .systemLibrary(
      name: "CYAML", pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
    .target(name: "CCPUFeatures"),

    // MARK: - Libraries
    .target(name: "RNNLabRandom"),
    .target(name: "RNNLabBuildInfo", plugins: ["BuildCommit"]),
    .target(name: "RNNLabText"),
    .target(name: "RNNLabShapes"),
    .target(
      name: "RNNLabSpec",
      dependencies: ["CYAML", "RNNLabRandom", "RNNLabText", "RNNLabTasks", "RNNLabShapes", "RNNLabResults"]),
    .target(
      name: "RNNLabEngine",
      dependencies: [
        "RNNLabRandom", "RNNLabText", "RNNLabShapes", "CCPUFeatures", "RNNLabKernelsAVX512", "RNNLabKernelsAVX2",
        "RNNLabKernelsBaseline",
      ],
      swiftSettings: optimizedInDebug),
    .target(name: "RNNLabTasks", dependencies: ["RNNLabRandom"]),
    .target(name: "RNNLabResults", dependencies: ["RNNLabText"]),
    .target(
      name: "RNNLabRun",
      dependencies: [
        "RNNLabSpec", "RNNLabEngine", "RNNLabTasks", "RNNLabResults", "RNNLabText", "RNNLabBuildInfo"]),
    .target(name: "RNNLabReport", dependencies: ["RNNLabResults"]),
    .target(name: "RNNLabCluster", dependencies: ["RNNLabText"]),

    // MARK: - Build plugin
    .plugin(name: "BuildCommit", capability: .buildTool()),

    // MARK: - Executable
    .executableTarget(
      name: "runner",
      dependencies: [
        "RNNLabSpec", "RNNLabEngine", "RNNLabTasks", "RNNLabResults", "RNNLabRun", "RNNLabReport",
        "RNNLabCluster", "RNNLabText", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: - Tests
    .testTarget(name: "RNNLabRandomTests", dependencies: ["RNNLabRandom"]),
    .testTarget(name: "RNNLabTextTests", dependencies: ["RNNLabText"]),
    .testTarget(
      name: "RNNLabSpecTests", dependencies: ["RNNLabSpec", "RNNLabRandom", "RNNLabTasks", "RNNLabTestSupport"],
      resources: [.copy("Specs")]),
    .testTarget(
      name: "RNNLabEngineTests", dependencies: ["RNNLabEngine"], resources: [.copy("Fixtures")]),
    .testTarget(name: "RNNLabTasksTests", dependencies: ["RNNLabTasks"]),
    .testTarget(name: "RNNLabResultsTests", dependencies: ["RNNLabResults"]),
    .target(name: "RNNLabTestSupport", path: "Tests/RNNLabTestSupport"),
    .testTarget(name: "RNNLabRunTests", dependencies: ["RNNLabRun", "RNNLabBuildInfo", "RNNLabTestSupport"]),
    .testTarget(name: "RNNLabClusterTests", dependencies: ["RNNLabCluster", "RNNLabTestSupport"]),
    .testTarget(
      name: "RNNLabReportTests", dependencies: ["RNNLabReport"], resources: [.copy("Golden")]),
    .testTarget(name: "RunnerEndToEndTests", dependencies: ["runner", "RNNLabRandom", "RNNLabTestSupport"]),
  ] + kernelTargets
)
