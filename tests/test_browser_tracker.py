"""The commitment tracker in a real browser: it loads, the filter form narrows the rows (a plain
GET form: no JavaScript), a row opens the commitment's life with its timeline and marked words.

Screenshots of the tracker and of one life page go to pytest's tmp_path, and also to the folder
named by KG_SCREENSHOTS when it is set (``KG_SCREENSHOTS=docs/screenshots``: the README's)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browsing import chrome, click_and_wait, needs_browser, normalized

pytestmark = [needs_browser, pytest.mark.slow]  # tests/test_browser.py is the default run's browser test


@pytest.fixture(scope="module")
def server(corpus_server):
    return corpus_server


def shoot(browser, tmp_path: Path, name: str) -> None:
    from selenium.webdriver.common.by import By

    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1280, min(max(height, 800), 2400))
    folders = [tmp_path] + ([Path(os.environ["KG_SCREENSHOTS"])] if os.environ.get("KG_SCREENSHOTS") else [])
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        assert browser.find_element(By.TAG_NAME, "main").screenshot(str(folder / name))
        assert (folder / name).stat().st_size > 10_000
    browser.set_window_size(1280, 1024)



def test_filter_the_tracker_and_open_a_life(server, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with chrome() as browser:
        browser.get(server.url + "commitments")
        assert browser.find_element(By.TAG_NAME, "h1").text == "Commitments"
        assert len(browser.find_elements(By.CSS_SELECTOR, "table.tracker tbody tr")) == 215

        # filter by party and status with the form: the rows narrow, the URL carries the filter
        Select(browser.find_element(By.NAME, "party")).select_by_visible_text("Heo Tae-keun")
        click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button"))
        by_party = browser.find_elements(By.CSS_SELECTOR, "table.tracker tbody tr")
        assert "party=person%2Fheo-tae-keun" in browser.current_url and 0 < len(by_party) < 215
        Select(browser.find_element(By.NAME, "status")).select_by_visible_text("fulfilled")
        click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button"))
        rows = browser.find_elements(By.CSS_SELECTOR, "table.tracker tbody tr")
        assert [r.get_attribute("data-key") for r in rows] == ["kidd-21/a28"]
        assert browser.find_element(By.CSS_SELECTOR, "p.count").text == (
            "1 commitment with party = Heo Tae-keun, status = fulfilled.")

        browser.get(server.url + "commitments?statement=kidd-21")
        shoot(browser, tmp_path, "tracker.png")

        # a row opens the commitment's life: a timeline, each step's sentence with its words marked
        browser.get(server.url + "commitments?status=fulfilled&statement=kidd-21")
        click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "table.tracker a.life"))
        assert browser.current_url == server.url + "commitments/kidd-21/a28"
        items = browser.find_elements(By.CSS_SELECTOR, "ol.timeline > li")
        assert [normalized(i.find_element(By.CSS_SELECTOR, ".when").text) for i in items] == ["2022-08-16", "2022-09-16"]
        marks = [normalized(m.text) for m in browser.find_elements(By.CSS_SELECTOR, "ol.timeline blockquote mark")]
        assert marks == ["the leaders committed to hold the Extended Deterrence Strategy and Consultation Group "
                         "(EDSCG) in September 2022",
                         "held an Extended Deterrence Strategy and Consultation Group (EDSCG) meeting"]
        # the timeline is drawn: a dot per step, left of the line
        dot = browser.execute_script(
            "return getComputedStyle(arguments[0], '::before').getPropertyValue('border-radius')", items[0])
        assert dot == "50%"
        shoot(browser, tmp_path, "commitment-life.png")
