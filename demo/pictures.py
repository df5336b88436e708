"""Stores the demo's pictures: drawn in a pool of processes for big builds, written through Django's storage."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from demo.images import artwork_picture_files
from demo.plan import ArtworkSpec

IMAGE_FOLDER = "images/products/demo"
THUMBNAIL_FOLDER = "images/thumbs/demo"
# Below this many pictures a process pool costs more than it saves.
POOL_THRESHOLD = 200


@dataclass(frozen=True)
class PictureJob:
    seed: int
    spec: ArtworkSpec

    @property
    def names(self) -> tuple[str, str]:
        folder = f"{self.spec.index // 1000:03d}"
        return (f"{IMAGE_FOLDER}/{self.seed}/{folder}/{self.spec.upc.lower()}.jpg",
                f"{THUMBNAIL_FOLDER}/{self.seed}/{folder}/{self.spec.upc.lower()}-thumb.jpg")


def _storage_put(name: str, data: bytes) -> str:
    # A rerun after an interrupted build overwrites its files instead of adding copies.
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(data))


def picture_job_run(job: PictureJob) -> tuple[str, str]:
    """Draw and store one artwork's picture and thumbnail; returns their storage names."""
    spec = job.spec
    full, thumbnail = artwork_picture_files(
        seed=job.seed, key=spec.upc, vibe=spec.vibe, medium=spec.medium, subject=spec.subject,
        width_cm=spec.width_cm, height_cm=spec.height_cm,
    )
    full_name, thumbnail_name = job.names
    return _storage_put(full_name, full), _storage_put(thumbnail_name, thumbnail)


@contextmanager
def picture_runner(*, count: int, workers: int | None) -> Iterator[Callable[[list[PictureJob]], Iterator]]:
    """Starts picture jobs and gives an iterator of their storage names (in job order).

    With a pool the work starts at once, so the caller can insert one chunk of rows
    while the next chunk's pictures are being drawn; in-process it runs as it is read.
    """
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or count < POOL_THRESHOLD:
        yield lambda jobs: map(picture_job_run, jobs)
        return
    # Workers only draw and write files (no database), so forking this process is safe.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        yield lambda jobs: pool.map(picture_job_run, jobs, chunksize=16)
