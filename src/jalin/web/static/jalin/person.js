// The person page: the strength over the past year, and ahead (dashed) if nobody gets in touch.
(function () {
  "use strict";

  const css = (name, fallback) =>
    getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

  function draw(canvas, data) {
    const line = css("--pico-primary", "#1565c0");
    const muted = css("--pico-muted-color", "#666");
    // One dataset with two looks: solid for what was, dashed from today on.
    const firstAhead = data.ahead.indexOf(true);
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [{
          label: data.names.past,
          data: data.strength,
          borderColor: line,
          backgroundColor: line + "22",
          fill: true,
          tension: 0.25,
          pointRadius: data.strength.map((_, i) => (i === firstAhead - 1 ? 4 : 0)),
          segment: {
            borderDash: (ctx) => (firstAhead >= 0 && ctx.p1DataIndex >= firstAhead ? [6, 4] : undefined),
          },
        }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => `${data.ahead[item.dataIndex] ? data.names.ahead : data.names.past}: ${item.formattedValue}`,
            },
          },
        },
        scales: {
          x: { ticks: { color: muted, maxTicksLimit: 8 }, grid: { display: false } },
          y: { min: 0, max: 100, ticks: { color: muted, stepSize: 25 } },
        },
      },
    });
    // Ready once drawn: Chart.js paints a responsive chart on the next frame.
    requestAnimationFrame(() => { canvas.dataset.ready = "true"; });
  }

  function start() {
    const canvas = document.getElementById("chart-strength-time");
    if (!canvas || !window.Chart) return;
    fetch(canvas.dataset.src, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((data) => draw(canvas, data))
      .catch((error) => { canvas.dataset.error = String(error); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
