#!/usr/bin/env bash
# A real single-node Slurm cluster on localhost, as root: munged, slurmctld and
# slurmd from Debian's slurm-wlm and munge, with a generated slurm.conf and
# everything (config, state, logs, sockets) in one temporary folder; nothing
# in /etc is changed. Checks that
#   1. `runner emit slurm` for a small spec, submitted as an array job plus the
#      dependent report job, gives results bit-identical to one `runner run`;
#   2. an array task cancelled mid-trial (scancel) and submitted again resumes
#      from its checkpoint and still ends bit-identical;
#   3. a halving search, submitted as one array job per rung (each waiting for
#      the one before) plus the report job, equals one `runner run` too.
# The daemons are stopped on every exit. Usage: .ci/slurm-test.sh [RUNNER]
set -euo pipefail
cd "$(dirname "$0")/.."
runner=$(realpath "${1:-.build/release/runner}")
[ "$(id -u)" = 0 ] || { echo "slurm-test: error: must run as root (starts slurmd)" >&2; exit 2; }
[ -x "$runner" ] || { echo "slurm-test: error: no runner at $runner (swift build -c release)" >&2; exit 2; }
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

work=$(mktemp -d -t rnnlab-slurm.XXXXXX)
daemons=()
cleanup() {
  status=$?
  # Cancel what is still queued or running first: job processes outlive slurmd.
  if [ "${#daemons[@]}" -gt 1 ]; then
    jobs=$(squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ')
    if [ -n "$jobs" ]; then
      scancel $jobs 2>/dev/null || true
      for _ in $(seq 100); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
    fi
  fi
  for pid in "${daemons[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${daemons[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    echo "slurm-test: FAILED; daemon logs:" >&2
    tail -n 20 "$work"/*.log >&2 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
log() { echo "slurm-test: $*"; }

# --- munge, on its own socket with the package's key.
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/jobs"
chmod 700 "$work/munge"
munged --force --foreground --socket="$work/munge/socket" --key-file=/etc/munge/munge.key \
  --pid-file="$work/munge/pid" --seed-file="$work/munge/seed" --log-file="$work/munge.log" >/dev/null 2>&1 &
daemons+=($!)

# --- slurm.conf for this host alone (unusual ports: never a real cluster's).
host=$(hostname -s)
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=rnnlabci
SlurmctldHost=$host
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$work/munge/socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
KillWait=10
MinJobAge=600
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
for _ in $(seq 50); do [ -S "$work/munge/socket" ] && break; sleep 0.1; done
slurmctld -D -c -f "$SLURM_CONF" >>"$work/slurmctld.log" 2>&1 &
daemons+=($!)
slurmd -D -f "$SLURM_CONF" >>"$work/slurmd.log" 2>&1 &
daemons+=($!)
for _ in $(seq 100); do sinfo -h -o %T 2>/dev/null | grep -qx idle && break; sleep 0.2; done
sinfo -h -o %T | grep -qx idle || { echo "slurm-test: error: the node never became idle" >&2; exit 1; }
log "cluster up: $(sinfo -h -o '%P %D %T %c')"

# Waits until every job given is gone from the queue, then fails unless each
# (every array task) COMPLETED.
wait_jobs() {
  for _ in $(seq 600); do [ -z "$(squeue -h -j "$(IFS=,; echo "$*")" 2>/dev/null)" ] && break; sleep 0.2; done
  for job in "$@"; do
    states=$(scontrol show job "$job" | grep -o 'JobState=[A-Z_]*' | sort -u | tr '\n' ' ')
    [ "$states" = "JobState=COMPLETED " ] || { echo "slurm-test: error: job $job ended $states" >&2; exit 1; }
  done
}

# The trial files of two results folders, timing fields aside, must be equal.
same_trials() {
  for folder in "$1" "$2"; do
    (cd "$folder/trials" && find . -type f | sort | while read -r file; do
      echo "== $file"
      if [ "${file##*/}" = summary.json ]; then grep -v -e wall_seconds -e steps_per_second "$file"; else cat "$file"; fi
    done) > "$folder.flat"
  done
  cmp -s "$1.flat" "$2.flat" || { echo "slurm-test: error: $1 and $2 differ" >&2; diff "$1.flat" "$2.flat" | head >&2; exit 1; }
}

