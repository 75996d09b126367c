"""The real browser the browser tests drive: Debian's Chromium through /usr/bin/chromedriver
(no browser download). ``needs_browser`` skips a module, saying why, only when Chromium or its
driver is not installed (CI installs them: apt-get install -y chromium chromium-driver)."""

from __future__ import annotations

import contextlib
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

needs_browser = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)",
)


@contextlib.contextmanager
def chrome(width: int = 1280, height: int = 1024):
    """A headless Chromium, quit on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(30)
        yield driver
    finally:
        driver.quit()


def normalized(text: str) -> str:
    return " ".join(text.split())


def click_and_wait(browser, element, timeout: float = 20) -> None:
    """Click a link or a form's button and wait until the browser shows the next page (its URL
    changed and it has loaded)."""
    from selenium.webdriver.support.ui import WebDriverWait

    before = browser.current_url
    element.click()
    WebDriverWait(browser, timeout).until(
        lambda b: b.current_url != before and b.execute_script("return document.readyState") == "complete")
