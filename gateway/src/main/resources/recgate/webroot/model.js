// The model view: live bundle manifest, metrics beside the popularity baseline, ANN sweep and
// popularity long tail drawn as inline SVG, and the admin token-gated version switch.
import { api } from './api.js';
import { el, svg, setStatus, fmt } from './dom.js';

const $ = (id) => document.getElementById(id);
const SWEEP = /^ann\.sweep\.ef(\d+)\.(.+)$/;

/** Splits manifest metrics into model → {metric → value}, the ANN sweep per ef, and the rest. */
export function groupMetrics(metrics) {
  const models = new Map();
  const sweep = new Map();
  const other = [];
  for (const [key, value] of Object.entries(metrics || {})) {
    const s = SWEEP.exec(key);
    if (s) {
      const ef = Number(s[1]);
      if (!sweep.has(ef)) sweep.set(ef, {});
      sweep.get(ef)[s[2]] = value;
      continue;
    }
    const dot = key.indexOf('.');
    if (dot > 0 && !key.startsWith('ann.')) {
      const model = key.slice(0, dot);
      if (!models.has(model)) models.set(model, {});
      models.get(model)[key.slice(dot + 1)] = value;
    } else {
      other.push([key, value]);
    }
  }
  return { models, sweep: [...sweep.entries()].sort((a, b) => a[0] - b[0]), other };
}

export async function showModel() {
  const status = $('model-status');
  setStatus(status, 'loading', 'Loading the live bundle…');
  try {
    const b = await api.bundle();
    $('bundle-badge').textContent = `bundle: ${b.version}`;
    $('model-body').replaceChildren(...render(b));
    setStatus(status, '', `Live bundle ${b.version}, published ${new Date(b.createdAt).toLocaleString()}.`);
  } catch (e) {
    $('model-body').replaceChildren();
    setStatus(status, 'error', `Error: ${e.message}`);
  }
}

function render(b) {
  const { models, sweep, other } = groupMetrics(b.metrics);
  const parts = [];
  parts.push(el('section', { class: 'panel', 'aria-labelledby': 'sizes-title' },
    el('h3', { id: 'sizes-title', text: 'Sizes' }),
    table(['', 'value'], [
      ['version', b.version], ['users', fmt(b.userCount)], ['items', fmt(b.itemCount)],
      ['factor dims', fmt(b.dims)], ['retrieval metric', b.metric], ['FM reranker', b.fm ? 'yes' : 'no'],
      ['training interactions', fmt(b.popularity && b.popularity.interactions)],
    ], 'sizes')));

  parts.push(el('section', { class: 'panel', 'aria-labelledby': 'metrics-title' },
    el('h3', { id: 'metrics-title', text: 'Offline metrics' }),
    models.size ? metricsTable(models) : el('p', { class: 'status empty', text: 'This bundle records no offline metrics.' }),
    other.length ? table(['metric', 'value'], other.map(([k, v]) => [k, fmt(v, 4)]), 'other-metrics') : null));

  const ef = b.params && b.params['ann.ef'];
  parts.push(el('section', { class: 'panel wide', 'aria-labelledby': 'ann-title' },
    el('h3', { id: 'ann-title', text: 'ANN: recall and latency per ef' }),
    sweep.length
      ? [el('p', { class: 'muted', text: `Measured when the index was built; the gateway searches with ef = ${ef ?? 'default'}.` }),
        el('div', { class: 'charts' },
          sweepChart(sweep, recallKey(sweep), 'recall', ef, (v) => v.toFixed(2), 'recall-chart'),
          sweepChart(sweep, 'latency_us', 'latency µs', ef, (v) => fmt(v, 0), 'latency-chart')),
        table(['ef', ...sweepColumns(sweep)], sweep.map(([e, m]) => [String(e), ...sweepColumns(sweep).map((c) => fmt(m[c], 4))]), 'sweep')]
      : el('p', { class: 'status empty', text: 'This bundle records no ANN sweep (ann.sweep.ef<N>.* metrics).' })));

  const counts = b.popularity && b.popularity.counts;
  parts.push(el('section', { class: 'panel wide', 'aria-labelledby': 'pop-title' },
    el('h3', { id: 'pop-title', text: 'Item popularity (long tail)' }),
    counts && counts.length ? longTail(counts, b.popularity.items)
      : el('p', { class: 'status empty', text: 'This bundle has no item interaction counts.' })));

  parts.push(el('section', { class: 'panel wide', 'aria-labelledby': 'params-title' },
    el('details', {},
      el('summary', {}, el('h3', { id: 'params-title', class: 'inline', text: 'Training and index parameters' })),
      table(['parameter', 'value'], Object.entries(b.params || {}).map(([k, v]) => [k, String(v)]), 'params'))));
  return parts;
}

