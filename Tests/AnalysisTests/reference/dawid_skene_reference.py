"""Simulates 10 annotators x 60 items x 4 categories and prints crowd-kit's Dawid-Skene results
in the form DawidSkeneTests.swift holds them. Run from the repository root:
    .build/bench-venv/bin/python Tests/AnalysisTests/reference/dawid_skene_reference.py
(crowd-kit 1.4.2, pandas 2.2, numpy 1.24)."""
import numpy as np
import pandas as pd
from crowdkit.aggregation import DawidSkene

rng = np.random.default_rng(20260101)
annotators, items, categories = 10, 60, 4
truth = rng.choice(categories, size=items, p=[0.4, 0.3, 0.2, 0.1])

# Varied confusion: accuracies from 0.9 down to 0.35, two annotators who mostly swap 0 and 1,
# and everyone's mistakes drawn from a Dirichlet so errors are structured, not uniform.
accuracy = [0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5, 0.35, 0.3, 0.3]
confusion = np.zeros((annotators, categories, categories))
for a in range(annotators):
    for c in range(categories):
        wrong = rng.dirichlet(np.ones(categories - 1) * 0.7)
        confusion[a, c, [k for k in range(categories) if k != c]] = (1 - accuracy[a]) * wrong
        confusion[a, c, c] = accuracy[a]
for a in (8, 9):  # swap 0 and 1
    confusion[a, [0, 1]] = confusion[a, [1, 0]]

rows = []
grid = [["."] * annotators for _ in range(items)]
for i in range(items):
    judged = [a for a in range(annotators) if rng.random() < 0.7] or [int(rng.integers(annotators))]
    for a in judged:
        label = int(rng.choice(categories, p=confusion[a, truth[i]]))
        rows.append((a, i, label))
        grid[i][a] = str(label)
data = pd.DataFrame(rows, columns=["worker", "task", "label"])

ds = DawidSkene(n_iter=100, tol=1e-5).fit(data)
probas = ds.probas_.sort_index()
top2 = np.sort(probas.values, axis=1)[:, -2:]
print("judgements", len(rows), "iterations", len(ds.loss_history_))
print("smallest top-two posterior gap", (top2[:, 1] - top2[:, 0]).min())
print("grid (item rows, annotator columns):")
for i in range(items):
    print(f'"{"".join(grid[i])}",')
print("labels", list(ds.labels_.sort_index().astype(int)))
print("majority-vote labels differ from Dawid-Skene on",
      int((ds.labels_.sort_index().values != np.array([np.bincount([r[2] for r in rows if r[1] == i], minlength=categories).argmax() for i in range(items)])).sum()), "items")
print("truth agreement", float((ds.labels_.sort_index().values == truth).mean()))
print("priors", [repr(float(ds.priors_.loc[c])) for c in range(categories)])
for a, given, true in [(0, 0, 0), (3, 2, 1), (7, 3, 3), (8, 1, 0), (9, 0, 1), (5, 2, 2)]:
    print(f"confusion annotator {a} true {true} given {given}", repr(float(ds.errors_.loc[(a, given), true])))
print("posterior item 0", [repr(float(x)) for x in probas.loc[0]])
