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


class TestBodyHints:
    def test_optional_body_column(self, tmp_path) -> None:
        """A `body` column names a portal's article container; files without it still load."""
        path = tmp_path / "p.csv"
        path.write_text("host,article_url,listing_links,note,body\n"
                        "www.a.gov.cn,,,,#zw_text .wz-body\n*.b.gov.cn,,,,\n", encoding="utf-8")
        profiles = load_profiles(path)
        assert profiles[0].body == ("#zw_text", ".wz-body") and profiles[1].body == ()

    def test_bad_body_hint(self, tmp_path) -> None:
        """A body hint that is not a simple selector is refused, naming the option."""
        path = tmp_path / "p.csv"
        path.write_text("host,article_url,listing_links,note,body\nx,,,,div > p\n",
                        encoding="utf-8")
        with pytest.raises(SettingError, match="bad body hint"):
            load_profiles(path)

    def test_hint_raises_a_container(self) -> None:
        """A container a profile names wins over the wrapper that also holds a note beside it;
        without the hint the wrapper, holding both, is read."""
        from perfparse.readers.html import read_html
        para = "<p>本年收入合计1,860.40万元，比上年增加120.40万元，增长6.92%。</p>"
        note = "<p>本年支出合计1,860.40万元，比上年增加121.40万元，增长6.98%。</p>"
        html = (f"<html><body><h1>某局决算说明</h1><div id='zw'>{para * 10}</div>"
                f"<div id='note'>{note}</div></body></html>")
        plain = read_html(html).text
        assert "收入" in plain and "支出" in plain
        hinted = read_html(html, hints=("#zw",)).text
        assert "收入" in hinted and "支出" not in hinted
