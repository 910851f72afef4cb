#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""W1 peers on the GPU with PyTorch (DESIGN section 7), run by bench/gpu.sh beside bench/gpu_jury.cu.

N items x A = 1000 annotators of float32 predictions; two sheets (6 of a pool of 400, 6 of a disjoint pool
of 300); J = 101 juries; verdict = median of the jury means. Three timings, median of several runs:
  topk    random keys + topk per (item, jury): without replacement (the usual vectorised idiom)
  randint torch.randint: WITH replacement (wrong semantics: a juror can sit twice), the fast baseline
  sum     torch.sum of the matrix: one read, the bound
Prints one line per peer: PEER <name> <median ms>.
"""
import statistics
import sys
import time

import torch


def timed(fn, reps):
    fn()
    torch.cuda.synchronize()
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        out.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(out)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    a, j = 1000, 101
    dev = torch.device("cuda")
    print(f"torch {torch.__version__} on {torch.cuda.get_device_name(0)}; N = {n}, A = {a}, J = {j}")
    gen = torch.Generator(device=dev).manual_seed(42)
    preds = torch.rand((n, a), device=dev, dtype=torch.float32, generator=gen)
    pool1 = torch.arange(0, 400, device=dev)
    pool2 = torch.arange(400, 700, device=dev)


    def run_topk(batch=2000):
        res = torch.empty(n, device=dev)
        for lo in range(0, n, batch):
            b = min(batch, n - lo)
            rows = preds[lo:lo + b]
            k1 = torch.rand((b, j, 400), device=dev, generator=gen).topk(6, dim=2).indices
            k2 = torch.rand((b, j, 300), device=dev, generator=gen).topk(6, dim=2).indices
            cols = torch.cat([pool1[k1], pool2[k2]], dim=2).reshape(b, j * 12)
            means = rows.gather(1, cols).reshape(b, j, 12).mean(dim=2)
            res[lo:lo + b] = means.median(dim=1).values
        return res

    def run_randint(batch=100_000):
        res = torch.empty(n, device=dev)
        for lo in range(0, n, batch):
            b = min(batch, n - lo)
            rows = preds[lo:lo + b]
            c1 = torch.randint(0, 400, (b, j, 6), device=dev, generator=gen)
            c2 = torch.randint(400, 700, (b, j, 6), device=dev, generator=gen)
            cols = torch.cat([c1, c2], dim=2).reshape(b, j * 12)
            means = rows.gather(1, cols).reshape(b, j, 12).mean(dim=2)
            res[lo:lo + b] = means.median(dim=1).values
        return res

    t_sum = timed(lambda: torch.sum(preds), reps * 2)
    print(f"PEER sum {t_sum:.4f}")
    t_randint = timed(run_randint, reps)
    print(f"PEER randint {t_randint:.4f}")
    t_topk = timed(run_topk, max(1, reps // 2))
    print(f"PEER topk {t_topk:.4f}")


if __name__ == "__main__":
    main()
