"""Deterministic randomness: every generated thing draws from its own stream keyed by seed and name."""
from __future__ import annotations

import hashlib
import random


def rng_for(seed: int, *parts: object) -> random.Random:
    """A random stream that depends only on the seed and the parts (e.g. "artwork", 17).

    Keying each entity separately means entity 17 is the same whether 20 or 20,000 are
    built, so a second run can top up without disturbing what the first one made.
    """
    return random.Random(":".join(str(part) for part in (seed, *parts)))


def int_seed_for(seed: int, *parts: object) -> int:
    """A 64-bit integer seed for numpy generators, derived like rng_for (stable across runs)."""
    key = ":".join(str(part) for part in (seed, *parts)).encode()
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")


def weighted_choice(rng: random.Random, items: list, weights: list[float]):
    return rng.choices(items, weights=weights, k=1)[0]
