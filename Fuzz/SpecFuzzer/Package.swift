// swift-tools-version:6.0
// A libFuzzer target for the spec loader, kept out of the main package so
// that its sanitizer flags never touch the main build. The spec modules are
// the main package's own sources, reached through symlinks under Sources/,
// and the invariants are the fuzz tests' (SpecFuzzOracle.swift, a symlink).
// Build and run it with bin/fuzz-spec.
import PackageDescription

let package = Package(
  name: "SpecFuzzer",
  targets: [
    .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
    .target(name: "RNNLabRandom"),
    .target(name: "RNNLabSpec", dependencies: ["CYAML", "RNNLabRandom"]),
    .executableTarget(name: "SpecFuzzer", dependencies: ["RNNLabSpec"]),
  ]
)
