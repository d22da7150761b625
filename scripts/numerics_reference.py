#!/usr/bin/env python3
"""Independent re-implementation of heterosyn's fixed-point training, written from docs/numerics.md alone.

It exists to prove that the document is complete: NumericsDocumentTest runs it next to the Java fast model
and requires identical bits. Python 3 standard library only.

Usage:
    numerics_reference.py SPEC.json SAMPLES.txt [START]   train on every sample in order, print the weights
    numerics_reference.py --run SPEC.json TRAIN.txt TEST.txt EPOCHS
                                                          a whole training run (section 18.3), print per-epoch
                                                          train_loss and test accuracy, then the weights
    numerics_reference.py --teacher N0 H C NTRAIN NTEST NOISE GAUSSIANS.txt
                                                          the teacher-student data (section 18.2) from the given
                                                          standard normal draws g(), in draw order
    numerics_reference.py --selftest                      check the worked examples of docs/numerics.md

START is the sample counter before the first train command (section 12; default 0).

SAMPLES.txt, TRAIN.txt, TEST.txt: one sample per line, "label x_0 x_1 ... x_{n0-1}" (reals, any Python float
syntax, including float.hex); blank lines and lines starting with '#' are ignored.

Output (one line each): with --run first "epoch E samples_seen N train_loss HEX test_accuracy HEX" for each
epoch (binary64 as float.hex); then "W k v v v ..." (raw W_k, row-major) and, where stored, "B k v v ..." for
each weight layer k in order, then "sample_counter N" and "weights_sha256 HEX" (docs/numerics.md section 15).
With --teacher: "train LABEL x_0 ..." and "test LABEL x_0 ..." (x as float.hex), then "gaussians_used N".

GAUSSIANS.txt: one draw per line (any Python float syntax). The draws themselves come from OpenJDK 17's
nextGaussian (section 18.2), whose tables are not in the document, so the caller supplies them.
"""

import hashlib
import json
import math
import struct
import sys

M32 = 0xFFFFFFFF

# ---------------------------------------------------------------- spec (section 2)

DEFAULT_NUMERICS = {
    "valueBits": 16, "valueFrac": 12, "weightBits": 16, "weightFrac": 12,
    "etaShift": 7, "decayShift": 9, "feedbackShift": 4, "rounding": "stochastic",
}
# rule -> (stores B_k for k >= 1, B updated by train, decay term) -- section 1 table
RULES = {
    "bp": (False, False, False),
    "ss": (False, False, False),
    "fa": (True, False, False),
    "kp": (True, True, True),
    "urf": (True, True, False),
}


class Spec:
    def __init__(self, d):
        self.layers = [int(n) for n in d["layers"]]
        self.rule = d["rule"]
        if self.rule not in RULES:
            raise ValueError("unknown rule " + repr(self.rule))
        num = dict(DEFAULT_NUMERICS)
        num.update(d.get("numerics", {}))
        self.VB = num["valueBits"]
        self.VF = num["valueFrac"]
        self.WB = num["weightBits"]
        self.WF = num["weightFrac"]
        self.ES = num["etaShift"]
        self.DS = num["decayShift"]
        self.FS = num["feedbackShift"]
        self.stochastic = num["rounding"] == "stochastic"
        if num["rounding"] not in ("stochastic", "nearest"):
            raise ValueError("unknown rounding " + repr(num["rounding"]))
        self.seed = int(d.get("seed", 1))
        self.L = len(self.layers) - 1
        self.vmin = -(1 << (self.VB - 1))
        self.vmax = (1 << (self.VB - 1)) - 1
        self.wmin = -(1 << (self.WB - 1))
        self.wmax = (1 << (self.WB - 1)) - 1
        self.ONE = 1 << self.VF
        self.A = 2 * self.VF - self.WF
        self.stores, self.plastic, self.decays = RULES[self.rule]

    def has_b(self, k):
        return self.stores and k >= 1


# ---------------------------------------------------------------- sections 3-5

def sat(x, lo, hi):
    return lo if x < lo else (hi if x > hi else x)


def rhu(x, s):
    return x if s == 0 else (x + (1 << (s - 1))) >> s


def to_value(acc, sp):
    return sat(rhu(acc, sp.WF), sp.vmin, sp.vmax)


