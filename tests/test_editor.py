"""The /sparql editor over plain HTTP: the vendored files, their allow-list, the page, its policy."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest



@pytest.fixture(scope="module")
def server(seed_server):
    return seed_server


def get(srv, path, accept="*/*"):
    req = urllib.request.Request(srv.url + path, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_vendored_files_have_their_types(server):
    status, headers, body = get(server, "/static/yasgui/yasgui.min.js")
    assert status == 200 and headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert "max-age=31536000" in headers["Cache-Control"] and len(body) == 1012271
    status, headers, _ = get(server, "/static/yasgui/yasgui.min.css")
    assert status == 200 and headers["Content-Type"] == "text/css; charset=utf-8"


@pytest.mark.parametrize("path", ["/static/yasgui/nope.js", "/static/yasgui/../editor.py",
                                  "/static/yasgui/%2e%2e/%2e%2e/__init__.py", "/static/yasgui/", "/static/yasgui/..%2Fhtml.py"])
def test_only_the_allow_list(server, path):
    assert get(server, path)[0] == 404


def test_config_lists_every_stored_query(server, built):
    status, headers, body = get(server, "/static/yasgui/config.json")
    cfg = json.loads(body)
    assert status == 200 and cfg["endpoint"] == "/sparql"
    assert cfg["prefixes"]["kidd"] == "https://w3id.org/kidd-kg/ontology#"
    assert len(cfg["queries"]) >= 1 and all(q["query"].strip() for q in cfg["queries"])


def test_editor_page_and_policy(server):
    status, headers, body = get(server, "/sparql", "text/html")
    page = body.decode()
    assert status == 200 and '<div id="yasgui"></div>' in page and "/static/yasgui/editor.js" in page
    assert "<noscript><form" in page and "<script>" not in page
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "unsafe-eval" not in csp and "connect-src 'self'" in csp


def test_queries_still_answer(server):
    q = urllib.parse.quote("SELECT (1 AS ?one) WHERE {}")
    status, headers, body = get(server, f"/sparql?query={q}", "text/csv")
    assert status == 200 and body.decode().split() == ["one", "1"]
