#!/usr/bin/env python3
"""report_reference.py: the RefHuman report computed with numpy and scipy, for ReportBenchmark.

Reads the int32 files ReportBenchmark writes, computes the same figures ReportBuilder does
(DESIGN.md, Statistics) as array code, and prints JSON: the best time of ROUNDS runs and the
overall figures, which the benchmark compares with its own.
Usage: report_reference.py DIR CATEGORIES MAX_GUESSES ROUNDS
"""
import json
import sys
import time

import numpy as np
from scipy.stats import binom

Z = 1.959964


def wilson(wrong, total):
    """95 % Wilson interval on arrays of counts; NaN where total is 0."""
    wrong = np.asarray(wrong, dtype=float)
    total = np.asarray(total, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = wrong / total
        centre = p + Z * Z / (2 * total)
        spread = Z * np.sqrt(p * (1 - p) / total + Z * Z / (4 * total * total))
        scale = 1 + Z * Z / total
        return (centre - spread) / scale, (centre + spread) / scale


def rate(wrong, total):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(wrong, dtype=float) / np.asarray(total, dtype=float)


def mcnemar(b, c):
    b = np.asarray(b)
    c = np.asarray(c)
    p = np.minimum(1.0, 2 * binom.cdf(np.minimum(b, c), b + c, 0.5))
    return np.where(b + c == 0, 1.0, p)


def error_consistency(both_same, right1, right2, n):
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = both_same / n
        p1, p2 = right1 / n, right2 / n
        expected = p1 * p2 + (1 - p1) * (1 - p2)
        kappa = (observed - expected) / (1 - expected)
        return np.where(observed == 1, 1.0, kappa)


def report(rows, truths, model, categories, k):
    item, annotator, is_test, abstained, superseded, response = (rows[:, i] for i in range(6))
    guesses = rows[:, 6:6 + k]
    sequence = np.arange(len(rows))
    live = superseded == 0
    truth = truths[item]
    no_guess = guesses[:, 0] < 0
    abstention = (abstained == 1) | no_guess
    counted = live & (is_test == 1) & ~abstention
    test_live = live & (is_test == 1)

    # Pooled human figures, overall and per true category.
    first = guesses[:, 0]
    wrong = counted & (first != truth)
    topk_wrong = counted & ~(guesses == truth[:, None]).any(axis=1)
    cat_judgements = np.bincount(truth[counted], minlength=categories)
    cat_wrong = np.bincount(truth[wrong], minlength=categories)
    cat_topk_wrong = np.bincount(truth[topk_wrong], minlength=categories)

    # Majority per item: most frequent first guess, ties to the category chosen earliest.
    ci_item, ci_first, ci_seq = item[counted], first[counted], sequence[counted]
    key = ci_item.astype(np.int64) * categories + ci_first
    keys, first_index, counts = np.unique(key, return_index=True, return_counts=True)
    earliest = ci_seq[first_index]
    pair_item = keys // categories
    order = np.lexsort((earliest, -counts, pair_item))
    pair_item, pair_label = pair_item[order], (keys % categories)[order]
    starts = np.r_[True, pair_item[1:] != pair_item[:-1]]
    compared_items = pair_item[starts]
    majority = pair_label[starts]
    compared_truth = truths[compared_items]
    majority_right = majority == compared_truth
    cat_items = np.bincount(compared_truth, minlength=categories)
    cat_majority_wrong = np.bincount(compared_truth[~majority_right], minlength=categories)

    # Model on the compared items (every item has a prediction here).
    ranking = model[compared_items]
    model_right = ranking[:, 0] == compared_truth
    model_topk_right = (ranking[:, :k] == compared_truth[:, None]).any(axis=1)
    cat_model_wrong = np.bincount(compared_truth[~model_right], minlength=categories)
    cat_model_topk_wrong = np.bincount(compared_truth[~model_topk_right], minlength=categories)
    b = np.bincount(compared_truth[majority_right & ~model_right], minlength=categories)
    c = np.bincount(compared_truth[~majority_right & model_right], minlength=categories)
    same = np.bincount(compared_truth[majority_right == model_right], minlength=categories)
    cat_human_right = cat_items - cat_majority_wrong
    cat_model_right = cat_items - cat_model_wrong
    per_category = {
        "human_error": rate(cat_wrong, cat_judgements), "human_error_ci": wilson(cat_wrong, cat_judgements),
        "human_topk_error": rate(cat_topk_wrong, cat_judgements),
        "human_majority_error": rate(cat_majority_wrong, cat_items),
        "human_majority_error_ci": wilson(cat_majority_wrong, cat_items),
        "model_error": rate(cat_model_wrong, cat_items), "model_error_ci": wilson(cat_model_wrong, cat_items),
        "model_topk_error": rate(cat_model_topk_wrong, cat_items), "mcnemar_p": mcnemar(b, c),
        "error_consistency": error_consistency(same, cat_human_right, cat_model_right, cat_items),
    }

    # Krippendorff's alpha (nominal): each annotator's earliest label per item, items with >= 2.
    pair = ci_item.astype(np.int64) * (annotator.max() + 1) + annotator[counted]
    _, first_of_pair = np.unique(pair, return_index=True)
    unit, value = ci_item[first_of_pair], ci_first[first_of_pair]
    unit_key = unit.astype(np.int64) * categories + value
    unit_values, n_uc = np.unique(unit_key, return_counts=True)
    unit_of_value = unit_values // categories
    m_u = np.bincount(unit, minlength=len(truths))
    pairable = m_u[unit_of_value] >= 2
    n_uc, unit_of_value, value_of = n_uc[pairable], unit_of_value[pairable], (unit_values % categories)[pairable]
    n = m_u[m_u >= 2].sum()
    if n > 0:
        observed_agreement = (n_uc * (n_uc - 1) / (m_u[unit_of_value] - 1)).sum()
        n_c = np.bincount(value_of, weights=n_uc, minlength=categories)
        expected_disagreement = n * n - (n_c * n_c).sum()
        alpha = 1 - (n - 1) * (n - observed_agreement) / expected_disagreement
    else:
        alpha = float("nan")

    # Cohen's kappa between majority and model top-1; confusion matrices.
    agreement = (majority == ranking[:, 0]).mean()
    share_h = np.bincount(majority, minlength=categories) / len(majority)
    share_m = np.bincount(ranking[:, 0], minlength=categories) / len(majority)
    chance = (share_h * share_m).sum()
    kappa = 1.0 if chance == 1 else (agreement - chance) / (1 - chance)
    confusion_human = np.bincount(truth[counted] * categories + first[counted], minlength=categories * categories)
    confusion_majority = np.bincount(compared_truth * categories + majority, minlength=categories * categories)
    confusion_model = np.bincount(compared_truth * categories + ranking[:, 0], minlength=categories * categories)

    # Per annotator: practice and test error, abstentions, median time, learning curves (blocks of 20).
    annotators = {}
    by_annotator = np.argsort(annotator, kind="stable")
    sorted_annotator = annotator[by_annotator]
    who_list = np.unique(sorted_annotator)
    bounds = np.searchsorted(sorted_annotator, np.r_[who_list, who_list[-1] + 1])
    for index, who in enumerate(who_list):
        mine = by_annotator[bounds[index]:bounds[index + 1]]
        entry = {}
        for phase in (0, 1):
            chosen = mine[live[mine] & (is_test[mine] == phase) & ~abstention[mine]]
            misses = first[chosen] != truth[chosen]
            blocks = np.add.reduceat(misses, np.arange(0, len(misses), 20)) if len(misses) else np.array([])
            sizes = np.diff(np.r_[np.arange(0, len(misses), 20), len(misses)])
            entry[phase] = (len(misses), misses.mean() if len(misses) else None, blocks / np.maximum(sizes, 1))
        test_counted = mine[counted[mine]]
        annotators[int(who)] = {
            "practice": entry[0][:2], "test": entry[1][:2], "curve": (entry[0][2], entry[1][2]),
            "abstentions": int((test_live[mine] & abstention[mine]).sum()),
            "median_ms": float(np.median(response[test_counted])) if len(test_counted) else None,
        }

    # Galleries: every human wrong; model right & majority wrong; majority right & model wrong.
    item_right = np.bincount(ci_item[ci_first == truths[ci_item]], minlength=len(truths))
    all_wrong = compared_items[item_right[compared_items] == 0]
    galleries = (all_wrong[:24], compared_items[model_right & ~majority_right][:24],
                 compared_items[majority_right & ~model_right][:24])

    total_items, total_judgements = len(compared_items), int(counted.sum())
    overall = {
        "items": float(total_items), "judgements": float(total_judgements),
        "human_error": wrong.sum() / total_judgements,
        "human_error_ci_low": float(wilson(wrong.sum(), total_judgements)[0]),
        "human_topk_error": topk_wrong.sum() / total_judgements,
        "human_majority_error": (~majority_right).mean(),
        "model_error": (~model_right).mean(), "model_topk_error": (~model_topk_right).mean(),
        "mcnemar_p": float(mcnemar(b.sum(), c.sum())),
        "error_consistency": float(error_consistency(same.sum(), majority_right.sum(), model_right.sum(), total_items)),
        "krippendorff_alpha": float(alpha), "cohen_kappa": float(kappa),
        "abstention_rate": (test_live & abstention).sum() / test_live.sum(),
        "category_human_error_sum": float(np.nansum(per_category["human_error"])),
    }
    return overall, per_category, (confusion_human, confusion_majority, confusion_model), annotators, galleries


def main():
    directory, categories, k, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rows = np.fromfile(f"{directory}/judgements.i32", dtype="<i4").reshape(-1, 6 + k).astype(np.int64)
    truths = np.fromfile(f"{directory}/truths.i32", dtype="<i4").astype(np.int64)
    model = np.fromfile(f"{directory}/model.i32", dtype="<i4").reshape(-1, k).astype(np.int64)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        overall = report(rows, truths, model, categories, k)[0]
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"seconds": best, "overall": {key: float(value) for key, value in overall.items()}}))


if __name__ == "__main__":
    main()
