"""The few exception types the core raises.

The CLI prints ``Error: <message>`` and exits 2; the app shows the same
message with ``st.error``. Messages name the file, line or field at fault.
"""


class WorkbenchError(Exception):
    """Base class: a problem the user can understand and fix."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(WorkbenchError):
    """A file, text or argument given by the user cannot be used."""


class FormatError(InputError):
    """A file parses badly; the message names the line, row or element."""


class NotFoundError(WorkbenchError):
    """A document, concept, model or job that does not exist was asked for."""


class ConflictError(WorkbenchError):
    """A save was refused because someone else changed the record first."""

    def __init__(self, message: str, theirs: object = None):
        super().__init__(message)
        self.theirs = theirs


class AccessError(WorkbenchError):
    """The signed-in user's role does not allow the action, or a sign-in failed."""


class StoreBusyError(WorkbenchError):
    """Another user kept the store busy longer than a write may wait; nothing was written."""


class ModelError(WorkbenchError):
    """A translation model is missing, broken or refused."""