def quantize(x, sp):
    if math.isnan(x):
        return 0
    s = math.ldexp(x, sp.VF)
    t = s + 0.5
    if math.isinf(t):
        return sp.vmax if t > 0 else sp.vmin
    f = math.floor(t)
    if f >= sp.vmax:
        return sp.vmax
    if f <= sp.vmin:
        return sp.vmin
    return f


# ---------------------------------------------------------------- section 11: dither hash

ROT = [13, 15, 26, 6, 17, 29, 16, 24]
PARITY = 0x1BD11BDA
DITHER_K1 = 0x243F6A88
INIT_K1 = 0x85A308D3


def rotl(x, r):
    return ((x << r) | (x >> (32 - r))) & M32


def threefry(k0, k1, x0, x1, both=False):
    k0 &= M32
    k1 &= M32
    ks = [k0, k1, PARITY ^ k0 ^ k1]
    x0 = (x0 + ks[0]) & M32
    x1 = (x1 + ks[1]) & M32
    for r in range(13):
        x0 = (x0 + x1) & M32
        x1 = rotl(x1, ROT[r % 8])
        x1 ^= x0
        if r % 4 == 3:
            s = (r + 1) // 4
            x0 = (x0 + ks[s % 3]) & M32
            x1 = (x1 + ks[(s + 1) % 3] + s) & M32
    return (x0, x1) if both else x0


def site(k, m):
    return ((k << 8) | m) & M32


def sample_key(seed, sample, k, m):
    return threefry(seed & M32, DITHER_K1, sample & M32, site(k, m))


def mix(x):
    x &= M32
    x ^= x >> 13
    x = (x + (x << 21)) & M32
    x ^= x >> 7
    x = (x + (x << 4)) & M32
    x ^= x >> 5
    x = (x + (x << 2)) & M32
    x ^= x >> 12
    x = (x + (x << 7)) & M32
    x ^= x >> 8
    return x


def dither_from_key(key, row, col):
    return mix(key ^ (((row << 16) | col) & M32))


# ---------------------------------------------------------------- section 13: initial weights

def amplitude(n, sp):
    a = math.floor(math.sqrt(6.0 / n) * math.ldexp(1.0, sp.WF) + 0.5)
    return min(max(a, 1), sp.wmax)


def init_matrix(sp, k, m, rows, cols):
    a = amplitude(sp.layers[k], sp)
    out = []
    for r in range(rows):
        for c in range(cols):
            word = threefry(sp.seed & M32, INIT_K1, ((r << 16) | c) & M32, site(k, m))
            out.append(word % (2 * a + 1) - a)
    return out


# ---------------------------------------------------------------- section 9: one synapse

def update(w, p, d, sp):
    G = sp.DS if sp.decays else 0
    S = sp.A + sp.ES + G
    num = -(p * (1 << G)) - (w * (1 << sp.A) if sp.decays else 0)
    if S == 0:
        u = 0
    elif sp.stochastic:
        u = (d & M32) % (1 << S)
    else:
        u = 1 << (S - 1)
    inc = (num + u) >> S
    return sat(w + inc, sp.wmin, sp.wmax)


# ---------------------------------------------------------------- the network (sections 6-10)

