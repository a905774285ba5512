// Explorable figures: sliders over a grid of settings computed at build time
// (vaultsite/explorables.py). The data loads when the box scrolls into view; each
// move of a slider redraws the chosen grid point's series as SVG paths and shows
// its numbers. Without JavaScript the box stays hidden and the static figure shows.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 420, HEIGHT = 280;
  const BOX = { left: 64, top: 12, width: WIDTH - 64 - 16, height: HEIGHT - 12 - 50 };
  const LINE_CLASSES = { line: "vault-explorable__line", both: "vault-explorable__line",
    dashed: "vault-explorable__line vault-explorable__line--dashed",
    dotted: "vault-explorable__line vault-explorable__line--dotted" };
  const SUPERSCRIPT = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵",
    "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };

  function element(name, attributes, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    if (parent) parent.append(node);
    return node;
  }

  function formatNumber(value) {
    if (Number.isInteger(value)) return String(value);
    const size = Math.abs(value);
    if (size !== 0 && (size < 1e-3 || size >= 1e5)) {
      const [mantissa, exponent] = value.toExponential(2).split("e");
      return `${Number(mantissa)}·10${[...String(Number(exponent))].map(c => SUPERSCRIPT[c]).join("")}`;
    }
    return String(Number(value.toPrecision(3)));
  }

  // The fraction of the axis at which a value sits, as the build quantised it
  function fraction(value, lo, hi, log) {
    return log ? (Math.log10(value) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
      : (value - lo) / (hi - lo);
  }

  function drawAxes(svg, panel, labels, index, box) {
    const clip = `${box.dataset.id}-clip-${index}`;
    const defs = element("defs", {}, svg);
    element("rect", { x: BOX.left, y: BOX.top, width: BOX.width, height: BOX.height },
      element("clipPath", { id: clip }, defs));
    const axes = element("g", { class: "vault-explorable__axes" }, svg);
    element("rect", { x: BOX.left, y: BOX.top, width: BOX.width, height: BOX.height,
      class: "vault-explorable__frame" }, axes);
    // the ticks and their words are the static figure's (snippets.core.tick_labels)
    for (const [value, text] of panel.xticks) {
      const x = BOX.left + fraction(value, panel.x[0], panel.x[1], panel.xlog) * BOX.width;
      element("line", { x1: x, x2: x, y1: BOX.top + BOX.height, y2: BOX.top + BOX.height + 4 }, axes);
      element("text", { x, y: BOX.top + BOX.height + 19, "text-anchor": "middle" }, axes).textContent = text;
    }
    for (const [value, text] of panel.yticks) {
      const y = BOX.top + (1 - fraction(value, panel.y[0], panel.y[1], panel.ylog)) * BOX.height;
      element("line", { x1: BOX.left - 4, x2: BOX.left, y1: y, y2: y }, axes);
      element("text", { x: BOX.left - 7, y: y + 5, "text-anchor": "end" }, axes).textContent = text;
    }
    element("text", { x: BOX.left + BOX.width / 2, y: HEIGHT - 6, "text-anchor": "middle",
      class: "vault-explorable__label" }, axes).textContent = labels.x;
    element("text", { x: 14, y: BOX.top + BOX.height / 2, "text-anchor": "middle",
      transform: `rotate(-90 14 ${BOX.top + BOX.height / 2})`, class: "vault-explorable__label" },
    axes).textContent = labels.y;
    return element("g", { "clip-path": `url(#${clip})` }, svg);
  }

  // Pixel coordinates of one series: undo the build's differences, scale to the box
  function pixels(flat, levels) {
    const points = [];
    let x = null, y = null;
    for (let i = 0; i < flat.length; i += 2) {
      if (flat[i] === null) { points.push(null); x = null; continue; }
      if (x === null) { x = flat[i]; y = flat[i + 1]; } else { x += flat[i]; y += flat[i + 1]; }
      points.push([(BOX.left + x / levels * BOX.width).toFixed(1),
        (BOX.top + (1 - y / levels) * BOX.height).toFixed(1)]);
    }
    return points;
  }

  function seriesPaths(points) {
    let line = "", markers = "", pen = false;
    for (const point of points) {
      if (point === null) { pen = false; continue; }
      line += `${pen ? "L" : "M"}${point[0]} ${point[1]}`;
      markers += `M${point[0]} ${point[1]}h0`; // a dot: a round cap on a line of no length
      pen = true;
    }
    return { line, markers };
  }

  function start(box, data) {
    const axes = JSON.parse(box.dataset.axes), words = JSON.parse(box.dataset.words);
    const chart = box.querySelector(".vault-explorable__chart");
    const layers = data.panels.map((panel, index) => {
      const svg = element("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
        "aria-label": `${axes[index].y} / ${axes[index].x}` }, chart);
      return drawAxes(svg, panel, axes[index], index, box);
    });
    // what every setting draws (a loss's contours) goes once, under the changing paths
    const backgrounds = layers.map(layer => {
      const group = element("g", { class: "vault-explorable__background",
        "clip-path": layer.getAttribute("clip-path") });
      layer.before(group);
      return group;
    });
    const always = new Set();
    for (const [panel, color, style, flat] of data.background) {
      const { line } = seriesPaths(pixels(flat, data.levels));
      element("path", { d: line, stroke: color, class: LINE_CLASSES[style] }, backgrounds[panel]);
      always.add(`${color} ${style}`);
    }
    const inputs = data.sliders.map(s => box.querySelector(`[data-slider="${s.name}"]`));
    const numbers = box.querySelectorAll("[data-number]");
    const legend = box.querySelectorAll(".vault-explorable__legend [data-key]");

    function drawPath(layer, index, d, color, kind) {
      const path = layer.children[index] || element("path", {}, layer);
      path.setAttribute("d", d);
      path.setAttribute("stroke", color);
      path.setAttribute("class", kind);
    }

    function chosen() {
      return inputs.map(input => (input.type === "checkbox" ? Number(input.checked) : Number(input.value)));
    }

    function update() {
      let frame = 0;
      chosen().forEach((position, i) => { frame = frame * data.sliders[i].values.length + position; });
      box.dataset.frame = String(frame);
      // the same path elements are kept and only their d changes: less for the browser to redo
      const used = layers.map(() => 0);
      const drawn = new Set(always);
      for (const [panel, color, style, flat] of data.frames[frame].s) {
        const { line, markers } = seriesPaths(pixels(flat, data.levels));
        if (style !== "markers") {
          drawPath(layers[panel], used[panel]++, line, color, LINE_CLASSES[style]);
        }
        if (style === "markers" || style === "both") {
          drawPath(layers[panel], used[panel]++, markers, color, "vault-explorable__markers");
        }
        drawn.add(`${color} ${style}`);
      }
      layers.forEach((layer, panel) => {
        while (layer.children.length > used[panel]) layer.lastChild.remove();
      });
      // the legend names only what this setting draws
      for (const entry of legend) entry.hidden = !drawn.has(entry.dataset.key);
      for (const output of numbers) {
        const value = data.frames[frame].n[output.dataset.number];
        const shown = typeof value === "string" ? words[value] : formatNumber(value);
        if (output.textContent !== shown) output.textContent = shown;
        output.classList.toggle("vault-explorable__word", typeof value === "string");
      }
      inputs.forEach((input, i) => {
        if (input.type !== "range") return;
        const value = data.sliders[i].values[Number(input.value)];
        const unit = input.dataset.unit;
        input.setAttribute("aria-valuetext", `${formatNumber(value)}${unit ? " " + unit : ""}`);
        const field = box.querySelector(`[data-for="${input.id}"]`);
        if (document.activeElement !== field) field.value = String(value);
      });
    }

    inputs.forEach((input, i) => {
      input.addEventListener(input.type === "checkbox" ? "change" : "input", update);
      if (input.type !== "range") return;
      const field = box.querySelector(`[data-for="${input.id}"]`);
      field.addEventListener("change", () => {
        const wanted = Number(field.value), values = data.sliders[i].values;
        if (!Number.isFinite(wanted)) return;
        let nearest = 0;
        values.forEach((v, k) => { if (Math.abs(v - wanted) < Math.abs(values[nearest] - wanted)) nearest = k; });
        input.value = String(nearest);
        field.value = String(values[nearest]);
        update();
      });
    });
    update();
    box.hidden = false;
  }

  function load(box) {
    fetch(box.dataset.src)
      .then(response => (response.ok ? response.json() : Promise.reject(new Error(response.status))))
      .then(data => start(box, data))
      .catch(() => {}); // the static figure above stays the figure
  }

  function init() {
    const boxes = document.querySelectorAll(".vault-explorable[data-src]");
    boxes.forEach((box, i) => { box.dataset.id = `vault-explorable-${i}`; });
    if (!("IntersectionObserver" in window)) { boxes.forEach(load); return; }
    // a hidden box has no size to intersect with: watch what stands before it, the figure
    const watched = new Map();
    const observer = new IntersectionObserver(entries => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        load(watched.get(entry.target));
      }
    }, { rootMargin: "400px 0px" });
    boxes.forEach(box => {
      const anchor = box.previousElementSibling || box.parentElement;
      watched.set(anchor, box);
      observer.observe(anchor);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
