"""Entity pages in a real headless browser: Debian's Chromium driven by Selenium through
/usr/bin/chromedriver (no browser download). Skipped, saying why, only when Chromium or its
driver is not installed (CI installs them: apt-get install -y chromium chromium-driver)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.browsing import chrome, needs_browser, normalized

STATEMENT = Path(__file__).resolve().parent.parent / "statements" / "kidd-21" / "statement.yaml"

pytestmark = needs_browser


def act_quote(act_id: str) -> str:
    """The act's quote as the curators wrote it in statement.yaml."""
    data = yaml.safe_load(STATEMENT.read_text(encoding="utf-8"))
    return next(a["quote"] for a in data["acts"] if a["id"] == act_id)


@pytest.fixture(scope="module")
def server(seed_server):
    return seed_server


@pytest.fixture(scope="module")
def browser():
    with chrome() as driver:
        yield driver


def test_entity_and_commitment_pages_show_the_evidence(server, browser):
    from selenium.webdriver.common.by import By

    # an entity page, reached through its IRI (303 See Other to the HTML page)
    browser.get(server.url + "id/person/heo-tae-keun")
    assert browser.current_url == server.url + "page/id/person/heo-tae-keun"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Heo Tae-keun"
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "table.facts a")]
    assert any(href.startswith(server.url + "page/id/post/") for href in links)
    assert browser.find_elements(By.CSS_SELECTOR, "table.evidence td")

    # a speech act: the source sentence with the quoted words highlighted
    quote = normalized(act_quote("a07"))
    browser.get(server.url + "id/act/kidd-21/a07")
    marks = browser.find_elements(By.CSS_SELECTOR, "blockquote.source mark")
    assert [normalized(m.text) for m in marks] == [quote]
    sentence = normalized(browser.find_element(By.CSS_SELECTOR, "blockquote.source").text)
    assert quote in sentence and sentence.endswith(".")
    box = browser.find_element(By.CSS_SELECTOR, "section.act").text
    for words in ("ROK delegation to the 21st KIDD", "affirmation", "should the DPRK conduct a nuclear test",
                  "August 16-17, 2022"):
        assert words in box

    # the commitment it creates: the same evidence, its debtors, and a way back to the act
    browser.find_element(By.LINK_TEXT, next(
        a.text for a in browser.find_elements(By.CSS_SELECTOR, "section.act a") if a.text.startswith("Commitment:"))).click()
    assert browser.current_url.endswith("/page/id/commitment/kidd-21/a07")
    marks = browser.find_elements(By.CSS_SELECTOR, "blockquote.source mark")
    assert [normalized(m.text) for m in marks] == [quote]
    box = browser.find_element(By.CSS_SELECTOR, "section.act").text
    assert "Republic of Korea" in box and "United States" in box and "open" in box
