#!/usr/bin/env python3
"""report_reference.py: the RefHuman report computed with numpy, scipy and crowd-kit, for ReportBenchmark.

Reads the int32 files ReportBenchmark writes, computes the same figures ReportBuilder does
(DESIGN.md, Statistics) as array code, and prints JSON: the best time of ROUNDS runs of each
part (the existing report, the two-way bootstrap, the majority-of-k curve) and the figures,
which the benchmark compares with its own. Dawid-Skene is crowd-kit's DawidSkene(n_iter=100,
tol=1e-5), run once on the first DS_ITEMS compared items (all when 0); its labels go to
DIR/dawid_skene_labels.i32 for the benchmark to compare with its own.
Usage: report_reference.py DIR CATEGORIES MAX_GUESSES ROUNDS [DS_ITEMS]
"""
import itertools
import json
import sys
import time
import warnings

import numpy as np
import scipy.sparse
from scipy.special import comb
from scipy.stats import binom

BOOTSTRAP_REPLICATES = 1000
BOOTSTRAP_SEED = 2026
ENUMERATION_LIMIT = 5000

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


def counted_judgements(rows, truths, k):
    """The judgements the humans section uses: counted test judgements of the compared items,
    items in id order and each item's judgements in submission order, as (item rank, annotator,
    first guess, truth) arrays."""
    item, annotator, is_test, abstained, superseded = (rows[:, i] for i in range(5))
    first = rows[:, 6]
    counted = (superseded == 0) & (is_test == 1) & (abstained == 0) & (first >= 0)
    order = np.flatnonzero(counted)
    order = order[np.argsort(item[order], kind="stable")]
    compared, rank = np.unique(item[order], return_inverse=True)
    return rank, annotator[order], first[order], truths[compared], compared


class SplitMix64:
    """SeededRandom.SplitMix64 ported to numpy, so the bootstrap draws the same weights as Swift.
    Its n-th output depends only on seed + n·γ, so a block of draws is computed at once."""

    GAMMA = np.uint64(0x9E3779B97F4A7C15)

    def __init__(self, seed):
        self.seed = np.uint64(seed)
        self.drawn = 0

    def outputs(self, count):
        steps = np.arange(self.drawn + 1, self.drawn + count + 1, dtype=np.uint64)
        self.drawn += count
        with np.errstate(over="ignore"):
            z = self.seed + steps * self.GAMMA
            z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
            z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))

    def uniform_below(self, bound, count):
        """`count` draws of SplitMix64.uniform(below:): rejection below 2^64 mod bound, then modulo."""
        threshold = np.uint64((2**64 - bound) % bound)
        kept = []
        while count:
            draws = self.outputs(count)
            accepted = draws[draws >= threshold]
            kept.append(accepted % np.uint64(bound))
            count -= len(accepted)
        return np.concatenate(kept).astype(np.int64)


def two_way_bootstrap(annotators, items, values_by_statistic, replicates=BOOTSTRAP_REPLICATES, seed=BOOTSTRAP_SEED):
    """TwoWayBootstrap's pigeonhole bootstrap, one weight draw shared by every statistic (as in
    Swift, where each statistic restarts the same seed on the same design). Annotators and items
    are coded by first appearance, as TwoWayBootstrap's design codes them. Returns, per statistic,
    (estimate, low, high)."""
    _, first_annotator, annotator_code = np.unique(annotators, return_index=True, return_inverse=True)
    annotator_code = np.argsort(np.argsort(first_annotator))[annotator_code]
    _, first_item, item_code = np.unique(items, return_index=True, return_inverse=True)
    item_code = np.argsort(np.argsort(first_item))[item_code]
    a_count, i_count = len(first_annotator), len(first_item)
    # One sparse matrix (annotator × item) per sum: Σ w_a w_i and Σ w_a w_i x for each statistic.
    stacked = [np.ones(len(items))] + list(values_by_statistic)
    matrix = scipy.sparse.vstack([
        scipy.sparse.csr_matrix((values.astype(float), (annotator_code, item_code)), shape=(a_count, i_count))
        for values in stacked]).tocsr()
    generator = SplitMix64(seed)
    sums = np.empty((len(stacked), replicates))
    chunk = 50
    for begin in range(0, replicates, chunk):
        count = min(chunk, replicates - begin)
        annotator_weights = np.empty((a_count, count))
        item_weights = np.empty((i_count, count))
        for column in range(count):
            annotator_weights[:, column] = np.bincount(generator.uniform_below(a_count, a_count), minlength=a_count)
            item_weights[:, column] = np.bincount(generator.uniform_below(i_count, i_count), minlength=i_count)
        per_annotator = (matrix @ item_weights).reshape(len(stacked), a_count, count)
        sums[:, begin:begin + count] = (per_annotator * annotator_weights[None]).sum(axis=1)
    usable = sums[0] > 0
    results = []
    for index, values in enumerate(values_by_statistic):
        statistics = sums[index + 1, usable] / sums[0, usable]
        low, high = np.quantile(statistics, [0.025, 0.975])
        results.append((values.sum() / len(values), float(low), float(high)))
    return results


