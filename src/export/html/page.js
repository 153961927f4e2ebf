"use strict";
// Filters and slides for a page made by steppe. Everything is in the HTML;
// this script only hides, shows and counts, and keeps the view in the URL
// fragment (#country=KZ,UZ&match=all&actor=putin&tag=summit&q=summit, #step=5).
(() => {
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  // Search folding, as `steppe list --search` does it: compatibility
  // decomposition (NFKD), marks removed, lower case (with the case folding of
  // ß and final ς), then the same again for letters that decompose once more.
  const bare = (s) => s.normalize("NFKD").replace(/\p{M}/gu, "");
  const fold = (s) => bare(bare(s).toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ"));
  /** Text as the data has it: a line break for <br>, a blank line between paragraphs. */
  const textOf = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeName === "BR") return "\n";
    const inner = Array.from(node.childNodes, textOf);
    return node.nodeName === "DIV" ? inner.join("\n\n") : inner.join("");
  };
  const decode = (s) => {
    try { return decodeURIComponent(s.replace(/\+/g, " ")); } catch { return ""; }
  };
  /** The fragment as key → value, or null when it is not `key=value&…`. */
  const readFragment = () => {
    const raw = location.hash.slice(1);
    if (!raw.includes("=")) return null;
    const out = new Map();
    for (const part of raw.split("&")) {
      const at = part.indexOf("=");
      if (at > 0) out.set(decode(part.slice(0, at)), part.slice(at + 1));
    }
    return out;
  };
  // The page's own words (its language's), as steppe wrote them in.
  const words = (() => {
    try { return JSON.parse(document.body.dataset.words || "{}"); } catch { return {}; }
  })();
  const say = (key, fill = {}) =>
    (words[key] || key).replace(/\{(\w+)\}/g, (m, k) => (k in fill ? String(fill[k]) : m));
  /** The singular or the plural of a "one|many" entry. */
  const noun = (key, many) => { const [one, more] = say(key).split("|"); return many ? (more || one) : one; };
  const setFragment = (fragment) => {
    const url = location.pathname + location.search + (fragment ? "#" + fragment : "");
    history.replaceState(null, "", url);
  };

  const form = $("#filters");
  if (form) timeline(form);
  const lesson = $("#lesson");
  if (lesson) slides(lesson);

  function timeline(form) {
    const box = $("#filterbox");
    box.hidden = false;
    // Open where there is room; folded on a phone, where the events come first.
    const wide = matchMedia("(min-width: 40em)").matches;
    box.open = wide;
    const about = $("details.about");
    if (about) {
      about.open = wide;
      // Print shows the whole description.
      window.addEventListener("beforeprint", () => { about.open = true; });
    }
    const regionbox = $("details.regionbox");
    if (regionbox) {
      regionbox.open = wide;
      window.addEventListener("beforeprint", () => { regionbox.open = true; });
    }
    const kinds = ["country", "actor", "tag"];
    const attr = { country: "c", actor: "a", tag: "t" };
    const boxes = Object.fromEntries(kinds.map((k) => [k, $$(`input[name=${k}]`, form)]));
    const events = $$("article.event").map((el) => {
      // Each field apart, as a search never matches across two of them.
      const ev = { el, text: $$("[data-s]", el).map((n) => fold(textOf(n))).join("\0") };
      for (const k of kinds) ev[k] = new Set(el.dataset[attr[k]].split(" ").filter(Boolean));
      // Today's countries it concerns, for the region map.
      ev.m = (el.dataset.m || "").split(" ").filter(Boolean);
      return ev;
    });
    const sections = $$("section.era");
    const query = $("#q");
    const all = $("#match-all");
    const shown = $("#shown");
    const active = $("#active");
    // The region map's countries, shaded by the shown events that concern them.
    const lands = $$(".region use[data-m]");
    /** Shades the region map by `per`: today's country → shown events. */
    const reshade = (per) => {
      let most = 1;
      for (const n of per.values()) most = Math.max(most, n);
      for (const u of lands) {
        const n = per.get(u.dataset.m) || 0;
        const shade = n ? `s${Math.min(5, Math.ceil((n * 5) / most))}` : "";
        if (u.getAttribute("class") !== shade) u.setAttribute("class", shade);
        const t = $("title", u);
        if (t) t.textContent = t.textContent.replace(/\d+$/, String(n));
      }
    };

    const state = () => {
      const s = { all: !!(all && all.checked), q: fold(query.value.trim()) };
      for (const k of kinds) s[k] = boxes[k].filter((b) => b.checked).map((b) => b.dataset.i);
      return s;
    };
    // The same rules as `steppe list`: any (or all) of the countries, any of
    // the actors, any of the tags, and the text.
    const passes = (ev, s, skip) => {
      if (skip !== "country" && s.country.length) {
        const has = (i) => ev.country.has(i);
        if (s.all ? !s.country.every(has) : !s.country.some(has)) return false;
      }
      for (const k of ["actor", "tag"]) {
        if (skip !== k && s[k].length && !s[k].some((i) => ev[k].has(i))) return false;
      }
      return !s.q || ev.text.includes(s.q);
    };
    /** The active filters in words: " · countries: Kazakhstan, Uzbekistan (all) · tag: summit". */
    const describe = () => {
      let out = "";
      for (const k of kinds) {
        const on = boxes[k].filter((b) => b.checked).map((b) => b.nextElementSibling.textContent);
        if (!on.length) continue;
        out += ` · ${noun("facet_" + k, on.length > 1)}: ${on.join(", ")}`;
        if (k === "country" && on.length > 1 && all && all.checked) out += " " + say("facet_all");
      }
      const q = query.value.trim();
      return q ? `${out} · ${say("facet_search")}: “${q}”` : out;
    };
    const fragment = () => {
      const parts = [];
      for (const k of kinds) {
        const on = boxes[k].filter((b) => b.checked).map((b) => encodeURIComponent(b.value));
        if (on.length) parts.push(`${k}=${on.join(",")}`);
      }
      if (all && all.checked) parts.push("match=all");
      const q = query.value.trim();
      if (q) parts.push("q=" + encodeURIComponent(q));
      // The time axis's lanes (timeline.js) stay in the fragment.
      const lanes = (readFragment() || new Map()).get("lanes");
      if (lanes) parts.push("lanes=" + lanes);
      return parts.join("&");
    };
    const apply = (write) => {
      const s = state();
      let n = 0;
      // Counted in the same pass: shown events per country of today, for the map.
      const per = lands.length ? new Map() : null;
      for (const ev of events) {
        const ok = passes(ev, s, null);
        ev.el.hidden = !ok;
        n += ok;
        if (ok && per) for (const c of ev.m) per.set(c, (per.get(c) || 0) + 1);
      }
      for (const sec of sections) sec.hidden = !$$("article.event", sec).some((a) => !a.hidden);
      for (const k of kinds) {
        const counts = new Map();
        for (const ev of events) {
          if (!passes(ev, s, k)) continue;
          for (const i of ev[k]) counts.set(i, (counts.get(i) || 0) + 1);
        }
        for (const b of boxes[k]) b.parentElement.querySelector(".count").textContent = counts.get(b.dataset.i) || 0;
      }
      shown.textContent = n;
      active.textContent = describe();
      if (per) reshade(per);
      $("#none").hidden = n > 0;
      if (write) setFragment(fragment());
      document.dispatchEvent(new Event("steppe:filtered"));
    };
    const unknown = $("#unknown");
    /** Sets the controls from the fragment; false when it holds no view.
     *  What it asks for that the page does not have is said, not dropped. */
    const load = () => {
      const f = readFragment();
      if (!f) return false;
      const missed = [];
      for (const [key, value] of f) {
        if (![...kinds, "match", "q"].includes(key)) missed.push(`${key}=${decode(value)}`);
      }
      for (const k of kinds) {
        const wanted = (f.get(k) || "").split(",").map(decode).filter(Boolean);
        const values = boxes[k].map((b) => b.value.toLowerCase());
        for (const w of wanted) if (!values.includes(w.toLowerCase())) missed.push(`${k}=${w}`);
        const lower = wanted.map((v) => v.toLowerCase());
        for (const b of boxes[k]) b.checked = lower.includes(b.value.toLowerCase());
      }
      const match = f.get("match");
      if (match !== undefined && match !== "all" && match !== "any") missed.push(`match=${decode(match)}`);
      unknown.textContent = missed.length ? say("fragment_unknown", { parts: missed.join(", ") }) : "";
      unknown.hidden = !missed.length;
      if (all) all.checked = match === "all";
      const any = $("input[name=match][value=any]", form);
      if (any) any.checked = !all.checked;
      query.value = decode(f.get("q") || "");
      // A list with a ticked choice is opened, so the choice can be seen.
      for (const d of $$("details", form)) if ($("input:checked", d)) d.open = true;
      return true;
    };
    const clear = () => {
      for (const k of kinds) for (const b of boxes[k]) b.checked = false;
      if (all) all.checked = false;
      const any = $("input[name=match][value=any]", form);
      if (any) any.checked = true;
      query.value = "";
    };
    /** A link to one event (#ev-…): if the filters hide it, clear them. */
    const reveal = () => {
      const target = location.hash.length > 1 && document.getElementById(decode(location.hash.slice(1)));
      if (!target || !target.matches("article.event") || !target.hidden) return;
      clear();
      apply(false);
      target.scrollIntoView();
    };

    form.addEventListener("submit", (e) => e.preventDefault());
    form.addEventListener("input", () => { unknown.hidden = true; apply(true); });
    $("#clear").addEventListener("click", () => { clear(); apply(true); query.focus(); });
    window.addEventListener("hashchange", () => { if (load()) apply(false); else reveal(); });
    load();
    apply(false);
  }

  function slides(main) {
    const steps = $$(".step", main);
    if (!steps.length) return;
    const total = Number(main.dataset.total);
    const nav = $("#stepnav");
    const progress = $("#progress");
    const bar = $("#bar");
    const prev = $("#prev");
    const next = $("#next");
    const notes = $("#notes");
    let at = 0;
    nav.hidden = false;
    document.body.classList.add("slides", "notes-hidden");

    const show = (n) => {
      const lostFocus = steps[at].contains(document.activeElement);
      at = Math.max(0, Math.min(steps.length - 1, n));
      steps.forEach((s, i) => s.classList.toggle("current", i === at));
      document.body.classList.toggle("at-start", at === 0);
      progress.textContent = at < total ? say("step_of", { n: at + 1, total }) : say("all_questions");
      bar.value = at + 1;
      prev.disabled = at === 0;
      next.disabled = at === steps.length - 1;
      setFragment(`step=${at + 1}`);
      for (const m of $$("#tl-svg [data-step]")) m.classList.toggle("cur", Number(m.dataset.step) === at + 1);
      // Focus that was on the step just hidden moves to the new one.
      if (lostFocus) $("h2", steps[at]).focus();
    };
    const toggleNotes = () => {
      const hidden = document.body.classList.toggle("notes-hidden");
      if (notes) notes.setAttribute("aria-pressed", String(!hidden));
    };
    const fromFragment = () => {
      const f = readFragment();
      const n = f && Number.parseInt(f.get("step"), 10);
      return Number.isInteger(n) ? n - 1 : null;
    };

    prev.addEventListener("click", () => show(at - 1));
    next.addEventListener("click", () => show(at + 1));
    if (notes) notes.addEventListener("click", toggleNotes);
    const perPage = $("#perpage");
    perPage.addEventListener("change", () => document.body.classList.toggle("per-page", perPage.checked));
    // A swipe across the screen, mostly sideways: left for the next step.
    let touch = null;
    document.addEventListener("touchstart", (e) => {
      touch = e.touches.length === 1 ? { x: e.touches[0].clientX, y: e.touches[0].clientY } : null;
    }, { passive: true });
    document.addEventListener("touchend", (e) => {
      if (!touch || e.changedTouches.length !== 1) return;
      const dx = e.changedTouches[0].clientX - touch.x;
      const dy = e.changedTouches[0].clientY - touch.y;
      touch = null;
      if (Math.abs(dx) < 50 || Math.abs(dx) < 2 * Math.abs(dy)) return;
      show(at + (dx < 0 ? 1 : -1));
    }, { passive: true });
    document.addEventListener("keydown", (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.target.closest("input, textarea, select")) return;
      const onButton = e.target.closest("button, a, summary");
      const moves = {
        ArrowRight: at + 1, PageDown: at + 1, l: at + 1,
        ArrowLeft: at - 1, PageUp: at - 1, h: at - 1, Backspace: at - 1,
        Home: 0, End: steps.length - 1,
      };
      if (e.key === " " && !onButton) show(at + (e.shiftKey ? -1 : 1));
      else if (e.key in moves) show(moves[e.key]);
      else if (e.key === "i" && notes) toggleNotes();
      else return;
      e.preventDefault();
    });
    window.addEventListener("hashchange", () => {
      const n = fromFragment();
      if (n !== null && n !== at) show(n);
    });
    show(fromFragment() ?? 0);
  }
})();
