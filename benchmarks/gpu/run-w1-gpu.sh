#!/usr/bin/env bash
# W1 on the GPU engine. See benchmarks/gpu/README.md.
#   benchmarks/gpu/run-w1-gpu.sh prepare          # on the build machine: publish the runner, pack the .NET runtime
#   benchmarks/gpu/run-w1-gpu.sh run [args...]    # on the GPU machine: unpack the runtime, run the runner
# Runner args (default: --job check --job w1m): --job w1m|w1-50m|check, --method event|stepping, --accelerator cuda|cpu, ...
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runner_dir="$root/artifacts/gpu-runner"
runtime_dir="$root/.dotnet-runtime"
dotnet_home="${DOTNET_HOME_SOURCE:-/usr/share/dotnet}"

case "${1:-}" in
  prepare)
    dotnet publish "$root/benchmarks/LifetimeValue.Gpu.Runner" -c Release --no-self-contained -o "$runner_dir"
    version="$(ls "$dotnet_home/shared/Microsoft.NETCore.App" | sort -V | tail -1)"
    mkdir -p "$runtime_dir"
    rm -f "$runtime_dir"/dotnet-runtime-*.tar.xz
    # Only what a framework-dependent app needs: the muxer, the host resolver and the shared framework.
    tar -C "$dotnet_home" -cJf "$runtime_dir/dotnet-runtime-$version.tar.xz" \
      dotnet LICENSE.txt ThirdPartyNotices.txt host "shared/Microsoft.NETCore.App/$version"
    du -sh "$runner_dir" "$runtime_dir"/dotnet-runtime-*.tar.xz
    ;;
  run)
    shift
    archive="$(ls "$runtime_dir"/dotnet-runtime-*.tar.xz | tail -1)"
    export DOTNET_ROOT="${TMPDIR:-/tmp}/lv-dotnet"
    if [ ! -x "$DOTNET_ROOT/dotnet" ]; then
      mkdir -p "$DOTNET_ROOT"
      tar -C "$DOTNET_ROOT" -xJf "$archive"
    fi
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_gcServer=0
    if [ "$#" -eq 0 ]; then set -- --job check --job w1m; fi
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "nvidia-smi not available" >&2
    out="${OUT:-$root/artifacts}/w1-gpu.jsonl"
    mkdir -p "$(dirname "$out")"
    "$DOTNET_ROOT/dotnet" "$runner_dir/LifetimeValue.Gpu.Runner.dll" "$@" | tee -a "$out"
    ;;
  *)
    echo "usage: $0 prepare | run [runner args]" >&2
    exit 1
    ;;
esac
