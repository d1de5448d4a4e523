#!/usr/bin/env python3
"""simulated_labels.py: the three simulated annotators of the README's report example.

Writes a CSV for `refhuman import judgements`: sim-ann, sim-bo and sim-cy label every test
item of a dataset, right 90, 85 and 80 % of the time and otherwise choosing a Fashion-MNIST
look-alike of the true category, with a seeded generator so every run writes the same file.
They stand in for people to show the report's machinery; their numbers say nothing about humans.

    python3 docs/simulated_labels.py DB DATASET OUT.csv
"""
import csv
import random
import sqlite3
import sys

LOOK_ALIKE = {
    "T-shirt/top": ["Shirt", "Pullover"], "Trouser": ["Dress"], "Pullover": ["Coat", "Shirt"],
    "Dress": ["Coat", "Shirt"], "Coat": ["Pullover", "Shirt"], "Sandal": ["Sneaker"],
    "Shirt": ["T-shirt/top", "Pullover", "Coat"], "Sneaker": ["Sandal", "Ankle boot"], "Bag": ["Pullover"],
    "Ankle boot": ["Sneaker", "Sandal"],
}
SKILL = {"sim-ann": 0.90, "sim-bo": 0.85, "sim-cy": 0.80}


def main(database, dataset, out):
    rows = sqlite3.connect(database).execute(
        """SELECT item.source, category.name FROM item
           JOIN dataset ON dataset.id = item.dataset_id
           JOIN category ON category.dataset_id = item.dataset_id AND category.idx = item.category_idx
           WHERE dataset.name = ? AND item.split = 'test' ORDER BY item.id""", (dataset,)).fetchall()
    if not rows:
        sys.exit(f"simulated_labels.py: dataset {dataset!r} has no test items in {database}")
    generator = random.Random(7)
    with open(out, "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["annotator", "item", "guesses", "response_ms"])
        for name, skill in SKILL.items():
            for source, truth in rows:
                guess = truth if generator.random() < skill else generator.choice(LOOK_ALIKE[truth])
                writer.writerow([name, source, guess, generator.randint(900, 4000)])


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip())
    main(*sys.argv[1:])
