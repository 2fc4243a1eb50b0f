"""Every exception perfparse raises. Content problems are checks, not exceptions.

    PerfparseError (Exception)
    ├── InputError (ValueError)          bad input the user handed us
    │   ├── UnsupportedFormat            a file type no installed reader handles
    │   ├── MissingExtra (ImportError)   a reader needs an optional extra
    │   ├── UndecodableInput             bytes that are not text in any encoding we read
    │   ├── BrokenFile                   truncated, encrypted, zip bomb, HTML posing as PDF …
    │   └── SettingError                 an option with a bad value (names the option)
    ├── FetchError (OSError)             a page could not be fetched
    │   ├── Blocked                      anti-bot challenge (HTTP 412/521)
    │   ├── RobotsDisallowed             robots.txt forbids the URL
    │   └── TooLarge                     response over the size cap
    ├── StoreError (RuntimeError)        the SQLite store is unusable
    └── WorkerDied (RuntimeError)        a parsing worker process ended abnormally
"""


class PerfparseError(Exception):
    """Base of every perfparse exception."""


class InputError(PerfparseError, ValueError):
    """Input that perfparse cannot read."""


class UnsupportedFormat(InputError):
    """A file type that no installed reader handles."""


class MissingExtra(InputError, ImportError):
    """A reader needs an optional dependency that is not installed."""

    def __init__(self, extra: str, package: str, what: str):
        self.extra = extra
        self.package = package
        super().__init__(
            f"reading {what} needs {package}: pip install 'perfparse[{extra}]'")


class UndecodableInput(InputError):
    """Bytes that do not decode as text."""


class BrokenFile(InputError):
    """A file that is truncated, encrypted, oversized or not what its name says."""


class SettingError(InputError):
    """An option with an invalid value; the message names the option."""

    def __init__(self, option: str, message: str):
        self.option = option
        super().__init__(f"{option}: {message}")


class FetchError(PerfparseError, OSError):
    """A URL could not be fetched."""

    def __init__(self, url: str, message: str, status: int = 0):
        self.url = url
        self.status = status
        super().__init__(f"{url}: {message}")


class Blocked(FetchError):
    """The server answered with an anti-bot challenge."""


class RobotsDisallowed(FetchError):
    """robots.txt disallows the URL for our user agent."""


class TooLarge(FetchError):
    """The response exceeds the size cap."""


class StoreError(PerfparseError, RuntimeError):
    """The store cannot be opened or written."""


class WorkerDied(PerfparseError, RuntimeError):
    """A worker of the parsing executor died; the batch can be run again to resume."""
