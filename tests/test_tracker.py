"""The commitment tracker (/commitments), a commitment's life (/commitments/<id>) and the citations
of the entity pages, over plain HTTP on the full corpus (no browser)."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest



@pytest.fixture(scope="module")
def server(corpus_server):
    return corpus_server


def get(server, path: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(server.url + path.lstrip("/"), timeout=60) as resp:
            return resp.status, resp.read().decode("utf-8"), dict(resp.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8"), dict(exc.headers)


def keys(body: str) -> list[str]:
    return re.findall(r'<tr data-key="([^"]+)">', body)


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def steps(body: str) -> list[tuple[str, str, str]]:
    """(date, step, statement) of each timeline item, in page order."""
    return re.findall(r'<li class="(\w+)" data-statement="([^"]+)"><span class="when">([^<]+)</span>', body)


def test_every_commitment_is_a_row(server):
    status, body, headers = get(server, "/commitments")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    rows = keys(body)
    # 217 commitments, less the 2 ids that only name a commitment another id makes (skos:exactMatch)
    assert len(rows) == 215 and len(set(rows)) == 215
    assert "peace-stability-freedom-of-navigation" not in rows and "leaders-2021/a41" in rows
    assert '<p class="count">215 commitments.</p>' in body
    assert "<script" not in body  # it works without JavaScript (and under the server's CSP)
    assert "script-src" not in headers["Content-Security-Policy"]
    assert '<a href="/commitments">Commitments</a>' in body  # the header's link
    row = re.search(r'<tr data-key="kidd-21/a28">(.*?)</tr>', body).group(1)
    cells = [text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    assert cells == ["Commitment: hold the Extended Deterrence Strategy and Consultation Group (EDSCG) in September 2022",
                     "Heo Tae-keun, Siddharth Mohandas", "2022-08-16",
                     "Joint Press Statement for the 21st Korea-U.S. Integrated Defense Dialogue", "commitment",
                     "extended deterrence", "fulfilled",
                     "Joint Statement on the Extended Deterrence Strategy and Consultation Group Meeting"]


@pytest.mark.parametrize("query, count", [
    ("status=fulfilled", 4), ("status=open", 211), ("party=state/usa", 45), ("statement=kidd-21", 25),
    ("topic=deterrence", 19), ("statement=kidd-21&status=fulfilled", 1),
])
def test_filters_narrow_the_rows(server, query, count):
    status, body, _ = get(server, "/commitments?" + query)
    assert status == 200 and len(keys(body)) == count
    for name, value in urllib.parse.parse_qsl(query):  # the form shows the choice
        assert f'<option value="{value}" selected>' in body


def test_fulfilled_ones(server):
    _, body, _ = get(server, "/commitments?status=fulfilled")
    assert keys(body) == ["leaders-2022/a09", "kidd-21/a28", "washington-declaration-2023/a10",
                          "washington-declaration-2023/a16"]


@pytest.mark.parametrize("query, message", [
    ("status=nope", "no commitment has status `nope` (the status values are: fulfilled, open)."),
    ("colour=red", "there is no filter `colour` (the filters are statement, party, topic, status)."),
])
def test_a_bad_filter_is_a_clear_400(server, query, message):
    status, body, _ = get(server, "/commitments?" + query)
    assert status == 400 and keys(body) == []
    assert message in html.unescape(body)


def test_a_commitments_life(server):
    status, body, _ = get(server, "/commitments/kidd-21/a28")
    assert status == 200
    assert steps(body) == [("made", "kidd-21", "2022-08-16"), ("fulfilled", "edscg-3", "2022-09-16")]
    assert '<ol class="timeline">' in body and "<script" not in body
    marks = [text(m) for m in re.findall(r"<mark>(.*?)</mark>", body)]
    assert marks == ["the leaders committed to hold the Extended Deterrence Strategy and Consultation Group (EDSCG) in September 2022",
                     "held an Extended Deterrence Strategy and Consultation Group (EDSCG) meeting"]
    assert "fulfilled as of Joint Statement on the Extended Deterrence Strategy and Consultation Group Meeting (2022-09-16)" in text(body)


def test_a_restated_commitments_life_in_order(server):
    _, body, _ = get(server, "/commitments/us-defense-of-rok")
    assert steps(body) == [
        ("restated", "leaders-2021", "2021-05-21"), ("restated", "leaders-2022", "2022-05-21"),
        ("restated", "kidd-21", "2022-08-16"), ("named", "edscg-3", "2022-09-16"),
        ("restated", "scm-54", "2022-11-03"), ("restated", "washington-declaration-2023", "2023-04-26"),
        ("restated", "washington-declaration-2023", "2023-04-26"), ("restated", "ncg-1", "2023-07-18"),
        ("restated", "trilateral-camp-david-2023", "2023-08-18"), ("named", "edscg-4", "2023-09-15"),
        ("restated", "kidd-23", "2023-09-18"), ("restated", "ncg-2", "2023-12-15")]
    assert body.count("<mark>") == 12


def test_an_unknown_commitment_is_404(server):
    status, body, _ = get(server, "/commitments/kidd-21/a999")
    assert status == 404 and "there is no commitment `kidd-21/a999`" in html.unescape(body)


def test_the_commitment_page_links_to_its_life(server):
    _, body, _ = get(server, "/page/id/commitment/kidd-21/a28")
    assert '<a class="life" href="/commitments/kidd-21/a28">' in body


def citations(body: str) -> list[str]:
    return [html.unescape(c) for c in re.findall(r'<span class="cite">Cite as: <code>(.*?)</code>', body)]


def test_an_act_page_cites_its_statement(server):
    _, body, _ = get(server, "/page/id/act/kidd-21/a07")
    assert citations(body) == [
        "United States, “Joint Press Statement for the 21st Korea-U.S. Integrated Defense Dialogue”, Seoul, "
        "August 16-17, 2022, act a07, https://w3id.org/kidd-kg/id/act/kidd-21/a07"]
    # the evidence: each quoted part once, marked in its sentence, with the facts it carries
    rows = re.findall(r'<td class="words">(.*?)</td><td><ul class="carries">(.*?)</ul>', body)
    marks = [text(m.group(1)) for m in (re.search(r"<mark>(.*?)</mark>", w) for w, _ in rows) if m]
    assert len(marks) == len(set(marks)) and marks[:2] == [
        "The two sides affirmed that, should the DPRK conduct a nuclear test, the ROK and the U.S. will engage in a "
        "strong and firm bilateral response, to include options to deploy U.S. strategic assets to the region",
        "The two sides"]
    assert [text(li) for li in re.findall(r"<li>(.*?)</li>", rows[1][1])] == [
        "agent phrase: The two sides", "said by: ROK delegation to the 21st KIDD", "said by: U.S. delegation to the 21st KIDD"]
    assert sum(r[1].count("<li>") for r in rows) == body[body.index("<h2>Evidence"):].count("<li>")


def test_an_entity_page_cites_its_statements(server):
    _, body, _ = get(server, "/page/id/statement/edscg-3")
    assert citations(body) == [
        "“Joint Statement on the Extended Deterrence Strategy and Consultation Group Meeting”, Washington, D.C., "
        "16 September 2022, https://www.mnd.go.kr/user/boardList.action?command=view&page=11&boardId=I_8576246"
        "&boardSeq=I_10101001&titleId=null&siteId=mndEN&id=mndEN_020600000000&column=null&search=null, "
        "https://w3id.org/kidd-kg/id/statement/edscg-3"]
    _, body, _ = get(server, "/page/id/person/heo-tae-keun")
    cites = citations(body)
    assert "<h2>Statement" in body and cites
    assert all(c.endswith(", person heo-tae-keun, https://w3id.org/kidd-kg/id/person/heo-tae-keun") for c in cites)
    assert cites[0].startswith("United States, “Joint Press Statement for the 21st Korea-U.S. Integrated Defense Dialogue”")
