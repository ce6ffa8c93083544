"""Write a copy of a name tagger model file with other decoding biases (no retraining).

Run: .venv/bin/python scripts/names_bias.py MODEL OUT [--org 0.5] [--outside 0.75]

`--org` is added to the scores of the organisation labels (B-ORG, I-ORG) of every candidate
token, `--outside` taken from the outside label's (docs/names.md: both chosen on dev). The
weights and vocabulary are copied unchanged.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np


def rebias(model: Path, out: Path, *, org: float, outside: float | None = None) -> None:
    """Copy `model` to `out` with a label bias of `org` on the organisation labels (and the
    outside bias `outside`, when given)."""
    with np.load(model, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    labels = arrays["labels"].tobytes().decode("utf-8").split("\n")
    bias = np.zeros(len(labels), dtype=np.float32)
    bias[[i for i, label in enumerate(labels) if label.endswith("-ORG")]] = org
    arrays["label_bias"] = bias
    if outside is not None:
        arrays["outside_bias"] = np.asarray(outside, np.float32)
    np.savez_compressed(out, **arrays)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--org", type=float, default=0.0)
    parser.add_argument("--outside", type=float, default=None)
    args = parser.parse_args()
    rebias(args.model, args.out, org=args.org, outside=args.outside)


if __name__ == "__main__":
    main()
