#!/usr/bin/env bash
# Reproduces every figure in benchmarks/README.md in one go, on one machine: the numpy peer and the library's
# W1 runner on the same sizes (WORKLOAD.md), event-time and stepping, 1 and 2 threads, W1-L memory, and the
# scaling runs (N, T, S). Each side excludes its JIT/import warm-up the same way (the runner times a second run
# after a 1,000-customer warm-up run; the peer times simulate() after numpy is imported).
#
# Usage: benchmarks/compare-peer.sh [--quick] [--no-before] [--bdn] [--out FILE]
#   --quick     the peer runs W1-M with 10 scenarios instead of 100 (its throughput per scenario is flat in S;
#               the full W1-M peer run takes 4-7 minutes on 2 cores) and the scaling runs are skipped.
#   --no-before skip the before/after section, which builds the untuned library (commit $BEFORE, default
#               31157e2) from `git archive` in a temporary folder and runs its W1 runner on the same sizes.
#   --bdn       also run the BenchmarkDotNet suites with the short job (≈6 min more) and copy their Markdown/CSV
#               reports to benchmarks/results/bdn-short/ (the README's BenchmarkDotNet table).
#   --out     also write every JSON line to FILE (default benchmarks/results/compare-peer-<utc>.jsonl).
# Exit codes: 0 done; 2 bad argument; 3 a W1-M throughput more than 10 % below benchmarks/recorded.json on a quiet
# machine (load average at most 0.5 before the runs; under load the check prints figures without a verdict).
# Needs: the .NET SDK of global.json, /usr/bin/python3 with numpy (installed with apt-get when missing).
# The workload is benchmarks/WORKLOAD.md; the peer is benchmarks/peer_numpy.py.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=0
OUT=""
BEFORE_RUN=1
BDN=0
BEFORE="${BEFORE:-31157e2}"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --no-before) BEFORE_RUN=0 ;;
    --bdn) BDN=1 ;;
    --out) OUT="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p benchmarks/results
OUT="${OUT:-benchmarks/results/compare-peer-$(date -u +%Y%m%dT%H%M%SZ).jsonl}"
: > "$OUT"

PEER_PY=benchmarks/peer_numpy.py
[ -f "$PEER_PY" ] || { echo "peer not found at $PEER_PY" >&2; exit 1; }
if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  echo "the peer needs numpy: installing Debian's python3-numpy" >&2
  { apt-get update -qq && apt-get install -y -qq python3-numpy; } >&2 \
    || { echo "could not install python3-numpy; install it (apt-get install -y python3-numpy) and run again" >&2; exit 1; }
fi

echo "== machine"
date -u +"date: %Y-%m-%dT%H:%M:%SZ"
lscpu | grep -E '^(Model name|CPU\(s\)|Thread\(s\) per core|L2 cache|L3 cache|Flags)' | sed 's/^Flags:.*\(avx512f\).*/Flags: ... avx2 avx512f (AVX-512 present) .../'
grep PRETTY_NAME /etc/os-release || true
echo "dotnet: $(dotnet --version); python: $(/usr/bin/python3 --version 2>&1); numpy: $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)')"
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

dotnet build benchmarks/LifetimeValue.Benchmarks -c Release -nologo -v q 2>&1 | grep -E 'error|Warn|Elapsed' || true
LIB="dotnet benchmarks/LifetimeValue.Benchmarks/bin/Release/net10.0/LifetimeValue.Benchmarks.dll w1"
PEER="/usr/bin/python3 $PEER_PY"

# field NAME from a JSON line
field() { /usr/bin/python3 -c "import json,sys; v=json.loads(sys.argv[1]).get(sys.argv[2]); print('' if v is None else v)" "$1" "$2"; }

lib() { # label, args...
  local label="$1"; shift
  local line; line=$($LIB "$@")
  echo "{\"label\":\"$label\",\"side\":\"library\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"json\":$line}" >> "$OUT"
  printf '%-34s %12.0f lifetimes/s  wall %8.3f s  mean %9.3f  z %6s  alloc %6.1f MiB  peak WS %7.1f MiB\n' "$label" \
    "$(field "$line" lifetimes_per_s)" "$(field "$line" wall_s)" "$(field "$line" mean)" "$(field "$line" z_vs_exact | cut -c1-6)" \
    "$(/usr/bin/python3 -c "print($(field "$line" allocated_bytes)/1048576)")" "$(field "$line" peak_working_set_mib)" >&2
  echo "$line"
}

