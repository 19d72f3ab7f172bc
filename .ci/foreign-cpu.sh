#!/usr/bin/env bash
# The portable binary on CPUs this machine does not have. qemu-user (TCG)
# emulates an x86-64 CPU model instruction by instruction and raises SIGILL
# for an instruction the model lacks, as real hardware would. Checks:
#   0. statically, every function of the binary with a VEX/EVEX (AVX, AVX2,
#      FMA, AVX-512) or BMI/MOVBE/LZCNT instruction is in the RNNLabKernelsAVX2
#      or RNNLabKernelsAVX512 module (covers code the smoke run never reaches);
#      and qemu does trap FMA on the models without it (else 1-3 prove nothing);
# then for each emulated model
#   1. `runner run` on the smoke spec picks the expected kernel path by itself
#      (the `isa` of manifest.json and of every summary.json);
#   2. `runner verify` on the smoke spec is bit-identical to results/smoke
#      (recorded on the avx512 path);
#   3. forcing a path the model lacks (RNNLAB_ISA) is one line and exit 2.
# Installs qemu-user when missing (root, apt-get). qemu 7.2's TCG has no
# AVX-512 at all, so the avx512 path is checked on real hardware only.
# Usage: .ci/foreign-cpu.sh [RUNNER [K]]   (K: verify only K smoke trials)
set -euo pipefail
cd "$(dirname "$0")/.."
runner=$(realpath "${1:-.build/release/runner}")
sample=()
[ -z "${2:-}" ] || sample=(--sample "$2")
log() { echo "foreign-cpu: $*"; }
fail() { echo "foreign-cpu: error: $*" >&2; exit 1; }
[ -x "$runner" ] || { echo "foreign-cpu: error: no runner at $runner (swift build -c release)" >&2; exit 2; }
if ! command -v qemu-x86_64 >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "foreign-cpu: error: qemu-user is missing; install it as root" >&2; exit 2; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user >/dev/null 2>&1 || {
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user >/dev/null
  }
fi

# name, qemu -cpu value, the path the binary must pick, a path it must refuse.
# Haswell: AVX2 + FMA, no AVX-512. SandyBridge: AVX but no AVX2/FMA (glibc
# also takes its non-FMA libm variants). qemu64: bare x86-64 (SSE2/SSE3; TCG
# traps even SSSE3, SSE4 and POPCNT). The -feature lists switch off what TCG
# cannot emulate anyway (pcid, x2apic, ...; no instruction-set feature among
# them), which would otherwise print a warning each.
models=(
  "Haswell Haswell-v4,-pcid,-x2apic,-tsc-deadline,-invpcid,-spec-ctrl avx2 avx512"
  "SandyBridge SandyBridge,-x2apic,-tsc-deadline baseline avx2"
  "qemu64 qemu64 baseline avx2"
)

work=$(mktemp -d -t rnnlab-foreign-cpu.XXXXXX)
trap 'rm -rf "$work"' EXIT

# --- 0a. Where the wide instructions are. Mangled Swift names carry their
# module; a stdlib specialisation emitted by a kernel module would not.
objdump=$(command -v objdump || command -v llvm-objdump) || fail "no objdump (binutils) to read the binary"
"$objdump" -d --no-show-raw-insn "$runner" | awk -F'\t' '
  /^[0-9a-f]+ <.*>:$/ { fn = $0; next }
  NF >= 2 {
    split($2, m, " "); op = m[1]
    if (op ~ /^v/ || op ~ /^k(mov|and|or|xor|not|shift|test|unpck|add)/ ||
        op ~ /^(andn|shlx|shrx|sarx|bzhi|pdep|pext|rorx|mulx|movbe|lzcnt|blsr|blsi|blsmsk)$/) wide[fn] = 1
  }
  END { for (fn in wide) print fn }' >"$work/wide-functions"
[ -s "$work/wide-functions" ] || fail "found no vector kernels in $runner (is it an x86-64 release build?)"
if grep -v -E 'RNNLabKernelsAVX(512|2)' "$work/wide-functions" >"$work/stray"; then
  head -n 20 "$work/stray" >&2
  fail "$(wc -l <"$work/stray") functions outside the AVX2/AVX-512 kernel modules use AVX/BMI instructions"
