// jiyao explorer: a hash-routed page over the server's JSON endpoints. No library, no build step.
'use strict';

const app = document.getElementById('app');

// Builds an element: el('a', {href: '#'}, 'text', child, ...). Text is always set as text, never parsed as HTML.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const enc = encodeURIComponent;
const KIND_NAMES = { person: '人物 person', org: '单位 org', meeting: '会议 meeting', item: '议题 item', document: '文件 document', topic: '主题 topic', source: '原文 source' };

function kindBadge(kind) { return el('span', { class: 'kind ' + kind }, KIND_NAMES[kind] || kind); }

// Where an entity's page is.
function href(kind, id) {
  switch (kind) {
    case 'person': case 'org': case 'topic': case 'meeting': return '#/' + kind + '/' + enc(id);
    case 'source': return '/source/' + enc(id);
    default: return '#/entity/' + enc(id);
  }
}

// A link to a source document's line.
function src(doc, line) {
  if (!doc) return null;
  return el('a', { class: 'src', href: '/source/' + enc(doc) + (line ? '#L' + line : ''), title: 'source text' }, doc + (line ? ':' + line : ''));
}

async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  const text = await r.text();
  let body;
  try { body = JSON.parse(text); } catch (_) { body = { error: text }; }
  if (!r.ok) { const e = new Error(body.error || r.statusText); e.body = body; e.status = r.status; throw e; }
  return body;
}

function show(...children) { app.replaceChildren(...children.flat().filter(Boolean)); window.scrollTo(0, 0); }

function showError(e) {
  const parts = [el('p', { class: 'error', id: 'error' }, e.message)];
  const b = e.body || {};
  if (b.nearest && b.nearest.length) parts.push(el('p', {}, 'Did you mean: ', b.nearest.map((n) => [el('a', { href: '#/search/' + enc(n) }, n), ' '])));
  if (b.candidates && b.candidates.length) {
    parts.push(el('ul', { class: 'results' }, b.candidates.map((c) => typeof c === 'string'
      ? el('li', {}, c)
      : el('li', {}, kindBadge(c.kind), el('a', { href: href(c.kind, c.id) }, c.label), ' ', el('span', { class: 'muted' }, c.id)))));
  }
  show(parts);
}

function fieldList(fields) {
  return el('dl', { class: 'fields', id: 'fields' }, fields.filter(([, v]) => v).map(([k, v]) => [el('dt', {}, k), el('dd', { 'data-field': k }, v)]));
}

function section(card, name) { return (card.sections || []).find((s) => s.name === name) || { columns: [], rows: [] }; }

function graphLink(id) { return el('p', {}, el('a', { href: '#/graph/' + enc(id), id: 'graph-link' }, '关系图 Neighbourhood graph →')); }

// ---------- Pages ----------

