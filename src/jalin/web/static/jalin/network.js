// The network page: Chart.js charts from the page's JSON, and the cytoscape graph.
(function () {
  "use strict";

  const css = (name, fallback) =>
    getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
  const TIE_LINES = 1000;
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
    // On a narrow screen the layers go by their short names (L0 … L6): the long ones would
    // leave no room for the bars.
    const narrow = window.matchMedia("(max-width: 600px)").matches;
    bar("chart-layers", data.layers.map((l) => (narrow ? l.label.split(" · ")[0] : l.label)), [
      { label: words.people, data: data.layers.map((l) => l.people), backgroundColor: PALETTE[1] },
      { label: words.typical, data: data.layers.map((l) => l.typical), backgroundColor: "#9e9e9e66" },
    ], { indexAxis: "y", scales: { x: { type: "logarithmic", min: 1 }, y: { ticks: { autoSkip: false } } } });
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

  // Rings by layer, the owner in the middle, each ring wide enough for its people (placed
  // here rather than by a cytoscape layout: thousands of nodes place in a millisecond).
  function ringPositions(nodes) {
    const byLayer = new Map();
    nodes.forEach((node) => {
      const layer = node[4];
      if (!byLayer.has(layer)) byLayer.set(layer, []);
      byLayer.get(layer).push(node);
    });
    const positions = new Map();
    let radius = 0;
    [...byLayer.keys()].sort((a, b) => a - b).forEach((layer) => {
      const ring = byLayer.get(layer);
      radius = Math.max(radius + 60, (ring.length * 14) / (2 * Math.PI));
      ring.forEach((node, i) => {
        const angle = (2 * Math.PI * i) / ring.length + layer * 0.37;
        positions.set(node[0], { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
      });
    });
    return positions;
  }

  function graph(container, colours, words) {
    const status = document.getElementById("graph-status");
    fetch(container.dataset.source, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((network) => {
        const big = network.nodes.length > 800;
        const positions = ringPositions(network.nodes);
        const elements = [{ data: { id: "me", label: words.you, layer: -1, strength: 100 },
                            classes: "me", position: { x: 0, y: 0 } }];
        // Nodes come strongest first; a big network draws the line to the owner (its width
        // the tie's strength) for the strongest TIE_LINES, its node size telling the rest.
        network.nodes.forEach(([id, name, circle, strength, layer], i) => {
          elements.push({ data: { id: "p" + id, pid: id, label: name, layer, strength,
                                  colour: colours[circle] || "#9e9e9e" }, position: positions.get(id) });
          if (!big || i < TIE_LINES) {
            elements.push({ data: { id: "t" + id, source: "me", target: "p" + id, strength }, classes: "tie" });
          }
        });
        // Who knows whom: all of it in a small network; in a big one, only around the
        // people found (tens of thousands of lines would hide everything else).
        const linksOf = new Map();
        network.links.forEach(([a, b], i) => {
          const edge = { data: { id: "l" + i, source: "p" + a, target: "p" + b }, classes: "link" };
          if (!big) elements.push(edge);
          else [a, b].forEach((end) => {
            if (!linksOf.has(end)) linksOf.set(end, []);
            linksOf.get(end).push(edge);
          });
        });
        const cy = cytoscape({
          container,
          elements,
          minZoom: 0.02,
          maxZoom: 4,
          hideEdgesOnViewport: big,
          textureOnViewport: big,
          pixelRatio: big ? 1 : "auto",
          style: [
            { selector: "node", style: {
                "background-color": "data(colour)", width: "mapData(strength, 0, 100, 6, 26)",
                height: "mapData(strength, 0, 100, 6, 26)", label: big ? "" : "data(label)", "font-size": 9,
                color: css("--pico-color", "#333"), "min-zoomed-font-size": 8, "text-valign": "bottom" } },
            { selector: "node.me", style: { "background-color": css("--pico-contrast", "#222"), width: 30, height: 30,
                                            "font-size": 12, label: "data(label)" } },
            { selector: "edge.tie", style: { width: "mapData(strength, 0, 100, 0.2, 5)", "line-color": "#64b5f6", opacity: 0.35 } },
            { selector: "edge.link", style: { width: 0.5, "line-color": "#9e9e9e", opacity: 0.4 } },
            { selector: "node.found", style: { "border-width": 4, "border-color": "#e53935", "font-size": 14,
                                               "z-index": 10, label: "data(label)" } },
          ],
          layout: { name: "preset" },
        });
        cy.on("tap", "node", (event) => {
          const pid = event.target.data("pid");
          if (pid) window.location.href = container.dataset.personUrl.replace("/0/", "/" + pid + "/");
        });
        const query = document.getElementById("graph-query");
        query.addEventListener("input", () => {
          const text = query.value.trim().toLowerCase();
          cy.nodes(".found").removeClass("found");
          if (big) cy.remove("edge.link");
          container.dataset.found = "0";
          if (text.length < 2) return;
          const found = cy.nodes().filter((n) => (n.data("label") || "").toLowerCase().includes(text));
          found.addClass("found");
          if (big) {
            const shown = new Map();
            found.slice(0, 50).forEach((n) => (linksOf.get(n.data("pid")) || []).forEach((e) => shown.set(e.data.id, e)));
            cy.add([...shown.values()]);
          }
          container.dataset.found = String(found.length);
          container.dataset.links = String(cy.edges(".link").length);
          if (found.length) cy.animate({ fit: { eles: found, padding: 80 } }, { duration: 200 });
        });
        container.dataset.ready = String(network.nodes.length);
        status.textContent = big ? words.bigGraph : "";
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
