#!/usr/bin/python3
# The W1 peer in numpy (benchmarks/WORKLOAD.md). Provenance: copied unchanged below this header on 2026-12-02 from
# the project's benchmark kit (bench/peer_numpy.py, dated 2026-11-23), the script every peer figure in
# benchmarks/README.md was measured with. Needs /usr/bin/python3 with numpy (apt-get install -y python3-numpy).
"""W1 "lifecycle bank" (see WORKLOAD.md) written the way a numpy user would write it:
vectorised over customers, one loop over months. It is the peer that the library's engine is
timed against, and its exact mode gives the expectation that any engine's mean must match.

Usage:
  peer_numpy.py --customers 100000 --scenarios 1 --sigma 0 [--seed 1]   Monte Carlo
  peer_numpy.py --exact                                                 exact mean PV of W1-det
Needs Debian's python3-numpy (apt-get install -y python3-numpy).
"""
import argparse
import json
import time

import numpy as np

AGES = np.array([11, 18, 23, 30, 45, 60, 67])          # first age of each stage
Q = np.array([0.02, 0.05, 0.06, 0.04, 0.03, 0.02, 0.04])  # annual attrition
P = np.array([1.00, 0.60, 0.50, 0.45, 0.50, 0.50, 0.40])  # adoption on stage entry
A = np.array([-4.0, -6.0, 25.0, 120.0, 160.0, 90.0, 60.0])
B = np.array([20.0, -100.0, -400.0, -1500.0, 1000.0, 600.0, 800.0])
C = np.array([0.0, -1.0, 2.0, 5.0, 8.0, 6.0, 4.0])
H = 1.0 - (1.0 - Q) ** (1.0 / 12.0)                     # monthly hazard
END_AGE, ACQ_COST, SPREAD = 80, 150.0, 0.03
R0, KAPPA, THETA, DT = 0.03, 0.15, 0.035, 1.0 / 12.0
T_MAX = 12 * (END_AGE - 11)


def stage_of(age_years):
    return np.searchsorted(AGES, age_years, side="right") - 1


def rate_path(rng, sigma):
    r = np.empty(T_MAX)
    r[0] = R0
    z = rng.standard_normal(T_MAX - 1) if sigma > 0 else np.zeros(T_MAX - 1)
    for t in range(T_MAX - 1):
        r[t + 1] = r[t] + KAPPA * (THETA - r[t]) * DT + sigma * np.sqrt(DT) * z[t]
    disc = np.exp(-np.cumsum((r + SPREAD) * DT))        # disc[t] = D_{t+1}
    return r, disc


def simulate(n, scenarios, sigma, seed):
    rng = np.random.default_rng(seed)
    acq_age = 11 + (np.arange(n) % 5)
    horizon = 12 * (END_AGE - acq_age)
    years = T_MAX // 12
    pv_all = np.empty(n * scenarios)
    cum_year = np.zeros(years)                          # sum over pairs of cumulative PV at year ends
    for s in range(scenarios):
        r, disc = rate_path(rng, sigma)
        pv = np.full(n, -ACQ_COST)
        alive = np.ones(n, dtype=bool)
        adopted = np.zeros(n, dtype=bool)
        for t in range(T_MAX):
            age = acq_age + t // 12
            active = alive & (t < horizon)
            k = stage_of(age)
            if t % 12 == 0:
                entering = active & ((t == 0) | (AGES[k] == age))
                draw = rng.random(n) < P[k]
                adopted = np.where(entering, draw, adopted)
            cf = np.where(adopted, A[k] + B[k] * r[t], C[k])
            pv += np.where(active, disc[t] * cf, 0.0)
            leave = rng.random(n) < H[k]
            alive &= ~(active & leave)
            if t % 12 == 11:
                cum_year[t // 12] += pv.sum()
            if not active.any():                        # everyone has left: the curve is flat
                cum_year[t // 12 + (t % 12 == 11):] += pv.sum()
                break
        pv_all[s * n:(s + 1) * n] = pv
    curve = cum_year / (n * scenarios)
    return pv_all, curve


def exact_mean():
    r, disc = rate_path(None, 0.0)
    total = 0.0
    for a0 in range(11, 16):
        surv, ev = 1.0, -ACQ_COST
        for t in range(12 * (END_AGE - a0)):
            k = stage_of(a0 + t // 12)
            ecf = P[k] * (A[k] + B[k] * r[t]) + (1 - P[k]) * C[k]
            ev += disc[t] * surv * ecf
            surv *= 1.0 - H[k]
        total += ev
    return total / 5.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--scenarios", type=int, default=1)
    ap.add_argument("--sigma", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--exact", action="store_true")
    args = ap.parse_args()
    if args.exact:
        print(json.dumps({"exact_mean_pv_w1_det": exact_mean()}))
        return
    start = time.perf_counter()
    pv, curve = simulate(args.customers, args.scenarios, args.sigma, args.seed)
    wall = time.perf_counter() - start
    below = np.nonzero(curve >= 0)[0]
    print(json.dumps({
        "customers": args.customers, "scenarios": args.scenarios, "sigma": args.sigma,
        "mean": pv.mean(), "sd": pv.std(ddof=1),
        "p5": float(np.percentile(pv, 5)), "p50": float(np.percentile(pv, 50)),
        "p95": float(np.percentile(pv, 95)),
        "break_even_year": int(below[0]) + 1 if below.size else None,
        "peak_funding": float(-args.customers * min(0.0, curve.min())),
        "wall_s": wall, "lifetimes_per_s": args.customers * args.scenarios / wall,
    }))


if __name__ == "__main__":
    main()