// The corpus at a glance, from the summaries ingest keeps: meetings per year, topics across years, who is seen most.
async function home() {
  const o = await getJSON('/api/overview?top=12');
  const years = o.years.map((y) => y.year);
  const maxMeetings = Math.max(1, ...o.years.map((y) => y.meetings));
  const chart = el('div', { class: 'years', id: 'years' }, o.years.map((y) => el('div', { class: 'yearbar', title: `${y.year}: ${y.meetings} meetings, ${y.items} agenda items, ${y.attendance} attendance records` },
    el('span', { class: 'n' }, y.meetings),
    el('span', { class: 'bar', style: `height:${Math.max(2, Math.round(120 * y.meetings / maxMeetings))}px` }),
    el('span', { class: 'y' }, y.year))));
  // A heat map: one row per topic, one column per year, each row shaded against its own busiest year, so a topic's rise and fall shows whatever its size.
  const topics = o.topics.slice(0, 24);
  const heat = el('table', { class: 'heat', id: 'heat' },
    el('thead', {}, el('tr', {}, el('th', {}, '主题 topic'), years.map((y) => el('th', {}, String(y).slice(2))), el('th', {}, 'items'))),
    el('tbody', {}, topics.map((t) => {
      const peak = Math.max(1, ...Object.values(t.years));
      return el('tr', {}, el('th', {}, el('a', { href: '#/topic/' + enc(t.label) }, t.label)),
        years.map((y) => {
          const n = t.years[y] || 0;
          return el('td', { class: 'cell', title: `${t.label} ${y}: ${n} agenda items`, style: n ? `background:rgba(15,118,110,${(0.12 + 0.88 * n / peak).toFixed(2)})` : '' }, '');
        }),
        el('td', { class: 'total' }, t.total));
    })));
  const seen = (kind, list, id, n = 'records') => el('ol', { class: 'seen', id }, list.map((x) => el('li', {},
    el('a', { href: '#/' + kind + '/' + enc(x.label) }, x.label), el('span', { class: 'muted' }, ` ${x[n]}`))));
  const totals = o.years.reduce((t, y) => ({ meetings: t.meetings + y.meetings, items: t.items + y.items }), { meetings: 0, items: 0 });
  show(
    el('h1', {}, '常务会议纪要 knowledge graph'),
    el('p', { class: 'muted', id: 'summary' }, `${totals.meetings} dated meetings and ${totals.items} agenda items over ${years.length} years`),
    el('p', {}, 'Search for a person (蔡剑峰), an organisation (市工信局), a topic (氢能) or a document; every fact links to the line of the minutes it was read from.'),
    el('h2', {}, '会议 Meetings per year'), o.years.length ? chart : el('p', { class: 'muted' }, 'No dated meetings.'),
    el('h2', {}, '主题 Topics across the years'),
    el('p', { class: 'muted' }, 'Agenda items per topic and year; each row is shaded against its own busiest year.'),
    topics.length ? heat : el('p', { class: 'muted' }, 'No topics.'),
    el('div', { class: 'columns' },
      el('div', {}, el('h2', {}, '单位 Organisations seen most'), seen('org', o.organisations, 'top-orgs'), el('p', { class: 'muted' }, 'attendance records')),
      el('div', {}, el('h2', {}, '人物 People seen most'), seen('person', o.people, 'top-people'), el('p', { class: 'muted' }, 'attendance records')),
      el('div', {}, el('h2', {}, '牵头 Leading most documents'), seen('org', o.leads || [], 'top-leads', 'documents'), el('p', { class: 'muted' }, 'distinct policy documents led'))),
  );
  // The store's counts come last: on a large store they take longer than the summaries.
  getJSON('/api/stats').then((stats) => {
    if (document.body.dataset.route !== 'home') return;
    document.getElementById('summary').after(el('p', { class: 'muted', id: 'stats' }, `${stats.documents} documents · ${stats.meetings} meetings · ${stats.people} people · ${stats.organisations} organisations · ${stats.attendance} attendance records`));
  }).catch(() => {});
}

async function search(q) {
  document.getElementById('q').value = q;
  const r = await getJSON('/api/search?q=' + enc(q));
  // A name several people share is said so, and each person shows what tells them apart.
  const namesakes = {};
  r.results.filter((x) => x.kind === 'person').forEach((x) => { namesakes[x.label] = (namesakes[x.label] || 0) + 1; });
  const items = r.results.map((x) => el('li', { class: 'result', 'data-kind': x.kind },
    kindBadge(x.kind), el('a', { href: href(x.kind, x.id) }, x.label),
    x.aliases && x.aliases.length ? el('span', { class: 'muted' }, ' (' + x.aliases.join('、') + ')') : null,
    x.detail ? el('span', { class: 'muted detail' }, ' · ' + x.detail) : null,
    x.kind === 'person' && namesakes[x.label] > 1 ? el('span', { class: 'namesake' }, ` · one of ${namesakes[x.label]} people called ${x.label}`) : null));
  show(
    el('h1', {}, '搜索 ', q),
    el('p', { class: 'muted' }, `${r.results.length} of ${r.total} matches`),
    items.length ? el('ul', { class: 'results', id: 'results' }, items) : el('p', { id: 'results' }, 'Nothing matches.'),
    r.suggestions && r.suggestions.length ? el('p', {}, 'Did you mean: ', r.suggestions.map((n) => [el('a', { href: '#/search/' + enc(n) }, n), ' '])) : null,
  );
}

