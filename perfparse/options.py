"""Argument types the subcommands share: each names the option in its one-line error."""
from __future__ import annotations

import argparse
from typing import Callable


def positive_int(option: str) -> Callable[[str], int]:
    """A whole number of at least 1.

    >>> positive_int("--workers")("2")
    2
    """
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option} must be a whole number") from None
        if n < 1:
            raise argparse.ArgumentTypeError(f"{option} must be at least 1")
        return n
    return parse


def seconds(value: str) -> float:
    """A --delay in seconds: a number, not negative and not NaN.

    >>> seconds("0.5")
    0.5
    """
    try:
        s = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError("--delay must be a number of seconds") from None
    if not s >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError("--delay must be >= 0")
    return s


def positive_seconds(option: str) -> Callable[[str], float]:
    """A number of seconds above 0 (a --timeout), not NaN or infinite.

    >>> positive_seconds("--timeout")("2.5")
    2.5
    """
    def parse(value: str) -> float:
        try:
            s = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option} must be a number of seconds") from None
        if not 0 < s < float("inf"):
            raise argparse.ArgumentTypeError(f"{option} must be more than 0 seconds")
        return s
    return parse
