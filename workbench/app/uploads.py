"""Upload limits of the app.

Streamlit itself refuses files above ``SERVER_LIMIT_MB`` (the launcher passes it
as ``server.maxUploadSize``); each page then holds its uploads to the limit of
what it can use, with a message naming the file, before anything is read.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from workbench.errors import InputError, WorkbenchError

SERVER_LIMIT_MB = 400   # the largest Argos models are about 300 MB
TEXT_LIMIT_MB = 20      # a document, a glossary or a pair to align: far above any article
MODEL_LIMIT_MB = SERVER_LIMIT_MB


def check_size(upload, limit_mb: int, what: str) -> None:
    """Refuse an upload above ``limit_mb`` in one line naming it."""
    size = getattr(upload, "size", None)
    if size is None:
        size = len(upload.getbuffer())
    if size > limit_mb * 2**20:
        raise InputError(f"{upload.name}: {size / 2**20:.0f} MB is more than the {limit_mb} MB a {what} may have "
                         f"in the app; split it, or use the command line")


def checked_bytes(upload, limit_mb: int, what: str) -> bytes:
    """The upload's bytes, once its size is checked."""
    check_size(upload, limit_mb, what)
    return upload.getvalue()


@contextmanager
def saved_uploads(uploads, limit_mb: int, what: str):
    """The uploads written under their own names into a temporary folder, for a core function
    that reads files (and keeps their originals); its errors name the uploaded file as she
    dropped it, not the folder (a refused .docx was named by its path in the temporary folder)."""
    with tempfile.TemporaryDirectory(prefix="workbench-upload-") as folder:
        paths = []
        for upload in uploads:
            path = Path(folder) / Path(upload.name).name
            path.write_bytes(checked_bytes(upload, limit_mb, what))
            paths.append(path)
        try:
            yield paths
        except WorkbenchError as exc:
            exc.message = exc.message.replace(f"{folder}{os.sep}", "")
            exc.args = (exc.message, *exc.args[1:])
            raise