class Network:
    def __init__(self, sp):
        self.sp = sp
        self.W = []
        self.B = []
        for k in range(sp.L):
            nin, nout = sp.layers[k], sp.layers[k + 1]
            self.W.append(init_matrix(sp, k, 0, nout, nin))
            self.B.append(init_matrix(sp, k, 1, nin, nout) if sp.has_b(k) else None)
        self.sample = 0

    def forward(self, xs):
        sp = self.sp
        h = [[quantize(x, sp) for x in xs]]
        z = [None]
        for k in range(sp.L):
            nin, nout = sp.layers[k], sp.layers[k + 1]
            Wk = self.W[k]
            zk, hk = [], []
            for i in range(nout):
                acc = sum(Wk[i * nin + j] * h[k][j] for j in range(nin))
                v = to_value(acc, sp)
                zk.append(v)
                hk.append(max(0, v) if k + 1 < sp.L else v)
            z.append(zk)
            h.append(hk)
        return z, h

    def feedback(self, k, j, i):
        sp = self.sp
        nin, nout = sp.layers[k], sp.layers[k + 1]
        if sp.rule == "bp":
            return self.W[k][i * nin + j]
        if sp.rule == "ss":
            w = self.W[k][i * nin + j]
            sgn = (w > 0) - (w < 0)
            return sgn * (1 << (sp.WF - sp.FS))
        return self.B[k][j * nout + i]

    def train(self, xs, label):
        sp = self.sp
        L = sp.L
        z, h = self.forward(xs)
        e = [None] * (L + 1)
        e[L] = [sat(h[L][i] - (sp.ONE if i == label else 0), sp.vmin, sp.vmax) for i in range(sp.layers[L])]
        loss = 0.0                                   # section 18.4: unsaturated y - t, in real units
        for i in range(sp.layers[L]):
            d = math.ldexp(h[L][i] - (sp.ONE if i == label else 0), -sp.VF)
            loss += 0.5 * d * d
        for k in range(L - 1, -1, -1):
            nin, nout = sp.layers[k], sp.layers[k + 1]
            if k >= 1:
                ek = []
                for j in range(nin):
                    if z[k][j] <= 0:
                        ek.append(0)
                    else:
                        ek.append(to_value(sum(self.feedback(k, j, i) * e[k + 1][i] for i in range(nout)), sp))
                e[k] = ek
            keyW = sample_key(sp.seed, self.sample, k, 0)
            Wk = self.W[k]
            for i in range(nout):
                for j in range(nin):
                    Wk[i * nin + j] = update(Wk[i * nin + j], e[k + 1][i] * h[k][j],
                                             dither_from_key(keyW, i, j), sp)
            if sp.plastic and sp.has_b(k):
                keyB = sample_key(sp.seed, self.sample, k, 1)
                Bk = self.B[k]
                for j in range(nin):
                    for i in range(nout):
                        Bk[j * nout + i] = update(Bk[j * nout + i], h[k][j] * e[k + 1][i],
                                                  dither_from_key(keyB, j, i), sp)
        self.sample = (self.sample + 1) & M32
        return loss

    def predict(self, xs):
        """Section 18.4: argmax of y, ties to the smallest index."""
        y = self.forward(xs)[1][self.sp.L]
        best = 0
        for i in range(1, len(y)):
            if y[i] > y[best]:
                best = i
        return best

    def digest(self):
        md = hashlib.sha256()
        for k in range(self.sp.L):
            md.update(struct.pack("<%di" % len(self.W[k]), *self.W[k]))
            if self.B[k] is not None:
                md.update(struct.pack("<%di" % len(self.B[k]), *self.B[k]))
        return md.hexdigest()


# ---------------------------------------------------------------- section 18: from data to commands

def pixel_value(b, sp):
    """Section 18.1: q(b / 255.0) of an IDX byte b, as one integer formula."""
    return ((b << (sp.VF + 1)) + 255) // 510


