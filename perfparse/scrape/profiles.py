"""Site profiles: per-portal hints kept as data (profiles.csv), one row per portal.

Columns: `host` (an fnmatch pattern on host[:port]), `article_url` (a regex searched in an
article link's URL), `listing_links` (a CSS selector for the links of a listing page), `note`,
and optionally `body` (simple selectors — .class, #id, [id^=prefix], tag — separated by
spaces, naming the portal's article container: a hint that raises the container's score, not
a rule that takes it whatever it holds). Every column but `host` may be empty; the generic URL
families, link rules and body scoring apply then.
"""
from __future__ import annotations

import csv
import fnmatch
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import SettingError

DEFAULT_PATH = Path(__file__).with_name("profiles.csv")
COLUMNS = ("host", "article_url", "listing_links", "note")
# Optional columns: files without them still load.
OPTIONAL_COLUMNS = ("body",)
_SIMPLE_SELECTOR = re.compile(r"[.#]?[A-Za-z][\w-]{0,80}|\[id\^=['\"]?[\w-]{1,80}['\"]?\]")


@dataclass(frozen=True)
class Profile:
    """What one portal needs beyond the generic rules."""
    host: str
    article_url: re.Pattern[str] | None = None
    listing_links: str = ""
    note: str = ""
    body: tuple[str, ...] = ()

    def matches(self, url: str) -> bool:
        return fnmatch.fnmatch(urlsplit(url).netloc.lower(), self.host.lower())


GENERIC = Profile("*")


def load_profiles(path: str | os.PathLike | None = None) -> tuple[Profile, ...]:
    """Read a profiles CSV (default: the one shipped with perfparse)."""
    path = Path(path) if path is not None else DEFAULT_PATH
    if not path.exists():
        raise SettingError("profiles", f"{path}: no such file")
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise SettingError("profiles", f"{path}: missing columns {', '.join(missing)}")
        out = []
        for n, row in enumerate(reader, start=2):
            if not (row.get("host") or "").strip():
                raise SettingError("profiles", f"{path}:{n}: empty host")
            pattern = (row.get("article_url") or "").strip()
            try:
                regex = re.compile(pattern) if pattern else None
            except re.error as exc:
                raise SettingError("profiles", f"{path}:{n}: bad article_url: {exc}") from None
            body = tuple((row.get("body") or "").split())
            bad = [h for h in body if not _SIMPLE_SELECTOR.fullmatch(h)]
            if bad:
                raise SettingError("profiles", f"{path}:{n}: bad body hint {bad[0]!r} "
                                   "(use .class, #id, [id^=prefix] or a tag name)")
            out.append(Profile(row["host"].strip(), regex,
                               (row.get("listing_links") or "").strip(),
                               (row.get("note") or "").strip(), body))
    return tuple(out)


def profile_for(url: str, profiles: tuple[Profile, ...] = ()) -> Profile:
    """The first profile whose host pattern matches the URL, else the generic one."""
    for profile in profiles:
        if profile.matches(url):
            return profile
    return GENERIC


@functools.lru_cache(maxsize=1)
def default_profiles() -> tuple[Profile, ...]:
    """The shipped profiles, or none if the data file was left out of the installation."""
    return load_profiles() if DEFAULT_PATH.exists() else ()