function table(headers, rows, id) {
  return el('table', { id },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c, i) => (i === 0 ? el('th', { scope: 'row', text: c }) : el('td', { text: c })))))));
}

function metricsTable(models) {
  // Columns: every model, the popularity baseline last so each row reads "model vs baseline".
  const names = [...models.keys()].sort((a, b) => (a === 'baseline') - (b === 'baseline') || a.localeCompare(b));
  const metricNames = [...new Set(names.flatMap((m) => Object.keys(models.get(m))))].sort();
  return table(['metric', ...names.map((n) => (n === 'baseline' ? 'baseline (popularity)' : n))],
    metricNames.map((metric) => [metric, ...names.map((m) => fmt(models.get(m)[metric], 4))]), 'metrics');
}

function sweepColumns(sweep) {
  return [...new Set(sweep.flatMap(([, m]) => Object.keys(m)))].sort();
}

function recallKey(sweep) {
  return sweepColumns(sweep).find((c) => c.startsWith('recall')) || sweepColumns(sweep)[0];
}

/** A line chart of one sweep column against ef, the configured ef marked. */
function sweepChart(sweep, key, title, configuredEf, tick, id) {
  const points = sweep.filter(([, m]) => typeof m[key] === 'number').map(([e, m]) => [e, m[key]]);
  const W = 360; const H = 200; const L = 56; const R = 12; const T = 24; const B = 36;
  const xs = points.map((p) => p[0]); const ys = points.map((p) => p[1]);
  const xMin = Math.min(...xs); const xMax = Math.max(...xs);
  let yMin = Math.min(...ys); let yMax = Math.max(...ys);
  if (key.startsWith('recall')) { yMin = Math.min(yMin, Math.max(0, yMin - 0.05)); yMax = Math.max(yMax, Math.min(1, yMax + 0.01)); }
  if (yMax === yMin) { yMax = yMin + 1; }
  // ef grows geometrically in a sweep (10, 20, 50, 100...): a log axis spaces the points evenly.
  const lx = (v) => Math.log(Math.max(1, v));
  const x = (v) => L + (xMax === xMin ? (W - L - R) / 2 : ((lx(v) - lx(xMin)) / (lx(xMax) - lx(xMin))) * (W - L - R));
  const y = (v) => T + (1 - (v - yMin) / (yMax - yMin)) * (H - T - B);
  const label = `${title} per ef: ` + points.map(([e, v]) => `ef ${e} ${tick(v)}`).join(', ');
  const nodes = [
    svg('title', { text: label }),
    svg('text', { x: L, y: 14, class: 'chart-title', text: `${key} by ef` }),
    svg('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis' }),
    svg('line', { x1: L, y1: T, x2: L, y2: H - B, class: 'axis' }),
    svg('text', { x: L - 6, y: y(yMax) + 4, 'text-anchor': 'end', class: 'tick', text: tick(yMax) }),
    svg('text', { x: L - 6, y: y(yMin) + 4, 'text-anchor': 'end', class: 'tick', text: tick(yMin) }),
    svg('text', { x: (L + W - R) / 2, y: H - 4, 'text-anchor': 'middle', class: 'tick', text: 'ef (log scale)' }),
  ];
  for (const [e] of points) {
    nodes.push(svg('text', { x: x(e), y: H - B + 14, 'text-anchor': 'middle', class: 'tick', text: String(e) }));
  }
  if (typeof configuredEf === 'number' && configuredEf >= xMin && configuredEf <= xMax) {
    nodes.push(svg('line', { x1: x(configuredEf), y1: T, x2: x(configuredEf), y2: H - B, class: 'marker' }));
    nodes.push(svg('text', { x: x(configuredEf) + 4, y: T + 10, class: 'tick marker-label', text: `serving ef ${configuredEf}` }));
  }
  nodes.push(svg('polyline', { points: points.map(([e, v]) => `${x(e)},${y(v)}`).join(' '), class: 'line' }));
  for (const [e, v] of points) {
    nodes.push(svg('circle', { cx: x(e), cy: y(v), r: 3.5, class: 'dot' }, svg('title', { text: `ef ${e}: ${tick(v)}` })));
  }
  return svg('svg', { id, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, class: 'chart' }, nodes);
}