peer() { # label, args...
  local label="$1"; shift
  local line; line=$($PEER "$@")
  echo "{\"label\":\"$label\",\"side\":\"peer\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"json\":$line}" >> "$OUT"
  printf '%-34s %12.0f lifetimes/s  wall %8.3f s  mean %9.3f\n' "$label" "$(field "$line" lifetimes_per_s)" "$(field "$line" wall_s)" "$(field "$line" mean)" >&2
  echo "$line"
}

ratio() { /usr/bin/python3 -c "print(f'{float(\"$(field "$1" lifetimes_per_s)\")/float(\"$(field "$2" lifetimes_per_s)\"):.0f}x')"; }

echo "== exact W1-det mean: peer $($PEER --exact) / library $($LIB --exact)"

echo "== W1-S (N=100,000, S=1, sigma=0)"
PS=$(peer   "peer W1-S"                   --customers 100000 --scenarios 1 --sigma 0 --seed 1)
S2=$(lib    "library W1-S event 2 threads" --customers 100000 --scenarios 1 --sigma 0 --seed 1 --threads 2)
S1=$(lib    "library W1-S event 1 thread"  --customers 100000 --scenarios 1 --sigma 0 --seed 1 --threads 1)
SS2=$(lib   "library W1-S stepping 2 thr"  --customers 100000 --scenarios 1 --sigma 0 --seed 1 --threads 2 --method stepping)

echo "== W1-M (N=100,000, S=100, sigma=0.01)"
if [ "$QUICK" = 1 ]; then
  PM=$(peer "peer W1-M (S=10, --quick)"    --customers 100000 --scenarios 10 --sigma 0.01 --seed 1)
else
  PM=$(peer "peer W1-M"                    --customers 100000 --scenarios 100 --sigma 0.01 --seed 1)
fi
M2=$(lib    "library W1-M event 2 threads" --customers 100000 --scenarios 100 --sigma 0.01 --seed 1 --threads 2)
M1=$(lib    "library W1-M event 1 thread"  --customers 100000 --scenarios 100 --sigma 0.01 --seed 1 --threads 1)
MS2=$(lib   "library W1-M stepping 2 thr"  --customers 100000 --scenarios 100 --sigma 0.01 --seed 1 --threads 2 --method stepping)
MS1=$(lib   "library W1-M stepping 1 thr"  --customers 100000 --scenarios 100 --sigma 0.01 --seed 1 --threads 1 --method stepping)

echo "== W1-L (N=10,000,000, S=1, sigma=0): memory"
L2=$(lib    "library W1-L event 2 threads" --customers 10000000 --scenarios 1 --sigma 0 --seed 1 --threads 2)
LS2=$(lib   "library W1-L stepping 2 thr"  --customers 10000000 --scenarios 1 --sigma 0 --seed 1 --threads 2 --method stepping)

echo
echo "== summary (customer-lifetimes per second; ratio = library / peer on the same size)"
printf '%-28s %14s %14s %8s\n' size peer library ratio
printf '%-28s %14.0f %14.0f %8s\n' "W1-S event, 2 threads"    "$(field "$PS" lifetimes_per_s)" "$(field "$S2" lifetimes_per_s)" "$(ratio "$S2" "$PS")"
printf '%-28s %14.0f %14.0f %8s\n' "W1-S event, 1 thread"     "$(field "$PS" lifetimes_per_s)" "$(field "$S1" lifetimes_per_s)" "$(ratio "$S1" "$PS")"
printf '%-28s %14.0f %14.0f %8s\n' "W1-S stepping, 2 threads" "$(field "$PS" lifetimes_per_s)" "$(field "$SS2" lifetimes_per_s)" "$(ratio "$SS2" "$PS")"
printf '%-28s %14.0f %14.0f %8s   <- target >= 900x (issue 22)\n' "W1-M event, 2 threads" "$(field "$PM" lifetimes_per_s)" "$(field "$M2" lifetimes_per_s)" "$(ratio "$M2" "$PM")"
printf '%-28s %14.0f %14.0f %8s\n' "W1-M event, 1 thread"     "$(field "$PM" lifetimes_per_s)" "$(field "$M1" lifetimes_per_s)" "$(ratio "$M1" "$PM")"
printf '%-28s %14.0f %14.0f %8s   <- target >= 150x (issue 22)\n' "W1-M stepping, 2 threads" "$(field "$PM" lifetimes_per_s)" "$(field "$MS2" lifetimes_per_s)" "$(ratio "$MS2" "$PM")"
printf '%-28s %14.0f %14.0f %8s\n' "W1-M stepping, 1 thread"  "$(field "$PM" lifetimes_per_s)" "$(field "$MS1" lifetimes_per_s)" "$(ratio "$MS1" "$PM")"
echo "W1-M 2-thread speed-up (target >= 1.85 on both paths): event $(/usr/bin/python3 -c "print(round($(field "$M2" lifetimes_per_s)/$(field "$M1" lifetimes_per_s),2))"), stepping $(/usr/bin/python3 -c "print(round($(field "$MS2" lifetimes_per_s)/$(field "$MS1" lifetimes_per_s),2))")"
echo "W1-L peak working set: event $(field "$L2" peak_working_set_mib) MiB, stepping $(field "$LS2" peak_working_set_mib) MiB (bound: 1024 MiB); managed allocation in the timed run: $(field "$L2" allocated_bytes) bytes for 10^7 lifetimes"

