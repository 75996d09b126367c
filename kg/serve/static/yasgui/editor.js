// The /sparql editor page: YASGUI on this server's endpoint, offline (no prefix.cc, no LOV,
// no URL shortener, no CORS proxy), the stored queries as tabs. Config from /static/yasgui/config.json.
(function () {
  "use strict";

  // A bar chart of a SELECT answer with a numeric column (the first one), labelled by the first
  // other column: drawn here as SVG (the npm bundle has no chart view), nothing fetched.
  var SVG = "http://www.w3.org/2000/svg";
  function numeric(b) {
    return b && b.type !== "uri" && b.type !== "bnode" && b.value !== "" && isFinite(Number(b.value));
  }
  function short(b) {
    if (!b) return "";
    var v = b.value;
    return b.type === "uri" ? v.replace(/^.*[\/#]/, "") : v;
  }
  function Chart(yasr) { this.yasr = yasr; this.priority = 5; this.label = "Chart"; }
  Chart.prototype.columns = function () {
    var r = this.yasr.results;
    if (!r || !r.getVariables || !r.getBindings) return null;
    var vars = r.getVariables() || [], rows = r.getBindings() || [];
    if (!rows.length) return null;
    var num = vars.filter(function (v) { return rows.every(function (row) { return numeric(row[v]); }); })[0];
    if (!num) return null;
    var lab = vars.filter(function (v) { return v !== num; })[0];
    return { num: num, lab: lab, rows: rows.slice(0, 60) };
  };
  Chart.prototype.canHandleResults = function () { return !!this.columns(); };
  Chart.prototype.getIcon = function () { var s = document.createElement("span"); s.textContent = "▮"; return s; };
  Chart.prototype.draw = function () {
    var c = this.columns(), bar = 22, left = 260, width = 520;
    var max = Math.max.apply(null, c.rows.map(function (r) { return Number(r[c.num].value); }).concat([0]));
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "kg-chart");
    svg.setAttribute("width", String(left + width + 80));
    svg.setAttribute("height", String(c.rows.length * bar + 10));
    c.rows.forEach(function (row, i) {
      var value = Number(row[c.num].value), y = i * bar + 4;
      var text = document.createElementNS(SVG, "text");
      text.setAttribute("x", String(left - 8)); text.setAttribute("y", String(y + 15));
      text.setAttribute("text-anchor", "end"); text.setAttribute("font-size", "12");
      text.textContent = (c.lab ? short(row[c.lab]) : String(i + 1)).slice(0, 40);
      var rect = document.createElementNS(SVG, "rect");
      rect.setAttribute("x", String(left)); rect.setAttribute("y", String(y));
      rect.setAttribute("height", String(bar - 6)); rect.setAttribute("fill", "#183153");
      rect.setAttribute("width", String(max > 0 ? Math.max(1, value / max * width) : 1));
      var val = document.createElementNS(SVG, "text");
      val.setAttribute("x", String(left + (max > 0 ? value / max * width : 0) + 6)); val.setAttribute("y", String(y + 15));
      val.setAttribute("font-size", "12"); val.textContent = row[c.num].value;
      svg.appendChild(text); svg.appendChild(rect); svg.appendChild(val);
    });
    var caption = document.createElement("p");
    caption.textContent = c.num + (c.lab ? " by " + c.lab : "") + (c.rows.length === 60 ? " (the first 60 rows)" : "");
    this.yasr.resultsEl.appendChild(caption);
    this.yasr.resultsEl.appendChild(svg);
  };
  Yasgui.Yasr.registerPlugin("chart", Chart);
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