/** Interaction count by popularity rank (log scale on y when the range is wide). */
function longTail(counts, items) {
  const W = 740; const H = 200; const L = 56; const R = 12; const T = 16; const B = 32;
  const max = Math.max(1, counts[0]);
  const log = max >= 100;
  const yv = (c) => (log ? Math.log10(1 + c) / Math.log10(1 + max) : c / max);
  const n = counts.length;
  const x = (i) => L + (n === 1 ? 0 : (i / (n - 1)) * (W - L - R));
  const y = (c) => T + (1 - yv(c)) * (H - T - B);
  const area = `${x(0)},${H - B} ` + counts.map((c, i) => `${x(i)},${y(c)}`).join(' ') + ` ${x(n - 1)},${H - B}`;
  const headShare = counts.slice(0, Math.max(1, Math.round(n / 10))).reduce((a, c) => a + c, 0) / Math.max(1, counts.reduce((a, c) => a + c, 0));
  const label = `Interactions per item by popularity rank over ${items} items; the top 10% of ranks hold about ${Math.round(headShare * 100)}% of interactions (sampled curve).`;
  return el('figure', {},
    svg('svg', { id: 'longtail-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, class: 'chart wide' },
      svg('title', { text: label }),
      svg('polygon', { points: area, class: 'area' }),
      svg('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis' }),
      svg('line', { x1: L, y1: T, x2: L, y2: H - B, class: 'axis' }),
      svg('text', { x: L - 6, y: T + 4, 'text-anchor': 'end', class: 'tick', text: fmt(max) }),
      svg('text', { x: L - 6, y: H - B + 4, 'text-anchor': 'end', class: 'tick', text: '0' }),
      svg('text', { x: L, y: H - 6, class: 'tick', text: 'most popular' }),
      svg('text', { x: W - R, y: H - 6, 'text-anchor': 'end', class: 'tick', text: `rank ${fmt(items)} (least popular)` })),
    el('figcaption', { class: 'muted', text: label + (log ? ' Log scale.' : '') }));
}

async function listVersions() {
  const token = $('admin-token').value;
  const status = $('admin-status');
  setStatus(status, 'loading', 'Loading versions…');
  try {
    const v = await api.versions(token);
    setStatus(status, '', `Live ${v.live ?? 'none'}, current pointer ${v.current ?? 'none'}.`);
    $('admin-versions').replaceChildren(el('table', { id: 'versions' },
      el('thead', {}, el('tr', {}, ['version', 'created', 'users', 'items', 'state', ''].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, v.versions.map((r) => el('tr', {},
        el('th', { scope: 'row', text: r.version }),
        el('td', { text: r.createdAt ? new Date(r.createdAt).toLocaleString() : '–' }),
        el('td', { text: fmt(r.userCount) }), el('td', { text: fmt(r.itemCount) }),
        el('td', { text: [r.live ? 'live' : '', r.current ? 'current' : '', r.problem || ''].filter(Boolean).join(', ') || '–' }),
        el('td', {}, el('button', { type: 'button', disabled: r.live || !!r.problem, text: 'Activate',
          'aria-label': `Activate ${r.version}`, onclick: () => activate(r.version) })))))));
  } catch (e) {
    $('admin-versions').replaceChildren();
    setStatus(status, 'error', `Error: ${e.message}`);
  }
}

async function activate(version) {
  const status = $('admin-status');
  setStatus(status, 'loading', `Activating ${version} (verify, load, warm, swap)…`);
  try {
    const r = await api.activate(version, $('admin-token').value);
    setStatus(status, '', `Now serving ${r.live} (was ${r.previous ?? 'none'}).`);
    await listVersions();
    await showModel();
  } catch (e) {
    setStatus(status, 'error', `Error: ${e.message}`);
  }
}

$('admin-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  listVersions();
});
