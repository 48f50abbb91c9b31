// thresher report: draws the page's charts as inline SVG from the JSON in #report-data.
// No library and no network: the page is one file that opens anywhere. Every bar carries its
// number in data-value (and a tooltip), so what a chart shows can be checked against stats.json.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("report-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";

  function fmt(n) {
    if (typeof n !== "number") return String(n);
    if (Number.isInteger(n)) return n.toLocaleString("en-US");
    return Math.abs(n) >= 100 ? n.toLocaleString("en-US", {maximumFractionDigits: 1}) : String(+n.toPrecision(3));
  }

  function pct(n, total) {
    return total > 0 ? (100 * n / total).toFixed(1) + "%" : "";
  }

  function node(tag, attrs, parent, text) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function tooltip(e, text) {
    node("title", {}, e, text);
  }

  // Horizontal bars, one row each: {label, value, cls, note}; value text after the bar.
  function hbars(holder, rows, opts) {
    opts = opts || {};
    var labelW = opts.labelWidth || 280, barW = 380, rowH = 20, w = labelW + barW + 150;
    var most = Math.max.apply(null, rows.map(function (r) { return r.value; }).concat([1]));
    var svg = node("svg", {width: w, height: rows.length * rowH + 4, "class": "hbars", role: "img"}, holder);
    rows.forEach(function (r, i) {
      var y = i * rowH + 2;
      var g = node("g", {"class": "row", "data-label": r.label}, svg);
      node("text", {x: labelW - 6, y: y + 14, "text-anchor": "end", "class": "label"}, g, r.label.length > 42 ? r.label.slice(0, 40) + "…" : r.label);
      var len = Math.max(r.value > 0 ? 1 : 0, barW * Math.max(r.value, 0) / most);
      var rect = node("rect", {x: labelW, y: y + 3, width: len.toFixed(1), height: rowH - 6, "class": "bar " + (r.cls || ""),
        "data-label": r.label, "data-value": r.value}, g);
      var shown = fmt(r.value) + (opts.total ? "  " + pct(r.value, opts.total) : "") + (r.note ? "  " + r.note : "");
      tooltip(rect, r.label + ": " + shown);
      node("text", {x: labelW + len + 6, y: y + 14, "class": "value"}, g, shown);
    });
    return svg;
  }

  // Stacked horizontal bars: rows {label, parts: [{name, value, cls}]}.
  function stacked(holder, rows, opts) {
    opts = opts || {};
    var labelW = 120, barW = 460, rowH = 20, w = labelW + barW + 200;
    var most = Math.max.apply(null, rows.map(function (r) {
      return r.parts.reduce(function (a, p) { return a + p.value; }, 0);
    }).concat([1]));
    var svg = node("svg", {width: w, height: rows.length * rowH + 4, "class": "stacked", role: "img"}, holder);
    rows.forEach(function (r, i) {
      var y = i * rowH + 2, x = labelW, total = 0;
      var g = node("g", {"class": "row", "data-label": r.label}, svg);
      node("text", {x: labelW - 6, y: y + 14, "text-anchor": "end", "class": "label"}, g, r.label);
      r.parts.forEach(function (p) {
        var len = barW * p.value / most;
        var rect = node("rect", {x: x.toFixed(1), y: y + 3, width: len.toFixed(1), height: rowH - 6, "class": "bar " + p.cls,
          "data-label": r.label, "data-part": p.name, "data-value": p.value}, g);
        tooltip(rect, r.label + ", " + p.name + ": " + fmt(p.value));
        x += len;
        total += p.value;
      });
      node("text", {x: x + 6, y: y + 14, "class": "value"}, g, r.parts.map(function (p) { return fmt(p.value) + " " + p.name; }).join(", "));
    });
    return svg;
  }

  // One signal's histogram: bars of equal width, one per bin, stacked kept / dropped by this
  // signal's rule / dropped otherwise; each rule's threshold a line at its place in its bin.
  function histogram(holder, s, logY) {
    var W = 430, H = 150, left = 44, bottom = 34, top = 24, plotW = W - left - 10, plotH = H - top - bottom;
    var bins = s.bins, n = bins.length;
    var total = function (b) { return b[2] + b[3] + b[4]; };
    var most = Math.max.apply(null, bins.map(total).concat([1]));
    var scale = function (v) {
      if (v <= 0) return 0;
      return logY ? plotH * Math.log10(1 + v) / Math.log10(1 + most) : plotH * v / most;
    };
    var bw = plotW / n;
    var svg = node("svg", {width: W, height: H, "class": "hist", role: "img", "data-signal": s.signal}, holder);
    node("text", {x: left, y: 14, "class": "title"}, svg, s.signal);
    node("line", {x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH, "class": "axis"}, svg);
    node("text", {x: left - 4, y: top + 8, "text-anchor": "end", "class": "tick"}, svg, fmt(most));
    node("text", {x: left - 4, y: top + plotH, "text-anchor": "end", "class": "tick"}, svg, "0");
    // [what a tooltip says, index in the bin, css class, the profile's name of the kind]
    var kinds = [["kept", 2, "kept", "kept"], ["dropped by its rule", 3, "drop", "rule"], ["dropped otherwise", 4, "other", "other"]];
    bins.forEach(function (b, i) {
      var x = left + i * bw, y = top + plotH, below = 0;
      var range = (b[0] === null ? "< 0" : fmt(b[0])) + (b[1] === null ? " and above" : " to " + fmt(b[1]));
      kinds.forEach(function (k) {
        var v = b[k[1]];
        if (!v) return;
        var h0 = scale(below), h1 = scale(below + v);
        var rect = node("rect", {x: (x + 0.5).toFixed(1), y: (y - h1).toFixed(1), width: Math.max(bw - 1, 0.6).toFixed(1),
          height: Math.max(h1 - h0, 0.5).toFixed(1), "class": "bar " + k[2], "data-kind": k[3], "data-value": v,
          "data-lo": b[0], "data-hi": b[1]}, svg);
        tooltip(rect, s.signal + " " + range + ": " + fmt(v) + " " + k[0]);
        below += v;
      });
    });
    // x ticks: the first bin, the last, and a few between, at bin edges
    var every = Math.max(1, Math.ceil(n / 5));
    for (var i = 0; i <= n; i += every) tick(i);
    if (n % every) tick(n);
    function tick(i) {
      var v = i < n ? bins[i][0] : bins[n - 1][1];
      if (v === null) return;
      node("text", {x: left + i * bw, y: top + plotH + 13, "text-anchor": "middle", "class": "tick"}, svg, fmt(v));
    }
    s.rules.forEach(function (r, j) {
      var at = whereIs(bins, r.threshold);
      if (at === null) return;
      var x = left + at * bw;
      var line = node("line", {x1: x, y1: top - 2, x2: x, y2: top + plotH, "class": "threshold", "data-reason": r.reason,
        "data-threshold": r.threshold}, svg);
      var others = Object.keys(r.by_language || {}).map(function (l) {
        return l + " " + (r.by_language[l] === null ? "off" : fmt(r.by_language[l]));
      });
      tooltip(line, r.reason + ": dropped when " + r.op + " " + fmt(r.threshold) + (others.length ? " (other thresholds: " + others.join(", ") + ")" : ""));
      var right = x > left + plotW * 0.7;  // near the right edge the label goes to the line's left
      node("text", {x: right ? x - 3 : x + 3, y: top + 8 + 11 * j, "text-anchor": right ? "end" : "start", "class": "threshold-label"},
        svg, r.op + " " + fmt(r.threshold) + (others.length ? " (" + others.length + " languages differ)" : ""));
    });
    node("text", {x: left, y: H - 4, "class": "note"}, svg,
      fmt(s.kept) + " kept, " + fmt(s.rule) + " dropped by its rule, " + fmt(s.other) + " dropped otherwise; values " + fmt(s.min) + " to " + fmt(s.max));
    return svg;
  }

  // A threshold's place on the bar axis: its bin's index plus how far into the bin it is.
  function whereIs(bins, t) {
    for (var i = 0; i < bins.length; i++) {
      var lo = bins[i][0], hi = bins[i][1];
      if (lo === null) { if (t < 0) return i + 0.5; continue; }
      if (t < lo) return i;  // in a gap the bins skip
      if (hi === null || t < hi) return i + (hi === null ? 0 : (t - lo) / (hi - lo));
    }
    return bins.length;
  }

  var drawers = {
    outcomes: function (el) {
      var rows = [{label: "kept", value: D.stats.docs_kept, cls: "kept"}];
      D.stats.dropped.forEach(function (r) { rows.push({label: r[0], value: r[1], cls: "drop"}); });
      hbars(el, rows, {total: D.stats.docs_in});
    },
    chars_by_rule: function (el) {
      hbars(el, D.stats.chars_by_rule.map(function (r) {
        return {label: r[0], value: r[1], cls: r[1] < 0 ? "ins" : "edit", note: "(" + fmt(r[2]) + " edits)"};
      }), {total: D.stats.bytes_in});
    },
    languages: function (el) {
      var metric = el.getAttribute("data-metric") || "documents";
      if (metric === "documents") {
        stacked(el, D.languages.map(function (l) {
          return {label: l.language, parts: [{name: "kept", value: l.kept, cls: "kept"}, {name: "dropped", value: l.docs - l.kept, cls: "drop"}]};
        }));
        return;
      }
      var key = metric === "tokens" ? "tokens_kept" : "chars_kept";
      stacked(el, D.languages.filter(function (l) { return l[key] > 0; }).map(function (l) {
        return {label: l.language, parts: [{name: metric + " kept", value: l[key], cls: "kept"}]};
      }));
    },
    signals: function (el) {
      var logY = document.getElementById("log-y") && document.getElementById("log-y").checked;
      var which = el.getAttribute("data-which");
      D.signals.filter(function (s) { return (s.rules.length > 0) === (which === "ruled"); }).forEach(function (s) {
        histogram(el, s, logY);
      });
    },
    clusters: function (el) {
      var stage = el.getAttribute("data-stage");
      hbars(el, D.clusters[stage].map(function (c) {
        return {label: c[0] + " documents", value: c[1], cls: "edit", note: c[1] === 1 ? "cluster" : "clusters"};
      }), {labelWidth: 140});
    },
    seconds: function (el) {
      hbars(el, D.stats.seconds_by_step.map(function (r) { return {label: r[0], value: r[1], cls: "edit", note: "s"}; }));
    },
    counts: function (el) {
      var key = el.getAttribute("data-key");
      hbars(el, D.stats[key].map(function (r) { return {label: r[0], value: r[1], cls: "drop"}; }));
    }
  };

  function draw(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    var kind = el.getAttribute("data-chart");
    try {
      drawers[kind](el);
      el.setAttribute("data-drawn", "1");
    } catch (err) {
      // said on the page and on the console (which the tests watch): a chart never fails quietly
      el.textContent = "this chart could not be drawn: " + err;
      console.error("thresher report: chart " + kind + ": " + err);
    }
  }

  function drawAll(selector) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), draw);
  }

  drawAll("[data-chart]");
  var logY = document.getElementById("log-y");
  if (logY) logY.addEventListener("change", function () { drawAll("[data-chart=signals]"); });
})();
