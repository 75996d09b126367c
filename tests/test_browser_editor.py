"""The /sparql editor in a real browser: YASGUI appears, the stored queries are tabs, a query runs
and its table shows the graph's answer, every request stays on the server, no CSP violation."""

from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request

import pytest

from tests.browsing import chrome, needs_browser

pytestmark = [needs_browser, pytest.mark.slow]  # tests/test_browser.py is the default run's browser test

KINDS = ("SELECT ?kind (COUNT(*) AS ?n) WHERE { ?a <https://w3id.org/kidd-kg/ontology#actKind> ?kind } "
         "GROUP BY ?kind ORDER BY DESC(?n) ?kind")
QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/kidd-kg/ontology#SpeechAct> }"


def test_editor_runs_a_query(built):
    from kg.serve import start

    srv = start(built, workers=1)
    try:
        with urllib.request.urlopen(srv.url + "/static/yasgui/config.json", timeout=30) as r:
            names = [q["name"] for q in json.load(r)["queries"]]
        req = urllib.request.Request(srv.url + "/sparql?query=" + urllib.parse.quote(QUERY), headers={"Accept": "text/csv"})
        with urllib.request.urlopen(req, timeout=30) as r:
            expected = r.read().decode().split()[1]
        req = urllib.request.Request(srv.url + "/sparql?query=" + urllib.parse.quote(KINDS), headers={"Accept": "text/csv"})
        with urllib.request.urlopen(req, timeout=30) as r:
            kinds = [line.split(",")[0].rsplit("/", 1)[-1] for line in r.read().decode().split()[1:]]
        assert len(kinds) >= 5
        with chrome() as d:
            d.get(srv.url + "/sparql")
            deadline = time.time() + 20
            while time.time() < deadline and not d.execute_script("return !!(window.yasgui)"):
                time.sleep(0.2)
            tabs, deadline = [], time.time() + 20
            while time.time() < deadline and len(tabs) <= len(names):
                tabs = d.execute_script("return Array.from(document.querySelectorAll('.tabsList a[role=tab] span'))"
                                        ".map(e => e.textContent.trim())")
                time.sleep(0.2)
            for n in names:
                assert n in tabs, (n, tabs)
            d.execute_script("window.yasgui.getTab().setQuery(arguments[0]); window.yasgui.getTab().query();", QUERY)
            cell = None
            deadline = time.time() + 20
            while time.time() < deadline and not cell:
                cell = d.execute_script("var c = document.querySelector('.yasr table.dataTable tbody td:last-child');"
                                        "return c && c.textContent.trim()")
                time.sleep(0.2)
            assert expected == "44"  # the seed statement's speech acts
            assert cell == '"44"^^xsd:integer', cell  # shortened with the project's prefixes
            # the chart view: a bar per row of a grouped count, labelled by the other column
            d.execute_script("window.yasgui.getTab().setQuery(arguments[0]); window.yasgui.getTab().query();", KINDS)
            bars, deadline = [], time.time() + 20
            while time.time() < deadline and not bars:
                d.execute_script("var b = document.querySelector('.yasr .select_chart, .yasr button[title=Chart], "
                                 ".yasr .yasr_btnGroup .select_chart'); if (b) b.click();")
                bars = d.execute_script("return Array.from(document.querySelectorAll('.yasr svg.kg-chart text[text-anchor=end]'))"
                                        ".map(e => e.textContent)")
                time.sleep(0.3)
            assert bars == kinds, bars
            assert len(d.execute_script("return document.querySelectorAll('.yasr svg.kg-chart rect')")) == len(bars)
            urls = d.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
            assert urls and all(u.startswith(srv.url) for u in urls), urls
            logs = d.get_log("browser")
            assert not [e for e in logs if "Content Security Policy" in e["message"]], logs
    finally:
        srv.close()
