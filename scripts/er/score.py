#!/usr/bin/env python3
"""Pairwise precision, recall and F1 of a clustering (`id,cluster_id`) against the truth (`id,entity_id`).

Memory-efficient at a million rows: no pair is ever enumerated. With n(c) the size of a predicted cluster,
n(e) of a true entity and n(c, e) of their intersection, the pairs are
    predicted = sum C(n(c), 2), true = sum C(n(e), 2), true positives = sum C(n(c, e), 2).
Ids missing from the prediction count as singletons; ids not in the truth are reported and ignored.
Prints one JSON object.
"""

import argparse
import csv
import json
import sys
from collections import Counter


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def score(truth_path: str, pred_path: str) -> dict:
    # Map each record id to a small integer entity number: far less memory than keeping the strings twice.
    entity_of: dict[str, int] = {}
    entity_numbers: dict[str, int] = {}
    with open(truth_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader, None)
        for row in reader:
            if len(row) < 2:
                continue
            entity_of[row[0]] = entity_numbers.setdefault(row[1], len(entity_numbers))
    del entity_numbers

    cluster_numbers: dict[str, int] = {}
    cluster_sizes: Counter = Counter()
    intersections: Counter = Counter()
    seen: set[str] = set()
    unknown = 0
    with open(pred_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader, None)
        for row in reader:
            if len(row) < 2:
                continue
            rid, cluster = row[0], row[1]
            entity = entity_of.get(rid)
            if entity is None or rid in seen:
                unknown += 1
                continue
            seen.add(rid)
            c = cluster_numbers.setdefault(cluster, len(cluster_numbers))
            cluster_sizes[c] += 1
            intersections[(c, entity)] += 1
    missing = len(entity_of) - len(seen)

    entity_sizes = Counter(entity_of.values())
    true_pairs = sum(pairs(n) for n in entity_sizes.values())
    predicted_pairs = sum(pairs(n) for n in cluster_sizes.values())
    true_positives = sum(pairs(n) for n in intersections.values())
    precision = true_positives / predicted_pairs if predicted_pairs else 1.0
    recall = true_positives / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "records": len(entity_of),
        "entities": len(entity_sizes),
        "clusters": len(cluster_sizes) + missing,
        "missing_ids": missing,
        "unknown_or_repeated_ids": unknown,
        "true_pairs": true_pairs,
        "predicted_pairs": predicted_pairs,
        "true_positive_pairs": true_positives,
        "precision": round(precision, 5),
        "recall": round(recall, 5),
        "f1": round(f1, 5),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--truth", required=True)
    parser.add_argument("--pred", required=True)
    args = parser.parse_args()
    json.dump(score(args.truth, args.pred), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
