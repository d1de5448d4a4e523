"""datasets.py — small synthetic image datasets for the UI tests, written as RefHuman
bundles (dataset.json + CSV parts) so that descriptions, synonyms and groups can be set.
Images are 28x28 greyscale PNGs made with zlib and struct alone; each one is unique, so
content addressing never folds two items into one image."""

import json
import random
import struct
import zlib
from pathlib import Path


def png_grey(width, height, pixels):
    """A greyscale 8-bit PNG from a flat list of 0..255 values, row by row."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes(pixels[y * width:(y + 1) * width]) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b"")


_BASES = {}


def _base(category, size):
    """Stripes at a category-specific angle and spacing: the look of a category."""
    key = (category, size)
    if key not in _BASES:
        angle, spacing = category % 4, 3 + category % 5
        _BASES[key] = [210 if ((x, y, x + y, x - y + size)[angle] // spacing) % 2 == 0 else 40
                       for y in range(size) for x in range(size)]
    return _BASES[key]


def pattern(category, serial, size=28):
    """A picture that looks like its category, with noise from its serial number so
    every image is unique (and a person could still learn the classes). Only a few pixels
    are touched per image, which keeps 13,000 thumbnails quick to make."""
    rng = random.Random(category * 100_003 + serial)
    pixels = list(_base(category, size))
    for _ in range(16):
        at = rng.randrange(size * size)
        pixels[at] = max(0, min(255, pixels[at] + rng.randint(-90, 90)))
    pixels[0], pixels[1], pixels[2] = serial & 0xFF, (serial >> 8) & 0xFF, (serial >> 16) & 0xFF
    return png_grey(size, size, pixels)


def write_bundle(directory, name, categories, counts, settings, serial_offset=0, hierarchy=None):
    """Writes a bundle. `categories`: dicts with name/description/synonyms/group (and
    parent, a node key, with a hierarchy). `counts`: {split: items per category} or
    {split: [items for category 0, 1, …]}. `hierarchy`: inner nodes {key, name,
    description, synonyms, parent}, parents first, or None."""
    root = Path(directory)
    (root / "img").mkdir(parents=True, exist_ok=True)
    parts = []
    serial = serial_offset
    for split, per_category in counts.items():
        lines = ["path,label"]
        for index, category in enumerate(categories):
            n = per_category[index] if isinstance(per_category, list) else per_category
            for _ in range(n):
                serial += 1
                relative = f"img/{split}-{serial}.png"
                (root / relative).write_bytes(pattern(index, serial))
                label = category["name"].replace('"', '""')
                lines.append(f'{relative},"{label}"')
        manifest = f"{split}.csv"
        (root / manifest).write_text("\n".join(lines) + "\n")
        parts.append({"split": split, "format": "csv", "manifest": manifest})
    manifest = {"format": 1, "name": name, "title": name.replace("-", " ").title(),
                "settings": settings, "categories": categories, "parts": parts}
    if hierarchy is not None:
        manifest["hierarchy"] = {"nodes": hierarchy}
    (root / "dataset.json").write_text(json.dumps(manifest, indent=1))
    return root


CLOTHES = [
    {"name": "T-shirt", "description": "A short-sleeved top pulled over the head.", "synonyms": ["tee", "top"], "group": None},
    {"name": "Trouser", "description": "Two separate legs from waist to ankle.", "synonyms": ["pants", "jeans"], "group": None},
    {"name": "Pullover", "description": "A long-sleeved knitted top.", "synonyms": ["sweater", "jumper"], "group": None},
    {"name": "Dress", "description": "A one-piece garment over body and legs.", "synonyms": ["gown", "frock"], "group": None},
    {"name": "Coat", "description": "An outer garment that opens at the front.", "synonyms": ["jacket", "parka"], "group": None},
    {"name": "Sandal", "description": "An open shoe held on by straps.", "synonyms": ["flip-flop", "slipper"], "group": None},
    {"name": "Shirt", "description": "A top with collar and buttons.", "synonyms": ["blouse"], "group": None},
    {"name": "Sneaker", "description": "A soft sports shoe.", "synonyms": ["trainer", "running shoe"], "group": None},
    {"name": "Bag", "description": "A container with handles or a strap.", "synonyms": ["handbag", "purse"], "group": None},
    {"name": "Ankle boot", "description": "A shoe that covers the ankle.", "synonyms": ["boot", "bootie"], "group": None},
]


def clothes(directory, *, test=2, practice=0, example=4, practice_count=None, max_guesses=1,
            exposure_ms=None, judgements_per_item=3, categories=None):
    """A Fashion-MNIST-like dataset with ten categories (or the given ones)."""
    settings = {"judgements_per_item": judgements_per_item, "max_guesses": max_guesses,
                "exposure_ms": exposure_ms, "practice_count": practice_count}
    counts = {"test": test, "example": example}
    if practice:
        counts["practice"] = practice
    return write_bundle(directory, "clothes", categories or CLOTHES, counts, settings)


SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "pa", "qu", "di", "fo", "gu", "hy", "jo"]


def thousand_hierarchy(entries):
    """A tree over the thousand: a root, four orders, the twenty families (the groups) five
    to an order. Sets each entry's parent; returns the nodes, parents first."""
    families = sorted({e["group"] for e in entries})
    nodes = [{"key": "root", "name": "specimens", "description": "everything collected", "synonyms": [], "parent": None}]
    nodes += [{"key": f"order{k}", "name": f"Order {k}", "description": f"order {k} of the collection",
               "synonyms": [], "parent": "root"} for k in range(1, 5)]
    nodes += [{"key": f"family{n}", "name": family, "description": f"{family.lower()} of the collection",
               "synonyms": [], "parent": f"order{n // 5 + 1}"} for n, family in enumerate(families)]
    for entry in entries:
        entry["parent"] = f"family{families.index(entry['group'])}"
    return nodes


