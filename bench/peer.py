"""mpmath peer for bench/bench.ts.

Reads one JSON request on stdin, runs each case, prints one JSON object on stdout.
Matrices arrive as integer numerators with one common denominator, so both sides start
from the same exact rationals. Only the computation itself is timed.
"""
import json
import sys
import time

import mpmath
from mpmath import mp


def rat_matrix(num, den):
    return [[mp.mpf(v) / den for v in row] for row in num]


def timed(run, min_total=1.0, max_runs=3):
    """Best time (ms) over up to max_runs runs; stops early once min_total seconds were spent."""
    best, total, runs, out = float("inf"), 0.0, 0, None
    while runs < 1 or (runs < max_runs and total < min_total):
        t0 = time.perf_counter()
        out = run()
        dt = time.perf_counter() - t0
        best, total, runs = min(best, dt), total + dt, runs + 1
    return best * 1000.0, out


def eigsy_case(c):
    mp.dps = c["dps"]
    A = mp.matrix(rat_matrix(c["num"], c["den"]))
    ms, (E, _Q) = timed(lambda: mp.eigsy(A))
    top = max(E[i] for i in range(E.rows))
    return {"ms": ms, "values": [mp.nstr(top, mp.dps + 5)]}


def ode_case(c):
    mp.dps = c["dps"]
    C0 = rat_matrix(c["c0"], c["den"])
    C1 = rat_matrix(c["c1"], c["den"])
    e0 = [mp.mpf(v) / c["e0den"] for v in c["e0"]]
    t1 = mp.mpf(c["t1"])

    def field(t, y):
        # de/dt = -(C0 + t C1) e
        return [-(mp.fdot(r0, y) + t * mp.fdot(r1, y)) for r0, r1 in zip(C0, C1)]

    # a fresh odefun each run: it caches the series it has computed
    ms, y = timed(lambda: mp.odefun(field, 0, e0)(t1), max_runs=2)
    return {"ms": ms, "values": [mp.nstr(v, mp.dps + 5) for v in y]}


def main():
    req = json.load(sys.stdin)
    kinds = {"eigsy": eigsy_case, "ode": ode_case}
    results = [kinds[c["kind"]](c) for c in req["cases"]]
    json.dump({"mpmath": mpmath.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
