#!/usr/bin/env python3
"""Batch-1 online Kolen-Pollack training of Fashion-MNIST 784-64-10 in PyTorch and NumPy (float32).

The same work as `heterosyn bench --engines reference,fast` on the default spec, one sample at a time in
file order: forward z1 = W0 x, h1 = relu(z1), y = W1 h1; e2 = y - t; e1 = [z1 > 0] * (B1 e2) with the
weights before the step; then W1, B1 (mirror update) and W0 each get -eta * (error x activation) and the
decay -eta*lambda*w (docs/rules.md, kp), eta = 2^-7 and lambda = 2^-9 as in the default spec. The peers
use float32 and plain tensor/array operations: they do not compute heterosyn's bits (docs/performance.md).

Single-threaded on purpose (OMP/OpenBLAS/MKL threads = 1, torch.set_num_threads(1)): batch 1 on one
core, like the Java engines. Contenders whose module does not import are reported as skipped.

Prints one line per contender, the format scripts/bench-peers reads:
    peer NAME samples_per_s X slowest X fastest X cpu_samples_per_s X loss X
"""
import argparse
import gzip
import os
import statistics
import struct
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ETA = 2.0 ** -7
LAMBDA = 2.0 ** -9


def read_idx(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        data = f.read()
    if data[0:3] != b"\x00\x00\x08":
        raise SystemExit(f"{path}: not an IDX file of unsigned bytes")
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return shape, data[4 + 4 * dims:]


def find(data_dir, name):
    for candidate in (name + ".gz", name):
        p = os.path.join(data_dir, candidate)
        if os.path.exists(p):
            return p
    raise SystemExit(f"{name}(.gz) not found in {data_dir}")


def load(np, data_dir):
    shape, pixels = read_idx(find(data_dir, "train-images-idx3-ubyte"))
    _, labels = read_idx(find(data_dir, "train-labels-idx1-ubyte"))
    x = np.frombuffer(pixels, dtype=np.uint8).reshape(shape[0], shape[1] * shape[2]).astype(np.float32) / 255.0
    y = np.frombuffer(labels, dtype=np.uint8).astype(np.int64)
    return x, y


def initial(np, seed, sizes=(784, 64, 10)):
    """Uniform on [-A, A], A = sqrt(6 / fan-in), like the spec's initial weights (not the same draws)."""
    rng = np.random.default_rng(seed)
    n0, n1, n2 = sizes
    a0 = np.sqrt(6.0 / n0)
    a1 = np.sqrt(6.0 / n1)
    w0 = rng.uniform(-a0, a0, (n1, n0)).astype(np.float32)
    w1 = rng.uniform(-a1, a1, (n2, n1)).astype(np.float32)
    b1 = rng.uniform(-a1, a1, (n1, n2)).astype(np.float32)
    return w0, w1, b1


def torch_trainer(torch, np, x, y, seed):
    torch.set_num_threads(1)
    w0, w1, b1 = (torch.from_numpy(m.copy()) for m in initial(np, seed))
    xs = torch.from_numpy(x)
    targets = torch.eye(10, dtype=torch.float32)
    keep = 1.0 - ETA * LAMBDA

    def train(i):
        with torch.no_grad():
            xi = xs[i]
            z1 = torch.mv(w0, xi)
            h1 = torch.relu(z1)
            out = torch.mv(w1, h1)
            e2 = out - targets[y[i]]
            e1 = torch.mv(b1, e2) * (z1 > 0)
            # W <- (1 - eta*lambda) W - eta * e h^T, one fused BLAS-style update per matrix.
            w1.addr_(e2, h1, beta=keep, alpha=-ETA)
            b1.addr_(h1, e2, beta=keep, alpha=-ETA)
            w0.addr_(e1, xi, beta=keep, alpha=-ETA)
            return 0.5 * float(torch.dot(e2, e2))
    return train


def numpy_trainer(np, x, y, seed):
    w0, w1, b1 = initial(np, seed)
    targets = np.eye(10, dtype=np.float32)
    keep = np.float32(1.0 - ETA * LAMBDA)
    eta = np.float32(ETA)

    def train(i):
        xi = x[i]
        z1 = w0 @ xi
        h1 = np.maximum(z1, 0)
        out = w1 @ h1
        e2 = out - targets[y[i]]
        e1 = (b1 @ e2) * (z1 > 0)
        # In place: W <- (1 - eta*lambda) W - eta * e h^T.
        np.multiply(w1, keep, out=w1)
        np.subtract(w1, np.outer(eta * e2, h1), out=w1)
        np.multiply(b1, keep, out=b1)
        np.subtract(b1, np.outer(h1, eta * e2), out=b1)
        np.multiply(w0, keep, out=w0)
        np.subtract(w0, np.outer(eta * e1, xi), out=w0)
        return 0.5 * float(e2 @ e2)
    return train


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", type=int, default=20000, help="measured samples per contender, over all rounds")
    ap.add_argument("--rounds", type=int, default=5, help="rounds, contenders taking turns")
    ap.add_argument("--warmup", type=int, default=2000, help="warm-up samples per contender")
    ap.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--only", default="torch,numpy", help="contenders, comma separated (torch, numpy)")
    args = ap.parse_args()
    try:
        import numpy as np
    except ImportError as e:
        print(f"peer numpy skipped: {e} (apt-get install python3-numpy)")
        print("peer torch skipped: numpy is missing")
        return 0
    x, y = load(np, args.data_dir)
    n = len(y)
    trainers = {}
    wanted = [c.strip() for c in args.only.split(",") if c.strip()]
    for name in wanted:
        if name == "torch":
            try:
                import torch
            except ImportError as e:
                print(f"peer torch skipped: {e} (apt-get install python3-torch)")
                continue
            trainers[f"torch-{torch.__version__.split('+')[0]}"] = torch_trainer(torch, np, x, y, 1)
        elif name == "numpy":
            trainers[f"numpy-{np.__version__}"] = numpy_trainer(np, x, y, 1)
        else:
            raise SystemExit(f"--only: unknown contender {name!r}; allowed: torch, numpy")
    nxt = {}
    for name, train in trainers.items():
        for i in range(args.warmup):
            train(i % n)
        nxt[name] = args.warmup
    wall = {name: [] for name in trainers}
    cpu = {name: [] for name in trainers}
    loss = {name: 0.0 for name in trainers}
    for r in range(args.rounds):
        share = args.samples // args.rounds + (1 if r < args.samples % args.rounds else 0)
        for name, train in trainers.items():
            c0 = time.thread_time()
            t0 = time.perf_counter()
            total = 0.0
            for _ in range(share):
                total += train(nxt[name] % n)
                nxt[name] += 1
            wall[name].append(share / (time.perf_counter() - t0))
            cpu[name].append(share / max(time.thread_time() - c0, 1e-9))
            loss[name] += total
    for name in trainers:
        print(f"peer {name} samples_per_s {statistics.median(wall[name]):.0f} slowest {min(wall[name]):.0f} "
              f"fastest {max(wall[name]):.0f} cpu_samples_per_s {statistics.median(cpu[name]):.0f} "
              f"loss {loss[name] / args.samples:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