cd "$work/jobs"
# --- 1. An array job of four shards and the dependent report job.
cat > grid.yaml <<SPEC
name: grid
seeds: [1, 2]
tasks: [{kind: adding, seq_len: [10]}]
models: [{name: rnn, cell: rnn, hidden: 8}, {name: lstm, cell: lstm, hidden: 8}]
training: {steps: 60, batch_size: 8, eval_every: 20, eval_size: 16}
SPEC
"$runner" emit slurm grid.yaml --out "$work/cluster" --cpus 1 --output grid.sbatch 2>/dev/null
array=$(sbatch --parsable grid.sbatch)
report=$(sbatch --parsable --dependency=afterok:"$array" --job-name=grid-report --wrap "bash grid.sbatch report")
wait_jobs "$array" "$report"
"$runner" run grid.yaml --out "$work/single" --quiet >/dev/null
same_trials "$work/cluster" "$work/single"
cmp -s "$work/cluster/report.md" "$work/single/report.md" || { echo "slurm-test: error: report.md differs" >&2; exit 1; }
log "array job $array (4 shards) + report job $report: bit-identical to one runner run"

# --- 2. Cancel a running task mid-trial, submit it again: it resumes from its checkpoint.
cat > long.yaml <<SPEC
name: long
seeds: [1]
tasks: [{kind: adding, seq_len: [40]}]
models: [{name: lstm, cell: lstm, hidden: 48}]
training: {steps: 3000, batch_size: 16, eval_every: 500, eval_size: 32, checkpoint_every: 100}
SPEC
"$runner" emit slurm long.yaml --out "$work/long" --cpus 1 --output long.sbatch 2>/dev/null
first=$(sbatch --parsable long.sbatch)
checkpoint="$work/long/trials/adding-T40-lstm-s1/checkpoint.bin"
for _ in $(seq 600); do [ -f "$checkpoint" ] && break; sleep 0.1; done
[ -f "$checkpoint" ] || { echo "slurm-test: error: no checkpoint appeared" >&2; exit 1; }
sleep 0.5
scancel "${first}_0"
for _ in $(seq 300); do [ -z "$(squeue -h -j "$first")" ] && break; sleep 0.2; done
[ ! -f "$work/long/trials/adding-T40-lstm-s1/summary.json" ] || { echo "slurm-test: error: finished before the cancel" >&2; exit 1; }
again=$(sbatch --parsable --array=0 long.sbatch)
wait_jobs "$again"
grep -h "resuming from its checkpoint at step" slurm-"$again"_0.out | grep -q "step [1-9]" \
  || { echo "slurm-test: error: the resubmitted task did not resume from a checkpoint" >&2; cat slurm-"$again"_0.out >&2; exit 1; }
"$runner" run long.yaml --out "$work/long-single" --quiet >/dev/null
same_trials "$work/long" "$work/long-single"
log "task ${first}_0 cancelled mid-trial, $again: $(grep -ho 'resuming from its checkpoint at step [0-9]*' slurm-"$again"_0.out); bit-identical"
# --- 3. A halving search: one array job per rung, each after the one before, then the report.
cat > halving.yaml <<SPEC
name: halving
seeds: [1, 2]
tasks: [{kind: adding, seq_len: [10]}]
search: {method: halving, samples: 5, seed: 3, eta: 2, min_steps: 20, space: {training.learning_rate: {log_uniform: [1.0e-3, 3.0e-2]}}}
models: [{name: rnn, cell: rnn, hidden: 8}, {name: lstm, cell: lstm, hidden: 8}]
training: {steps: 80, batch_size: 8, eval_every: 10, eval_size: 16, val_size: 16, keep: best_val}
SPEC
"$runner" emit slurm halving.yaml --out "$work/halving" --cpus 1 --shards 3 --output halving.sbatch 2>/dev/null
grep -q "A halving search with 3 rungs" halving.sbatch || { echo "slurm-test: error: no rung instructions" >&2; exit 1; }
rung=$(sbatch --parsable halving.sbatch)
rungs=("$rung")
for _ in 2 3; do rung=$(sbatch --parsable --dependency=afterok:"$rung" halving.sbatch); rungs+=("$rung"); done
report=$(sbatch --parsable --dependency=afterok:"$rung" --job-name=halving-report --wrap "bash halving.sbatch report")
wait_jobs "${rungs[@]}" "$report"
"$runner" run halving.yaml --out "$work/halving-single" --quiet >/dev/null
same_trials "$work/halving" "$work/halving-single"
cmp -s "$work/halving/report.md" "$work/halving-single/report.md" || { echo "slurm-test: error: halving report.md differs" >&2; exit 1; }
log "halving search: array jobs ${rungs[*]} (3 shards, one per rung) + report job $report: bit-identical to one runner run"
log "ok"
