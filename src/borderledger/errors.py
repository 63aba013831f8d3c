"""Errors a user can act on: each carries a one-line, plain-language message."""


class BorderLedgerError(Exception):
    """Base class: the message is shown to the user as is."""


class InputError(BorderLedgerError):
    """A file, record or page that cannot be taken in as it is."""

    def __init__(self, message: str, where: str | None = None):
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)