// A name that stands for several people: each with the evidence that tells them apart, and which person each record is.
function namesakes(c) {
  const people = section(c, 'people');
  const att = section(c, 'attendance');
  // person, government, orgs, first, last, records; date, meeting, role, org, doc, line, person
  show(
    el('h1', { id: 'title' }, c.title),
    el('p', { id: 'ambiguous' }, `${people.rows.length} people are called ${c.title}; choose one.`),
    fieldList(c.fields),
    table(['person', 'government', 'organisations', 'first', 'last', 'records'], people.rows.map((r) => [el('a', { href: '#/person/' + enc(r[0]) }, r[0]), r[1], r[2], r[3], r[4], r[5]]), 'people'),
    el('h2', {}, `会议 Records (${att.rows.length})`),
    table(['date', 'meeting', 'role', 'org', 'source', 'person'], att.rows.map((r) => [r[0], el('a', { href: '#/meeting/' + enc(r[4]) }, `第${r[1]}次常务会议`), r[2], r[3], src(r[4], r[5]), el('a', { href: '#/person/' + enc(r[6]) }, r[6])]), 'records'),
  );
}

async function person(id) {
  const c = await getJSON('/api/card/person?id=' + enc(id));
  if (c.sections.some((s) => s.name === 'people')) return namesakes(c);
  const att = section(c, 'attendance');
  const orgs = section(c, 'organisations');
  const co = section(c, 'co-attendees');
  // date, meeting, role, org, doc, line
  const timeline = el('ul', { class: 'timeline', id: 'timeline' }, att.rows.map((r) => el('li', { class: 'meeting-row', 'data-meeting': r[1], 'data-role': r[2], 'data-org': r[3] },
    el('span', {}, r[0]),
    el('a', { href: '#/meeting/' + enc(r[4]) }, `第${r[1]}次常务会议`),
    el('span', { class: 'role' }, r[2]),
    r[3] ? el('a', { href: '#/org/' + enc(r[3]) }, r[3]) : el('span', {}, ''),
    src(r[4], r[5]))));
  show(
    el('p', {}, kindBadge('person'), el('span', { class: 'muted' }, c.iri)),
    el('h1', { id: 'title' }, c.title),
    fieldList(c.fields),
    el('h2', {}, `会议 Meetings (${att.rows.length})`), timeline,
    el('h2', {}, '单位 Organisations'),
    table(['organisation', 'first', 'last', 'meetings'], orgs.rows.map((r) => [el('a', { href: '#/org/' + enc(r[0]) }, r[0]), r[1], r[2], r[3]]), 'organisations'),
    el('h2', {}, '同会人员 Co-attendees'),
    el('p', { class: 'people', id: 'co-attendees' }, co.rows.map((r) => el('span', { class: 'who' }, el('a', { href: '#/person/' + enc(r[0]) }, r[0]), el('span', { class: 'muted' }, ` ×${r[1]}`)))),
    graphLink(c.iri),
  );
}

function table(columns, rows, id) {
  return el('table', { id }, el('thead', {}, el('tr', {}, columns.map((c) => el('th', {}, c)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((cell) => el('td', {}, cell))))));
}

