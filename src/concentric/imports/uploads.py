"""Uploaded workbooks at rest: encrypted (SM4-GCM under a key of their own, derived from the
field key), mode 0600 in a 0700 folder under DATA_DIR, read back into memory only.

An upload is kept only while it may still be imported: its job deletes it when a dry run is
refused or fails and when a commit finishes (whatever the outcome); a dry run's upload waiting
for its commit expires after CONCENTRIC_IMPORT_KEEP_HOURS (24 by default), removed by the sweep
the task worker runs every few minutes (and every job start), so a workbook of members never
lingers on disk.
"""

import os
import time
import uuid
from pathlib import Path

from django.conf import settings

from concentric.core.crypto import decrypt_bytes, encrypt_bytes
from concentric.core.kit.importing.guard import check_upload_size
from concentric.imports.models import ImportJob, ImportStatus

PURPOSE = "import-upload"
SUFFIX = ".sm4"
SWEEP_EVERY_SECONDS = 10 * 60


def keep_seconds() -> float:
    return float(settings.CONCENTRIC_IMPORT_KEEP_HOURS) * 3600


def import_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def path_of(name: str) -> Path:
    if not name or "/" in name or name.startswith("."):
        raise ValueError(f"not an upload name: {name!r}")
    return import_dir() / name


def store_upload(upload) -> str:
    """Encrypt an uploaded file (a Django UploadedFile) under a random name; refuse an oversized
    one before reading it. Answers the name."""
    check_upload_size(upload.size)
    data = b"".join(upload.chunks())
    check_upload_size(len(data))
    return store_bytes(data)


def store_bytes(data: bytes) -> str:
    name = f"{uuid.uuid4().hex}{SUFFIX}"
    blob = encrypt_bytes(data, purpose=PURPOSE)
    descriptor = os.open(path_of(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(blob)
    return name


def read_upload(name: str) -> bytes:
    """The upload in clear, in memory. FileNotFoundError once it is gone."""
    return decrypt_bytes(path_of(name).read_bytes(), purpose=PURPOSE)


def upload_exists(name: str) -> bool:
    return bool(name) and path_of(name).is_file()


def delete_upload(name: str) -> None:
    if name:
        path_of(name).unlink(missing_ok=True)


def sweep_uploads(max_age: float | None = None) -> int:
    """Delete uploads older than ``max_age`` seconds (the keep time by default) that no queued
    or running job still needs. Answers how many were deleted."""
    max_age = keep_seconds() if max_age is None else max_age
    in_use = set(
        ImportJob.objects.filter(status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING]).values_list(
            "upload", flat=True
        )
    )
    cutoff = time.time() - max_age
    removed = 0
    for path in import_dir().iterdir():
        try:
            if path.is_file() and path.name not in in_use and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass  # removed meanwhile by another job
    return removed
