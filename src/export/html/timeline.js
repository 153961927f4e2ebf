// The time axis (drawn by steppe, id "tl-svg"): zoom and pan by keys, wheel
// and touch; lanes by country, actor, tag or a lane set (#lanes=… in the
// fragment); marks follow the filters; a click on one shows its event.
(() => {
  const svg = document.getElementById("tl-svg");
  if (!svg) return;
  const NS = "http://www.w3.org/2000/svg";
  const W = 1000, TOP = 40, LANE = 26, MOST = 14;
  const T0 = Number(svg.dataset.t0), T1 = Number(svg.dataset.t1);
  let v0 = T0, v1 = T1;
  const el = (name, attrs, text) => {
    const n = document.createElementNS(NS, name);
    for (const k in attrs) n.setAttribute(k, attrs[k]);
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const x = (t) => ((t - v0) / (v1 - v0)) * W;
  const r1 = (v) => Math.round(v * 10) / 10;
  const packed = document.getElementById("tl-m");
  const lanesG = document.getElementById("tl-l");
  const baseHeight = svg.viewBox.baseVal.height;
  const marks = [...packed.querySelectorAll("a[data-id]")].map((a) => {
    const shape = a.lastElementChild;
    const article = document.getElementById("ev-" + a.dataset.id);
    const ev = { a, shape, id: a.dataset.id, b: Number(a.dataset.b), e: a.dataset.e ? Number(a.dataset.e) : null, article };
    ev.y = Number(shape.getAttribute(shape.tagName === "circle" ? "cy" : "y"));
    ev.title = a.querySelector("title").textContent;
    ev.f = {};
    for (const k of ["c", "a", "t"]) ev.f[k] = new Set(article ? article.dataset[k].split(" ").filter(Boolean) : []);
    return ev;
  });
  const lesson = !!svg.closest(".tl-lesson");
  const select = document.getElementById("tl-lanes");
  const card = document.getElementById("tl-card");
  const bar = svg.parentElement.querySelector(".tl-bar");
  if (bar) bar.hidden = false;

  const fragment = () => {
    const out = new Map();
    const raw = location.hash.slice(1);
    if (raw.includes("=")) for (const p of raw.split("&")) { const i = p.indexOf("="); if (i > 0) out.set(p.slice(0, i), p.slice(i + 1)); }
    return out;
  };
  const writeLanes = (value) => {
    const f = fragment();
    if (value) f.set("lanes", encodeURIComponent(value)); else f.delete("lanes");
    const text = [...f].map(([k, v]) => `${k}=${v}`).join("&");
    history.replaceState(null, "", location.pathname + location.search + (text ? "#" + text : ""));
  };

  /** The lanes of a choice: label and who belongs, most events first for a facet. */
  const lanesOf = (choice, shown) => {
    if (!choice) return null;
    const kind = { country: "c", actor: "a", tag: "t" }[choice];
    if (kind) {
      const counts = new Map();
      for (const m of shown) for (const i of m.f[kind]) counts.set(i, (counts.get(i) || 0) + 1);
      const name = { c: "country", a: "actor", t: "tag" }[kind];
      return [...counts].sort((p, q) => q[1] - p[1] || p[0] - q[0]).map(([i]) => {
        const box = document.querySelector(`input[name=${name}][data-i="${i}"]`);
        return { label: box ? box.nextElementSibling.textContent : i, has: (m) => m.f[kind].has(i) };
      });
    }
    return [...document.querySelectorAll(`#tl-sets p[data-set="${CSS.escape(choice)}"]`)].map((p) => {
      const members = p.dataset.m.split(" ").filter(Boolean).map((c) => [c[0], c.slice(1)]);
      return { label: p.textContent, has: (m) => members.some(([k, i]) => m.f[k].has(i)) };
    });
  };

  const ticks = () => {
    const g = document.getElementById("tl-k");
    g.replaceChildren();
    const span = v1 - v0;
    const steps = [1 / 372, 2 / 372, 7 / 372, 1 / 12, 0.25, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000];
    const step = steps.find((s) => span / s <= 12) || 1000;
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let d = "";
    for (let k = Math.ceil(v0 / step); k * step <= v1 && k - Math.ceil(v0 / step) < 40; k++) {
      const t = k * step + 1e-7, px = r1(x(t));
      const year = Math.floor(t), month = Math.floor((t - year) * 12);
      const day = Math.floor((t - year - month / 12) * 372) + 1;
      const label = step >= 1 ? String(year) : step >= 1 / 12 ? `${months[month]} ${year}` : `${day} ${months[month]}`;
      d += `M${px} 26v5`;
      g.append(el("text", { x: px, y: 24 }, label));
    }
    g.prepend(el("path", { d }));
  };

  const eras = () => {
    for (const s of document.querySelectorAll("#tl-e > svg")) {
      const a = Math.max(0, x(Number(s.dataset.b))), b = Math.min(W, x(Number(s.dataset.e)));
      s.style.display = b <= a ? "none" : "";
      if (b > a) { s.setAttribute("x", r1(a)); s.setAttribute("width", r1(b - a)); }
    }
  };

  const place = (shape, m, y) => {
    const x0 = x(m.b), x1 = m.e === null ? x0 : x(m.e);
    if (x1 - x0 >= 6) {
      if (shape.tagName !== "rect") return false;
      shape.setAttribute("x", r1(x0)); shape.setAttribute("width", r1(x1 - x0)); shape.setAttribute("y", r1(y - 3));
    } else {
      if (shape.tagName !== "circle") return false;
      shape.setAttribute("cx", r1(x0)); shape.setAttribute("cy", r1(y));
    }
    return true;
  };
  const shapeFor = (m, y) => {
    const x0 = x(m.b), x1 = m.e === null ? x0 : x(m.e);
    return x1 - x0 >= 6
      ? el("rect", { x: r1(x0), y: r1(y - 3), width: r1(x1 - x0), height: 6, rx: 2 })
      : el("circle", { cx: r1(x0), cy: r1(y), r: 4 });
  };

  let choice = "";
  let chosen = null;
  const draw = () => {
    ticks();
    eras();
    const shown = marks.filter((m) => !m.article || !m.article.hidden);
    const lanes = lanesOf(choice, shown);
    packed.style.display = lanes ? "none" : "";
    lanesG.replaceChildren();
    if (!lanes) {
      // A set: looking each mark up in the list was a pass over it per mark.
      const isShown = new Set(shown);
      for (const m of marks) {
        const on = isShown.has(m) ? "" : "none";
        m.a.style.display = on;
        if (!on && !place(m.shape, m, m.y)) { const s = shapeFor(m, m.y); m.shape.replaceWith(s); m.shape = s; }
      }
      svg.setAttribute("viewBox", `0 0 ${W} ${baseHeight}`);
      return;
    }
    const visible = lanes.slice(0, MOST);
    visible.forEach((lane, n) => {
      const y = TOP + n * LANE;
      lanesG.append(el("path", { class: "sep", d: `M0 ${y}H${W}`, "stroke-dasharray": "2 3" }));
      lanesG.append(el("text", { class: "ln", x: 3, y: y + 10, "data-lane": n }, lane.label));
      // Marks closer than a dot's width are one cluster, with its count.
      const inLane = shown.filter(lane.has).filter((m) => (m.e ?? m.b) >= v0 && m.b <= v1);
      const groups = [];
      for (const m of inLane) {
        const last = groups[groups.length - 1];
        if (last && x(m.b) - last.x < 18) { last.items.push(m); last.x = x(m.b); } else groups.push({ x: x(m.b), items: [m] });
      }
      for (const g of groups) {
        if (g.items.length === 1) {
          const m = g.items[0];
          const a = el("a", { href: "#ev-" + m.id, "data-id": m.id, "data-lane": n });
          a.append(el("title", {}, m.title), shapeFor(m, y + 17));
          if (m.id === chosen) a.lastChild.classList.add("on");
          lanesG.append(a);
        } else {
          const c = el("g", { class: "cl", "data-lane": n, "data-ids": g.items.map((m) => m.id).join(" ") });
          const cx = r1(x((g.items[0].b + g.items[g.items.length - 1].b) / 2));
          c.append(el("title", {}, `${g.items.length} events: zoom in to tell them apart`),
            el("circle", { cx, cy: y + 17, r: 8 }), el("text", { x: cx, y: y + 20 }, g.items.length));
          lanesG.append(c);
        }
      }
    });
    if (lanes.length > visible.length) {
      lanesG.append(el("text", { class: "ln", x: 3, y: TOP + visible.length * LANE + 10 }, `and ${lanes.length - visible.length} more lanes`));
    }
    svg.setAttribute("viewBox", `0 0 ${W} ${TOP + Math.max(1, visible.length) * LANE + (lanes.length > visible.length ? 14 : 2)}`);
  };

  const zoom = (factor, at) => {
    const t = at ?? (v0 + v1) / 2;
    const span = Math.min(Math.max((v1 - v0) * factor, 1 / 24), (T1 - T0) * 4);
    const share = (t - v0) / (v1 - v0);
    v0 = t - share * span;
    v1 = v0 + span;
    draw();
  };
  const pan = (share) => { const d = (v1 - v0) * share; v0 += d; v1 += d; draw(); };
  const fit = () => { v0 = T0; v1 = T1; draw(); };
  const timeAt = (clientX) => {
    const box = svg.getBoundingClientRect();
    return v0 + ((clientX - box.left) / box.width) * (v1 - v0);
  };

  if (!lesson) {
    svg.addEventListener("keydown", (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const keys = { ArrowLeft: () => pan(-0.2), ArrowRight: () => pan(0.2), "+": () => zoom(0.5), "=": () => zoom(0.5), "-": () => zoom(2), "_": () => zoom(2), "0": fit };
      if (!(e.key in keys)) return;
      keys[e.key]();
      e.preventDefault();
    });
    svg.addEventListener("wheel", (e) => {
      if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) pan((e.deltaX || e.deltaY) > 0 ? 0.1 : -0.1);
      else zoom(e.deltaY > 0 ? 1.25 : 0.8, timeAt(e.clientX));
      e.preventDefault();
    }, { passive: false });
    // One finger or the mouse drags; two fingers pinch.
    const pointers = new Map();
    let moved = false;
    svg.addEventListener("pointerdown", (e) => { pointers.set(e.pointerId, e.clientX); moved = false; });
    svg.addEventListener("pointermove", (e) => {
      if (!pointers.has(e.pointerId)) return;
      const before = [...pointers.values()];
      pointers.set(e.pointerId, e.clientX);
      const after = [...pointers.values()];
      const box = svg.getBoundingClientRect();
      if (after.length === 1 && Math.abs(after[0] - before[0]) > 0) {
        moved = moved || Math.abs(after[0] - before[0]) > 2;
        const d = ((before[0] - after[0]) / box.width) * (v1 - v0);
        v0 += d; v1 += d; draw();
      } else if (after.length === 2) {
        const was = Math.abs(before[0] - before[1]), now = Math.abs(after[0] - after[1]);
        if (was > 0 && now > 0) zoom(was / now, timeAt((after[0] + after[1]) / 2));
        moved = true;
      }
    });
    for (const end of ["pointerup", "pointercancel", "pointerleave"]) svg.addEventListener(end, (e) => pointers.delete(e.pointerId));
    document.getElementById("tl-in").addEventListener("click", () => zoom(0.5));
    document.getElementById("tl-out").addEventListener("click", () => zoom(2));
    document.getElementById("tl-fit").addEventListener("click", fit);
    // A click on a mark shows its event under the axis, and where it is in the list.
    svg.addEventListener("click", (e) => {
      const a = e.target.closest("a[data-id]");
      const cluster = e.target.closest(".cl");
      if (moved) { e.preventDefault(); return; }
      if (cluster) { zoom(0.25, timeAt(e.clientX)); return; }
      if (!a) return;
      e.preventDefault();
      const m = marks.find((x) => x.id === a.dataset.id);
      if (!m || !card) return;
      chosen = m.id;
      const link = document.createElement("a");
      link.href = "#ev-" + m.id;
      link.textContent = "read it in the list";
      card.replaceChildren(document.createTextNode(m.title + " — "), link);
      card.hidden = false;
      for (const s of svg.querySelectorAll(".on")) s.classList.remove("on");
      a.lastElementChild.classList.add("on");
    });
    select.addEventListener("change", () => { choice = select.value; writeLanes(choice); draw(); });
    const fromFragment = () => {
      const wanted = decodeURIComponent(fragment().get("lanes") || "");
      choice = [...select.options].some((o) => o.value === wanted) ? wanted : "";
      select.value = choice;
    };
    window.addEventListener("hashchange", () => { fromFragment(); draw(); });
    document.addEventListener("steppe:filtered", draw);
    fromFragment();
  }
  draw();
})();
