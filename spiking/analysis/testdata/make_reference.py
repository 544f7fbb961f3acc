"""Reference values for spiking/analysis, computed independently with
numpy 1.24, scipy 1.10 and Brian2 2.5.1 (Debian bookworm's python3-numpy,
python3-scipy, python3-brian). Run with /usr/bin/python3 make_reference.py;
the Go tests read only the files this writes (trains.csv, stimulus.csv,
rate.csv, reference.json)."""
import json
import numpy as np
import scipy.stats, scipy.signal, scipy.integrate

rng = np.random.default_rng(20261207)
T = 10.0
# train 0: Poisson 20 Hz; train 1: gamma(4) renewal at ~30 Hz;
# train 2: locked to 250 Hz with jitter and misses; train 3: Poisson 15 Hz
def poisson(rate, T):
    n = rng.poisson(rate * T)
    return np.sort(rng.uniform(0, T, n))
def gamma(k, rate, T):
    t = np.cumsum(rng.gamma(k, 1 / (k * rate), int(2 * rate * T)))
    return t[t < T]
period = 1 / 250.0
cycles = np.arange(int(T / period))
keep = cycles[rng.uniform(size=cycles.size) < 0.1]
locked = np.sort(keep * period + 0.3 * period + rng.normal(0, 0.4e-3, keep.size))
locked = locked[(locked >= 0) & (locked < T)]
trains = [poisson(20, T), gamma(4, 30, T), locked, poisson(15, T)]
with open("trains.csv", "w") as f:
    for k, tr in enumerate(trains):
        for t in tr:
            f.write("%d,%.17g\n" % (k, t))

ref = {"duration": T, "period": period}
ref["firing_rate"] = [(len(t) - 1) / (t[-1] - t[0]) for t in trains]
ref["cv"] = [float(scipy.stats.variation(np.diff(t))) for t in trains]
allisi = np.concatenate([np.diff(t) for t in trains])
ref["pooled_cv"] = float(scipy.stats.variation(allisi))
w, mx = 0.002, 0.1
ref["isi_hist"] = {"width": w, "max": mx,
                   "counts": np.histogram(allisi, bins=np.arange(0, mx + w / 2, w))[0].tolist()}
fw = 0.1
counts = [np.histogram(t, bins=np.arange(0, T + fw / 2, fw))[0] for t in trains]
ref["fano"] = {"width": fw, "values": [float(np.var(c) / np.mean(c)) for c in counts]}

def correlogram(a, b, maxlag, bin, dur, auto):
    d = np.subtract.outer(b, a)  # d[j, i] = b_j - a_i
    if auto:
        d = d[~np.eye(len(a), dtype=bool)]
    n = int(np.ceil(maxlag / bin))
    edges = (np.arange(2 * n + 1) - n) * bin
    h = np.histogram(d.ravel(), bins=edges)[0].astype(float)
    near = np.minimum(np.abs(edges[:-1]), np.abs(edges[1:]))
    return (h / (dur - near)).tolist()
ref["xcorr"] = {"a": 0, "b": 1, "maxlag": 0.05, "bin": 0.002,
                "values": correlogram(trains[0], trains[1], 0.05, 0.002, T, False)}
ref["acorr"] = {"train": 1, "maxlag": 0.1, "bin": 0.005,
                "values": correlogram(trains[1], trains[1], 0.1, 0.005, T, True)}
ref["vector_strength"] = [float(scipy.signal.vectorstrength(t, period)[0]) for t in trains]
ref["period_hist"] = {"train": 2, "bins": 20,
                      "counts": np.histogram(np.mod(trains[2], period) / period, bins=np.linspace(0, 1, 21))[0].tolist()}

# van Rossum by numerical integration of (f - g)^2 / tau
def vanrossum(a, b, tau):
    def f(t, tr):
        s = tr[tr <= t]
        return np.exp(-(t - s) / tau).sum()
    pts = np.sort(np.concatenate([a, b]))
    end = pts[-1] + 40 * tau
    edges = np.concatenate([[0.0], pts, [end]])
    tot = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        if hi > lo:
            tot += scipy.integrate.quad(lambda t: (f(t, a) - f(t, b)) ** 2, lo, hi, epsabs=1e-13, epsrel=1e-12, limit=200)[0]
    return float(np.sqrt(tot / tau))
va, vb = trains[0][trains[0] < 1.0], trains[3][trains[3] < 1.0]
ref["van_rossum"] = {"end": 1.0, "cases": [
    {"a": 0, "b": 3, "tau": tau, "value": vanrossum(va, vb, tau)} for tau in (0.002, 0.01, 0.1)]}

# spike-triggered average of a white-noise stimulus low-passed by the spike train
dt = 1e-4
stim = rng.normal(size=int(2.0 / dt))  # 2 s: spikes after it are left out
ref["sta"] = {"train": 0, "dt": dt, "window": 0.005, "onset": 0.0}
n = int(round(0.005 / dt))
segs = []
for t in trains[0]:
    if t < 0.005:
        continue
    k = int(np.floor(t / dt + 1e-9))
    if k - n >= 0 and k <= stim.size:
        segs.append(stim[k - n:k][::-1])
ref["sta"]["values"] = np.mean(segs, axis=0).tolist()
ref["sta"]["used"] = len(segs)
np.savetxt("stimulus.csv", stim, fmt="%.17g")

# Brian2's own smooth_rate on a PopulationRateMonitor
import brian2 as b2
b2.prefs.codegen.target = "numpy"
b2.seed(7)
P = b2.PoissonGroup(200, 40 * b2.Hz)
M = b2.PopulationRateMonitor(P)
net = b2.Network(P, M)
net.run(100 * b2.ms)
np.savetxt("rate.csv", np.asarray(M.rate_), fmt="%.17g")
ref["smooth"] = {"dt": float(b2.defaultclock.dt_), "cases": [
    {"window": "gaussian", "width": 2e-3, "values": np.asarray(M.smooth_rate("gaussian", 2 * b2.ms)).tolist()},
    {"window": "gaussian", "width": 0.55e-3, "values": np.asarray(M.smooth_rate("gaussian", 0.55 * b2.ms)).tolist()},
    {"window": "flat", "width": 5e-3, "values": np.asarray(M.smooth_rate("flat", 5 * b2.ms)).tolist()},
    {"window": "flat", "width": 1e-3, "values": np.asarray(M.smooth_rate("flat", 1 * b2.ms)).tolist()},
]}
with open("reference.json", "w") as f:
    json.dump(ref, f, indent=0)
