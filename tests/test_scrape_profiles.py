"""Site profiles: data rows, one per portal, loaded and matched by host."""
from __future__ import annotations

import pytest

from perfparse.errors import SettingError
from perfparse.scrape.profiles import GENERIC, load_profiles, profile_for


class TestLoadProfiles:
    def test_shipped_file_loads(self) -> None:
        """The profiles.csv shipped with perfparse loads."""
        assert isinstance(load_profiles(), tuple)

    def test_rows(self, tmp_path) -> None:
        """Rows become Profiles with compiled article patterns and selectors."""
        path = tmp_path / "p.csv"
        path.write_text("host,article_url,listing_links,note\n"
                        "www.a.gov.cn,/show\\.asp\\?id=\\d+,ul.list a,ASP portal\n"
                        "*.b.gov.cn,,,\n", encoding="utf-8")
        profiles = load_profiles(path)
        assert profiles[0].article_url.search("http://www.a.gov.cn/show.asp?id=3")
        assert profiles[0].listing_links == "ul.list a"
        assert profile_for("http://x.b.gov.cn/col/", profiles) is profiles[1]
        assert profile_for("http://c.gov.cn/", profiles) is GENERIC

    @pytest.mark.parametrize("text, why", [
        ("host,article_url\nx,\n", "missing columns"),
        ("host,article_url,listing_links,note\nx,(unclosed,,\n", "bad article_url"),
        ("host,article_url,listing_links,note\n,,,\n", "empty host")])
    def test_bad_files_name_the_option(self, tmp_path, text: str, why: str) -> None:
        """A malformed profiles file raises SettingError naming 'profiles' and the fault."""
        path = tmp_path / "p.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(SettingError, match=why) as err:
            load_profiles(path)
        assert err.value.option == "profiles"
