// YASGUI on Ashyq's endpoint, with the README's example queries one click away and two result
// views YASGUI lacks: a map (Leaflet) for rows with coordinates and a chart (Chart.js) for rows
// of numbers. All three libraries are served from the jar.
(function () {
  "use strict";

  var GEO = "http://www.opengis.net/ont/geosparql#wktLiteral";
  var NUMERIC = /#(integer|decimal|double|float|long|int|short|nonNegativeInteger|positiveInteger|gYear)$/;
  var WKT_POINT = /^\s*(?:<[^>]*>\s*)?POINT\s*\(\s*(-?[\d.]+(?:e-?\d+)?)\s+(-?[\d.]+(?:e-?\d+)?)\s*\)\s*$/i;

  function icon(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  /** Points from rows: ?lat and ?long (or ?lon) columns, or any WKT POINT literal. */
  function points(yasr) {
    var vars = yasr.results.getVariables();
    var out = [];
    yasr.results.getBindings().forEach(function (row) {
      var lat, lon;
      var latVar = vars.filter(function (v) { return /^lat(itude)?$/i.test(v); })[0];
      var lonVar = vars.filter(function (v) { return /^(long|lon|lng|longitude)$/i.test(v); })[0];
      if (latVar && lonVar && row[latVar] && row[lonVar]) {
        lat = parseFloat(row[latVar].value);
        lon = parseFloat(row[lonVar].value);
      } else {
        vars.forEach(function (v) {
          var m = row[v] && row[v].datatype === GEO && WKT_POINT.exec(row[v].value);
          if (m) { lon = parseFloat(m[1]); lat = parseFloat(m[2]); }
        });
      }
      if (isFinite(lat) && isFinite(lon)) {
        var label = vars.map(function (v) { return row[v] ? row[v].value : ""; }).filter(Boolean)[0];
        out.push({ lat: lat, lon: lon, label: label, href: firstIri(vars, row) });
      }
    });
    return out;
  }

  function firstIri(vars, row) {
    for (var i = 0; i < vars.length; i++) {
      if (row[vars[i]] && row[vars[i]].type === "uri") return row[vars[i]].value;
    }
    return null;
  }

  function MapPlugin(yasr) { this.yasr = yasr; this.priority = 5; this.label = "Map"; }
  MapPlugin.prototype.canHandleResults = function () {
    return !!(window.L && this.yasr.results && this.yasr.results.getBindings && points(this.yasr).length > 0);
  };
  MapPlugin.prototype.getIcon = function () { return icon("🗺"); };
  MapPlugin.prototype.draw = function () {
    var host = document.getElementById("yasgui");
    var el = document.createElement("div");
    el.className = "map";
    this.yasr.resultsEl.appendChild(el);
    var map = L.map(el);
    if (host.dataset.tiles) {
      L.tileLayer(host.dataset.tiles, { attribution: String(host.dataset.attribution || "").replace(/[&<>"']/g, function (c) {
        return "&#" + c.charCodeAt(0) + ";"; // Leaflet takes attribution as HTML only
      }) }).addTo(map);
    } else {
      el.classList.add("plain");
    }
    var bounds = [];
    points(this.yasr).forEach(function (p) {
      var m = L.circleMarker([p.lat, p.lon], { radius: 6, color: "#0a6aa1" }).addTo(map);
      // an element, not a string: Leaflet parses strings as HTML, and results hold CSV cells
      m.bindTooltip(icon(p.label || ""));
      bounds.push([p.lat, p.lon]);
    });
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
  };

  /** A line chart when the first column labels rows and at least one other column is numeric. */
  function ChartPlugin(yasr) { this.yasr = yasr; this.priority = 4; this.label = "Chart"; }
  ChartPlugin.prototype.numericVars = function () {
    var bindings = this.yasr.results.getBindings();
    var vars = this.yasr.results.getVariables();
    return vars.slice(1).filter(function (v) {
      return bindings.length > 0 && bindings.every(function (row) {
        return row[v] && row[v].type === "literal" && NUMERIC.test(row[v].datatype || "");
      });
    });
  };
  ChartPlugin.prototype.canHandleResults = function () {
    return !!(window.Chart && this.yasr.results && this.yasr.results.getBindings && this.numericVars().length > 0);
  };
  ChartPlugin.prototype.getIcon = function () { return icon("📈"); };
  ChartPlugin.prototype.draw = function () {
    var vars = this.yasr.results.getVariables();
    var rows = this.yasr.results.getBindings();
    var box = document.createElement("div");
    box.className = "chart";
    var canvas = document.createElement("canvas");
    box.appendChild(canvas);
    this.yasr.resultsEl.appendChild(box);
    new Chart(canvas, {
      type: "line",
      data: {
        labels: rows.map(function (r) { return r[vars[0]] ? r[vars[0]].value : ""; }),
        datasets: this.numericVars().map(function (v) {
          return { label: v, data: rows.map(function (r) { return Number(r[v].value); }), pointRadius: 2 };
        })
      },
      options: { animation: false, maintainAspectRatio: false }
    });
  };

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("yasgui");
    if (!el || !window.Yasgui) return;
    Yasgui.Yasr.registerPlugin("map", MapPlugin);
    Yasgui.Yasr.registerPlugin("chart", ChartPlugin);
    Yasgui.Yasqe.defaults.value = el.dataset.query;
    var yasgui = new Yasgui(el, {
      requestConfig: { endpoint: location.origin + "/sparql", method: "POST" },
      copyEndpointOnNewTab: false,
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: location.origin + "/sparql" }]; } }
    });
    window.ashyqYasgui = yasgui;
    document.querySelectorAll("a[data-query]").forEach(function (a) {
      a.addEventListener("click", function (e) {
        e.preventDefault();
        var tab = yasgui.getTab();
        tab.setQuery(a.dataset.query);
        tab.query();
      });
    });
  });
})();
