// The /sparql editor page: YASGUI on this server's endpoint, offline (no prefix.cc, no LOV,
// no URL shortener, no CORS proxy), the stored queries as tabs. Config from /static/yasgui/config.json.
(function () {
  "use strict";
  fetch("/static/yasgui/config.json").then(function (r) { return r.json(); }).then(function (cfg) {
    var el = document.getElementById("yasgui");
    var yasgui = new Yasgui(el, {
      requestConfig: { endpoint: cfg.endpoint, method: "POST" },
      copyEndpointOnNewTab: false,
      corsProxy: undefined,
      populateFromUrl: false,
      persistenceId: null,
      endpointCatalogueOptions: { getData: function () { return []; } },
      yasqe: { value: cfg.example, autocompleters: ["variables"], createShareableLink: null, showQueryButton: true },
      yasr: { prefixes: cfg.prefixes, persistenceId: null }
    });
    cfg.queries.forEach(function (q) {
      yasgui.addTab(false, { name: q.name, yasqe: { value: q.query }, requestConfig: { endpoint: cfg.endpoint } });
    });
    window.yasgui = yasgui;
    el.setAttribute("data-ready", "true");
  });
})();
