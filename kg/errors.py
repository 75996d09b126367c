"""Errors the user can act on, and the exit codes the CLI maps them to."""

from __future__ import annotations

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


class KGError(Exception):
    """A problem with the input or the environment, reported as one paragraph, exit code 2.

    ``where`` names the file (and line, field or node) the problem is in, so the message
    always says where to look.
    """

    exit_code = EXIT_ERROR

    def __init__(self, message: str, where: str | None = None):
        self.where = where
        self.message = " ".join(message.split())
        super().__init__(f"{where}: {self.message}" if where else self.message)