fi
log "static: all $(wc -l <"$work/wide-functions") functions with AVX/AVX2/FMA/AVX-512/BMI instructions are in the kernel modules"

# --- 0b. The emulation is strict: one FMA instruction dies on a model without FMA.
cc=$(command -v clang || command -v cc) || fail "no C compiler for the SIGILL control"
echo 'int main(void) { __asm__ volatile("vfmadd231ps %%xmm0, %%xmm1, %%xmm2" ::: "xmm2"); return 0; }' >"$work/fma.c"
"$cc" -O0 -o "$work/fma" "$work/fma.c"
status=0
# (In a subshell that waits, so the shell's "Illegal instruction" notice goes to /dev/null.)
(qemu-x86_64 -cpu SandyBridge,-x2apic,-tsc-deadline "$work/fma"; exit $?) 2>/dev/null || status=$?
[ "$status" = 132 ] || fail "qemu ran an FMA instruction on SandyBridge (exit $status): emulation is not strict"

# The `"isa" : "…"` value of a JSON file the runner wrote.
isa_of() { sed -n 's/^ *"isa" *: *"\([a-z0-9]*\)".*/\1/p' "$1"; }
# An exit status as words: 132 is the SIGILL this script is looking for.
exit_text() {
  case "$1" in
    132) echo "SIGILL (illegal instruction)" ;;
    124) echo "a timeout (600 s)" ;;
    *) echo "exit $1" ;;
  esac
}

for entry in "${models[@]}"; do
  read -r name cpu expected refused <<<"$entry"
  # A bound, so that a stuck emulation fails CI instead of hanging it (a run
  # takes 10-20 s; once one sat idle for 3 minutes, never reproduced since).
  emulate() { timeout 600 qemu-x86_64 -cpu "$cpu" "$runner" "$@"; }

  # --- 1. The path the binary picks from the CPUID/XGETBV the model reports.
  start=$SECONDS status=0
  emulate run experiments/smoke.yaml --out "$work/$name" --quiet >"$work/$name.run" 2>&1 || status=$?
  [ "$status" = 0 ] || { tail -n 5 "$work/$name.run" >&2; fail "$name: runner run ended with $(exit_text $status)"; }
  picked=$(isa_of "$work/$name/manifest.json")
  [ "$picked" = "$expected" ] || fail "$name: picked '$picked', expected '$expected'"
  for summary in "$work/$name"/trials/*/summary.json; do
    [ "$(isa_of "$summary")" = "$expected" ] || fail "$name: $summary records '$(isa_of "$summary")'"
  done
  run_seconds=$((SECONDS - start))

  # --- 2. Bit-identical to the committed results. Exact mode is forced: the
  # point is the bits (qemu reports its own CPU model name anyway).
  start=$SECONDS status=0
  emulate verify experiments/smoke.yaml --against results/smoke --mode exact --quiet "${sample[@]}" \
    >"$work/$name.verify" 2>&1 || status=$?
  [ "$status" = 0 ] || { cat "$work/$name.verify" >&2; fail "$name: verify ended with $(exit_text $status)"; }
  grep -q "bit-identical" "$work/$name.verify" || { cat "$work/$name.verify" >&2; fail "$name: not exact mode"; }
  verify_seconds=$((SECONDS - start))
  matched=$(grep -o '[0-9]* trials: [0-9]* matched' "$work/$name.verify")

  # --- 3. A path the CPU lacks: one line on stderr and exit 2 (bad input).
  status=0
  RNNLAB_ISA=$refused emulate validate experiments/smoke.yaml >/dev/null 2>"$work/$name.refused" || status=$?
  want="RNNLAB_ISA: error: this CPU does not support $refused (it supports"
  [ "$status" = 2 ] && [ "$(wc -l <"$work/$name.refused")" = 1 ] && grep -q "^$want" "$work/$name.refused" \
    || { cat "$work/$name.refused" >&2; fail "$name: RNNLAB_ISA=$refused ended with $(exit_text $status)"; }

  log "$name: picked $picked (run ${run_seconds}s); verify: $matched bit-identical (${verify_seconds}s);" \
    "RNNLAB_ISA=$refused refused"
done
log "ok"
