"""The statement reader (/statement/<id>) and search (/search?q=) over HTTP, on the seed."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml


ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "statements" / "kidd-21"


@pytest.fixture(scope="module")
def server(seed_server):
    return seed_server


def get(server, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(server.url + path, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def text_div(body: str) -> str:
    m = re.search(r'<div class="text"[^>]*>(.*?)</div><aside>', body, re.S)
    assert m, "the reader has no text"
    return m.group(1)


def test_the_reader_shows_the_stored_text_exactly_with_every_act_marked(server):
    status, body = get(server, "statement/kidd-21")
    assert status == 200
    shown = html.unescape(re.sub(r"<[^>]+>", "", text_div(body)))
    assert shown == (SEED / "text.txt").read_text(encoding="utf-8")
    acts = yaml.safe_load((SEED / "statement.yaml").read_text(encoding="utf-8"))["acts"]
    marked = set(re.findall(r'data-act="(a\d+)"', body))
    assert marked == {a["id"] for a in acts}
    side = re.findall(r'<li><a href="/page/id/act/kidd-21/(a\d+)">', body)
    assert sorted(side) == sorted(a["id"] for a in acts) and len(side) == len(acts)
    # a kind per mark, and every kind drawn is in the legend
    kinds = set(re.findall(r'class="act k-([a-z-]+)"', body))
    legend = set(re.findall(r'<li><span class="k-([a-z-]+)"></span>', body))
    assert kinds and kinds == legend
    # the well-formedness of the marks: as many open as closed, never an <a> inside an <a>
    div = text_div(body)
    assert div.count("<mark") == div.count("</mark>") and div.count("<a ") == div.count("</a>")
    assert not re.search(r"<a [^>]*>[^<]*(<mark[^>]*>)?<a ", div)


def test_mentions_link_to_entity_pages(server):
    _, body = get(server, "statement/kidd-21")
    mentions = re.findall(r'<a class="mention" href="([^"]+)">([^<]+)</a>', text_div(body))
    assert ("/page/id/person/heo-tae-keun", "Dr. Heo Tae-keun") in mentions  # the words its label is quoted from
    assert all(href.startswith("/page/id/") for href, _ in mentions)


def test_the_statement_list_and_unknown_statements(server):
    status, body = get(server, "statement/")
    assert status == 200 and re.findall(r'href="(/statement/[^"]+)"', body) == ["/statement/kidd-21"]
    status, body = get(server, "statement/kidd-99")
    assert status == 404 and "there is no statement `kidd-99`" in html.unescape(body)


def results(body: str) -> dict[str, list[str]]:
    out = {}
    for group, items in re.findall(r'<section class="results (\w+)">(.*?)</section>', body, re.S):
        out[group] = re.findall(r'<li><a href="([^"]+)"', items)
    return out


def test_search_finds_names_korean_labels_acronyms_and_words(server):
    _, body = get(server, "search?q=Mohandas")
    found = results(body)
    assert found["entity"] == ["/page/id/person/siddharth-mohandas"]
    assert found["statement"] == ["/statement/kidd-21"]
    _, body = get(server, "search?q=" + urllib.parse.quote("허태근"))
    assert results(body) == {"entity": ["/page/id/person/heo-tae-keun"]}
    _, body = get(server, "search?q=mohandas+HEO")  # every word, any case
    assert results(body)["statement"] == ["/statement/kidd-21"]
    _, body = get(server, "search?q=EDSCG")
    assert "/page/id/body/edscg" in results(body)["entity"]


def test_search_refuses_what_it_cannot_answer(server):
    status, body = get(server, "search?q=" + "x" * 201)
    assert status == 400 and "at most 200" in body
    status, body = get(server, "search?q=")
    assert status == 200 and "허태근" in body  # the hint
    status, body = get(server, "search?q=" + urllib.parse.quote(".*("))  # a pattern is only characters
    assert status == 200 and results(body) == {}


def test_every_page_has_the_search_box(server):
    for path in ("", "page/id/person/heo-tae-keun", "statement/kidd-21", "commitments"):
        status, body = get(server, path)
        assert status == 200 and '<form class="search" action="/search"' in body, path