def majority_of_k(item_rank, labels, item_truth):
    """MajorityOfK.curve where every item is enumerated exactly (C(n, k) <= 5000); a tie among t
    top labels that includes the truth scores 1/t. For each item size n and each k, a subset
    matrix (subsets × positions) turns label-equality matrices into each subset's tallies."""
    sizes = np.bincount(item_rank)
    starts = np.r_[0, np.cumsum(sizes)]
    points = []
    for k in range(1, sizes.max() + 1):
        correctness, item_count = 0.0, 0
        for n in np.unique(sizes[sizes >= k]):
            if comb(n, k, exact=True) > ENUMERATION_LIMIT:
                raise NotImplementedError("resampled majority-of-k items are not in the benchmark's data")
            chosen_items = np.flatnonzero(sizes == n)
            positions = starts[chosen_items][:, None] + np.arange(n)[None]
            subsets = np.zeros((comb(n, k, exact=True), n))
            for row, subset in enumerate(itertools.combinations(range(n), k)):
                subsets[row, list(subset)] = 1
            for begin in range(0, len(chosen_items), 4000):
                item_labels = labels[positions[begin:begin + 4000]]
                truth = item_truth[chosen_items[begin:begin + 4000]]
                same = (item_labels[:, :, None] == item_labels[:, None, :]).astype(float)
                # tally[i, p, s]: votes in subset s for the label at position p (meaningful where p is in s).
                tally = (same @ subsets.T) * subsets.T[None]
                top = tally.max(axis=1)
                truth_votes = (item_labels == truth[:, None]).astype(float) @ subsets.T
                tied_labels = (tally == top[:, None]).sum(axis=1) / top
                score = np.where(truth_votes == top, 1 / tied_labels, 0.0)
                correctness += score.mean(axis=1).sum()
            item_count += len(chosen_items)
        points.append({"k": k, "items": item_count, "error": 1 - correctness / item_count})
    return points


def dawid_skene(item_rank, annotators, labels, item_truth, items):
    """crowd-kit's DawidSkene on the first `items` compared items (all when 0)."""
    import pandas as pd
    from crowdkit.aggregation import DawidSkene

    keep = item_rank < items if items else np.ones(len(item_rank), dtype=bool)
    data = pd.DataFrame({"task": item_rank[keep], "worker": annotators[keep], "label": labels[keep]})
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = DawidSkene(n_iter=100, tol=1e-5).fit(data)
    seconds = time.perf_counter() - start
    estimated = model.labels_.sort_index().to_numpy().astype(np.int64)
    task_count = len(estimated)
    return seconds, estimated, {
        "items": task_count, "judgements": int(keep.sum()), "iterations": len(model.loss_history_),
        "error": float((estimated != item_truth[:task_count]).mean()),
    }


def timed(rounds, function):
    best, result = float("inf"), None
    for _ in range(rounds):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    directory, categories, k, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    dawid_skene_items = int(sys.argv[5]) if len(sys.argv) > 5 else -1
    rows = np.fromfile(f"{directory}/judgements.i32", dtype="<i4").reshape(-1, 6 + k).astype(np.int64)
    truths = np.fromfile(f"{directory}/truths.i32", dtype="<i4").astype(np.int64)
    model = np.fromfile(f"{directory}/model.i32", dtype="<i4").reshape(-1, k).astype(np.int64)
    seconds, output = {}, {}
    seconds["report"], result = timed(rounds, lambda: report(rows, truths, model, categories, k))
    output["overall"] = {key: float(value) for key, value in result[0].items()}

    def bootstrap():
        item_rank, annotators, first, item_truth, compared = counted_judgements(rows, truths, k)
        human_right = first == item_truth[item_rank]
        model_right = model[compared, 0] == item_truth
        return two_way_bootstrap(annotators, item_rank, [
            (~human_right).astype(np.int64), human_right.astype(np.int64) - model_right[item_rank]])
    seconds["bootstrap"], (pooled, paired) = timed(rounds, bootstrap)
    output["bootstrap"] = {"pooled": pooled, "paired": paired}

    def curve():
        item_rank, _, first, item_truth, _ = counted_judgements(rows, truths, k)
        return majority_of_k(item_rank, first, item_truth)
    seconds["majority_of_k"], output["majority_of_k"] = timed(rounds, curve)

    if dawid_skene_items >= 0:
        item_rank, annotators, first, item_truth, _ = counted_judgements(rows, truths, k)
        seconds["dawid_skene"], estimated, output["dawid_skene"] = dawid_skene(
            item_rank, annotators, first, item_truth, dawid_skene_items)
        estimated.astype("<i4").tofile(f"{directory}/dawid_skene_labels.i32")
    output["seconds"] = seconds
    print(json.dumps(output))


if __name__ == "__main__":
    main()
