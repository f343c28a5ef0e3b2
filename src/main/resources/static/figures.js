// Maps (Leaflet) and charts (Chart.js) drawn from the JSON in data- attributes. The page reads
// without them: the same facts are in its text. Both libraries are served from the jar.
(function () {
  "use strict";

  /** An element holding text: what Leaflet is given instead of a string, which it would parse as HTML. */
  function textOf(s) {
    var span = document.createElement("span");
    span.textContent = s == null ? "" : String(s);
    return span;
  }

  /** The operator's tile credit as text: Leaflet takes attribution as HTML only. */
  function escapeHtml(s) {
    return String(s || "").replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }

  function drawMap(el) {
    var points = JSON.parse(el.dataset.points);
    var map = L.map(el, { attributionControl: true, zoomSnap: 0.25 });
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { attribution: escapeHtml(el.dataset.attribution), maxZoom: 18 }).addTo(map);
    } else {
      // No tile server configured: points on a plain background, with a graticule to read them by.
      el.classList.add("plain");
      for (var lat = -80; lat <= 80; lat += 5) {
        L.polyline([[lat, -180], [lat, 180]], { color: "#c9d3de", weight: 1, interactive: false }).addTo(map);
      }
      for (var lon = -180; lon <= 180; lon += 5) {
        L.polyline([[-85, lon], [85, lon]], { color: "#c9d3de", weight: 1, interactive: false }).addTo(map);
      }
    }
    var bounds = [];
    points.forEach(function (p) {
      var marker = L.circleMarker([p.lat, p.lon], { radius: 7, color: "#0a6aa1", weight: 2, fillOpacity: 0.6 });
      // Leaflet inserts a string as HTML: popups and tooltips get elements whose text is the
      // label, never markup, as labels come from CSV cells
      var a = document.createElement(p.href ? "a" : "span");
      if (p.href) a.href = p.href;
      a.textContent = p.label;
      marker.bindPopup(a);
      marker.bindTooltip(textOf(p.label));
      marker.addTo(map);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 11);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
    }
    el.dataset.drawn = String(points.length);
  }

  function drawChart(el) {
    var series = JSON.parse(el.dataset.series);
    var periods = [];
    series.forEach(function (s) {
      s.periods.forEach(function (p) { if (periods.indexOf(p) < 0) periods.push(p); });
    });
    periods.sort();
    var colours = ["#0a6aa1", "#c2571a", "#2f8f46", "#8a3fb3"];
    var canvas = document.createElement("canvas");
    el.appendChild(canvas);
    var chart = new Chart(canvas, {
      type: "line",
      data: {
        labels: periods,
        datasets: series.map(function (s, i) {
          var byPeriod = {};
          s.periods.forEach(function (p, j) { byPeriod[p] = s.values[j]; });
          return {
            label: s.label,
            data: periods.map(function (p) { return p in byPeriod ? byPeriod[p] : null; }),
            borderColor: colours[i % colours.length],
            pointRadius: 2,
            spanGaps: true
          };
        })
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
                 scales: { y: { ticks: { callback: function (v) { return Number(v).toLocaleString(); } } } } }
    });
    el.dataset.drawn = String(chart.data.datasets.reduce(function (n, d) {
      return n + d.data.filter(function (v) { return v !== null; }).length;
    }, 0));
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.L) document.querySelectorAll("div.map[data-points]").forEach(drawMap);
    if (window.Chart) document.querySelectorAll("div.chart[data-series]").forEach(drawChart);
  });
})();