class SplitMix64:
    """Section 18.2: java.util.SplittableRandom(seed).nextLong()."""
    M64 = (1 << 64) - 1

    def __init__(self, seed):
        self.state = seed & self.M64

    def next_long(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.M64
        return z ^ (z >> 31)


def teacher(n0, hidden, classes, ntrain, ntest, noise, g):
    """Section 18.2, with g() the standard normal draws; returns (train, test) lists of (label, x)."""
    a1 = 1.0 / math.sqrt(n0)
    a2 = 1.0 / math.sqrt(hidden)
    t1 = [[a1 * g() for _ in range(n0)] for _ in range(hidden)]
    t2 = [[a2 * g() for _ in range(hidden)] for _ in range(classes)]
    out = []
    for _ in range(ntrain + ntest):
        x = [min(max(g(), -4.0), 4.0) for _ in range(n0)]
        h = []
        for i in range(hidden):
            s = 0.0
            for j in range(n0):
                s += t1[i][j] * x[j]
            h.append(max(0.0, s))
        best, best_v = 0, -math.inf
        for c in range(classes):
            o = 0.0
            for i in range(hidden):
                o += t2[c][i] * h[i]
            o += noise * g()
            if o > best_v:
                best, best_v = c, o
        out.append((best, x))
    return out[:ntrain], out[ntrain:]


def training_run(net, train, test, epochs):
    """Section 18.3: epochs over the training samples in order, no reshuffling, one counter throughout."""
    rows = []
    seen = 0
    for epoch in range(1, epochs + 1):
        total = 0.0
        for label, xs in train:
            total += net.train(xs, label)
            seen += 1
        correct = sum(1 for label, xs in test if net.predict(xs) == label)
        rows.append((epoch, seen, total / len(train), correct / len(test)))
    return rows


# ---------------------------------------------------------------- self-test: the document's examples

def selftest():
    checks = []

    def check(name, got, want):
        checks.append((name, got == want, got, want))

    check("KAT zero", threefry(0, 0, 0, 0, both=True), (0x9D1C5EC6, 0x8BD50731))
    check("KAT ones", threefry(M32, M32, M32, M32, both=True), (0xFD36D048, 0x2D17272C))
    check("KAT pi", threefry(0x13198A2E, 0x03707344, 0x243F6A88, 0x85A308D3, both=True), (0xBA3E4725, 0xF27D669E))
    check("site(1,B)", site(1, 1), 0x101)
    check("sampleKey(1,0,1,W)", sample_key(1, 0, 1, 0), 0x3DA52826)
    check("sampleKey(1,0,1,B)", sample_key(1, 0, 1, 1), 0x2985350A)
    check("sampleKey(1,5,1,W)", sample_key(1, 5, 1, 0), 0x7F4C5639)
    check("mix(0)", mix(0), 0)
    check("mix(1)", mix(1), 0x90A7EFA3)
    check("mix(0x12345678)", mix(0x12345678), 0x13C0EB00)
    check("dither row 2 col 3", dither_from_key(0x7F4C5639, 2, 3), 0x5AE087F3)
    sp = Spec({"layers": [4, 3, 2], "rule": "kp", "seed": 1})
    check("q(0.3)", quantize(0.3, sp), 1229)
    check("q(-0.3)", quantize(-0.3, sp), -1229)
    check("q(0.5/4096)", quantize(0.5 / 4096, sp), 1)
    check("q(-0.5/4096)", quantize(-0.5 / 4096, sp), 0)
    check("q(8)", quantize(8.0, sp), 32767)
    check("q(-9)", quantize(-9.0, sp), -32768)
    check("rhu ties", [rhu(6, 2), rhu(10, 2), rhu(-6, 2), rhu(-7, 2)], [2, 3, -1, -2])
    check("amplitudes", [amplitude(n, sp) for n in (4, 3, 64, 784)], [5017, 5793, 1254, 358])
    check("W_1[0][1] stochastic", update(-3309, -20153658, 0x2BA3C173, sp), -3270)
    check("B_1[1][0] stochastic", update(3353, -20153658, 0x57B409BA, sp), 3391)
    check("B_1[0][0] stochastic", update(1792, 0, 0x8434B039, sp), 1792)
    check("B_1[0][0] other dither", update(1792, 0, 0x705F24D2, sp), 1791)
    check("W_1[0][0] stochastic", update(5160, 0, 0xD587F8DC, sp), 5160)
    spn = Spec({"layers": [4, 3, 2], "rule": "kp", "seed": 1, "numerics": {"rounding": "nearest"}})
    check("W_1[0][1] nearest", update(-3309, -20153658, 0x2BA3C173, spn), -3271)
    check("B_1[0][0] nearest", update(1792, 0, 0x705F24D2, spn), 1792)
    check("nearest ties kp", [update(0, -(1 << 18), 0, spn), update(0, 1 << 18, 0, spn)], [1, 0])
    spb = Spec({"layers": [4, 3, 2], "rule": "bp", "seed": 1, "numerics": {"rounding": "nearest"}})
    check("nearest ties bp", [update(0, p, 0, spb) for p in (1 << 18, -(1 << 18), 3 << 18, -(3 << 18))],
          [0, 1, -1, 2])
    net = Network(sp)
    check("initial W_0", net.W[0], [-1838, 831, -4133, 733, 4373, 919, 3461, -3414, -4064, -302, 1869, 760])
    check("initial W_1", net.W[1], [5160, -3309, -3096, -2345, 1776, 1671])
    check("initial B_1", net.B[1], [1792, 2076, 3353, 1721, -4437, 1542])
    check("initial digest", net.digest(), "51b1576588bdef32c72aefbec8da97885f178c04273457f9e9db460612edb742")
    z, h = net.forward([0.5, -0.25, 1.0, 0.125])
    check("h_0", h[0], [2048, -1024, 4096, 512])
    check("z_1", z[1], [-5168, 4991, 8])
    check("y", h[2], [-4038, 2167])
    net.train([0.5, -0.25, 1.0, 0.125], 1)
    check("W_0 after", net.W[0], [-1838, 831, -4133, 733, 4389, 911, 3493, -3410, -4078, -295, 1840, 757])
    check("W_1 after", net.W[1], [5160, -3270, -3096, -2345, 1795, 1671])
    check("B_1 after", net.B[1], [1792, 2076, 3391, 1739, -4437, 1542])
    check("digest after", net.digest(), "75e062a5c629cb6f26f26a779372f17252066abf2be95678237459e814908d34")
    check("sample counter", net.sample, 1)
    net = Network(sp)
    check("loss of section 16", net.train([0.5, -0.25, 1.0, 0.125], 1), 0.5968357622623444)
    check("pixels", [pixel_value(b, sp) for b in (0, 1, 2, 3, 127, 128, 254, 255)],
          [0, 16, 32, 48, 2040, 2056, 4080, 4096])
    agree = True
    for vf in range(0, 23):
        spv = Spec({"layers": [1, 1], "rule": "bp",
                    "numerics": {"valueBits": max(vf + 2, 4), "valueFrac": vf, "weightBits": 24, "weightFrac": vf,
                                 "etaShift": 0, "decayShift": 0}})
        agree &= all(pixel_value(b, spv) == quantize(b / 255.0, spv) for b in range(256))
    check("pixel formula = q(b/255) for every byte, VF 0..22", agree, True)
    rng = SplitMix64(1)
    check("SplittableRandom(1).nextLong", [rng.next_long() for _ in range(3)],
          [0x910A2DEC89025CC1, 0xBEEB8DA1658EEC67, 0xF893A2EEFB32555E])
    tie = Network(Spec({"layers": [2, 3], "rule": "bp"}))
    tie.W[0] = [0, 0, 4096, 0, 0, 8192]              # y = (0, 2048, 2048)
    check("argmax ties to the smallest index", [tie.predict([0.5, 0.25]), tie.predict([0.0, 0.0])], [1, 0])
    bad = [c for c in checks if not c[1]]
    for name, ok, got, want in checks:
        print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": got %r, want %r" % (got, want)))
    print("%d of %d document examples reproduced" % (len(checks) - len(bad), len(checks)))
    return 1 if bad else 0


