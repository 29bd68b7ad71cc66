// faultline's browser UI: every view reads /api/, the URL holds the view and its filters.
// Text from articles only ever enters the page through textContent (never innerHTML).
"use strict";

(function () {
  const SVGNS = "http://www.w3.org/2000/svg";
  const PAGE = 50;
  const MODALITIES = ["asserted", "negated", "denied", "hypothetical", "intended", "future",
                      "alleged"];
  const QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
                 4: "material conflict"};
  const EVENT_FILTERS = ["source", "target", "dyad", "root", "code", "quad_class", "modality",
                         "plover", "reported_by", "outlet", "date_from", "date_to",
                         "published_from", "published_to", "q", "actor", "article_id"];
  const main = document.getElementById("main");

  // -- helpers ------------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = String(v);
      else if (k === "onclick") node.addEventListener("click", v);
      else if (k === "onchange") node.addEventListener("change", v);
      else if (k === "onsubmit") node.addEventListener("submit", v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = String(v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children.flat()) if (c) node.append(c);
    return node;
  }

  function params() {
    return new URLSearchParams(window.location.search);
  }

  function go(values, replace) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v !== "" && v != null) p.set(k, v);
    const url = "/?" + p.toString();
    if (replace) history.replaceState(null, "", url);
    else history.pushState(null, "", url);
    render();
  }

  function link(values, text, cls) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v !== "" && v != null) p.set(k, v);
    const a = el("a", {href: "/?" + p.toString(), class: cls || null, text: text});
    a.addEventListener("click", (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      go(values);
    });
    return a;
  }

  async function api(path, query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query || {})) if (v !== "" && v != null) q.set(k, v);
    const url = "/api/" + path + (q.toString() ? "?" + q.toString() : "");
    const headers = {};
    const token = sessionStorage.getItem("faultline-token");
    if (token) headers.Authorization = "Bearer " + token;
    const r = await fetch(url, {headers: headers});
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    if (r.status === 401) throw new NeedToken();
    if (!r.ok) throw new Error((body && body.error) || ("HTTP " + r.status));
    return body;
  }

  class NeedToken extends Error {}

  function downloadLinks(path, query) {
    const out = el("span", {class: "downloads"}, "download: ");
    for (const fmt of ["csv", "json", "jsonl"]) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== "" && v != null) q.set(k, v);
      q.set("format", fmt);
      q.set("limit", fmt === "json" ? "1000" : "100000");
      q.delete("offset");
      out.append(el("a", {href: "/api/" + path + "?" + q.toString(), download: "",
                          text: fmt}), " ");
    }
    return out;
  }

  function pager(page, values) {
    const offset = page.offset, limit = page.limit;
    const box = el("div", {class: "pager"});
    const shown = page.total ? `${offset + 1}–${Math.min(offset + limit, page.total)}` : "0";
    box.append(el("span", {class: "count", id: "row-count",
                           text: `${shown} of ${page.total.toLocaleString()}`}));
    if (offset > 0) box.append(" ", link({...values, offset: Math.max(0, offset - limit)},
                                         "← previous", "prev"));
    if (offset + limit < page.total) box.append(" ", link({...values, offset: offset + limit},
                                                         "next →", "next"));
    return box;
  }

  function actorText(actor) {
    return actor ? actor.code : "—";
  }

  function actorTitle(actor) {
    return actor ? `${actor.name}${actor.country ? " (" + actor.country + ")" : ""}` : "";
  }

  function markedEvidence(hit) {
    // the evidence sentence with its trigger marked
    const ev = hit.evidence || "";
    const base = hit.event.span.start;
    const s = hit.event.trigger_span.start - base, e = hit.event.trigger_span.end - base;
    if (s < 0 || e > ev.length || s >= e) return el("span", {class: "sent", text: ev});
    return el("span", {class: "sent"}, ev.slice(0, s),
              el("mark", {class: "trig", text: ev.slice(s, e)}), ev.slice(e));
  }

  function articleLink(hit, text) {
    return link({view: "article", id: hit.article.id,
                 focus: `ev-${hit.event.span.start}-${hit.event.trigger_span.start}`},
                text || "article →", "to-article");
  }

  function setActive(view) {
    for (const a of document.querySelectorAll("#views a")) {
      a.classList.toggle("active", a.dataset.view === view);
    }
  }

  // -- events -------------------------------------------------------------------------------

  async function viewEvents(p) {
    const values = {view: "events"};
    for (const k of EVENT_FILTERS) if (p.get(k)) values[k] = p.get(k);
    const offset = parseInt(p.get("offset") || "0", 10) || 0;
    const outlets = await api("outlets");
    const form = el("form", {id: "event-filters", class: "filters"});
    const field = (name, label, input) => el("label", {}, el("span", {text: label}), input);
    const text = (name, placeholder, size) => el("input", {
      name: name, value: values[name] || "", placeholder: placeholder || "", size: size || 10});
    const select = (name, options) => {
      const s = el("select", {name: name}, el("option", {value: "", text: "any"}));
      for (const [v, t] of options) {
        s.append(el("option", {value: v, text: t, selected: String(values[name] || "") ===
                               String(v)}));
      }
      return s;
    };
    form.append(
      field("source", "source", text("source", "RUS or RUS*", 8)),
      field("target", "target", text("target", "UKR*", 8)),
      field("dyad", "dyad", text("dyad", "RUS-UKR", 9)),
      field("root", "CAMEO root", select("root", Array.from({length: 20}, (_, i) => {
        const r = String(i + 1).padStart(2, "0");
        return [r, r];
      }))),
      field("code", "code", text("code", "138 or 13*", 7)),
      field("quad_class", "QuadClass", select("quad_class",
        Object.entries(QUADS).map(([k, v]) => [k, `${k} ${v}`]))),
      field("modality", "modality", select("modality", MODALITIES.map((m) => [m, m]))),
      field("plover", "PLOVER", text("plover", "THREATEN", 9)),
      field("reported_by", "reported by", text("reported_by", "name or code", 10)),
      field("outlet", "outlet", select("outlet", outlets.map((o) => [o.outlet,
        `${o.outlet} (${o.articles})`]))),
      field("date_from", "event from", el("input", {type: "date", name: "date_from",
                                                     value: values.date_from || ""})),
      field("date_to", "to", el("input", {type: "date", name: "date_to",
                                           value: values.date_to || ""})),
      field("q", "evidence text", text("q", "words in the sentence", 16)),
      el("button", {type: "submit", text: "filter"}),
      link({view: "events"}, "clear", "clear"),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const next = {view: "events"};
      for (const [k, v] of new FormData(form).entries()) if (v) next[k] = v;
      go(next);
    });
    const query = {...values, limit: PAGE, offset: offset};
    delete query.view;
    const page = await api("events", query);
    const table = el("table", {id: "events-table", class: "rows"},
      el("thead", {}, el("tr", {}, ["date", "source", "event", "target", "trigger", "modality",
        "Goldstein", "reported by", "outlet", "evidence"].map((h) => el("th", {text: h})))));
    const body = el("tbody");
    for (const hit of page.items) {
      const e = hit.event;
      const row = el("tr", {"data-article": hit.article.id},
        el("td", {class: "d", text: e.date || ""}),
        el("td", {class: "c", title: actorTitle(e.source)},
           e.source ? link({view: "events", actor: e.source.code}, e.source.code) : "—"),
        el("td", {}, link({view: "events", code: e.code}, e.code), " ",
           el("span", {class: "plover", text: e.plover || ""})),
        el("td", {class: "c", title: actorTitle(e.target)},
           e.target ? link({view: "events", actor: e.target.code}, e.target.code) : "—"),
        el("td", {}, articleLink(hit, e.trigger_text)),
        el("td", {}, el("span", {class: "mod mod-" + e.modality, text: e.modality})),
        el("td", {class: "num", text: e.goldstein == null ? "" : e.goldstein.toFixed(1)}),
        el("td", {text: e.reported_by ? e.reported_by.name : ""}),
        el("td", {text: hit.article.publisher || ""}),
        el("td", {class: "ev"}, markedEvidence(hit)));
      row.addEventListener("click", (ev) => {
        if (ev.target.closest("a")) return;
        go({view: "article", id: hit.article.id,
            focus: `ev-${e.span.start}-${e.trigger_span.start}`});
      });
      body.append(row);
    }
    table.append(body);
    const fixed = ["actor", "article_id"].filter((k) => values[k]);
    const actorNote = fixed.length ? el("p", {class: "note"}, fixed.map((k) => el("span",
      {class: "chip"}, `${k === "actor" ? "either side" : "article"}: ${values[k]} `,
      link({...values, [k]: null}, "×")))) : null;
    return [el("h2", {text: "Events"}), form, actorNote,
            el("div", {class: "bar"}, pager(page, values), downloadLinks("events", query)),
            el("div", {class: "scroll"}, table)];
  }

  // -- articles -----------------------------------------------------------------------------

  async function viewArticles(p) {
    const values = {view: "articles"};
    for (const k of ["outlet", "published_from", "published_to", "language", "q",
                     "copy_family"]) if (p.get(k)) values[k] = p.get(k);
    const offset = parseInt(p.get("offset") || "0", 10) || 0;
    const query = {...values, limit: PAGE, offset: offset};
    delete query.view;
    const page = await api("articles", query);
    const form = el("form", {class: "filters"},
      el("label", {}, el("span", {text: "title"}), el("input", {name: "q", value: values.q ||
                                                                  ""})),
      el("label", {}, el("span", {text: "outlet"}), el("input", {name: "outlet",
                                                                  value: values.outlet || ""})),
      el("label", {}, el("span", {text: "from"}), el("input", {type: "date",
        name: "published_from", value: values.published_from || ""})),
      el("label", {}, el("span", {text: "to"}), el("input", {type: "date", name: "published_to",
        value: values.published_to || ""})),
      el("label", {}, el("span", {text: "language"}), el("input", {name: "language", size: 4,
        value: values.language || ""})),
      el("button", {type: "submit", text: "filter"}));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const next = {view: "articles"};
      for (const [k, v] of new FormData(form).entries()) if (v) next[k] = v;
      go(next);
    });
    const table = el("table", {class: "rows", id: "articles-table"},
      el("thead", {}, el("tr", {}, ["published", "outlet", "title", "words", "events",
                                     "copy family"].map((h) => el("th", {text: h})))),
      el("tbody", {}, page.items.map((a) => el("tr", {},
        el("td", {class: "d", text: (a.published || "").slice(0, 10)}),
        el("td", {text: a.publisher || ""}),
        el("td", {}, link({view: "article", id: a.id}, a.title || "(untitled)")),
        el("td", {class: "num", text: a.n_words}),
        el("td", {class: "num"}, link({view: "events", article_id: a.id}, String(a.n_events))),
        el("td", {}, a.copy_family && a.copy_family !== a.id ?
          link({view: "articles", copy_family: a.copy_family}, "copy of …" +
               a.copy_family.slice(-6)) : "")))));
    return [el("h2", {text: "Articles"}), form,
            el("div", {class: "bar"}, pager(page, values), downloadLinks("articles", query)),
            el("div", {class: "scroll"}, table)];
  }

  const KINDS = [
    // kind, label, the annotations of that kind as [start, end, row cells, id]
    ["trig", "events"], ["actor", "actors"], ["quote", "quotes"], ["date", "dates"],
    ["num", "numbers"],
  ];

  function annotationsOf(data) {
    const text = data.article.text;
    const cut = (s) => text.slice(s.start, s.end);
    const out = {trig: [], actor: [], quote: [], date: [], num: []};
    const seen = new Map();  // one trigger can carry two events (two targets): unique ids
    const unique = (id) => {
      const n = (seen.get(id) || 0) + 1;
      seen.set(id, n);
      return n === 1 ? id : `${id}-${n}`;
    };
    for (const e of data.events) {
      out.trig.push({id: unique(`ev-${e.span.start}-${e.trigger_span.start}`),
        start: e.trigger_span.start, end: e.trigger_span.end,
        cells: [actorText(e.source), e.code + (e.plover ? " " + e.plover : ""),
                actorText(e.target), e.trigger_text, e.modality, e.date || "",
                e.reported_by ? e.reported_by.name : ""]});
    }
    for (const a of data.actors) {
      out.actor.push({id: unique(`ac-${a.span.start}`), start: a.span.start, end: a.span.end,
        cells: [a.text, a.actor.code, a.actor.name, a.via]});
    }
    for (const q of data.quotes) {
      out.quote.push({id: unique(`qu-${q.span.start}`), start: q.span.start, end: q.span.end,
        cells: [q.speaker ? q.speaker.name : "—", q.kind, q.cue_text || "",
                cut(q.span).slice(0, 140)]});
    }
    for (const t of data.timexes) {
      out.date.push({id: unique(`tx-${t.span.start}`), start: t.span.start, end: t.span.end,
        cells: [t.text, t.type, t.value]});
    }
    for (const c of data.claims) {
      out.num.push({id: unique(`nu-${c.span.start}`), start: c.span.start, end: c.span.end,
        cells: [cut(c.span), String(c.quantity) + (c.quantity_max ? "–" + c.quantity_max : ""),
                c.unit || "", c.subject || "", c.attributed_to || ""]});
    }
    return out;
  }

  const HEADS = {
    trig: ["source", "event", "target", "trigger", "modality", "date", "reported by"],
    actor: ["text", "code", "name", "via"],
    quote: ["speaker", "kind", "cue", "quote"],
    date: ["text", "type", "value"],
    num: ["text", "figure", "unit", "subject", "attributed to"],
  };

  function highlightedText(text, anns) {
    // split the text at every span boundary; each piece carries the spans covering it
    const spans = [];
    for (const [kind] of KINDS) for (const a of anns[kind]) spans.push({...a, kind: kind});
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(text.length, s.end)); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const box = el("div", {id: "article-text", class: "article-text"});
    for (let i = 0; i + 1 < points.length; i++) {
      const lo = points[i], hi = points[i + 1];
      const piece = text.slice(lo, hi);
      const covering = spans.filter((s) => s.start <= lo && s.end >= hi);
      if (!covering.length) { box.append(document.createTextNode(piece)); continue; }
      covering.sort((a, b) => (a.end - a.start) - (b.end - b.start));
      const node = el("span", {class: "hl " + Array.from(new Set(covering.map((s) => "k-" +
        s.kind))).join(" "), "data-ann": covering[0].id, text: piece,
        title: covering.map((s) => s.kind).join(", ")});
      node.addEventListener("click", () => focusRow(covering[0].id, true));
      box.append(node);
    }
    return box;
  }

  function focusRow(id, scroll) {
    for (const n of document.querySelectorAll(".focused")) n.classList.remove("focused");
    const row = document.getElementById("row-" + id);
    for (const n of document.querySelectorAll(`[data-ann="${CSS.escape(id)}"]`)) {
      n.classList.add("focused");
    }
    if (row) {
      row.classList.add("focused");
      if (scroll) row.scrollIntoView({block: "center"});
    }
  }

  function focusText(id) {
    focusRow(id, false);
    const first = document.querySelector(`[data-ann="${CSS.escape(id)}"]`);
    if (first) first.scrollIntoView({block: "center"});
  }

  async function viewArticle(p) {
    const id = p.get("id") || "";
    const data = await api("articles/" + encodeURIComponent(id));
    const art = data.article;
    const anns = annotationsOf(data);
    const legend = el("p", {class: "legend"}, KINDS.map(([kind, label]) =>
      el("span", {class: "key"}, el("span", {class: "hl k-" + kind, text: label}),
         ` ${anns[kind].length}`)));
    const tables = KINDS.map(([kind, label]) => {
      if (!anns[kind].length) return null;
      return el("section", {class: "anns", id: "anns-" + kind},
        el("h3", {text: `${label} (${anns[kind].length})`}),
        el("table", {class: "rows"},
          el("thead", {}, el("tr", {}, [...HEADS[kind], "chars"].map((h) =>
            el("th", {text: h})))),
          el("tbody", {}, anns[kind].map((a) => {
            const row = el("tr", {id: "row-" + a.id, class: "ann-row k-row-" + kind},
              a.cells.map((c) => el("td", {text: c})),
              el("td", {class: "num", text: `${a.start}–${a.end}`}));
            row.addEventListener("click", () => focusText(a.id));
            return row;
          }))));
    });
    const url = art.url && /^https?:\/\//i.test(art.url) ? art.url : null;
    const out = [
      el("h2", {id: "article-title", text: art.title || "(untitled)"}),
      el("p", {class: "note"}, `${art.publisher || "(no outlet)"} · ${(art.published ||
        "undated").slice(0, 19)} · ${art.id} `,
        url ? el("a", {href: url, rel: "noopener noreferrer nofollow", text: "original ↗"}) :
          null, " · ", link({view: "events", article_id: art.id}, "its events")),
      legend,
      el("div", {class: "article-layout"}, highlightedText(art.text, anns),
         el("div", {class: "ann-tables"}, tables)),
    ];
    const focus = p.get("focus");
    if (focus) setTimeout(() => focusText(focus), 0);
    return out;
  }

  // -- contested ----------------------------------------------------------------------------

  function mentionCard(m) {
    const hit = m.hit;
    return el("div", {class: "mention"},
      el("p", {class: "who"}, el("b", {text: m.party || "?"}), " · ",
         hit.article.publisher || "(no outlet)", " · ",
         (hit.article.published || "").slice(0, 10), " · ",
         el("span", {class: "mod mod-" + hit.event.modality, text: hit.event.modality})),
      el("p", {}, markedEvidence(hit)),
      el("p", {class: "note"}, `${actorText(hit.event.source)} ${hit.event.code} ` +
         `${actorText(hit.event.target)} `, articleLink(hit)));
  }

  // A cluster's side is "---" when its mentions name no actor there.
  function party(code, none) { return code && code !== "---" ? code : none; }

  async function viewContested(p) {
    const offset = parseInt(p.get("offset") || "0", 10) || 0;
    const page = await api("contested", {limit: 20, offset: offset});
    const out = [el("h2", {text: "Contested events"}),
      el("p", {class: "note", text: "One happening that some parties affirm and others " +
        "deny or negate: affirming mentions on the left, disputing ones on the right."}),
      el("div", {class: "bar"}, pager(page, {view: "contested"}),
         downloadLinks("contested", {}))];
    if (!page.items.length) out.push(el("p", {text: "No contested events in this store."}));
    for (const c of page.items) {
      out.push(el("article", {class: "contest", id: "contest-" + c.id},
        el("h3", {}, `${party(c.source, "no source")} → ${party(c.target, "no target")} · ` +
           `CAMEO root ${c.root} · ` +
           `${c.date_start || "?"}${c.date_end && c.date_end !== c.date_start ? " to " +
           c.date_end : ""} `, el("span", {class: "note", text: `${c.id}, ${c.n_mentions} ` +
           `mentions in ${c.n_articles} articles from ${c.n_sources} sources`})),
        el("div", {class: "sides"},
          el("div", {class: "side affirms"}, el("h4", {text: `affirms (${c.affirms.length})`}),
             c.affirms.map(mentionCard)),
          el("div", {class: "side disputes"},
             el("h4", {text: `disputes (${c.disputes.length})`}), c.disputes.map(mentionCard)))));
    }
    return out;
  }

  // -- numbers ------------------------------------------------------------------------------

  function figure(c) {
    const n = (v) => Number(v).toLocaleString("en");
    let s = n(c.quantity);
    if (c.quantity_max != null && c.quantity_max !== c.quantity) s += "–" + n(c.quantity_max);
    return (c.approximate ? c.approximate + " " : "") + s;
  }

  async function viewNumbers(p) {
    const disagree = p.get("disagree") || "";
    const page = await api("numbers", {limit: 100, disagree: disagree});
    const choose = el("p", {}, "show: ",
      link({view: "numbers"}, "all groups", disagree ? "" : "active"), " · ",
      link({view: "numbers", disagree: "true"}, "figures that disagree",
           disagree === "true" ? "active" : ""), " · ",
      link({view: "numbers", disagree: "false"}, "figures that agree",
           disagree === "false" ? "active" : ""));
    const out = [el("h2", {text: "Number groups"}), choose,
      el("div", {class: "bar"}, pager(page, {view: "numbers", disagree: disagree}),
         downloadLinks("numbers", {disagree: disagree}))];
    for (const g of page.items) {
      out.push(el("article", {class: "numgroup" + (g.disagree ? " disagree" : "")},
        el("h3", {}, g.label, " ", el("span", {class: g.disagree ? "flag bad" : "flag ok",
          text: g.disagree ? "figures disagree" : "figures agree"})),
        g.conflicts.length ? el("p", {class: "conflicts"}, "in conflict: ",
          g.conflicts.slice(0, 6).map(([a, b], k) => el("span", {class: "chip"},
            `${figure(g.reports[a].claim)} (${g.reports[a].article.publisher || "?"}) vs ` +
            `${figure(g.reports[b].claim)} (${g.reports[b].article.publisher || "?"})`))) : null,
        el("p", {class: "note", text: `${g.n_reports} reports · ${g.kind} · unit ${g.unit} · spread ` +
          `${Math.round(g.spread * 100)}% · ${g.compatible ? "compatible once hedges are " +
          "honoured" : "incompatible even with hedges"}`}),
        el("table", {class: "rows"}, el("thead", {}, el("tr", {}, ["figure", "outlet", "date",
          "attributed to", "evidence"].map((h) => el("th", {text: h})))),
          el("tbody", {}, g.reports.map((r) => el("tr", {},
            el("td", {class: "fig"}, el("b", {text: figure(r.claim)})),
            el("td", {text: r.article.publisher || ""}),
            el("td", {class: "d", text: (r.article.published || "").slice(0, 10)}),
            el("td", {text: r.claim.attributed_to || "—"}),
            el("td", {}, el("span", {class: "sent", text: r.evidence}), " ",
               link({view: "article", id: r.article.id,
                     focus: "nu-" + r.claim.span.start}, "article →"))))))));
    }
    return out;
  }

  // -- timeline -----------------------------------------------------------------------------

  function dayNumber(iso) {
    return Math.floor(Date.parse(iso + "T00:00:00Z") / 86400000);
  }

  function timelineChart(series) {
    const W = 1100, H = 300, L = 50, R = 16, T = 16, B = 40;
    const days = series.days;
    const first = dayNumber(days[0].date), last = dayNumber(days[days.length - 1].date);
    const span = Math.max(1, last - first);
    const x = (iso) => L + (W - L - R) * (dayNumber(iso) - first) / span;
    const sums = days.map((d) => d.goldstein_sum);
    const lo = Math.min(0, ...sums), hi = Math.max(0, ...sums);
    const y = (v) => T + (H - T - B) * (hi - v) / Math.max(1e-9, hi - lo);
    const chart = svg("svg", {id: "timeline-svg", class: "chart", viewBox: `0 0 ${W} ${H}`,
      role: "img", "aria-label": `Goldstein per day for ${series.dyad}`});
    chart.append(svg("line", {x1: L, x2: W - R, y1: y(0), y2: y(0), class: "zero"}));
    for (const v of [lo, hi]) {
      chart.append(svg("text", {x: L - 6, y: y(v) + 4, "text-anchor": "end", class: "tick",
                                text: v.toFixed(0)}));
    }
    const step = Math.max(1, Math.ceil(days.length / 8));
    days.forEach((d, i) => {
      const last = days.length - 1;
      if ((i % step === 0 && (last - i >= step / 2 || i === 0)) || i === last) {
        const anchor = i === 0 ? "start" : i === days.length - 1 ? "end" : "middle";
        chart.append(svg("text", {x: x(d.date), y: H - 14, "text-anchor": anchor,
                                  class: "tick", text: d.date}));
      }
    });
    const bar = Math.max(3, Math.min(18, (W - L - R) / Math.max(span, 1) * 0.8));
    for (const d of days) {
      const y0 = y(0), y1 = y(d.goldstein_sum);
      const rect = svg("rect", {x: x(d.date) - bar / 2, y: Math.min(y0, y1), width: bar,
        height: Math.max(1, Math.abs(y1 - y0)),
        class: d.goldstein_sum < 0 ? "neg" : "pos"},
        svg("title", {text: `${d.date}: ${d.events} events, Goldstein ${d.goldstein_sum}, ` +
          `index ${d.escalation_index}${d.alert ? " — ALERT" : ""}`}));
      chart.append(rect);
      if (d.alert) {
        chart.append(svg("circle", {cx: x(d.date), cy: y(d.goldstein_sum), r: 9,
                                    class: "alert"}, svg("title", {text: `alert ${d.date}`})));
      }
    }
    return chart;
  }

  async function viewTimeline(p) {
    const all = await api("timeline", {limit: 1000});
    const out = [el("h2", {text: "Timeline per dyad"})];
    if (!all.items.length) {
      out.push(el("p", {text: "No dated asserted events between known actors."}));
      return out;
    }
    const dyad = p.get("dyad") || all.items[0].dyad;
    const select = el("select", {id: "dyad-select", "aria-label": "dyad"},
      all.items.map((s) => el("option", {value: s.dyad, selected: s.dyad === dyad,
        text: `${s.dyad} (${s.n_events} events${s.alerts.length ? ", " + s.alerts.length +
        " alerts" : ""})`})));
    select.addEventListener("change", () => go({view: "timeline", dyad: select.value}));
    const series = all.items.find((s) => s.dyad === dyad);
    out.push(el("p", {}, "dyad ", select, " ",
      link({view: "events", dyad: dyad, modality: "asserted"}, "its asserted events →")));
    if (!series) {
      out.push(el("p", {text: `No series for ${dyad}.`}));
      return out;
    }
    out.push(el("p", {class: "note", text: "Daily Goldstein sum of asserted events (bars), " +
      "escalation alerts circled in red (index ≤ −2 over the week, at least 3 events)."}),
      timelineChart(series));
    const alerts = await api("alerts", {dyad: dyad});
    out.push(el("h3", {text: `Alerts (${alerts.total})`}));
    for (const a of alerts.items) {
      out.push(el("div", {class: "alert-box"},
        el("p", {}, el("b", {text: a.date}), ` index ${a.index} — the week's events:`),
        el("ul", {}, a.events.map((h) => el("li", {}, markedEvidence(h), " ",
                                             articleLink(h))))));
    }
    out.push(el("table", {class: "rows", id: "timeline-table"},
      el("thead", {}, el("tr", {}, ["date", "events", "q1", "q2", "q3", "q4", "Goldstein",
        "index", "alert"].map((h) => el("th", {text: h})))),
      el("tbody", {}, series.days.map((d) => el("tr", {class: d.alert ? "alert-row" : null},
        el("td", {}, link({view: "events", dyad: dyad, date_from: d.date, date_to: d.date},
                          d.date)),
        [d.events, d.quad1, d.quad2, d.quad3, d.quad4, d.goldstein_sum, d.escalation_index]
          .map((v) => el("td", {class: "num", text: v})),
        el("td", {text: d.alert ? "ALERT" : ""}))))));
    return out;
  }

  // -- network ------------------------------------------------------------------------------

  async function viewNetwork() {
    const net = await api("network");
    const codes = Object.keys(net.nodes);
    const W = 1000, H = 640, cx = W / 2, cy = H / 2, rad = Math.min(W, H) / 2 - 90;
    const pos = {};
    codes.forEach((c, i) => {
      const a = 2 * Math.PI * i / Math.max(1, codes.length) - Math.PI / 2;
      pos[c] = [cx + rad * Math.cos(a), cy + rad * Math.sin(a)];
    });
    const weight = {};
    for (const e of net.edges) {
      weight[e.source] = (weight[e.source] || 0) + e.events;
      weight[e.target] = (weight[e.target] || 0) + e.events;
    }
    const chart = svg("svg", {id: "network-svg", class: "chart", viewBox: `0 0 ${W} ${H}`,
                              role: "img", "aria-label": "actor network"});
    chart.append(svg("defs", {}, svg("marker", {id: "arrow", viewBox: "0 0 10 10", refX: 10,
      refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse",
      orient: "auto-start-reverse"},
      svg("path", {d: "M 0 0 L 10 5 L 0 10 z", class: "arrowhead"}))));
    for (const e of net.edges) {
      const [x1, y1] = pos[e.source], [x2, y2] = pos[e.target];
      const dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy) || 1;
      const r2 = 8 + Math.sqrt(weight[e.target] || 1) * 2;
      const line = svg("line", {x1: x1, y1: y1, x2: x2 - dx / len * r2, y2: y2 - dy / len * r2,
        "stroke-width": Math.min(8, 1 + e.events), class: e.goldstein_sum < 0 ? "edge neg" :
        "edge pos", "marker-end": "url(#arrow)"},
        svg("title", {text: `${net.nodes[e.source]} → ${net.nodes[e.target]}: ${e.events} ` +
          `events, Goldstein ${e.goldstein_sum}`}));
      chart.append(line);
    }
    for (const c of codes) {
      const [x, y] = pos[c];
      const r = 8 + Math.sqrt(weight[c] || 1) * 2;
      const g = svg("g", {class: "node"}, svg("circle", {cx: x, cy: y, r: r}),
        svg("text", {x: x, y: y + r + 14, "text-anchor": "middle", text: net.nodes[c]}),
        svg("title", {text: `${net.nodes[c]} (${c}): ${weight[c] || 0} events`}));
      g.addEventListener("click", () => go({view: "events", actor: c + "*",
                                             modality: "asserted"}));
      chart.append(g);
    }
    return [el("h2", {text: "Actor network"}),
      el("p", {class: "note", text: "Asserted events between countries and organisations; " +
        "an arrow runs from source to target, red for conflict (Goldstein below 0), blue for " +
        "cooperation, thicker for more events. Click an actor for its events."}), chart];
  }

  // -- the frame ----------------------------------------------------------------------------

  const VIEWS = {events: viewEvents, articles: viewArticles, article: viewArticle,
                 contested: viewContested, numbers: viewNumbers, timeline: viewTimeline,
                 network: viewNetwork};

  function tokenForm() {
    const input = el("input", {type: "password", name: "token", "aria-label": "token"});
    const form = el("form", {class: "filters"}, el("label", {},
      el("span", {text: "This server asks for a bearer token"}), input),
      el("button", {type: "submit", text: "use"}));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      sessionStorage.setItem("faultline-token", input.value);
      render();
    });
    return form;
  }

  let generation = 0;

  async function render() {
    const p = params();
    const view = VIEWS[p.get("view")] ? p.get("view") : "events";
    setActive(view === "article" ? "articles" : view);
    const mine = ++generation;
    try {
      const nodes = await VIEWS[view](p);
      if (mine !== generation) return;
      main.replaceChildren(...nodes.flat().filter(Boolean));
      document.title = `faultline · ${view}`;
    } catch (err) {
      if (mine !== generation) return;
      if (err instanceof NeedToken) main.replaceChildren(tokenForm());
      else main.replaceChildren(el("p", {class: "error", role: "alert", text: err.message}));
    }
    document.body.dataset.ready = view;
  }

  async function summary() {
    try {
      const s = await api("stats");
      document.getElementById("store-summary").textContent =
        `${s.counts.articles.toLocaleString()} articles · ${s.outlets} outlets · ` +
        `${s.counts.events.toLocaleString()} event mentions · ` +
        `${s.first_published || "?"} to ${s.last_published || "?"}`;
    } catch (e) { /* the main view reports errors */ }
  }

  for (const a of document.querySelectorAll("#views a, [data-nav]")) {
    a.addEventListener("click", (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      history.pushState(null, "", a.getAttribute("href"));
      render();
    });
  }
  window.addEventListener("popstate", render);
  summary();
  render();
})();
