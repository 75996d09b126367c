"""``kg serve``: the graph as Linked Data — a read-only SPARQL endpoint and entity pages; and
``kg publish`` / ``kg query --endpoint``: the graph on other people's servers.

What the server serves (one process, ``http.server`` from the standard library, one thread per
connection):

``/sparql``
    SPARQL 1.1 Protocol: queries by GET, by POST form-encoded and by POST
    ``application/sparql-query``; ``default-graph-uri`` / ``named-graph-uri``. Results in
    SPARQL JSON, XML, CSV, TSV (and an HTML table for browsers); CONSTRUCT/DESCRIBE in Turtle,
    N-Triples, JSON-LD and RDF/XML — chosen by ``Accept`` or a ``format`` parameter. A GET
    without a query returns the SPARQL Service Description (or a query form, for a browser).
    Read-only: SPARQL Update and Graph Store writes are refused (403; PUT/DELETE/PATCH 405);
    ``SERVICE`` is refused (403), decided on the parsed query, and the workers have no network.
``/id/…``, ``/vocab/…``, ``/ontology``
    ``303 See Other`` (``Vary: Accept``) to ``/page/…`` (HTML) or ``/data/….ttl|.jsonld|.nt|.rdf``.
``/``, ``/queries/<name>``, ``/queries/<name>.rq``
    The stored queries and their answers (a federated one is offered as text, not run).
``/commitments``, ``/commitments/<id>``
    Every commitment as a row, filtered by ``statement``, ``party``, ``topic``, ``status``;
    one commitment's life across the statements as a timeline.
``/statement/``, ``/statement/<id>``, ``/search?q=``
    Each statement's text with its acts marked and its mentions linked; search by name, acronym,
    label or words.
``/static/yasgui/…``
    The vendored YASGUI editor that ``/sparql`` shows a browser (a fixed allow-list of files).
``/dump/kg.nt``
    The whole served graph, as ``kg publish`` uploads it.
``/store?default``, ``/store?graph=IRI``, ``/.well-known/void``
    Graph Store Protocol reads (conneg; writes 405) and the VoID description.

The modules, one concept each:

==================  ===========================================================================
``conneg``          content negotiation and the media types of each kind of answer
``guard``           what a public query may do (the parsed query; no network in the workers)
``workers``         the Oxigraph worker pool: time limit, size cap, replacing a stopped worker
``admission``       the public lane's limits: per client, queue wait, runaway clients
``cache``           rendered pages, kept; a bounded number rendering at once
``site``            the served graph as the pages see it (labels, the document about a thing)
``html``            the page chrome, escaping, terms as links
``pages``           entity pages
``citation``        the statements a thing comes from and a one-line citation of each
``tracker``         ``/commitments``: the commitment tracker and one commitment's life
``tracker_data``    the tracker's data: SPARQL on the stored-query lane
``reader``          ``/statement/<id>``: a statement's text, its acts marked by kind, its mentions linked
``search``          ``/search?q=``: statements, entities and acts by name, acronym, label or words
``listing``         the index, stored-query pages, result tables, the query form
``request``         the request and response the routes see
``routes``          routing; IRIs, pages, documents, stored queries
``protocol``        the SPARQL 1.1 Protocol at ``/sparql`` and the Service Description
``editor``          the YASGUI editor page, its vendored files and its configuration
``store``           Graph Store Protocol reads at ``/store`` and the VoID at ``/.well-known/void``
``server``          the HTTP layer and :class:`Server` (everything running, and stopping it)
``command``         ``kg serve`` on the command line
``publish``         ``kg publish`` (Graph Store PUT) and ``kg query --endpoint``
``uses``            what ``kg.serve`` takes from the rest of the package
==================  ===========================================================================

Public API::

    from kg.serve import start
    server = start(build(only="kidd-21"), port=0)   # a free port; serving in a thread
    print(server.url)                                # http://127.0.0.1:PORT/
    server.close()                                   # stops the server and its workers
"""

from __future__ import annotations

from kg.serve.command import add_parser, cmd_serve
from kg.serve.conneg import negotiate
from kg.serve.publish import (add_endpoint_arguments, add_publish_parser, cmd_publish, cmd_query_endpoint,
                              endpoint_text, remote_query)
from kg.serve.server import Server, start
from kg.serve.workers import QueryEngine

__all__ = [
    "add_parser", "cmd_serve", "start", "Server", "QueryEngine", "negotiate",
    "add_publish_parser", "cmd_publish", "add_endpoint_arguments", "cmd_query_endpoint", "remote_query",
    "endpoint_text",
]