def read_samples(path, n0):
    out = []
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            xs = [float.fromhex(v) if "0x" in v.lower() else float(v) for v in parts[1:]]
            if len(xs) != n0:
                raise ValueError("%s:%d: %d inputs, the spec has %d" % (path, lineno, len(xs), n0))
            out.append((int(parts[0]), xs))
    return out


def print_weights(net):
    out = []
    for k in range(net.sp.L):
        out.append("W %d %s" % (k, " ".join(str(v) for v in net.W[k])))
        if net.B[k] is not None:
            out.append("B %d %s" % (k, " ".join(str(v) for v in net.B[k])))
    out.append("sample_counter %d" % net.sample)
    out.append("weights_sha256 %s" % net.digest())
    print("\n".join(out))


def main(argv):
    if len(argv) == 2 and argv[1] == "--selftest":
        return selftest()
    if len(argv) == 6 and argv[1] == "--run":
        with open(argv[2]) as f:
            sp = Spec(json.load(f))
        net = Network(sp)
        train = read_samples(argv[3], sp.layers[0])
        test = read_samples(argv[4], sp.layers[0])
        for epoch, seen, loss, acc in training_run(net, train, test, int(argv[5])):
            print("epoch %d samples_seen %d train_loss %s test_accuracy %s" % (epoch, seen, loss.hex(), acc.hex()))
        print_weights(net)
        return 0
    if len(argv) == 9 and argv[1] == "--teacher":
        n0, hidden, classes, ntrain, ntest = (int(v) for v in argv[2:7])
        with open(argv[8]) as f:
            draws = [float.fromhex(v) if "0x" in v.lower() else float(v) for v in f.read().split()]
        used = [0]

        def g():
            used[0] += 1
            return draws[used[0] - 1]

        train, test = teacher(n0, hidden, classes, ntrain, ntest, float(argv[7]), g)
        for name, part in (("train", train), ("test", test)):
            for label, x in part:
                print("%s %d %s" % (name, label, " ".join(v.hex() for v in x)))
        print("gaussians_used %d" % used[0])
        return 0
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1]) as f:
        sp = Spec(json.load(f))
    net = Network(sp)
    if len(argv) == 4:
        net.sample = int(argv[3], 0) & M32
    try:
        samples = read_samples(argv[2], sp.layers[0])
    except ValueError as e:
        sys.stderr.write(str(e) + "\n")
        return 2
    for label, xs in samples:
        net.train(xs, label)
    print_weights(net)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
