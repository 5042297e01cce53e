#!/usr/bin/env python3
"""Runs the Python reference library `lifetimes` (0.11.3) on CDNOW, beside our own code.

It contains none of lifetimes' code: it imports lifetimes from the environment (see
scripts/setup-lifetimes.sh, which puts lifetimes 0.11.3 and autograd in a cache directory outside
the repository and prints CVA_LIFETIMES_PYTHON and CVA_LIFETIMES_PATH). Debian's /usr/bin/python3
with python3-numpy, -scipy, -pandas and -dill is enough.

    PYTHONPATH=$CVA_LIFETIMES_PATH $CVA_LIFETIMES_PYTHON bench/lifetimes_reference.py [N]
        [--data FILE.csv] [--fixture OUT.csv]

Reads data/cdnow/cdnow_customers_summary_with_transactions.csv (in this repository;
columns ID, x, t_x, T, zbar, times in weeks) and times each fit, as lifetimes' README shows them:
BetaGeoFitter (penalizer 0), GammaGammaFitter on the repeat buyers (x > 0), ParetoNBDFitter
(default Nelder-Mead from a random start: numpy's generator is seeded with 0 before every fit,
so every run is the same fit) and ModifiedBetaGeoFitter. Each is timed with time.perf_counter,
the median of N runs (default 7) after one warm-up. Prints one JSON object to stdout:

    {"version", "python", "numpy", "scipy", "pandas", "autograd", "customers", "runs",
     "fits": {"BG/NBD": {"ms", "params", "logLikelihoodTotal", "negLogLikelihoodAsReported"}, …}}

Log-likelihoods. lifetimes fits on times scaled by 1/max(T) and stores `_negative_log_likelihood_`
of that scaled problem: for BG/NBD, MBG/NBD and Gamma-Gamma the mean per customer (sum / Σweights),
for Pareto/NBD the sum (divided by mean(weights) = 1). That figure is kept as
"negLogLikelihoodAsReported". "logLikelihoodTotal" is the total log-likelihood over all customers
in the data's own unit (weeks), the figure our fits report: lifetimes' own static
`_negative_log_likelihood` evaluated at the reported (unscaled) parameters on the unscaled data
with unit weights and no penalty, times the number of customers where lifetimes divides by it.

With --million FILE.csv (columns x, t_x, T, zbar: the 1,000,000-customer simulated summary that
bench/btyd.mjs writes, times in weeks) it instead times, once each (a fit takes seconds), the same
fits on that summary as given (no weights), and lifetimes' scoring of every customer (the median
of 3 after a warm-up call, as our scoring is timed: a first call here takes about a quarter longer),
conditional_probability_alive plus conditional_expected_number_of_purchases_up_to_time(52), for
BG/NBD, MBG/NBD and (with --pareto, which takes minutes) Pareto/NBD, and prints
    {"version", "python", "customers", "fits": {name: {"ms", "params", "logLikelihoodTotal"}},
     "score": {name: {"ms"}}}

With --fixture OUT.csv it also writes per customer (ID order of the input), all floats with
repr() (the shortest string that round-trips the double exactly):
    ID, bgnbd_p_alive, bgnbd_expected_39, mbgnbd_p_alive, mbgnbd_expected_39,
    pnbd_p_alive, pnbd_expected_39, gg_expected_value, clv_12
expected_39 = conditional_expected_number_of_purchases_up_to_time(39, x, t_x, T);
gg_expected_value = GammaGammaFitter.conditional_expected_average_profit(x, zbar) (for x = 0 the
population mean); clv_12 = GammaGammaFitter.customer_lifetime_value(bgf, x, t_x, T, zbar,
time=12, discount_rate=0.01, freq="W"), lifetimes' 4.345 weeks per month. Beside it,
OUT.json (same name, .json) records the provenance and the fitted parameters used.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import pandas as pd

import lifetimes
from lifetimes import BetaGeoFitter, GammaGammaFitter, ModifiedBetaGeoFitter, ParetoNBDFitter

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(
    os.path.join(HERE, "..", "data", "cdnow", "cdnow_customers_summary_with_transactions.csv")
)
SEED = 0
CLV = {"time": 12, "discount_rate": 0.01, "freq": "W"}


def module_version(name):
    try:
        mod = __import__(name)
        v = getattr(mod, "__version__", None)
        if v:
            return v
        try:
            from importlib import metadata
            return metadata.version(name)
        except Exception:
            # A source checkout on PYTHONPATH (autograd ≥ 1.7 has no __version__): its pyproject.toml.
            import re
            toml = os.path.join(os.path.dirname(os.path.dirname(mod.__file__)), "pyproject.toml")
            with open(toml) as fh:
                return re.search(r'^version\s*=\s*"([^"]+)"', fh.read(), re.M).group(1)
    except Exception:  # the version is provenance only
        return "unknown"


def timed(fn, runs):
    """One warm-up, then the median of `runs` timings in ms; returns (ms, last result)."""
    result = fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(times), result


def seeded(fn):
    def run():
        np.random.seed(SEED)
        return fn()
    return run


def total_log_likelihood(fitter, names, args, n, log_params=True):
    """Total log-likelihood in the data's units: lifetimes' own objective, unscaled, unit weights."""
    params = np.array([float(fitter.params_[k]) for k in names])
    weights = np.ones(n, dtype=np.int64)
    nll = type(fitter)._negative_log_likelihood(np.log(params) if log_params else params, *args, weights, 0.0)
    # BG/NBD, MBG/NBD, Gamma-Gamma divide by Σweights = n; Pareto/NBD by mean(weights) = 1.
    return -float(nll) * (1 if isinstance(fitter, ParetoNBDFitter) else n)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("runs", nargs="?", type=int, default=7, help="timed runs per fit (median), after one warm-up")
    ap.add_argument("--data", default=DEFAULT_DATA, help="CDNOW summary CSV (ID,x,t_x,T,zbar)")
    ap.add_argument("--fixture", help="write per-customer predictions to this CSV (and its .json provenance)")
    ap.add_argument("--million", help="time fits and scoring on this large summary (x,t_x,T,zbar) instead")
    ap.add_argument("--pareto", action="store_true", help="with --million, also Pareto/NBD (minutes)")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("runs must be ≥ 1")
    if args.million:
        print(json.dumps(million(args.million, args.pareto)))
        return 0

    d = pd.read_csv(args.data)
    x = d["x"].astype(int)
    tx = d["t_x"].astype(float)
    T = d["T"].astype(float)  # not d.T: that is the transpose
    zbar = d["zbar"].astype(float)
    repeat = d[d["x"] > 0]
    n = len(d)

    fits = {
        "BG/NBD": (lambda: BetaGeoFitter(penalizer_coef=0.0).fit(x, tx, T), ["r", "alpha", "a", "b"]),
        "Gamma-Gamma": (lambda: GammaGammaFitter(penalizer_coef=0.0).fit(repeat["x"], repeat["zbar"]), ["p", "q", "v"]),
        "Pareto/NBD": (seeded(lambda: ParetoNBDFitter(penalizer_coef=0.0).fit(x, tx, T)), ["r", "alpha", "s", "beta"]),
        "MBG/NBD": (lambda: ModifiedBetaGeoFitter(penalizer_coef=0.0).fit(x, tx, T), ["r", "alpha", "a", "b"]),
    }
    out = {
        "version": lifetimes.__version__,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": module_version("scipy"),
        "pandas": pd.__version__,
        "autograd": module_version("autograd"),
        "data": os.path.basename(args.data),
        "customers": n,
        "runs": args.runs,
        "fits": {},
    }
    fitted = {}
    for name, (fn, names) in fits.items():
        ms, f = timed(fn, args.runs)
        fitted[name] = f
        if name == "Gamma-Gamma":
            ll_args, m, log_params = (repeat["x"].to_numpy(float), repeat["zbar"].to_numpy(float)), len(repeat), True
        else:
            ll_args, m, log_params = (x.to_numpy(), tx.to_numpy(), T.to_numpy()), n, name != "Pareto/NBD"
        out["fits"][name] = {
            "ms": ms,
            "params": {k: float(f.params_[k]) for k in names},
            "logLikelihoodTotal": total_log_likelihood(f, names, ll_args, m, log_params),
            "negLogLikelihoodAsReported": float(f._negative_log_likelihood_),
            "customers": m,
        }
    print(json.dumps(out))

    if args.fixture:
        write_fixture(args.fixture, d, x, tx, T, zbar, fitted, out)
    return 0


def once(fn):
    """One timing in ms (no warm-up: a fit at this size takes seconds) and the result."""
    t0 = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t0) * 1000.0, result


def million(path, pareto):
    d = pd.read_csv(path)
    x = d["x"].to_numpy(np.int64)
    tx = d["t_x"].to_numpy(float)
    T = d["T"].to_numpy(float)
    zbar = d["zbar"].to_numpy(float)
    repeat = x > 0
    n = len(d)
    fits = {
        "BG/NBD": (lambda: BetaGeoFitter(penalizer_coef=0.0).fit(x, tx, T), ["r", "alpha", "a", "b"]),
        "MBG/NBD": (lambda: ModifiedBetaGeoFitter(penalizer_coef=0.0).fit(x, tx, T), ["r", "alpha", "a", "b"]),
        "Gamma-Gamma": (lambda: GammaGammaFitter(penalizer_coef=0.0).fit(x[repeat], zbar[repeat]), ["p", "q", "v"]),
    }
    if pareto:
        fits["Pareto/NBD"] = (seeded(lambda: ParetoNBDFitter(penalizer_coef=0.0).fit(x, tx, T)), ["r", "alpha", "s", "beta"])
    out = {"version": lifetimes.__version__, "python": platform.python_version(), "customers": n, "fits": {}, "score": {}}
    for name, (fn, names) in fits.items():
        ms, f = once(fn)
        if name == "Gamma-Gamma":
            ll_args, m, log_params = (x[repeat].astype(float), zbar[repeat]), int(repeat.sum()), True
        else:
            ll_args, m, log_params = (x, tx, T), n, name != "Pareto/NBD"
        out["fits"][name] = {
            "ms": ms,
            "params": {k: float(f.params_[k]) for k in names},
            "logLikelihoodTotal": total_log_likelihood(f, names, ll_args, m, log_params),
            "customers": m,
        }
        if name != "Gamma-Gamma":
            ms, _ = timed(lambda: (f.conditional_probability_alive(x, tx, T), f.conditional_expected_number_of_purchases_up_to_time(52, x, tx, T)), 3)
            out["score"][name] = {"ms": ms}
    return out


def write_fixture(path, d, x, tx, T, zbar, fitted, out):
    bgf, mbgf, pnbd, ggf = fitted["BG/NBD"], fitted["MBG/NBD"], fitted["Pareto/NBD"], fitted["Gamma-Gamma"]
    cols = {
        "ID": d["ID"].to_numpy(),
        "bgnbd_p_alive": bgf.conditional_probability_alive(x, tx, T),
        "bgnbd_expected_39": bgf.conditional_expected_number_of_purchases_up_to_time(39, x, tx, T),
        "mbgnbd_p_alive": mbgf.conditional_probability_alive(x, tx, T),
        "mbgnbd_expected_39": mbgf.conditional_expected_number_of_purchases_up_to_time(39, x, tx, T),
        "pnbd_p_alive": pnbd.conditional_probability_alive(x, tx, T),
        "pnbd_expected_39": pnbd.conditional_expected_number_of_purchases_up_to_time(39, x, tx, T),
        "gg_expected_value": ggf.conditional_expected_average_profit(x, zbar),
        "clv_12": ggf.customer_lifetime_value(bgf, x, tx, T, zbar, **CLV),
    }
    cols = {k: np.asarray(v) for k, v in cols.items()}
    with open(path, "w", newline="\n") as fh:
        fh.write(",".join(cols) + "\n")
        for i in range(len(d)):
            row = [str(int(cols["ID"][i]))] + [repr(float(cols[k][i])) for k in cols if k != "ID"]
            fh.write(",".join(row) + "\n")
    meta = {
        "generator": "bench/lifetimes_reference.py",
        "note": "generated output, do not edit; regenerate with scripts/setup-lifetimes.sh then "
        "PYTHONPATH=$CVA_LIFETIMES_PATH $CVA_LIFETIMES_PYTHON bench/lifetimes_reference.py 1 --fixture test/fixtures/lifetimes-cdnow.csv",
        "lifetimes": out["version"],
        "python": out["python"],
        "numpy": out["numpy"],
        "scipy": out["scipy"],
        "pandas": out["pandas"],
        "autograd": out["autograd"],
        "date": datetime.date.today().isoformat(),
        "data": out["data"],
        "customers": out["customers"],
        "paretoSeed": SEED,
        "clv": dict(CLV, model="BG/NBD + Gamma-Gamma", weeksPerMonth=4.345),
        "expectedHorizon": 39,
        "fits": {k: {kk: v[kk] for kk in ("params", "logLikelihoodTotal", "negLogLikelihoodAsReported", "customers")} for k, v in out["fits"].items()},
    }
    base = path[:-4] if path.endswith(".csv") else path
    with open(base + ".json", "w", newline="\n") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