def thousand(directory, *, categories=1000, examples=13, test=6, hierarchy=False):
    """A synthetic ImageNet-sized label space: 1,000 categories in 20 groups, made-up names
    with synonyms and descriptions. `test` test items in all, on the first categories.
    With `hierarchy`, the groups sit in a four-level tree (thousand_hierarchy)."""
    rng = random.Random(1000)
    used = set()
    entries = []
    for index in range(categories):
        while True:
            name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            if name not in used:
                used.add(name)
                break
        entries.append({
            "name": name,
            "description": f"Specimen {index} of the {SYLLABLES[index % 16]} family, seen from the {('front', 'side', 'top')[index % 3]}.",
            "synonyms": [f"{name.lower()}-{SYLLABLES[(index * 7) % 16]}", f"kind{index}"],
            "group": f"Family {index // 50 + 1:02d}",
        })
    settings = {"judgements_per_item": 1, "max_guesses": 5, "exposure_ms": None, "practice_count": 0}
    counts = {"test": [1 if i < test else 0 for i in range(categories)], "example": examples}
    nodes = thousand_hierarchy(entries) if hierarchy else None
    return write_bundle(directory, "thousand", entries, counts, settings, hierarchy=nodes), entries


# A WordNet-like corner of ImageNet: carnivores, then cats and dogs, and one category
# outside the hierarchy's branches.
PET_NODES = [
    {"key": "n02075296", "name": "carnivore", "description": "a terrestrial or aquatic flesh-eating mammal",
     "synonyms": [], "parent": None},
    {"key": "n02121808", "name": "domestic cat", "description": "any domesticated member of the genus Felis",
     "synonyms": ["house cat", "Felis domesticus"], "parent": "n02075296"},
    {"key": "n02084071", "name": "dog", "description": "a member of the genus Canis that has been domesticated by man",
     "synonyms": ["domestic dog", "Canis familiaris"], "parent": "n02075296"},
]

PETS = [
    {"name": "tabby, tabby cat", "description": "a cat with a grey or tawny coat mottled with black",
     "synonyms": ["tabby"], "group": None, "parent": "n02121808"},
    {"name": "tiger cat", "description": "a cat having a striped coat", "synonyms": [], "group": None,
     "parent": "n02121808"},
    {"name": "Persian cat", "description": "a long-haired breed of cat", "synonyms": [], "group": None,
     "parent": "n02121808"},
    {"name": "beagle", "description": "a small short-legged smooth-coated breed of hound", "synonyms": [],
     "group": None, "parent": "n02084071"},
    {"name": "basset, basset hound", "description": "smooth-haired breed of hound with short legs and long ears",
     "synonyms": [], "group": None, "parent": "n02084071"},
    {"name": "Siberian husky", "description": "breed of sled dog developed in northeastern Siberia",
     "synonyms": [], "group": None, "parent": "n02084071"},
    {"name": "Eskimo dog", "description": "breed of heavy-coated Arctic sled dog", "synonyms": ["husky"],
     "group": None, "parent": "n02084071"},
    {"name": "tennis ball", "description": "a ball about the size of a fist used in playing tennis",
     "synonyms": [], "group": None},
]


def paths(categories, nodes):
    """Each category's path as the server gives it: node keys from the root to its parent."""
    parent_of = {node["key"]: node["parent"] for node in nodes}
    found = {}
    for category in categories:
        path, at = [], category.get("parent")
        while at:
            path.insert(0, at)
            at = parent_of[at]
        found[category["name"]] = path
    return found


def pets(directory, *, test=3, example=20, max_guesses=5, practice=None, practice_count=0):
    """Eight pet categories under a three-node hierarchy, `example` examples each (more
    than a card's 13, for More examples); `practice` items per category (a number or one
    per category), of which an annotator answers `practice_count`."""
    settings = {"judgements_per_item": 1, "max_guesses": max_guesses, "exposure_ms": None, "practice_count": practice_count}
    counts = {"test": test, "example": example}
    if practice:
        counts["practice"] = practice
    return write_bundle(directory, "pets", PETS, counts, settings, hierarchy=PET_NODES)
