import Foundation
import PackagePlugin

/// Records the git commit the package is built from in a generated Swift
/// file (`buildCommit`), so that a runner reports its own commit wherever it
/// runs, not the HEAD of whatever checkout it happens to run in.
///
/// A prebuild command runs before every build; the script rewrites the file
/// only when the commit changes, so an unchanged checkout recompiles nothing.
/// `-dirty` marks uncommitted changes to tracked files; "unknown" means no
/// git or no repository (a source tarball).
@main
struct BuildCommit: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("Generated")
    let script = """
      mkdir -p "$2" || exit 1
      commit=$(git -C "$1" rev-parse --verify HEAD 2>/dev/null) || commit=unknown
      if [ "$commit" != unknown ] && [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
        commit="$commit-dirty"
      fi
      text="// Generated at build time by the BuildCommit plugin; do not edit.
      let buildCommit = \\"$commit\\""
      if [ "$(cat "$2/BuildCommit.swift" 2>/dev/null)" != "$text" ]; then
        printf '%s\\n' "$text" > "$2/BuildCommit.swift"
      fi
      """
    return [
      .prebuildCommand(
        displayName: "Recording the git commit of \(context.package.displayName)",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path],
        outputFilesDirectory: output)
    ]
  }
}
