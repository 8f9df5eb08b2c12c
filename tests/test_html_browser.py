"""The demo catalog's HTML report in a real headless Chromium (Debian's chromium and chromium-driver).

Locally these tests skip, saying why, when the browser or its driver is missing; in CI (`CI` set)
a missing browser fails them, so a green CI run always means the page was opened.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("LISTING_LINT_CHROMIUM", "/usr/bin/chromium")
DRIVER = os.environ.get("LISTING_LINT_CHROMEDRIVER", "/usr/bin/chromedriver")
# Without these Chromium reaches for the network at start (updates, sync, field trials, QUIC probes).
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--window-size=1280,1600", "--hide-scrollbars")


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for path, package in ((CHROMIUM, "chromium"), (DRIVER, "chromium-driver")):
        if not Path(path).exists():
            return f"{path} not found (apt-get install -y chromium chromium-driver; .ci/run does this)"
    return None


@pytest.fixture(scope="module")
def browser():
    why = _missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests, but {why}")
        pytest.skip(why)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="listing-lint-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def page(browser, demo_reports):
    """The demo report opened; the console and network logs of opening it."""
    url = demo_reports.html_path.resolve().as_uri()
    browser.get("about:blank")  # past the start page, whose own resources are not the report's
    browser.get_log("browser")
    browser.get_log("performance")
    browser.get(url)
    browser.execute_script("return document.readyState")
    return browser, url, browser.get_log("browser"), browser.get_log("performance")


def _visible_rows(driver) -> int:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('tr.finding')).filter(r => r.offsetParent !== null).length")


def test_loads_with_no_console_errors_and_no_network_requests(page):
    driver, url, console, performance = page
    assert [e for e in console if e["level"] in ("SEVERE", "WARNING")] == []
    requested = []
    for entry in performance:
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    assert requested and set(requested) == {url}, requested
    assert driver.title.startswith("listing-lint report: 53 listings checked, 29 problems")


def test_the_counts_shown_are_the_json_reports(page, demo_reports):
    driver = page[0]
    shown = driver.execute_script(
        "const out = {}; document.querySelectorAll('[data-count]').forEach(e => out[e.dataset.count] = e.textContent);"
        "return out;")
    findings = demo_reports.findings
    assert int(shown["findings"]) == len(findings) == _visible_rows(driver)
    for sev, n in Counter(f["severity"] for f in findings).items():
        assert int(shown[f"severity:{sev}"]) == n
    for code, n in Counter(f["code"] for f in findings).items():
        assert int(shown[f"code:{code}"]) == n
    assert driver.find_element("id", "shown").text == str(len(findings))


def test_filters_and_search_hide_and_show_findings(page, demo_reports):
    driver = page[0]
    findings = demo_reports.findings
    warning = driver.find_element("css selector", 'input[name="severity"][value="warning"]')
    warning.click()
    rest = sum(1 for f in findings if f["severity"] != "warning")
    assert _visible_rows(driver) == rest and driver.find_element("id", "shown").text == str(rest)
    family = driver.find_element("css selector", 'input[name="family"][value="T"]')
    family.click()
    rest = sum(1 for f in findings if f["severity"] != "warning" and not f["code"].startswith("T"))
    assert _visible_rows(driver) == rest
    warning.click()
    family.click()
    assert _visible_rows(driver) == len(findings)
    search = driver.find_element("id", "search")
    search.send_keys("shawl-008")
    assert _visible_rows(driver) == sum(1 for f in findings if f["listing_id"] == "RU-SHAWL-008") == 2
    # The plot row of a shown price finding is shown with it; the others' are hidden.
    plots = driver.execute_script(
        "return Array.from(document.querySelectorAll('tr.plot-row')).filter(r => r.offsetParent !== null).length")
    assert plots == 1
    search.clear()
    search.send_keys(" ")  # an input event; blank matches every listing
    assert _visible_rows(driver) == len(findings)


def test_every_price_finding_has_its_plot(page, demo_reports):
    driver = page[0]
    priced = [f for f in demo_reports.findings if f["code"] in ("P001", "P002", "P004")]
    assert len(priced) == 3
    drawn = driver.execute_script("""
        return Array.from(document.querySelectorAll('tr.finding')).filter(r => /^P00[124]$/.test(r.dataset.code))
          .map(r => {
            const svg = document.querySelector('tr.plot-row[data-for="' + r.id + '"] svg');
            const box = svg ? svg.getBoundingClientRect() : null;
            return [r.dataset.code, svg ? svg.textContent : '', box ? box.width : 0, box ? box.height : 0];
          });""")
    assert len(drawn) == len(priced)
    for (code, text, width, height), finding in zip(drawn, priced):
        assert code == finding["code"] and width > 300 and height > 100
        for item in finding["data"]["comparable_items"]:
            assert item["id"] in text and item["price"] in text  # each comparable named, with its price
    overview = driver.execute_script("const s = document.querySelector('[data-plot=overview] svg');"
                                     "return s ? s.getBoundingClientRect().height : 0")
    assert overview > 100


def test_a_screenshot_is_not_blank(page):
    import numpy
    from PIL import Image

    driver = page[0]
    driver.execute_script("window.scrollTo(0, 0)")
    pixels = numpy.asarray(Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB"))
    assert pixels.shape[1] >= 1000
    colours = len(numpy.unique(pixels[::3, ::3].reshape(-1, 3), axis=0))  # every ninth pixel is plenty
    inked = float((pixels.astype(int).sum(axis=2) < 3 * 235).mean())  # share of pixels not near white
    assert colours > 50 and inked > 0.02, (colours, inked)


def test_printed_the_filters_go_and_the_plot_tables_show(page):
    driver = page[0]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        filters = driver.execute_script("return document.getElementById('filters').offsetParent === null")
        tables = driver.execute_script(
            "return Array.from(document.querySelectorAll('details table')).map(t => t.checkVisibility())")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    on_screen = driver.execute_script(
        "return Array.from(document.querySelectorAll('details table')).map(t => t.checkVisibility())")
    assert filters
    assert tables and all(tables)  # the tables of closed <details> are on paper
    assert not any(on_screen)  # and only there