async function meeting(id) {
  const c = await getJSON('/api/card/meeting?id=' + enc(id));
  const x = c.records || { items: [], documents: [], attendance: [] };
  const doc = x.doc;
  const topics = {};
  for (const r of section(c, 'agenda').rows) topics[r[0]] = r[2];
  const byRole = [];
  for (const a of x.attendance) {
    let g = byRole[byRole.length - 1];
    if (!g || g.role !== a.role) { g = { role: a.role, people: [] }; byRole.push(g); }
    g.people.push(a);
  }
  const fields = c.fields.filter(([k]) => k !== 'source');
  show(
    el('p', {}, kindBadge('meeting'), el('span', { class: 'muted' }, c.iri)),
    el('h1', { id: 'title' }, c.title),
    fieldList(fields),
    el('p', {}, 'Source: ', src(doc), ' ', el('a', { href: '/source/' + enc(doc) }, '原文 full text')),
    el('h2', {}, `议题 Agenda (${x.items.length})`),
    table(['', 'heading', 'topics', 'source'], x.items.map((i) => [i.item, i.heading,
      (topics[i.item] || '').split('、').filter(Boolean).map((t) => [el('a', { href: '#/topic/' + enc(t) }, t), ' ']), src(doc, i.line)]), 'agenda'),
    el('h2', {}, `文件 Documents (${x.documents.length})`),
    table(['item', 'title', 'decision', 'lead', 'next step', 'source'], x.documents.map((d) => [d.item, '《' + d.title + '》', d.decision,
      d.lead ? el('a', { href: '#/org/' + enc(d.lead) }, d.lead) : '', d.next, src(doc, d.line)]), 'documents'),
    el('h2', {}, `出席情况 Attendance (${x.attendance.length})`),
    el('div', { id: 'attendance' }, byRole.map((g) => el('div', { class: 'people', 'data-role': g.role },
      el('h3', {}, `${g.role} (${g.people.length})`),
      g.people.map((a) => el('span', { class: 'who' },
        a.person ? el('a', { href: '#/person/' + enc(a.person) }, a.person) : el('a', { href: '#/org/' + enc(a.org) }, a.org + ' 代表'),
        a.person && a.org ? el('span', { class: 'muted' }, `(${a.org})`) : null,
        el('sup', {}, el('a', { href: '/source/' + enc(doc) + '#L' + a.line }, 'L' + a.line))))))),
    graphLink(c.iri),
  );
}

async function org(id) {
  const c = await getJSON('/api/card/org?id=' + enc(id));
  const reps = section(c, 'representatives');
  const led = section(c, 'documents led');
  show(
    el('p', {}, kindBadge('org'), el('span', { class: 'muted' }, c.iri)),
    el('h1', { id: 'title' }, c.title),
    fieldList(c.fields),
    el('h2', {}, `谁代表本单位 Who represented it (${reps.rows.length})`),
    // date, meeting, person, role, doc, line
    table(['date', 'meeting', 'person', 'role', 'source'], reps.rows.map((r) => [r[0], el('a', { href: '#/meeting/' + enc(r[4]) }, `第${r[1]}次`),
      r[2] ? el('a', { href: '#/person/' + enc(r[2]) }, r[2]) : el('span', { class: 'muted' }, '(代表)'), r[3], src(r[4], r[5])]), 'representatives'),
    el('h2', {}, `牵头文件 Documents led (${led.rows.length})`),
    table(['date', 'meeting', 'title', 'next step'], led.rows.map((r) => [r[0], `第${r[1]}次`, '《' + r[2] + '》', r[3]]), 'documents-led'),
    graphLink(c.iri),
  );
}

// A topic's card, one page of its timeline at a time (a topic spoken of at every meeting has tens of
// thousands of entries); the bars per year come from the summaries, whole.
const TOPIC_PAGE = 200;

