#!/usr/bin/env bash
# The 1,000,000-customer fit benchmark (issue #19): times BgNbdModel, ModifiedBgNbdModel, GammaGammaModel and
# ParetoNbdModel.Fit on synthetic CDNOW-like data and appends one JSON line per model, with the machine load, to
# benchmarks/results/fit-<utc>.jsonl. Every fit figure in benchmarks/README.md is quoted from such a file.
#   benchmarks/fit-bench.sh                       # 10^6 customers, daily resolution, all four models
#   benchmarks/fit-bench.sh --quick               # without Pareto/NBD (its gradient is by central differences: minutes)
#   benchmarks/fit-bench.sh --customers 100000    # another size; extra arguments go to the runner
# The peer (Python lifetimes) cannot be installed from the registries this project reaches, so it is not run here.
set -euo pipefail
cd "$(dirname "$0")/.."
MODELS="bgnbd,mbgnbd,gg,pareto"
ARGS=()
for a in "$@"; do
  if [ "$a" = "--quick" ]; then MODELS="bgnbd,mbgnbd,gg"; else ARGS+=("$a"); fi
done
mkdir -p benchmarks/results
OUT="benchmarks/results/fit-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
dotnet build benchmarks/LifetimeValue.Benchmarks -c Release -nologo -v q 2>&1 | grep -E ' error |rror\(s\)' || true
echo "{\"benchmark\":\"machine\",\"date\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"cpus\":$(nproc),\"uptime\":\"$(uptime | sed 's/.*load/load/')\",\"dotnet\":\"$(dotnet --version)\"}" | tee -a "$OUT"
dotnet benchmarks/LifetimeValue.Benchmarks/bin/Release/net10.0/LifetimeValue.Benchmarks.dll fit --models "$MODELS" "${ARGS[@]}" | tee -a "$OUT"
echo "{\"benchmark\":\"machine\",\"after\":true,\"uptime\":\"$(uptime | sed 's/.*load/load/')\"}" | tee -a "$OUT"
echo "JSON lines: $OUT" >&2
