// The network view (GET /network?node=...): a person's or a case's neighbourhood, fetched from the
// JSON API (/api/v1/network/...), drawn as SVG with a small force-directed layout of our own.
//
// What the user may see, and how survivors are masked, is the API's business: this script draws
// what it is given. It never writes a label into the address or the console. Everything in the
// drawing is also in the two tables below it (records and links), which are what keyboard and
// screen-reader users work with; the drawing is one image (role="img") with a count as its name.
//
// The exported SVG is the same scene as the drawing, with presentation attributes only, so it
// renders on its own; the PNG is that SVG drawn into a canvas.
(function () {
  "use strict";
  var root = document.getElementById("network");
  var svg = document.getElementById("network-svg");
  if (!root || !svg || !window.fetch || !window.Map || !window.Set || !window.URLSearchParams) {
    return;
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  var rootId = root.getAttribute("data-node");
  var T = {};
  try {
    T = JSON.parse(root.getAttribute("data-strings") || "{}");
  } catch (e) {
    T = {};
  }

  // A message in the page's language, with %name% filled in.
  function t(key, vars) {
    var s = Object.prototype.hasOwnProperty.call(T, key) ? T[key] : key;
    if (vars) {
      Object.keys(vars).forEach(function (k) {
        s = s.split("%" + k + "%").join(String(vars[k]));
      });
    }
    return s;
  }

  // Dates in numbers, year first, as in the app's other tables; in the Buddhist era when the user
  // asked for it.
  var buddhistEra = root.getAttribute("data-buddhist-era") === "true";

  function showDate(iso) {
    if (!iso || !buddhistEra) {
      return iso || "";
    }
    return String(parseInt(iso.slice(0, 4), 10) + 543) + iso.slice(4);
  }

  function $(id) {
    return document.getElementById(id);
  }

  var form = $("network-controls");
  var kSelect = $("network-k");
  var fromInput = $("network-from");
  var toInput = $("network-to");
  var statusLine = $("network-status");

  // Node kinds: colour, and a shape and letters, so colour is never the only difference.
  var KINDS = {
    person: { color: "#1f5fa8", shape: "circle" },
    organisation: { color: "#6a3d9a", shape: "square" },
    phone: { color: "#a14a12", shape: "diamond" },
    email: { color: "#1b7837", shape: "triangle" },
    address: { color: "#7a5a00", shape: "hexagon" },
    vehicle: { color: "#4d4d4d", shape: "pentagon" },
    bank_account: { color: "#8c2d04", shape: "octagon" },
    online_account: { color: "#b0206e", shape: "triangle-down" },
    "case": { color: "#00695c", shape: "folder" }
  };
  var OTHER_KIND = { color: "#5b6577", shape: "circle" };
  var R = 16; // a node's radius
  var MIN_GAP = 2 * R + 10; // the least distance between two records' centres
  var COLOURS = {
    link: "#9aa4b5",
    path: "#d35400",
    selected: "#f2b705",
    ink: "#1d2430",
    paper: "#ffffff"
  };
  var LAYOUT_W = 800;
  var LAYOUT_H = 560;

  // The view: what has been fetched and merged, and what the user did with it.
  var nodes = new Map(); // id -> node (the API's fields, plus x, y, pinned, expanded)
  var links = new Map(); // "a|b" (a < b) -> { a, b, kinds, from, to }
  var linkKinds = new Map(); // code -> the API's label
  var off = new Set(); // link kinds switched off
  var hubs = new Map(); // id -> degree
  var truncated = false;
  var selected = null;
  var pathFrom = null;
  var pathNodes = new Set();
  var pathLinks = new Set();
  var viewBox = { x: 0, y: 0, w: LAYOUT_W, h: LAYOUT_H };
  var loading = 0;

  // ---------------------------------------------------------------------------------------------
  // Helpers

  function linkKey(a, b) {
    return a < b ? a + "|" + b : b + "|" + a;
  }

  // A deterministic pseudo-random sequence seeded by a string (FNV-1a, then mulberry32).
  function seeded(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    var state = h;
    return function () {
      state = (state + 0x6d2b79f5) >>> 0;
      var r = state;
      r = Math.imul(r ^ (r >>> 15), r | 1);
      r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
      return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
    };
  }

  // "N links, not shown" for a hub the view stops at (not for the record the view is about,
  // whose links the API does give).
  function hubNote(n) {
    return n.hub && n.id !== rootId ? t("hub-note", { n: hubs.get(n.id) || n.degree }) : "";
  }

  function kindOf(n) {
    return KINDS[n.kind] || OTHER_KIND;
  }

  function kindLabel(kind) {
    return T["kind-" + kind] || kind;
  }

  function linkKindLabel(code) {
    return T["lk-" + code] || linkKinds.get(code) || code;
  }

  function short(label) {
    var chars = Array.from(label || "");
    return chars.length > 24 ? chars.slice(0, 23).join("") + "\u2026" : label;
  }

  function setStatus(text) {
    statusLine.textContent = text || "";
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        e.setAttribute(k, attrs[k]);
      });
    }
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    return e;
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Fetching

  function filterParams(p) {
    if (fromInput.value) {
      p.set("from", fromInput.value);
    }
    if (toInput.value) {
      p.set("to", toInput.value);
    }
    if (off.size) {
      var on = [];
      linkKinds.forEach(function (_, code) {
        if (!off.has(code)) {
          on.push(code);
        }
      });
      if (on.length) {
        p.set("kinds", on.join(","));
      }
    }
    return p;
  }

  function getJSON(path, params) {
    loading += 1;
    root.setAttribute("data-state", "loading");
    root.setAttribute("aria-busy", "true");
    return fetch(path + "?" + filterParams(params).toString(), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (r) {
        if (!r.ok) {
          var e = new Error("HTTP " + r.status);
          e.status = r.status;
          throw e;
        }
        return r.json();
      })
      .then(
        function (data) {
          done();
          return data;
        },
        function (e) {
          done();
          throw e;
        }
      );
    function done() {
      loading -= 1;
      if (!loading) {
        root.setAttribute("data-state", "ready");
        root.removeAttribute("aria-busy");
      }
    }
  }

  function failed(e) {
    setStatus(e && e.status === 404 ? t("not-found") : t("load-failed"));
  }

  // Merges a neighbourhood or paths answer into the view; returns the nodes it added. Depths
  // count from the record the view is about: an answer about another record (expand, paths)
  // gives its new records `base` plus their depth in it.
  function merge(data, base) {
    var added = [];
    (data.link_kinds || []).forEach(function (k) {
      if (!linkKinds.has(k.code)) {
        linkKinds.set(k.code, k.label);
      }
    });
    (data.hubs || []).forEach(function (h) {
      hubs.set(h.id, h.degree);
    });
    (data.nodes || []).forEach(function (n) {
      var old = nodes.get(n.id);
      if (old) {
        ["kind", "label", "masked", "pseudonymous", "degree", "hub", "url"].forEach(function (f) {
          old[f] = n[f];
        });
        old.depth = Math.min(old.depth, (base || 0) + n.depth);
      } else {
        var m = {
          id: n.id, kind: n.kind, label: n.label, masked: n.masked, pseudonymous: n.pseudonymous,
          depth: (base || 0) + n.depth, degree: n.degree, hub: n.hub, url: n.url,
          x: NaN, y: NaN, pinned: false, expanded: false
        };
        nodes.set(n.id, m);
        added.push(m);
      }
    });
    (data.links || []).forEach(function (l) {
      var key = linkKey(l.a, l.b);
      var old = links.get(key);
      if (old) {
        (l.kinds || []).forEach(function (k) {
          if (old.kinds.indexOf(k) < 0) {
            old.kinds.push(k);
          }
        });
        if (l.from && (!old.from || l.from < old.from)) {
          old.from = l.from;
        }
        if (l.to && (!old.to || l.to > old.to)) {
          old.to = l.to;
        }
      } else {
        links.set(key, { a: l.a, b: l.b, kinds: (l.kinds || []).slice(), from: l.from || null, to: l.to || null });
      }
    });
    if (data.truncated) {
      truncated = true;
    }
    place(added);
    return added;
  }

  // ---------------------------------------------------------------------------------------------
  // What is shown

  function linkShown(l) {
    if (!nodes.has(l.a) || !nodes.has(l.b)) {
      return false;
    }
    if (pathLinks.has(linkKey(l.a, l.b))) {
      return true;
    }
    return l.kinds.some(function (k) {
      return !off.has(k);
    });
  }

  function visible() {
    var shownLinks = [];
    var linked = new Set();
    var touched = new Set();
    links.forEach(function (l) {
      if (!nodes.has(l.a) || !nodes.has(l.b)) {
        return;
      }
      touched.add(l.a);
      touched.add(l.b);
      if (linkShown(l)) {
        shownLinks.push(l);
        linked.add(l.a);
        linked.add(l.b);
      }
    });
    var shownNodes = [];
    nodes.forEach(function (n) {
      // A record whose every link is switched off goes with them.
      if (n.id === rootId || linked.has(n.id) || pathNodes.has(n.id) || !touched.has(n.id)) {
        shownNodes.push(n);
      }
    });
    return { nodes: shownNodes, links: shownLinks };
  }

  // ---------------------------------------------------------------------------------------------
  // Layout: Fruchterman-Reingold, a bounded number of ticks, seeded by the records' ids.

  function place(added) {
    added.forEach(function (n) {
      var rnd = seeded(n.id);
      var anchor = null;
      links.forEach(function (l) {
        if (anchor) {
          return;
        }
        var other = l.a === n.id ? l.b : l.b === n.id ? l.a : null;
        var o = other && nodes.get(other);
        if (o && !isNaN(o.x)) {
          anchor = o;
        }
      });
      var angle = rnd() * Math.PI * 2;
      if (anchor) {
        var d = 50 + rnd() * 40;
        n.x = anchor.x + Math.cos(angle) * d;
        n.y = anchor.y + Math.sin(angle) * d;
      } else if (n.id === rootId) {
        n.x = LAYOUT_W / 2;
        n.y = LAYOUT_H / 2;
      } else {
        var r = 80 + rnd() * 200;
        n.x = LAYOUT_W / 2 + Math.cos(angle) * r;
        n.y = LAYOUT_H / 2 + Math.sin(angle) * r;
      }
    });
  }

  function layout(ticks, heat) {
    var shown = visible();
    var list = shown.nodes;
    var n = list.length;
    if (!n) {
      return;
    }
    var index = new Map();
    list.forEach(function (d, i) {
      index.set(d.id, i);
    });
    var edges = [];
    shown.links.forEach(function (l) {
      edges.push([index.get(l.a), index.get(l.b)]);
    });
    var x = new Float64Array(n);
    var y = new Float64Array(n);
    var fixed = new Uint8Array(n);
    list.forEach(function (d, i) {
      x[i] = d.x;
      y[i] = d.y;
      fixed[i] = d.pinned ? 1 : 0;
    });
    var k = Math.max(55, Math.min(130, Math.sqrt((LAYOUT_W * LAYOUT_H) / n) * 0.55));
    var k2 = k * k;
    var cx = LAYOUT_W / 2;
    var cy = LAYOUT_H / 2;
    var temp = heat;
    var dx = new Float64Array(n);
    var dy = new Float64Array(n);
    for (var tick = 0; tick < ticks; tick++) {
      dx.fill(0);
      dy.fill(0);
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var ex = x[i] - x[j];
          var ey = y[i] - y[j];
          var d2 = ex * ex + ey * ey;
          if (d2 < 0.01) {
            ex = 0.1 * (((i + j) % 2) * 2 - 1);
            ey = 0.1;
            d2 = 0.02;
          }
          var f = k2 / d2;
          dx[i] += ex * f;
          dy[i] += ey * f;
          dx[j] -= ex * f;
          dy[j] -= ey * f;
        }
      }
      for (var e = 0; e < edges.length; e++) {
        var a = edges[e][0];
        var b = edges[e][1];
        var lx = x[a] - x[b];
        var ly = y[a] - y[b];
        var dist = Math.sqrt(lx * lx + ly * ly);
        var g = dist / k;
        dx[a] -= lx * g;
        dy[a] -= ly * g;
        dx[b] += lx * g;
        dy[b] += ly * g;
      }
      for (var m = 0; m < n; m++) {
        if (fixed[m]) {
          continue;
        }
        // A little gravity keeps separate pieces in sight.
        dx[m] += (cx - x[m]) * 0.05;
        dy[m] += (cy - y[m]) * 0.05;
        var len = Math.sqrt(dx[m] * dx[m] + dy[m] * dy[m]);
        if (len > 0) {
          var step = Math.min(len, temp);
          x[m] += (dx[m] / len) * step;
          y[m] += (dy[m] / len) * step;
        }
      }
      // No two records on top of each other (forces alone leave twins together): in the last ticks.
      for (var p = 0; p < n && tick >= ticks - 20; p++) {
        for (var q = p + 1; q < n; q++) {
          var ox = x[p] - x[q];
          var oy = y[p] - y[q];
          var o2 = ox * ox + oy * oy;
          if (o2 >= MIN_GAP * MIN_GAP) {
            continue;
          }
          var od = Math.sqrt(o2);
          if (od < 0.01) {
            ox = ((p + q) % 2) * 2 - 1;
            oy = 0.5;
            od = Math.sqrt(ox * ox + oy * oy);
          }
          var push = (MIN_GAP - od) / (fixed[p] || fixed[q] ? 1 : 2);
          if (!fixed[p]) {
            x[p] += (ox / od) * push;
            y[p] += (oy / od) * push;
          }
          if (!fixed[q]) {
            x[q] -= (ox / od) * push;
            y[q] -= (oy / od) * push;
          }
        }
      }
      temp = Math.max(0.5, temp * 0.97);
    }
    list.forEach(function (d, i) {
      d.x = x[i];
      d.y = y[i];
    });
  }

  function ticksFor(n) {
    return n > 200 ? 120 : n > 80 ? 200 : 300;
  }

  // The drawing's frame: every shown record with room for its label.
  function fit() {
    var shown = visible().nodes;
    if (!shown.length) {
      viewBox = { x: 0, y: 0, w: LAYOUT_W, h: LAYOUT_H };
      return;
    }
    var minX = Infinity;
    var minY = Infinity;
    var maxX = -Infinity;
    var maxY = -Infinity;
    shown.forEach(function (n) {
      minX = Math.min(minX, n.x);
      minY = Math.min(minY, n.y);
      maxX = Math.max(maxX, n.x);
      maxY = Math.max(maxY, n.y);
    });
    minX -= R + 70;
    maxX += R + 70;
    minY -= R + 12;
    maxY += R + 30;
    var w = Math.max(420, maxX - minX);
    var h = Math.max(300, maxY - minY);
    viewBox = {
      x: Math.round((minX + maxX) / 2 - w / 2),
      y: Math.round((minY + maxY) / 2 - h / 2),
      w: Math.ceil(w),
      h: Math.ceil(h)
    };
  }

  // ---------------------------------------------------------------------------------------------
  // The scene: one description for the drawing and the export

  function polygon(sides, radius, rotation) {
    var pts = [];
    for (var i = 0; i < sides; i++) {
      var a = rotation + (i * 2 * Math.PI) / sides;
      pts.push((Math.cos(a) * radius).toFixed(1) + "," + (Math.sin(a) * radius).toFixed(1));
    }
    return pts.join(" ");
  }

  // The shape of a kind, centred on 0,0, as [tag, attributes].
  function shape(kind, r, fill) {
    var base = { fill: fill, stroke: COLOURS.paper, "stroke-width": "1.5" };
    function with_(extra) {
      var o = {};
      Object.keys(base).forEach(function (k) {
        o[k] = base[k];
      });
      Object.keys(extra).forEach(function (k) {
        o[k] = extra[k];
      });
      return o;
    }
    var up = -Math.PI / 2;
    switch ((KINDS[kind] || OTHER_KIND).shape) {
      case "square":
        return ["rect", with_({ x: -r * 0.9, y: -r * 0.9, width: r * 1.8, height: r * 1.8 })];
      case "diamond":
        return ["polygon", with_({ points: polygon(4, r * 1.15, up) })];
      case "triangle":
        return ["polygon", with_({ points: polygon(3, r * 1.25, up) })];
      case "triangle-down":
        return ["polygon", with_({ points: polygon(3, r * 1.25, Math.PI / 2) })];
      case "pentagon":
        return ["polygon", with_({ points: polygon(5, r * 1.1, up) })];
      case "hexagon":
        return ["polygon", with_({ points: polygon(6, r * 1.08, 0) })];
      case "octagon":
        return ["polygon", with_({ points: polygon(8, r * 1.05, Math.PI / 8) })];
      case "folder":
        return ["rect", with_({ x: -r * 1.2, y: -r * 0.85, width: r * 2.4, height: r * 1.7, rx: 4 })];
      default:
        return ["circle", with_({ r: r })];
    }
  }

  // The drawing as a list of elements: [tag, attributes, text or children].
  function scene() {
    var shown = visible();
    var out = [];
    var lines = [];
    shown.links.forEach(function (l) {
      var a = nodes.get(l.a);
      var b = nodes.get(l.b);
      var onPath = pathLinks.has(linkKey(l.a, l.b));
      lines.push([
        "line",
        {
          "class": onPath ? "link on-path" : "link",
          x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
          stroke: onPath ? COLOURS.path : COLOURS.link,
          "stroke-width": onPath ? "4" : "1.5",
          "data-a": l.a,
          "data-b": l.b
        },
        [["title", {}, l.kinds.map(linkKindLabel).join(", ")]]
      ]);
    });
    out.push(["g", { "class": "links" }, lines]);
    var marks = [];
    var few = shown.nodes.length <= 60;
    // Drawn last, so on top: the path, the record the view is about, the selected record.
    function rank(n) {
      return n.id === selected ? 3 : n.id === rootId ? 2 : pathNodes.has(n.id) ? 1 : 0;
    }
    var order = shown.nodes.map(function (n, i) {
      return [rank(n), i, n];
    });
    order.sort(function (a, b) {
      return a[0] - b[0] || a[1] - b[1];
    });
    order.map(function (o) {
      return o[2];
    }).forEach(function (n) {
      var k = kindOf(n);
      var parts = [];
      parts.push(["title", {}, n.label + " (" + kindLabel(n.kind) + ")"]);
      if (n.id === selected) {
        // Yellow with a dark edge: seen on white and against every kind's colour.
        parts.push(["circle", { r: R + 7, fill: "none", stroke: COLOURS.selected, "stroke-width": "6" }]);
        parts.push(["circle", { r: R + 10, fill: "none", stroke: COLOURS.ink, "stroke-width": "1.5" }]);
      }
      if (pathNodes.has(n.id) || n.id === pathFrom) {
        var ring = { r: R + 3, fill: "none", stroke: COLOURS.path, "stroke-width": "3" };
        if (n.id === pathFrom) {
          ring["stroke-dasharray"] = "4 3";
        }
        parts.push(["circle", ring]);
      }
      if (n.hub) {
        parts.push(["circle", {
          r: R + 11, fill: "none", stroke: COLOURS.ink, "stroke-width": "1.5", "stroke-dasharray": "3 3"
        }]);
      }
      var s = shape(n.kind, R, k.color);
      parts.push([s[0], s[1]]);
      parts.push(["text", {
        "text-anchor": "middle", "dominant-baseline": "central", "font-size": "11", "font-weight": "700",
        fill: COLOURS.paper
      }, T["abbr-" + n.kind] || (n.kind || "?").charAt(0).toUpperCase()]);
      if (n.pinned) {
        parts.push(["circle", {
          "class": "pin", cx: R - 1, cy: -R + 1, r: 4, fill: COLOURS.ink, stroke: COLOURS.paper, "stroke-width": "1"
        }]);
      }
      // The records asked about (and every record of a small view) are named in the drawing; in a
      // big one the others are named in the list only, where they can be read.
      var named = few || n.id === rootId || n.id === selected || pathNodes.has(n.id) || n.pinned || n.hub;
      var label = short(n.label) + (hubNote(n) ? " \u2022 " + hubNote(n) : "");
      parts.push(named && ["text", {
        y: R + 14, "text-anchor": "middle", "font-size": "11", fill: COLOURS.ink, stroke: COLOURS.paper,
        "stroke-width": "3", "paint-order": "stroke", "stroke-linejoin": "round",
        "font-style": n.masked || n.pseudonymous ? "italic" : "normal"
      }, label]);
      parts = parts.filter(Boolean);
      var cls = "node kind-" + n.kind + (n.id === selected ? " selected" : "") + (n.pinned ? " pinned" : "") +
        (n.hub ? " hub" : "") + (pathNodes.has(n.id) ? " on-path" : "");
      marks.push(["g", {
        "class": cls, "data-id": n.id, transform: "translate(" + n.x.toFixed(1) + " " + n.y.toFixed(1) + ")"
      }, parts]);
    });
    out.push(["g", { "class": "nodes" }, marks]);
    return out;
  }

  function build(item) {
    var e = document.createElementNS(SVG_NS, item[0]);
    var attrs = item[1] || {};
    Object.keys(attrs).forEach(function (k) {
      e.setAttribute(k, attrs[k]);
    });
    var body = item[2];
    if (Array.isArray(body)) {
      body.forEach(function (c) {
        e.appendChild(build(c));
      });
    } else if (body !== undefined && body !== null) {
      e.textContent = body;
    }
    return e;
  }

  function serialise(item) {
    var attrs = item[1] || {};
    var s = "<" + item[0];
    Object.keys(attrs).forEach(function (k) {
      if (k.indexOf("data-") !== 0 && k !== "class") {
        s += " " + k + '="' + esc(attrs[k]) + '"';
      }
    });
    var body = item[2];
    if (Array.isArray(body)) {
      return s + ">" + body.map(serialise).join("") + "</" + item[0] + ">";
    }
    if (body !== undefined && body !== null) {
      return s + ">" + esc(body) + "</" + item[0] + ">";
    }
    return s + "/>";
  }

  function drawingName() {
    var shown = visible();
    return t("drawing", { nodes: shown.nodes.length, links: shown.links.length });
  }

  // The current view as a standalone SVG document (a string starting with "<svg").
  function exportSvg() {
    var vb = viewBox;
    var head = '<svg xmlns="http://www.w3.org/2000/svg" width="' + vb.w + '" height="' + vb.h + '" viewBox="' +
      [vb.x, vb.y, vb.w, vb.h].join(" ") + '" font-family="Noto Sans, Segoe UI, sans-serif">';
    var body = serialise(["title", {}, drawingName()]) +
      serialise(["rect", { x: vb.x, y: vb.y, width: vb.w, height: vb.h, fill: COLOURS.paper }]) +
      scene().map(serialise).join("");
    return head + body + "</svg>";
  }

  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: name, hidden: "" });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () {
      URL.revokeObjectURL(url);
      a.remove();
    }, 1000);
  }

  function exportPng() {
    var vb = viewBox;
    // Twice the drawing's size, within what every browser's canvas holds.
    var scale = Math.min(2, 4096 / Math.max(vb.w, vb.h));
    var img = new Image();
    img.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(vb.w * scale);
      canvas.height = Math.round(vb.h * scale);
      var ctx = canvas.getContext("2d");
      ctx.fillStyle = COLOURS.paper;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        if (blob) {
          download(blob, "network.png");
        } else {
          setStatus(t("load-failed"));
        }
      }, "image/png");
    };
    img.onerror = function () {
      setStatus(t("load-failed"));
    };
    // The page's policy allows images from data: URLs (not blob: ones).
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(exportSvg());
  }

  // ---------------------------------------------------------------------------------------------
  // Drawing and the lists

  function draw() {
    while (svg.firstChild) {
      svg.removeChild(svg.firstChild);
    }
    svg.setAttribute("viewBox", [viewBox.x, viewBox.y, viewBox.w, viewBox.h].join(" "));
    scene().forEach(function (item) {
      svg.appendChild(build(item));
    });
    svg.setAttribute("aria-label", drawingName());
  }

  function tag(text) {
    return el("span", { "class": "tag" }, text);
  }

  function renderTables() {
    var shown = visible();
    var order = shown.nodes.slice().sort(function (a, b) {
      if (a.id === rootId || b.id === rootId) {
        return a.id === rootId ? -1 : 1;
      }
      return a.depth - b.depth || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
    });
    var body = document.querySelector("#network-nodes tbody");
    body.textContent = "";
    order.forEach(function (n) {
      var tr = el("tr", { "data-id": n.id });
      var name = el("td", { "data-label": t("name") });
      var button = el("button", {
        type: "button", "class": "network-pick", "data-id": n.id,
        "aria-pressed": n.id === selected ? "true" : "false"
      }, n.label);
      if (n.masked || n.pseudonymous) {
        button.classList.add("masked");
      }
      name.appendChild(button);
      if (n.masked) {
        name.appendChild(tag(t("masked")));
      }
      if (n.pseudonymous) {
        name.appendChild(tag(t("pseudonymous")));
      }
      if (hubNote(n)) {
        name.appendChild(tag(t("hub") + ": " + hubNote(n)));
      }
      if (n.pinned) {
        name.appendChild(tag(t("pinned")));
      }
      if (pathNodes.has(n.id)) {
        name.appendChild(tag(t("on-path")));
      }
      if (n.id === pathFrom) {
        name.appendChild(tag(t("path-from")));
      }
      tr.appendChild(name);
      var kind = el("td", { "data-label": t("kind") });
      kind.appendChild(legendMark(n.kind));
      kind.appendChild(document.createTextNode(" " + kindLabel(n.kind)));
      tr.appendChild(kind);
      tr.appendChild(el("td", { "data-label": t("degree") }, String(n.degree)));
      body.appendChild(tr);
    });
    var lbody = document.querySelector("#network-links tbody");
    lbody.textContent = "";
    if (!shown.links.length) {
      var empty = el("tr");
      empty.appendChild(el("td", { colspan: "3", "class": "muted" }, t("empty")));
      lbody.appendChild(empty);
    }
    shown.links.forEach(function (l) {
      var tr = el("tr", { "data-a": l.a, "data-b": l.b });
      if (pathLinks.has(linkKey(l.a, l.b))) {
        tr.className = "on-path";
      }
      tr.appendChild(el("td", { "data-label": t("between") }, nodes.get(l.a).label + " \u2014 " + nodes.get(l.b).label));
      tr.appendChild(el("td", { "data-label": t("kinds") }, l.kinds.map(linkKindLabel).join(", ")));
      var dates = l.from || l.to ? (showDate(l.from) || "\u2026") + " \u2013 " + (showDate(l.to) || "\u2026") : "";
      tr.appendChild(el("td", { "data-label": t("dates") }, dates));
      lbody.appendChild(tr);
    });
  }

  function legendMark(kind) {
    var s = document.createElementNS(SVG_NS, "svg");
    s.setAttribute("viewBox", "-22 -22 44 44");
    s.setAttribute("width", "22");
    s.setAttribute("height", "22");
    s.setAttribute("aria-hidden", "true");
    s.setAttribute("class", "network-mark");
    var sh = shape(kind, 16, kindOf({ kind: kind }).color);
    s.appendChild(build([sh[0], sh[1]]));
    s.appendChild(build(["text", {
      "text-anchor": "middle", "dominant-baseline": "central", "font-size": "12", "font-weight": "700",
      fill: COLOURS.paper
    }, T["abbr-" + kind] || kind.charAt(0).toUpperCase()]));
    return s;
  }

  function renderLegend() {
    var box = $("network-legend");
    box.textContent = "";
    var kinds = [];
    nodes.forEach(function (n) {
      if (kinds.indexOf(n.kind) < 0) {
        kinds.push(n.kind);
      }
    });
    if (!kinds.length) {
      return;
    }
    box.appendChild(el("h3", { id: "network-legend-heading" }, t("legend")));
    var ul = el("ul", { "class": "plain network-legend-list", "aria-labelledby": "network-legend-heading" });
    kinds.sort().forEach(function (k) {
      var li = el("li");
      li.appendChild(legendMark(k));
      li.appendChild(document.createTextNode(" " + kindLabel(k)));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function renderKinds() {
    var list = $("network-kind-list");
    var present = [];
    links.forEach(function (l) {
      l.kinds.forEach(function (k) {
        if (present.indexOf(k) < 0) {
          present.push(k);
        }
      });
    });
    off.forEach(function (k) {
      if (present.indexOf(k) < 0) {
        present.push(k);
      }
    });
    present.sort(function (a, b) {
      var la = linkKindLabel(a);
      var lb = linkKindLabel(b);
      return la < lb ? -1 : la > lb ? 1 : 0;
    });
    var focused = document.activeElement && document.activeElement.id;
    list.textContent = "";
    present.forEach(function (code) {
      var id = "network-kind-" + code;
      var div = el("div", { "class": "check" });
      var box = el("input", { type: "checkbox", id: id, value: code, "data-kind": code });
      box.checked = !off.has(code);
      div.appendChild(box);
      div.appendChild(el("label", { "for": id }, linkKindLabel(code)));
      list.appendChild(div);
    });
    $("network-kinds").hidden = !present.length;
    if (focused && $(focused) && list.contains($(focused))) {
      $(focused).focus();
    }
  }

  function button(id, text, extra) {
    var b = el("button", { type: "button", id: id, "class": "secondary" }, text);
    if (extra) {
      Object.keys(extra).forEach(function (k) {
        b.setAttribute(k, extra[k]);
      });
    }
    return b;
  }

  function renderPanel() {
    var box = $("network-selected");
    var focused = document.activeElement && box.contains(document.activeElement) ? document.activeElement.id : null;
    box.textContent = "";
    var n = selected && nodes.get(selected);
    if (!n) {
      box.appendChild(el("p", { "class": "muted" }, t("none-selected")));
      return;
    }
    var dl = el("dl");
    dl.appendChild(el("dt", {}, t("name")));
    var dd = el("dd", { id: "network-selected-label" }, n.label);
    if (n.masked || n.pseudonymous) {
      dd.className = "masked";
    }
    dl.appendChild(dd);
    dl.appendChild(el("dt", {}, t("kind")));
    var kd = el("dd");
    kd.appendChild(legendMark(n.kind));
    kd.appendChild(document.createTextNode(" " + kindLabel(n.kind)));
    dl.appendChild(kd);
    dl.appendChild(el("dt", {}, t("degree")));
    dl.appendChild(el("dd", { id: "network-selected-degree" }, String(n.degree)));
    box.appendChild(dl);
    if (hubNote(n)) {
      box.appendChild(el("p", { id: "network-hub-note", "class": "notice" }, t("hub") + ": " + hubNote(n)));
    }
    if (n.url) {
      var p = el("p");
      p.appendChild(el("a", { id: "network-open", href: n.url }, t("open-page")));
      box.appendChild(p);
    }
    var actions = el("div", { "class": "network-actions" });
    var expand = button("network-expand", t("expand"));
    if (n.hub || n.expanded || n.id === rootId) {
      expand.disabled = true;
    }
    actions.appendChild(expand);
    actions.appendChild(button("network-pin", n.pinned ? t("unpin") : t("pin"), {
      "aria-pressed": n.pinned ? "true" : "false"
    }));
    actions.appendChild(button("network-path-from", t("path-from")));
    var to = button("network-path-to", t("path-to"));
    if (!pathFrom || pathFrom === n.id) {
      to.disabled = true;
    }
    actions.appendChild(to);
    if (pathNodes.size) {
      actions.appendChild(button("network-path-clear", t("path-clear")));
    }
    box.appendChild(actions);
    if (focused && $(focused) && !$(focused).disabled) {
      $(focused).focus();
    } else if (focused) {
      // The button pressed is disabled now (Expand, once done): the next one takes the focus.
      var next = actions.querySelector("button:not([disabled])");
      if (next) {
        next.focus();
      }
    }
  }

  function render() {
    draw();
    renderTables();
    renderPanel();
    renderKinds();
    renderLegend();
    $("network-truncated").hidden = !truncated;
  }

  // ---------------------------------------------------------------------------------------------
  // What the user does

  function select(id) {
    if (!nodes.has(id)) {
      return;
    }
    selected = id;
    render();
  }

  // Each Show starts a new view: answers to questions asked about an older one are dropped.
  var generation = 0;

  function loadRoot() {
    generation += 1;
    var asked = generation;
    setStatus(t("loading"));
    var p = new URLSearchParams();
    p.set("node", rootId);
    p.set("k", kSelect.value || "2");
    p.set("cap", "300");
    getJSON("/api/v1/network/neighbourhood", p).then(function (data) {
      if (asked !== generation) {
        return;
      }
      var before = nodes;
      nodes = new Map();
      links = new Map();
      hubs = new Map();
      truncated = false;
      pathNodes = new Set();
      pathLinks = new Set();
      pathFrom = null;
      // Records seen before keep their place (and their pin).
      (data.nodes || []).forEach(function (n) {
        var old = before.get(n.id);
        if (old) {
          nodes.set(n.id, old);
        }
      });
      nodes.forEach(function (n) {
        n.expanded = false;
        n.depth = Infinity;
      });
      merge(data, 0);
      layout(ticksFor(nodes.size), LAYOUT_W / 10);
      fit();
      if (!selected || !nodes.has(selected)) {
        selected = nodes.has(rootId) ? rootId : null;
      }
      render();
      setStatus("");
    }, failed);
  }

  function expand(id) {
    var n = nodes.get(id);
    if (!n || n.hub) {
      return;
    }
    var asked = generation;
    setStatus(t("loading"));
    var p = new URLSearchParams();
    p.set("node", id);
    p.set("k", "1");
    p.set("cap", "300");
    getJSON("/api/v1/network/neighbourhood", p).then(function (data) {
      if (asked !== generation || nodes.get(id) !== n) {
        return;
      }
      n.expanded = true;
      var added = merge(data, n.depth);
      if (added.length) {
        layout(ticksFor(nodes.size), LAYOUT_W / 40);
        fit();
      }
      render();
      setStatus(t("expanded"));
    }, failed);
  }

  function findPath(a, b) {
    setStatus(t("loading"));
    var p = new URLSearchParams();
    p.set("a", a);
    p.set("b", b);
    p.set("limit", "5");
    var asked = generation;
    var start = nodes.get(a);
    getJSON("/api/v1/network/paths", p).then(function (data) {
      if (asked !== generation) {
        return;
      }
      var added = merge(data, start ? start.depth : 0);
      pathNodes = new Set();
      pathLinks = new Set();
      (data.paths || []).forEach(function (path) {
        for (var i = 0; i < path.length; i++) {
          pathNodes.add(path[i]);
          if (i > 0) {
            pathLinks.add(linkKey(path[i - 1], path[i]));
          }
        }
      });
      if (added.length) {
        layout(ticksFor(nodes.size), LAYOUT_W / 40);
      }
      fit();
      pathFrom = null;
      render();
      var message = data.paths && data.paths.length ? t("path-found", { n: data.length }) : t("path-none");
      if (data.hubs_avoided && data.hubs_avoided.length) {
        message += " " + t("path-hubs", { n: data.hubs_avoided.length });
      }
      setStatus(message);
    }, failed);
  }

  function togglePin(id) {
    var n = nodes.get(id);
    if (n) {
      n.pinned = !n.pinned;
      render();
    }
  }

  function relayout() {
    // From the start again: every record not pinned goes back to its seeded place.
    var order = [];
    nodes.forEach(function (n) {
      if (!n.pinned) {
        n.x = NaN;
        n.y = NaN;
      }
      order.push(n);
    });
    var first = order.filter(function (n) {
      return n.id === rootId && !n.pinned;
    });
    place(first);
    place(order.filter(function (n) {
      return !n.pinned && n.id !== rootId;
    }));
    layout(ticksFor(nodes.size), LAYOUT_W / 10);
    fit();
    render();
  }

  // Dragging moves a record and pins it where it is dropped; a press without moving selects;
  // two presses on the same record in quick succession expand it.
  var drag = null;
  var lastTap = { id: null, at: 0 };

  function svgPoint(evt) {
    var m = svg.getScreenCTM();
    if (!m) {
      return null;
    }
    var pt = svg.createSVGPoint();
    pt.x = evt.clientX;
    pt.y = evt.clientY;
    return pt.matrixTransform(m.inverse());
  }

  svg.addEventListener("pointerdown", function (evt) {
    var g = evt.target.closest ? evt.target.closest("g.node") : null;
    if (!g || evt.button !== 0) {
      return;
    }
    evt.preventDefault();
    drag = { id: g.getAttribute("data-id"), x: evt.clientX, y: evt.clientY, moved: false, pointer: evt.pointerId };
    try {
      svg.setPointerCapture(evt.pointerId);
    } catch (e) {
      // Capture is a nicety.
    }
  });

  svg.addEventListener("pointermove", function (evt) {
    if (!drag || evt.pointerId !== drag.pointer) {
      return;
    }
    if (!drag.moved && Math.abs(evt.clientX - drag.x) + Math.abs(evt.clientY - drag.y) < 4) {
      return;
    }
    var n = nodes.get(drag.id);
    var p = svgPoint(evt);
    if (!n || !p) {
      return;
    }
    drag.moved = true;
    n.x = p.x;
    n.y = p.y;
    draw();
  });

  function endDrag(evt) {
    if (!drag || evt.pointerId !== drag.pointer) {
      return;
    }
    var d = drag;
    drag = null;
    var n = nodes.get(d.id);
    if (!n) {
      return;
    }
    if (d.moved) {
      n.pinned = true;
      selected = d.id;
      lastTap = { id: null, at: 0 };
      render();
      return;
    }
    if (evt.type === "pointercancel") {
      return;
    }
    var now = Date.now();
    var twice = lastTap.id === d.id && now - lastTap.at < 450;
    lastTap = { id: d.id, at: now };
    select(d.id);
    if (twice) {
      lastTap = { id: null, at: 0 };
      expand(d.id);
    }
  }

  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);

  document.querySelector("#network-nodes tbody").addEventListener("click", function (evt) {
    var b = evt.target.closest ? evt.target.closest("button.network-pick") : null;
    if (b) {
      select(b.getAttribute("data-id"));
      b = document.querySelector('#network-nodes button.network-pick[data-id="' + b.getAttribute("data-id") + '"]');
      if (b) {
        b.focus();
      }
    }
  });

  $("network-selected").addEventListener("click", function (evt) {
    var b = evt.target.closest ? evt.target.closest("button") : null;
    if (!b || !selected) {
      return;
    }
    switch (b.id) {
      case "network-expand":
        expand(selected);
        break;
      case "network-pin":
        togglePin(selected);
        break;
      case "network-path-from":
        pathFrom = selected;
        render();
        setStatus(t("path-start", { label: nodes.get(selected).label }));
        break;
      case "network-path-to":
        if (pathFrom && pathFrom !== selected) {
          findPath(pathFrom, selected);
        }
        break;
      case "network-path-clear":
        pathNodes = new Set();
        pathLinks = new Set();
        render();
        setStatus("");
        break;
    }
  });

  $("network-kind-list").addEventListener("change", function (evt) {
    var box = evt.target;
    var code = box.getAttribute("data-kind");
    if (!code) {
      return;
    }
    if (box.checked) {
      off.delete(code);
    } else {
      off.add(code);
    }
    if (selected && !visible().nodes.some(function (n) {
      return n.id === selected;
    })) {
      selected = rootId;
    }
    render();
  });

  form.addEventListener("submit", function (evt) {
    evt.preventDefault();
    if (fromInput.value && toInput.value && fromInput.value > toInput.value) {
      setStatus(t("dates-backwards"));
      return;
    }
    loadRoot();
  });

  $("network-relayout").addEventListener("click", relayout);
  $("network-export-svg").addEventListener("click", function () {
    download(new Blob([exportSvg()], { type: "image/svg+xml" }), "network.svg");
  });
  $("network-export-png").addEventListener("click", exportPng);

  // For the tests (and the curious): the export as a string, and what is shown.
  window.counternetNetwork = {
    exportSvg: exportSvg,
    shown: function () {
      var v = visible();
      return { nodes: v.nodes.length, links: v.links.length };
    }
  };

  loadRoot();
})();