async function topic(id, narrower, offset) {
  const c = await getJSON('/api/card/topic?id=' + enc(id) + (narrower ? '&narrower=1' : '') + `&limit=${TOPIC_PAGE}&offset=${offset}`);
  const tl = section(c, 'timeline');
  const docs = section(c, 'documents');
  // date, meeting, item, topic, evidence, doc, line
  const perYear = new Map();
  for (const [y, , n] of section(c, 'years').rows) perYear.set(String(y), (perYear.get(String(y)) || 0) + n);
  const most = Math.max(1, ...perYear.values());
  const shown = new Map();
  for (const r of tl.rows) { const y = (r[0] || '????').slice(0, 4); if (!shown.has(y)) shown.set(y, []); shown.get(y).push(r); }
  const total = tl.total ?? tl.rows.length;
  // On a page of a long timeline the documents' total may come apart (counting a hub topic's takes a second).
  const docsTotal = el('span', { id: 'documents-total' }, String(docs.total ?? (tl.total === undefined ? docs.rows.length : '…')));
  if (docs.total === undefined && tl.total !== undefined) {
    getJSON('/api/topic-totals?id=' + enc(c.iri) + (narrower ? '&narrower=1' : ''))
      .then((t) => { docsTotal.textContent = String(t.documents); })
      .catch(() => { docsTotal.textContent = '?'; });
  }
  const at = (o) => '#/topic/' + enc(id) + '/' + (narrower ? 'narrower' : 'only') + '/' + o;
  const pager = total > tl.rows.length ? el('p', { id: 'pager' },
    `${offset + 1}–${offset + tl.rows.length} / ${total} `,
    offset > 0 ? el('a', { href: at(Math.max(0, offset - TOPIC_PAGE)) }, '← 上一页 Previous') : null, ' ',
    offset + tl.rows.length < total ? el('a', { href: at(offset + TOPIC_PAGE), id: 'next-page' }, '下一页 Next →') : null) : null;
  show(
    el('p', {}, kindBadge('topic'), el('span', { class: 'muted' }, c.iri)),
    el('h1', { id: 'title' }, c.title),
    fieldList(c.fields),
    el('p', {}, el('a', { href: '#/topic/' + enc(id) + (narrower ? '' : '/narrower') }, narrower ? 'Without narrower topics' : 'Include narrower topics')),
    el('h2', {}, '每年议题 Agenda items per year'),
    el('div', { id: 'years' }, [...perYear.entries()].map(([y, n]) =>
      el('div', { class: 'year', 'data-year': y }, y, el('span', { class: 'bar', style: `width:${(12 * n) / most}rem` }), el('span', { class: 'muted' }, n)))),
    el('h2', {}, `时间线 Timeline (${total})`),
    pager,
    el('div', { id: 'timeline' }, [...shown.entries()].map(([y, rows]) => [
      el('div', { class: 'year', 'data-year': y }, y),
      el('ul', { class: 'timeline' }, rows.map((r) => el('li', {}, el('span', {}, r[0]), el('a', { href: '#/meeting/' + enc(r[5]) }, `第${r[1]}次 议题${r[2]}`),
        el('a', { href: '#/topic/' + enc(r[3]) }, r[3]), el('span', {}, r[4]), src(r[5], r[6])))),
    ])),
    el('h2', {}, '文件 Documents (', docsTotal, ')'),
    table(['date', 'meeting', 'item', 'title', 'lead', 'next step'], docs.rows.map((r) => [r[0], `第${r[1]}次`, r[2], '《' + r[3] + '》', r[4] ? el('a', { href: '#/org/' + enc(r[4]) }, r[4]) : '', r[5]]), 'topic-documents'),
    graphLink(c.iri),
  );
}

async function entity(id) {
  const r = await getJSON('/api/entity?id=' + enc(id));
  const e = r.entity;
  show(
    el('p', {}, kindBadge(e.kind), el('span', { class: 'muted' }, e.iri || e.id)),
    el('h1', { id: 'title' }, e.label),
    e.aliases.length ? el('p', { class: 'muted' }, '又称 ' + e.aliases.join('、')) : null,
    el('h2', {}, `关系 Relations (${r.relations.length})`),
    el('ul', { class: 'results', id: 'relations' }, r.relations.map((x) => el('li', {},
      x.forward ? `—${x.words}→ ` : `←${x.words}— `, kindBadge(x.other.kind), el('a', { href: href(x.other.kind, x.other.id) }, x.other.label)))),
    graphLink(e.id),
  );
}

const COLORS = { person: '#2a6f97', org: '#6a994e', meeting: '#9b2226', item: '#bc6c25', document: '#7b2cbf', topic: '#0f766e' };
const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

