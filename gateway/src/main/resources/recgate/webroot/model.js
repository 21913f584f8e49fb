// The model view: live bundle manifest, what is served (served.js), metrics beside the popularity
// baseline, ANN sweep and popularity long tail drawn as inline SVG, and the admin token-gated version
// switch.
import { api } from './api.js';
import { el, svg, setStatus, fmt, table } from './dom.js';
import { isServedKey, servedPanel } from './served.js';

const $ = (id) => document.getElementById(id);
// The index builder measures both HNSW indexes: `ann` (retrieval) and `similar` (item to item).
const INDEXES = { ann: 'retrieval', similar: 'similar items' };
const SWEEP = /^(ann|similar)\.sweep\.ef(\d+)\.(.+)$/;

/**
 * Splits manifest metrics into model → {metric → value}, index → {metric → value}, and the sweeps:
 * index → [[ef, {metric → value}]] sorted by ef. The served pipeline's `served.*` keys are left to
 * served.js.
 */
export function groupMetrics(metrics) {
  const models = new Map();
  const indexes = new Map();
  const sweeps = new Map();
  const put = (map, group, key, value) => {
    if (!map.has(group)) map.set(group, {});
    map.get(group)[key] = value;
  };
  for (const [key, value] of Object.entries(metrics || {})) {
    if (isServedKey(key)) continue;
    const s = SWEEP.exec(key);
    if (s) {
      if (!sweeps.has(s[1])) sweeps.set(s[1], new Map());
      put(sweeps.get(s[1]), Number(s[2]), s[3], value);
      continue;
    }
    const dot = key.indexOf('.');
    const group = dot > 0 ? key.slice(0, dot) : 'other';
    put(group in INDEXES ? indexes : models, group, dot > 0 ? key.slice(dot + 1) : key, value);
  }
  const sorted = new Map([...sweeps.entries()].map(([k, m]) => [k, [...m.entries()].sort((a, b) => a[0] - b[0])]));
  return { models, indexes, sweeps: sorted };
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
  const { models, indexes, sweeps } = groupMetrics(b.metrics);
  const parts = [servedPanel(b)];
  parts.push(el('section', { class: 'panel', 'aria-labelledby': 'sizes-title' },
    el('h3', { id: 'sizes-title', text: 'Sizes' }),
    table(['', 'value'], [
      ['version', b.version], ['users', fmt(b.userCount)], ['items', fmt(b.itemCount)],
      ['factor dims', fmt(b.dims)], ['retrieval metric', b.metric], ['reranker (orders lists)', b.reranker || '–'],
      ['rating FM', b.fm ? 'yes' : 'no'],
      ['training interactions', fmt(b.popularity && b.popularity.interactions)],
    ], 'sizes')));

  parts.push(el('section', { class: 'panel', 'aria-labelledby': 'metrics-title' },
    el('h3', { id: 'metrics-title', text: 'Offline metrics (test split)' }),
    models.size ? metricsTable(models) : el('p', { class: 'status empty', text: 'This bundle records no offline metrics.' })));

  const efs = { ann: b.params && b.params['ann.ef'], similar: b.params && b.params['similar.ef'] };
  const series = [...sweeps.entries()].map(([index, points]) => ({ index, name: INDEXES[index], points, ef: efs[index] }));
  const fromSweep = atServingEf(indexes, series);
  parts.push(el('section', { class: 'panel wide', 'aria-labelledby': 'ann-title' },
    el('h3', { id: 'ann-title', text: 'ANN indexes: recall and latency per ef' }),
    indexes.size ? indexTable(indexes, efs) : null,
    fromSweep ? el('p', { id: 'indexes-note', class: 'muted', text: 'Figures at the serving ef are the sweep’s point at that ef.' }) : null,
    series.length
      ? [el('p', { class: 'muted', text: 'Measured by the index build against exact search: latency is the mean time per query, one thread, after a warm-up. Dashed lines mark the ef the gateway serves with.' }),
        el('div', { class: 'charts' },
          sweepChart(series, recallKey(series), 'recall', (v) => v.toFixed(3), 'recall-chart'),
          sweepChart(series, 'latency_us', 'latency µs', latencyTick, 'latency-chart')),
        sweepTable(series)]
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

function metricsTable(models) {
  // Columns: every model, the popularity baseline last so each row reads "model vs baseline".
  const names = [...models.keys()].sort((a, b) => (a === 'baseline') - (b === 'baseline') || a.localeCompare(b));
  const metricNames = [...new Set(names.flatMap((m) => Object.keys(models.get(m))))].sort();
  return table(['metric', ...names.map((n) => (n === 'baseline' ? 'baseline (popularity)' : n))],
    metricNames.map((metric) => [metric, ...names.map((m) => fmt(models.get(m)[metric], 4))]), 'metrics');
}

function indexTable(indexes, efs) {
  const names = [...indexes.keys()];
  const metricNames = [...new Set(names.flatMap((i) => Object.keys(indexes.get(i))))].sort();
  return table(['metric', ...names.map((i) => INDEXES[i])],
    [['serving ef', ...names.map((i) => fmt(efs[i]))],
      ...metricNames.map((metric) => [metric, ...names.map((i) => fmt(indexes.get(i)[metric], 4))])], 'indexes');
}

/**
 * One figure per metric at the serving ef: where an index's sweep has a point at its serving ef, that
 * point's values replace the index-level ones (`ann.latency_us`, `ann.recall@10`). Bundles built
 * before issue 22 timed the index-level latency cold, before the sweep, and disagree with the sweep
 * (542 µs against 44 µs at the same ef); newer builds record the same measurement in both. Returns
 * whether any value came from a sweep.
 */
function atServingEf(indexes, series) {
  let used = false;
  for (const s of series) {
    const at = s.points.find(([e]) => e === s.ef);
    if (!at) continue;
    if (!indexes.has(s.index)) indexes.set(s.index, {});
    Object.assign(indexes.get(s.index), at[1]);
    used = true;
  }
  return used;
}

/** Microseconds for an axis tick or a tooltip: whole µs from 10 up, two significant digits below, so no non-zero time reads "0". */
function latencyTick(v) {
  if (v === 0) return '0';
  return Math.abs(v) >= 10 ? fmt(Math.round(v)) : v.toPrecision(2);
}

function sweepColumns(series) {
  return [...new Set(series.flatMap((s) => s.points.flatMap(([, m]) => Object.keys(m))))].sort();
}

function recallKey(series) {
  return sweepColumns(series).find((c) => c.startsWith('recall')) || sweepColumns(series)[0];
}

function sweepTable(series) {
  const efs = [...new Set(series.flatMap((s) => s.points.map(([e]) => e)))].sort((a, b) => a - b);
  const columns = series.flatMap((s) => sweepColumns([s]).map((c) => [s, c]));
  return table(['ef', ...columns.map(([s, c]) => `${s.name} ${c}`)],
    efs.map((e) => [String(e), ...columns.map(([s, c]) => {
      const point = s.points.find(([pe]) => pe === e);
      return fmt(point ? point[1][c] : undefined, 4);
    })]), 'sweep');
}

/**
 * One line per index of a sweep column against ef, the serving ef of each marked. The x axis is
 * logarithmic (ef grows geometrically in a sweep: 10, 20, 50, 100...), so only efs >= 1 are drawn and
 * its ticks are the measured efs, never 0. The y axis is linear: recall is zoomed to its range (the
 * ticks give the ends), latency starts at 0 so heights compare as ratios. Each axis says its scale.
 */
function sweepChart(series, key, title, tick, id) {
  const lines = series.map((s) => ({ ...s, pts: s.points.filter(([e, m]) => e >= 1 && typeof m[key] === 'number').map(([e, m]) => [e, m[key]]) }))
    .filter((s) => s.pts.length);
  const W = 400; const H = 230; const L = 56; const R = 12; const T = 24; const B = 58;
  const xs = lines.flatMap((s) => s.pts.map((p) => p[0])); const ys = lines.flatMap((s) => s.pts.map((p) => p[1]));
  const xMin = Math.min(...xs); const xMax = Math.max(...xs);
  const isRecall = key.startsWith('recall');
  let yMin = isRecall ? Math.max(0, Math.min(...ys) - 0.02) : 0;
  let yMax = isRecall ? Math.min(1, Math.max(...ys) + 0.005) : Math.max(...ys);
  if (!(yMax > yMin)) { yMax = yMin + (isRecall ? 0.01 : 1); }
  const x = (v) => L + (xMax === xMin ? (W - L - R) / 2 : ((Math.log(v) - Math.log(xMin)) / (Math.log(xMax) - Math.log(xMin))) * (W - L - R));
  const y = (v) => T + (1 - (v - yMin) / (yMax - yMin)) * (H - T - B);
  const yScale = isRecall ? 'linear' : 'linear, from 0';
  const label = `${title} per ef: ` + lines.map((s) => `${s.name}: ` + s.pts.map(([e, v]) => `ef ${e} ${tick(v)}`).join(', ')).join('; ');
  const nodes = [
    svg('title', { text: label }),
    svg('text', { x: L, y: 14, class: 'chart-title', text: `${key} by ef` }),
    svg('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis x-axis', 'data-scale': 'log' }),
    svg('line', { x1: L, y1: T, x2: L, y2: H - B, class: 'axis y-axis', 'data-scale': 'linear' }),
    svg('text', { x: L - 6, y: y(yMax) + 4, 'text-anchor': 'end', class: 'tick y-tick', text: tick(yMax) }),
    svg('text', { x: L - 6, y: y(yMin) + 4, 'text-anchor': 'end', class: 'tick y-tick', text: tick(yMin) }),
    svg('text', { x: (L + W - R) / 2, y: H - B + 28, 'text-anchor': 'middle', class: 'tick axis-label x-label', text: 'ef (log scale)' }),
    svg('text', { x: 14, y: (T + H - B) / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${(T + H - B) / 2})`, class: 'tick axis-label y-label', text: `${title} (${yScale})` }),
  ];
  for (const e of [...new Set(xs)]) {
    nodes.push(svg('text', { x: x(e), y: H - B + 14, 'text-anchor': 'middle', class: 'tick x-tick', text: String(e) }));
  }
  lines.forEach((s, n) => {
    if (typeof s.ef === 'number' && s.ef >= xMin && s.ef <= xMax) {
      nodes.push(svg('line', { x1: x(s.ef), y1: T, x2: x(s.ef), y2: H - B, class: `marker series-${n}` }));
    }
    nodes.push(svg('polyline', { points: s.pts.map(([e, v]) => `${x(e)},${y(v)}`).join(' '), class: `line series-${n}` }));
    for (const [e, v] of s.pts) {
      nodes.push(svg('circle', { cx: x(e), cy: y(v), r: 3.5, class: `dot series-${n}`, 'data-index': s.index, 'data-ef': e },
        svg('title', { text: `${s.name}, ef ${e}: ${tick(v)}` })));
    }
    const lx0 = L + n * 150;
    nodes.push(svg('line', { x1: lx0, y1: H - 10, x2: lx0 + 18, y2: H - 10, class: `line series-${n}` }));
    nodes.push(svg('text', { x: lx0 + 22, y: H - 6, class: 'tick', text: `${s.name}${typeof s.ef === 'number' ? ` (ef ${s.ef})` : ''}` }));
  });
  return svg('svg', { id, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, class: 'chart', 'data-x-scale': 'log', 'data-y-scale': 'linear' }, nodes);
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
