// faultline report: interaction over charts drawn server-side. Reads the DOM only; no data
// from articles is ever evaluated as code.
(function () {
  "use strict";
  var doc = document;

  function all(selector, root) {
    return Array.prototype.slice.call((root || doc).querySelectorAll(selector));
  }

  // Events table: a text filter over the visible columns.
  var input = doc.getElementById("event-filter");
  var counter = doc.getElementById("event-filter-count");
  var rows = all("#events-table tbody tr");
  if (input) {
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (tr) {
        var hit = !query || tr.textContent.toLowerCase().indexOf(query) >= 0;
        tr.hidden = !hit;
        if (hit) { shown += 1; }
      });
      if (counter) { counter.textContent = shown + " of " + rows.length + " rows"; }
    });
  }

  // Timeline legend: buttons toggle a QuadClass on and off.
  all("button[data-toggle-quad]").forEach(function (button) {
    button.addEventListener("click", function () {
      var chart = doc.getElementById(button.getAttribute("data-chart"));
      var cls = "hide-q" + button.getAttribute("data-toggle-quad");
      if (!chart) { return; }
      chart.classList.toggle(cls);
      button.classList.toggle("off", chart.classList.contains(cls));
    });
  });

  // Actor network: hovering a node brings its edges forward.
  var net = doc.getElementById("network-svg");
  if (net) {
    var edges = all("line.edge", net);
    var nodes = all("g.nd", net);
    nodes.forEach(function (node) {
      var code = node.getAttribute("data-node");
      node.addEventListener("mouseenter", function () {
        net.classList.add("focus");
        node.classList.add("on");
        edges.forEach(function (edge) {
          var on = edge.getAttribute("data-a") === code || edge.getAttribute("data-b") === code;
          edge.classList.toggle("on", on);
        });
      });
      node.addEventListener("mouseleave", function () {
        net.classList.remove("focus");
        node.classList.remove("on");
        edges.forEach(function (edge) { edge.classList.remove("on"); });
      });
    });
  }

  // A link into a closed <details> opens it, so the sentence is visible.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? doc.getElementById(id) : null;
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
    if (el) { el.scrollIntoView({block: "center"}); }
  }
  window.addEventListener("hashchange", openTarget);
  if (location.hash) { openTarget(); }

  // Mark the charts that have content; tests and users can see the page came up whole.
  var charts = all("svg.chart");
  var drawn = 0;
  charts.forEach(function (svg) {
    if (svg.childElementCount > 0) {
      svg.setAttribute("data-rendered", "1");
      drawn += 1;
    }
  });
  doc.documentElement.setAttribute("data-charts", String(charts.length));
  doc.documentElement.setAttribute("data-rendered", String(drawn));
})();