// The neighbourhood of an entity, drawn in rings around it: distance 1 on the inner ring, distance 2 on the outer.
async function graph(id, hops) {
  const g = await getJSON('/api/neighbors?id=' + enc(id) + '&hops=' + hops + '&max=80');
  const W = 1000, H = 760, cx = W / 2, cy = H / 2;
  const rings = {};
  g.nodes.forEach((n, i) => { (rings[n.distance] = rings[n.distance] || []).push(i); });
  const pos = [];
  for (const [d, members] of Object.entries(rings)) {
    const r = d == 0 ? 0 : (d == 1 ? 230 : 350);
    members.forEach((i, k) => {
      const a = (2 * Math.PI * k) / members.length + (d == 2 ? Math.PI / members.length : 0) - Math.PI / 2;
      pos[i] = [cx + r * Math.cos(a), cy + r * Math.sin(a) * 0.92];
    });
  }
  const lines = g.edges.map((e) => svg('line', { x1: pos[e.from][0], y1: pos[e.from][1], x2: pos[e.to][0], y2: pos[e.to][1] }, svg('title', {}, e.words)));
  const nodes = g.nodes.map((n, i) => {
    const label = n.label.length > 16 ? n.label.slice(0, 15) + '…' : n.label;
    const c = svg('circle', { cx: pos[i][0], cy: pos[i][1], r: i === 0 ? 12 : 7, fill: COLORS[n.kind] || '#888', 'data-id': n.id }, svg('title', {}, n.label));
    c.addEventListener('click', () => { location.hash = href(n.kind, n.id); });
    return svg('g', { class: 'node' }, c, svg('text', { x: pos[i][0] + 10, y: pos[i][1] + 4 }, label));
  });
  const center = g.nodes[0];
  show(
    el('p', {}, kindBadge(center.kind), el('a', { href: href(center.kind, center.id) }, center.label)),
    el('h1', { id: 'title' }, '关系图 ', center.label),
    el('p', { class: 'muted', id: 'graph-count' }, `${g.shown} of ${g.total} entities within ${hops} hop${hops > 1 ? 's' : ''}, ${g.edges.length} relations. `,
      el('a', { href: '#/graph/' + enc(id) + '/' + (hops === 1 ? 2 : 1) }, hops === 1 ? 'Show 2 hops' : 'Show 1 hop'), ' · click a node to open it; hover for names and relations.'),
    el('p', { class: 'legend' }, Object.entries(COLORS).map(([k, c]) => el('span', {}, el('span', { style: `color:${c}` }, '●'), ' ', KIND_NAMES[k]))),
    svg('svg', { class: 'graph', id: 'graph', viewBox: `0 0 ${W} ${H}` }, svg('g', {}, ...lines), svg('g', {}, ...nodes)),
  );
}

function sparqlPage() {
  const text = el('textarea', { id: 'sparql-text' }, 'PREFIX jy: <https://w3id.org/jiyao/ontology#>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\nSELECT ?name (COUNT(*) AS ?records) WHERE {\n  ?a a jy:Attendance ; jy:person ?p . ?p foaf:name ?name\n} GROUP BY ?name ORDER BY DESC(?records) LIMIT 10');
  const out = el('pre', { class: 'out', id: 'sparql-out' });
  const run = el('button', { type: 'button' }, 'Run');
  run.addEventListener('click', async () => {
    out.textContent = '…';
    const r = await fetch('/query', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'text/csv, text/turtle;q=0.9' }, body: text.value });
    out.textContent = `${r.status} ${r.statusText}\n\n` + await r.text();
  });
  show(el('h1', {}, 'SPARQL'), el('p', { class: 'muted' }, 'Queries run over the union of all graphs, read-only, under the server\'s time limit. Point any SPARQL client at /query.'), text, el('p', {}, run), out);
}

// ---------- Router ----------

async function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map((p) => decodeURIComponent(p));
  const [page, id, extra] = parts;
  try {
    switch (page) {
      case '': case undefined: return await home();
      case 'search': return await search(id || '');
      case 'person': return await person(id);
      case 'meeting': return await meeting(id);
      case 'org': return await org(id);
      case 'topic': return await topic(id, extra === 'narrower', Number(parts[3]) || 0);
      case 'entity': return await entity(id);
      case 'graph': return await graph(id, extra === '2' ? 2 : 1);
      case 'sparql': return sparqlPage();
      default: return show(el('p', { class: 'error' }, 'No such page.'));
    }
  } catch (e) {
    showError(e);
  } finally {
    document.body.dataset.route = page || 'home';
    document.body.dataset.ready = String(Date.now());
  }
}

document.getElementById('search-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = document.getElementById('q').value.trim();
  if (q) location.hash = '#/search/' + enc(q);
});
window.addEventListener('hashchange', route);
route();
