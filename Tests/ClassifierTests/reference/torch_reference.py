"""PyTorch reference values for Tests/ClassifierTests/TorchReferenceTests.swift.

Every input and weight comes from a fixed integer formula (no random numbers),
computed in float64 and rounded once to float32, which the Swift test repeats:

    value(i, a, b, m, offset, scale) = float32((((i * a + b) % m) - offset) / scale)

over the flat row-major index i of each tensor.

Run:  .venv/bin/python Tests/ClassifierTests/reference/torch_reference.py
and paste the printed arrays into the Swift test.
"""

import torch
import torch.nn.functional as F

torch.set_printoptions(precision=8)


def formula(shape, a, b, m, offset, scale):
    n = 1
    for d in shape:
        n *= d
    values = [(((i * a + b) % m) - offset) / scale for i in range(n)]
    return torch.tensor(values, dtype=torch.float64).to(torch.float32).reshape(shape)


def show(name, t):
    flat = t.detach().reshape(-1).tolist()
    body = ", ".join(f"{v:.7g}" for v in flat)
    print(f"let {name}: [Float] = [{body}]")


# x: [N=2, C=2, H=6, W=6]
x = formula((2, 2, 6, 6), 37, 11, 101, 50, 50.0).requires_grad_(True)
# conv1: 2 -> 3 channels, 3x3, pad 1, stride 1
w1 = formula((3, 2, 3, 3), 13, 0, 29, 14, 40.0).requires_grad_(True)
b1 = formula((3,), 7, 1, 5, 2, 10.0).requires_grad_(True)
# a second conv with stride 2, pad 1, on the same x
w2 = formula((3, 2, 3, 3), 17, 3, 23, 11, 30.0)
b2 = formula((3,), 3, 2, 7, 3, 10.0)
# fc: 27 -> 4
wf = formula((4, 27), 19, 7, 31, 15, 60.0).requires_grad_(True)
bf = formula((4,), 5, 3, 9, 4, 20.0).requires_grad_(True)
labels = torch.tensor([1, 3])

conv = F.conv2d(x, w1, b1, stride=1, padding=1)  # [2, 3, 6, 6]
strided = F.conv2d(x, w2, b2, stride=2, padding=1)  # [2, 3, 3, 3]
pooled = F.max_pool2d(F.relu(conv), 2)  # [2, 3, 3, 3]
logits = F.linear(pooled.reshape(2, -1), wf, bf)  # [2, 4]
loss = F.cross_entropy(logits, labels)  # mean over the batch
loss.backward()

# Max-pool's gradient goes to the window's maximum, so a near-tie would let
# float32 rounding differences pick a different winner in Swift. These formulas
# were chosen so every window with a positive maximum wins by more than 0.05.
top2 = F.relu(conv).unfold(2, 2, 2).unfold(3, 2, 2).reshape(2, 3, 3, 3, 4).sort(-1, descending=True).values
margins = (top2[..., 0] - top2[..., 1])[top2[..., 0] > 0]
assert margins.min().item() > 0.05, margins.min().item()

show("conv", conv)
show("strided", strided)
show("pooled", pooled)
show("logits", logits)
print(f"let loss: Float = {loss.item():.7g}")
show("dConvWeight", w1.grad)
show("dConvBias", b1.grad)
show("dFcWeight", wf.grad)
show("dFcBias", bf.grad)
show("dInput", x.grad)
