"use strict";
// A live class: follow the teacher's step (server-sent events from `events`),
// answer the teacher's questions (`answer`), see the class's tally. The
// lesson itself is the page's; every word from the server is written as text.
(() => {
  const words = (() => {
    try { return JSON.parse(document.body.dataset.classWords || "{}"); } catch { return {}; }
  })();
  const say = (key, fill = {}) =>
    (words[key] || key).replace(/\{(\w+)\}/g, (m, k) => (k in fill ? String(fill[k]) : m));
  const make = (tag, props = {}, text = "") => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) el.setAttribute(k, v);
    if (text) el.textContent = text;
    return el;
  };

  const bar = make("div", { id: "class-bar", role: "status" });
  const state = make("span", { id: "class-state" });
  const catchUp = make("button", { id: "class-catch-up", type: "button" });
  catchUp.hidden = true;
  bar.append(state, " ", catchUp);
  const sheet = make("section", { id: "class-sheet", "aria-live": "polite", dir: "auto" });
  sheet.hidden = true;
  document.body.append(bar, sheet);
  document.body.classList.add("class");

  let teacher = null; // the step the teacher is on
  let lost = false;
  let ended = false;
  let last = null; // the last state from the server
  let name = ""; // the student's nickname
  const mine = new Map(); // question id → the answer given, in words

  /** The step this page shows (page.js keeps it in the fragment). */
  const here = () => {
    const m = /(?:^|&)step=(\d+)/.exec(location.hash.slice(1));
    return m ? Number(m[1]) : 1;
  };
  const go = (n) => {
    history.replaceState(null, "", `${location.pathname}#step=${n}`);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  };
  // The nickname stays in the bar, so a student sees which name the teacher sees.
  const you = () => (name ? `${say("class_you", { name })} · ` : "");
  const showBar = () => {
    catchUp.hidden = true;
    if (ended) state.textContent = say("class_ended");
    else if (lost) state.textContent = say("class_reconnecting");
    else if (teacher !== null && here() !== teacher) {
      state.textContent = you();
      catchUp.textContent = say("class_catch_up", { n: teacher });
      catchUp.hidden = false;
    } else state.textContent = you() + say("class_following");
    bar.classList.toggle("lost", lost);
  };
  catchUp.addEventListener("click", () => { if (teacher !== null) go(teacher); showBar(); });
  // The student moves with the page's own keys and buttons: the bar follows.
  setInterval(showBar, 500);

  const send = (q, body, words) => {
    fetch("answer", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(Object.assign({ question: q.id }, body)),
    }).then(async (r) => {
      let j = {};
      try { j = await r.json(); } catch { /* not JSON: said below */ }
      if (r.ok) mine.set(q.id, words);
      else note(say("class_not_sent", { why: j.error || r.status }));
      draw();
    }).catch(() => note(say("class_not_sent", { why: say("class_reconnecting") })));
  };
  let problem = "";
  const note = (text) => { problem = text; draw(); };

  /** The tally, as the projector shows it: each answer, its count, the right one marked. */
  const tally = (r) => {
    const box = make("div", { class: "tally" });
    box.append(make("h3", {}, say("class_tally_heading")));
    const most = Math.max(1, ...r.rows.map((row) => row.count));
    const list = make("ul");
    for (const row of r.rows) {
      const li = make("li", { class: row.right ? "right" : "" });
      const label = make("span", { class: "label", dir: "auto" }, (row.right ? "✓ " : "") + row.label);
      const count = make("span", { class: "count" }, String(row.count));
      const bar = make("span", { class: "bar" });
      bar.style.inlineSize = `${Math.round((100 * row.count) / most)}%`;
      li.append(label, count, bar);
      list.append(li);
    }
    box.append(list);
    box.append(make("p", { dir: "auto" }, r.explanation));
    box.append(make("p", {}, say("class_class_right", { right: r.right, answered: r.answered })));
    return box;
  };

  const draw = () => {
    const s = last;
    const q = s && s.question;
    sheet.replaceChildren();
    if (!q || ended) { sheet.hidden = true; return; }
    sheet.hidden = false;
    sheet.append(make("p", { class: "heading" }, q.heading));
    sheet.append(make("h2", { dir: "auto" }, q.prompt));
    for (const line of q.detail) sheet.append(make("p", { class: "detail", dir: "auto" }, line));
    const given = mine.get(q.id);
    if (s.open) {
      if (q.choices.length) {
        const list = make("div", { class: "choices" });
        q.choices.forEach((c, i) => {
          const b = make("button", { type: "button", class: "choice", dir: "auto" }, `${i + 1}. ${c}`);
          b.setAttribute("aria-pressed", String(given === c));
          b.addEventListener("click", () => send(q, { choice: i + 1 }, c));
          list.append(b);
        });
        sheet.append(list);
      } else {
        const form = make("form", { class: "year" });
        const input = make("input", { type: "number", inputmode: "numeric", name: "year", min: "-99999", max: "99999", required: "", "aria-label": say("class_year"), placeholder: say("class_year") });
        form.append(input, make("button", { type: "submit" }, say("class_answer_button")));
        form.addEventListener("submit", (e) => {
          e.preventDefault();
          const y = Number.parseInt(input.value, 10);
          if (Number.isInteger(y)) send(q, { year: y }, y < 0 ? `${-y} BCE` : String(y));
        });
        sheet.append(form);
      }
    }
    if (given !== undefined) sheet.append(make("p", { class: "sent", dir: "auto" }, say("class_sent", { answer: given })));
    if (problem) sheet.append(make("p", { class: "problem", role: "alert" }, problem));
    if (!s.open && !s.reveal) sheet.append(make("p", { class: "closed" }, say("class_closed")));
    if (s.reveal && s.reveal.id === q.id) sheet.append(tally(s.reveal.tally));
  };

  const apply = (s) => {
    const before = last && last.question ? last.question.id : null;
    last = s;
    if (!s.question || s.question.id !== before) problem = "";
    if (s.ended) { ended = true; events.close(); }
    if (s.step !== null && s.step !== teacher) {
      const was = teacher;
      teacher = s.step;
      // On the teacher's step (or just come): follow; looking back: stay.
      if (was === null || here() === was) go(teacher);
    }
    showBar();
    draw();
  };

  const events = new EventSource("events");
  events.addEventListener("state", (e) => {
    try { lost = false; apply(JSON.parse(e.data)); } catch { /* a bad event is skipped */ }
  });
  events.addEventListener("mine", (e) => {
    try {
      const m = JSON.parse(e.data);
      if (m.question !== null) mine.set(m.question, m.answer);
      if (m.name) { name = m.name; showBar(); }
      draw();
    } catch { /* skipped */ }
  });
  events.addEventListener("error", () => { if (!ended) { lost = true; showBar(); } });
})();