echo
echo "== limit (one core): generator bound from E[blocks per lifetime] x measured vectorised Philox ns/block; kernel alone"
LIM=$($LIB --limit)
echo "{\"label\":\"limit\",\"side\":\"library\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"json\":$LIM}" >> "$OUT"
echo "$LIM"
/usr/bin/python3 - "$LIM" "$M2" "$MS2" <<'PY'
import json, sys
lim, m2, ms2 = (json.loads(a) for a in sys.argv[1:4])
cores = m2["threads"]
for name, run, gen, ker in (("event", m2, "event_generator_bound_per_core", "event_kernel_only_per_core"),
                            ("stepping", ms2, "stepping_generator_bound_per_core", "stepping_kernel_only_per_core")):
    per_core = run["lifetimes_per_s"] / cores
    print(f"  {name:8s}: W1-M end-to-end {per_core:,.0f}/s per core = {per_core / lim[gen]:.1%} of the generator bound "
          f"({lim[gen]:,.0f}/s), {per_core / lim[ker]:.1%} of the kernel alone ({lim[ker]:,.0f}/s)")
PY

if [ "$QUICK" = 0 ]; then
  echo
  echo "== scaling (event-time, 2 threads; time = a * x^b, b fitted by least squares on log-log)"
  fit() { /usr/bin/python3 -c "
import math,sys
xs=[float(a) for a in sys.argv[1].split()]; ts=[float(a) for a in sys.argv[2].split()]
lx=[math.log(x) for x in xs]; lt=[math.log(t) for t in ts]; n=len(xs); mx=sum(lx)/n; mt=sum(lt)/n
print(round(sum((a-mx)*(b-mt) for a,b in zip(lx,lt))/sum((a-mx)**2 for a in lx),3))" "$1" "$2"; }
  for method in event stepping; do
    XS=""; TS=""
    for n in 100000 1000000 10000000; do
      [ "$method" = stepping ] && [ "$n" = 10000000 ] && continue
      l=$(lib "N=$n S=1 $method" --customers $n --scenarios 1 --sigma 0 --seed 1 --threads 2 --method $method); XS="$XS $n"; TS="$TS $(field "$l" wall_s)"
    done
    echo "  $method: exponent of time vs N: $(fit "$XS" "$TS")"
    XS=""; TS=""
    for s in 10 30 100; do
      l=$(lib "N=100000 S=$s $method" --customers 100000 --scenarios $s --sigma 0.01 --seed 1 --threads 2 --method $method); XS="$XS $s"; TS="$TS $(field "$l" wall_s)"
    done
    echo "  $method: exponent of time vs S: $(fit "$XS" "$TS")"
    XS=""; TS=""
    for a in 30 45 60 80; do
      l=$(lib "N=1000000 end-age=$a $method" --customers 1000000 --scenarios 1 --sigma 0 --seed 1 --threads 2 --method $method --end-age $a); XS="$XS $((12 * (a - 11)))"; TS="$TS $(field "$l" wall_s)"
    done
    echo "  $method: exponent of time vs T (max periods 228..828): $(fit "$XS" "$TS")"
  done
fi

if [ "$BEFORE_RUN" = 1 ]; then
  echo
  echo "== before/after: the untuned kernel ($BEFORE) against this tree, same sizes, same machine, one after the other"
  TMP=$(mktemp -d)
  git archive "$BEFORE" | tar -x -C "$TMP"
  dotnet build "$TMP/benchmarks/LifetimeValue.Benchmarks" -c Release -nologo -v q 2>&1 | grep -E ' error|Elapsed' || true
  OLD="dotnet $TMP/benchmarks/LifetimeValue.Benchmarks/bin/Release/net10.0/LifetimeValue.Benchmarks.dll w1"
  both() { # label, args...
    local label="$1"; shift
    local old new; old=$($OLD "$@"); new=$($LIB "$@")
    echo "{\"label\":\"before $label\",\"side\":\"untuned\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"json\":$old}" >> "$OUT"
    echo "{\"label\":\"after $label\",\"side\":\"library\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"json\":$new}" >> "$OUT"
    /usr/bin/python3 - "$label" "$old" "$new" <<'PY'
import json, sys
label, old, new = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
same = all(old[k] == new[k] for k in ("mean", "sd", "p5", "p50", "p95", "break_even_year", "peak_funding"))
print(f"  {label:30s} before {old['lifetimes_per_s']:>12,.0f}/s  after {new['lifetimes_per_s']:>12,.0f}/s  "
      f"x{new['lifetimes_per_s'] / old['lifetimes_per_s']:.1f}  results identical: {same}")
PY
  }
  both "W1-S event 1 thread"    --customers 100000 --scenarios 1 --sigma 0 --seed 1 --threads 1
  both "W1-S stepping 1 thread" --customers 100000 --scenarios 1 --sigma 0 --seed 1 --threads 1 --method stepping
  both "W1-M event 2 threads"   --customers 100000 --scenarios 100 --sigma 0.01 --seed 1 --threads 2
  both "W1-M event 1 thread"    --customers 100000 --scenarios 100 --sigma 0.01 --seed 1 --threads 1
  both "W1-M stepping 2 threads" --customers 100000 --scenarios 20 --sigma 0.01 --seed 1 --threads 2 --method stepping
  rm -rf "$TMP"
fi

if [ "$BDN" = 1 ]; then
  echo
  echo "== BenchmarkDotNet suites, short job"
  rm -rf BenchmarkDotNet.Artifacts
  dotnet benchmarks/LifetimeValue.Benchmarks/bin/Release/net10.0/LifetimeValue.Benchmarks.dll --filter '*' --short | grep -E '^\|' || true
  mkdir -p benchmarks/results/bdn-short
  cp BenchmarkDotNet.Artifacts/results/*.md BenchmarkDotNet.Artifacts/results/*.csv benchmarks/results/bdn-short/
fi

echo
echo "== regression check against benchmarks/recorded.json (W1-M; > 10 % slower is a regression; judged only on a quiet machine)"
set +e
# The load average before the script's own runs: during and after them the benchmark itself keeps it near the core count.
/usr/bin/python3 - benchmarks/recorded.json "$M2" "$M1" "$MS2" "$LOAD_BEFORE" <<'PY'
import json, sys
recorded = json.load(open(sys.argv[1]))
runs = {"w1m_event_2_threads": json.loads(sys.argv[2]), "w1m_event_1_thread": json.loads(sys.argv[3]),
        "w1m_stepping_2_threads": json.loads(sys.argv[4])}
load = float(sys.argv[5])
quiet = load <= recorded["max_load_for_verdict"]
regressions = []
for key, run in runs.items():
    ratio = run["lifetimes_per_s"] / recorded[key]
    verdict = "" if quiet else "  (no verdict: load average %.2f before the runs)" % load
    if quiet and ratio < 1 - recorded["tolerance"]:
        regressions.append(key)
        verdict = "  REGRESSION"
    print(f"  {key:24s} recorded {recorded[key]:>12,.0f}/s  now {run['lifetimes_per_s']:>12,.0f}/s  {ratio:6.1%}{verdict}")
sys.exit(3 if regressions else 0)
PY
regression=$?
set -e

echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JSON lines: $OUT"
exit "$regression"
