// The network page: Chart.js charts from the page's JSON, and the cytoscape graph.
(function () {
  "use strict";

  const css = (name, fallback) =>
    getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
  const PALETTE = ["#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#827717"];

  function circleColours(circles) {
    const colours = {};
    circles.forEach((c, i) => { colours[c.slug] = PALETTE[i % PALETTE.length]; });
    return colours;
  }

  function bar(id, labels, datasets, options) {
    const canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return null;
    return new Chart(canvas, {
      type: "bar",
      data: { labels, datasets },
      options: Object.assign({
        responsive: true,
        animation: false,
        plugins: { legend: { display: datasets.length > 1, labels: { color: css("--pico-color", "#333") } } },
        scales: {
          x: { ticks: { color: css("--pico-muted-color", "#666") }, grid: { display: false } },
          y: { beginAtZero: true, ticks: { precision: 0, color: css("--pico-muted-color", "#666") } },
        },
      }, options || {}),
    });
  }

  function charts(data, words) {
    const colours = circleColours(data.circles);
    bar("chart-circles", data.circles.map((c) => c.label),
      [{ label: words.people, data: data.circles.map((c) => c.people),
         backgroundColor: data.circles.map((c) => colours[c.slug]) }]);
    bar("chart-layers", data.layers.map((l) => l.label), [
      { label: words.people, data: data.layers.map((l) => l.people), backgroundColor: PALETTE[1] },
      { label: words.typical, data: data.layers.map((l) => l.typical), backgroundColor: "#9e9e9e66" },
    ], { indexAxis: "y", scales: { x: { type: "logarithmic", min: 1 } } });
    bar("chart-strength", data.strength.map((s) => s.band),
      [{ label: words.people, data: data.strength.map((s) => s.people), backgroundColor: PALETTE[0] }]);
    bar("chart-trend", data.people_by_quarter.map((q) => q.quarter),
      [{ label: words.people, data: data.people_by_quarter.map((q) => q.people), backgroundColor: PALETTE[2] }]);
    bar("chart-started", data.started_by_quarter.map((q) => q.quarter), [
      { label: words.me, data: data.started_by_quarter.map((q) => q.me), backgroundColor: PALETTE[1] },
      { label: words.them, data: data.started_by_quarter.map((q) => q.them), backgroundColor: PALETTE[2] },
      { label: words.mutual, data: data.started_by_quarter.map((q) => q.mutual), backgroundColor: "#9e9e9e" },
    ], { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } });
    return colours;
  }

  function graph(container, colours, words) {
    const status = document.getElementById("graph-status");
    fetch(container.dataset.source, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((network) => {
        const elements = [{ data: { id: "me", label: words.you, layer: -1, strength: 100 }, classes: "me" }];
        network.nodes.forEach(([id, name, circle, strength, layer]) => {
          elements.push({ data: { id: "p" + id, pid: id, label: name, layer, strength,
                                  colour: colours[circle] || "#9e9e9e" } });
          elements.push({ data: { id: "t" + id, source: "me", target: "p" + id, strength }, classes: "tie" });
        });
        network.links.forEach(([a, b], i) => {
          elements.push({ data: { id: "l" + i, source: "p" + a, target: "p" + b }, classes: "link" });
        });
        const big = network.nodes.length > 800;
        const cy = cytoscape({
          container,
          elements,
          minZoom: 0.05,
          maxZoom: 4,
          hideEdgesOnViewport: big,
          textureOnViewport: big,
          pixelRatio: big ? 1 : "auto",
          style: [
            { selector: "node", style: {
                "background-color": "data(colour)", width: "mapData(strength, 0, 100, 6, 26)",
                height: "mapData(strength, 0, 100, 6, 26)", label: "data(label)", "font-size": 9,
                color: css("--pico-color", "#333"), "min-zoomed-font-size": 8, "text-valign": "bottom" } },
            { selector: "node.me", style: { "background-color": css("--pico-contrast", "#222"), width: 30, height: 30, "font-size": 12 } },
            { selector: "edge.tie", style: { width: "mapData(strength, 0, 100, 0.2, 5)", "line-color": "#64b5f6", opacity: 0.35 } },
            { selector: "edge.link", style: { width: 0.5, "line-color": "#9e9e9e", opacity: 0.4 } },
            { selector: "node.found", style: { "border-width": 4, "border-color": "#e53935", "font-size": 14, "z-index": 10 } },
          ],
          layout: {
            name: "concentric",
            concentric: (node) => 10 - (node.data("layer") + 1),
            levelWidth: () => 1,
            minNodeSpacing: big ? 2 : 8,
            animate: false,
          },
        });
        cy.on("tap", "node", (event) => {
          const pid = event.target.data("pid");
          if (pid) window.location.href = container.dataset.personUrl.replace("/0/", "/" + pid + "/");
        });
        const query = document.getElementById("graph-query");
        query.addEventListener("input", () => {
          const text = query.value.trim().toLowerCase();
          cy.nodes(".found").removeClass("found");
          container.dataset.found = "0";
          if (text.length < 2) return;
          const found = cy.nodes().filter((n) => (n.data("label") || "").toLowerCase().includes(text));
          found.addClass("found");
          container.dataset.found = String(found.length);
          if (found.length) cy.animate({ fit: { eles: found, padding: 80 } }, { duration: 200 });
        });
        container.dataset.ready = String(network.nodes.length);
        status.textContent = "";
      })
      .catch((error) => { status.textContent = String(error); });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const data = JSON.parse(document.getElementById("network-data").textContent);
    const words = JSON.parse(document.getElementById("network-words").textContent);
    const colours = charts(data, words);
    const container = document.getElementById("graph");
    if (container && window.cytoscape) graph(container, colours, words);
  });
})();
