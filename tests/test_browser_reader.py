"""The statement reader and the search box in a real browser (Chromium): the marks carry their
kind, the legend is drawn, a marked act opens its page, the header's search box finds a name and a
Korean label. A screenshot of the reader goes to pytest's tmp_path, and to the folder named by
KG_SCREENSHOTS when it is set (``KG_SCREENSHOTS=docs/screenshots``: the README's)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browsing import chrome, click_and_wait, needs_browser

pytestmark = [needs_browser, pytest.mark.slow]  # tests/test_browser.py is the default run's browser test


@pytest.fixture(scope="module")
def server(seed_server):
    return seed_server



def test_the_reader_marks_acts_by_kind_and_opens_them(server, tmp_path):
    from selenium.webdriver.common.by import By

    with chrome(1400, 1000) as browser:
        browser.get(server.url + "statement/kidd-21")
        marks = browser.find_elements(By.CSS_SELECTOR, ".text mark.act")
        assert marks and all(any(c.startswith("k-") for c in m.get_attribute("class").split()) for m in marks)
        legend = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "ul.legend li")]
        assert "pledge" in legend and "reaffirmation" in legend
        # a kind's colour is drawn (not the browser's default mark yellow for every kind)
        colours = {m.value_of_css_property("background-color") for m in marks}
        assert len(colours) >= 3
        folders = [tmp_path] + ([Path(os.environ["KG_SCREENSHOTS"])] if os.environ.get("KG_SCREENSHOTS") else [])
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            assert browser.find_element(By.TAG_NAME, "body").screenshot(str(folder / "reader.png"))
        link = browser.find_element(By.CSS_SELECTOR, '.text a.act mark[data-act="a07"]').find_element(By.XPATH, "..")
        click_and_wait(browser, link)
        assert browser.current_url == server.url + "page/id/act/kidd-21/a07"


@pytest.mark.parametrize("words, href", [("Mohandas", "page/id/person/siddharth-mohandas"),
                                         ("허태근", "page/id/person/heo-tae-keun")])
def test_the_search_box_finds_names(server, words, href):
    from selenium.webdriver.common.by import By

    with chrome() as browser:
        browser.get(server.url)
        box = browser.find_element(By.CSS_SELECTOR, "header form.search input[name=q]")
        box.send_keys(words)
        click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "header form.search button"))
        links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "section.results.entity li > a")]
        assert server.url + href in links
