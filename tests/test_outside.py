"""Files from outside: ``kg validate`` never reaches the network and never expands entities
without bound (kg/source/rdf.py). A loopback listener proves no request is made."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path

import pytest

from kg.cli import main
from kg.source.rdf import CONTEXT_IRI, MAX_ENTITY_EXPANSION, check_entities

HERE = Path(__file__).resolve().parent
VALID = HERE / "shapes" / "valid"


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections made to it (and answers none)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()  # the client gets no context: a fetch fails, but it was made

    def close(self) -> None:
        self._stop.set()
        self.thread.join()
        self.sock.close()


@pytest.fixture()
def listener():
    server = Listener()
    yield server
    server.close()


def _jsonld(context) -> str:
    return json.dumps({
        "@context": context,
        "@id": "https://w3id.org/kidd-kg/id/place/seoul",
        "@type": "https://w3id.org/kidd-kg/ontology#City",
    })


@pytest.mark.parametrize("where", ["top", "list", "nested", "import"])
def test_a_remote_jsonld_context_is_refused_without_a_request(where, listener, tmp_path, capsys):
    url = f"http://127.0.0.1:{listener.port}/context.jsonld"
    context = {"top": url, "list": [{"kidd": "https://w3id.org/kidd-kg/ontology#"}, url],
               "nested": {"label": {"@id": "http://www.w3.org/2000/01/rdf-schema#label", "@context": url}},
               "import": {"@import": url}}[where]
    path = tmp_path / "remote.jsonld"
    path.write_text(_jsonld(context), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and url in err and "network" in err and "Traceback" not in err
    assert listener.connections == 0


def test_the_shipped_context_is_resolved_locally(listener, tmp_path, capsys):
    path = tmp_path / "ours.jsonld"
    doc = {"@context": CONTEXT_IRI, "@id": "id:place/seoul", "@type": "City",
           "label": {"en": "Seoul"}, "prefLabel": {"en": "Seoul", "ko": "서울"}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    code = main(["validate", str(path)])
    out = capsys.readouterr().out
    assert code == 1 and "<https://w3id.org/kidd-kg/id/place/seoul>" in out  # read, typed, checked (no evidence)
    assert listener.connections == 0


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
 <rdf:Description rdf:about="https://w3id.org/kidd-kg/id/place/seoul"><rdfs:label>&h;</rdfs:label></rdf:Description>
</rdf:RDF>
"""


def test_nested_entities_are_refused_before_anything_is_expanded(tmp_path, capsys):
    path = tmp_path / "laughs.rdf"
    path.write_text(LAUGHS, encoding="utf-8")
    assert len(LAUGHS.encode()) < 1000
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "refers to another entity" in err and "Traceback" not in err


@pytest.mark.parametrize("dtd, why", [
    ('<!ENTITY x SYSTEM "file:///etc/hostname">', "external entity"),
    ('<!ENTITY % p "x">', "parameter entity"),
])
def test_external_and_parameter_entities_are_refused(dtd, why, tmp_path, capsys):
    path = tmp_path / "entity.rdf"
    path.write_text(LAUGHS.split("<!DOCTYPE")[0] + f"<!DOCTYPE rdf:RDF [ {dtd} ]>\n<rdf:RDF xmlns:rdf="
                    '"http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n', encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    assert why in capsys.readouterr().err


def test_many_references_to_a_plain_entity_are_capped():
    value = "x" * 1000
    body = "&big;" * (MAX_ENTITY_EXPANSION // 1000 + 1)
    data = f'<?xml version="1.0"?><!DOCTYPE r [ <!ENTITY big "{value}"> ]><r>{body}</r>'.encode()
    with pytest.raises(Exception, match="expand to"):
        check_entities(data, "many.rdf")


def test_plain_internal_entities_as_ontology_editors_write_them_are_read(tmp_path, capsys):
    ttl = (VALID / "CityShape.ttl").read_text(encoding="utf-8")
    from rdflib import Graph

    g = Graph().parse(data=ttl, format="turtle")
    xml = g.serialize(format="xml").replace(
        "<rdf:RDF", '<!DOCTYPE rdf:RDF [ <!ENTITY kidd "https://w3id.org/kidd-kg/ontology#"> ]>\n<rdf:RDF', 1)
    xml = xml.replace('"https://w3id.org/kidd-kg/ontology#City"', '"&kidd;City"')
    assert "&kidd;City" in xml
    path = tmp_path / "city.rdf"
    path.write_text(xml, encoding="utf-8")
    assert main(["validate", str(path)]) == 0, capsys.readouterr()
