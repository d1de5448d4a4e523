"""classifier_reference.py: the bundled classifier's network in PyTorch and onnxruntime, for `make bench`.

Cross-checks and benchmarks the Swift classifier against PyTorch and onnxruntime.

Loads the Swift-trained weights (safetensors), rebuilds the same network
(a) in PyTorch and (b) as an ONNX graph exported from it and run by
onnxruntime, checks that Swift, torch and onnxruntime agree on the top-1
prediction for every Fashion-MNIST test image, and prints images/s at batch 1
and batch 256 for each. With --swift it first runs the Swift benchmark binary,
so all figures come from one run on the same machine state.

    .build/bench-venv/bin/python Benchmarks/classifier_reference.py \
        --swift .build/release/ClassifierBenchmark --weights Datasets/fashion-mnist/classifier.safetensors
"""

import argparse
import gzip
import os
import subprocess
import sys
import time

import numpy as np
import onnxruntime as ort
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file


class Standard(nn.Module):
    """The Swift standard architecture; attribute names match the safetensors keys."""

    def __init__(self, channels=1, height=28, width=28, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc1 = nn.Linear(64 * (height // 4) * (width // 4), 128)
        self.fc2 = nn.Linear(128, classes)

    def forward(self, x):  # x: [N, C, H, W]
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(x.flatten(1)))  # dropout is the identity at inference
        return self.fc2(x)


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    rank = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def find(directory, stem):
    plain = os.path.join(directory, stem)
    return plain if os.path.exists(plain) else plain + ".gz"


def throughput(run, images, batch, repeats, limit=None):
    """Best of `repeats` passes over the first `limit` images (default all) in batches
    of `batch`; returns (images/s, top-1 of those images)."""
    images = images[:limit] if limit else images
    n = len(images)
    best, top1 = float("inf"), None
    run(images[:batch])  # warm-up
    for _ in range(repeats):
        start = time.perf_counter()
        outs = [run(images[i:i + batch]) for i in range(0, n, batch)]
        best = min(best, time.perf_counter() - start)
        top1 = np.concatenate(outs).argmax(1)
    return n / best, top1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="Datasets/fashion-mnist/classifier.safetensors")
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--swift", help="path of the ClassifierBenchmark binary to run first")
    parser.add_argument("--swift-predictions", default=".build/bench-classifier-predictions.txt")
    parser.add_argument("--onnx", default=".build/bench-classifier.onnx")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--torch-batch1-images", type=int, default=1000,
                        help="torch at batch 1 is slow here (~30 images/s); time it on this many images")
    args = parser.parse_args()

    swift_lines = []
    if args.swift:
        cmd = [args.swift, "--weights", args.weights, "--predictions", args.swift_predictions,
               "--repeats", str(args.repeats), "--train-images", "0"]
        print("running", " ".join(cmd), flush=True)
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        print(out, end="", flush=True)
        swift_lines = [l for l in out.splitlines() if l.startswith("swift")]

    images = read_idx(find(args.data, "t10k-images-idx3-ubyte")).astype(np.float32)[:, None] / 255.0
    labels = read_idx(find(args.data, "t10k-labels-idx1-ubyte")).astype(np.int64)

    torch.set_num_threads(args.threads)
    model = Standard()
    model.load_state_dict(load_file(args.weights))  # strict: names and shapes must match
    model.eval()

    dummy = torch.zeros(1, 1, 28, 28)
    torch.onnx.export(model, dummy, args.onnx, input_names=["x"], output_names=["logits"],
                      dynamic_axes={"x": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)
    def make_session(threads):
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        return ort.InferenceSession(args.onnx, options, providers=["CPUExecutionProvider"])

    session = make_session(args.threads)
    session_1 = make_session(1)  # per-core efficiency, less sensitive to a busy machine

    def run_torch(x):
        with torch.no_grad():
            return model(torch.from_numpy(x)).numpy()

    def run_ort(x):
        return session.run(None, {"x": x})[0]

    def run_ort_1(x):
        return session_1.run(None, {"x": x})[0]

    # Logit-level agreement between the two references on the whole test set.
    with torch.no_grad():
        torch_logits = model(torch.from_numpy(images)).numpy()
    ort_logits = run_ort(images)
    print(f"max |torch - onnxruntime| logit difference: {np.abs(torch_logits - ort_logits).max():.2e}")

    results = {}
    for name, run in (("torch", run_torch), ("onnxruntime", run_ort), ("ort 1 thread", run_ort_1)):
        for batch in (1, 256):
            limit = args.torch_batch1_images if (name, batch) == ("torch", 1) else None
            rate, top1 = throughput(run, images, batch, args.repeats, limit)
            results[(name, batch)] = (rate, top1)
            acc = (top1 == labels[:len(top1)]).mean()
            scope = f"first {len(top1)} images" if limit else f"all {len(top1)} images"
            print(f"{name:12s} batch {batch:3d}: {rate:8.0f} images/s  top-1 {acc:.4f}  ({scope})", flush=True)

    torch_top1 = results[("torch", 256)][1]
    ort_top1 = results[("onnxruntime", 256)][1]
    print(f"agreement torch vs onnxruntime: {(torch_top1 == ort_top1).sum()}/{len(labels)}")
    if os.path.exists(args.swift_predictions):
        swift_top1 = np.loadtxt(args.swift_predictions, dtype=np.int64)
        print(f"agreement swift vs torch:       {(swift_top1 == torch_top1).sum()}/{len(labels)}")
        print(f"agreement swift vs onnxruntime: {(swift_top1 == ort_top1).sum()}/{len(labels)}")
        print(f"swift top-1 accuracy:           {(swift_top1 == labels).mean():.4f}")
    else:
        print(f"no Swift predictions at {args.swift_predictions}; run ClassifierBenchmark first", file=sys.stderr)

    if swift_lines:
        print("\nsummary (images/s, this run)")
        for line in swift_lines:
            print("  " + line)
        for (name, batch), (rate, _) in results.items():
            print(f"  {name:12s} batch {batch:3d}: {rate:8.0f}")
        swift_256 = [float(l.split(":")[1].split()[0]) for l in swift_lines if "batch 256" in l]
        if swift_256:
            ratio = swift_256[0] / results[("onnxruntime", 256)][0]
            print(f"  ratio swift / onnxruntime at batch 256: {ratio:.2f} (target >= 1.0)")


if __name__ == "__main__":
    main()
