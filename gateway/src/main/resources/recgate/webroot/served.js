// The "What is served" panel of the model view: the quality of the list the gateway serves (retrieve
// C candidates → rerank → top k), as the index build measured it on the test split and recorded in the
// manifest (`served.*` metrics; `rerank.model`, `rerank.refused`, `serving.candidates` params), beside
// retrieval alone and the popularity baseline, and the candidate sweep drawn as inline SVG.
import { el, svg, fmt, table } from './dom.js';

const PREFIX = 'served.';
const LIST = /^served\.(retrieval|popularity|candidate)\.(.+)$/;
const SWEEP = /^served\.sweep\.c(\d+)\.(.+)$/;
const AT_K = /@(\d+)$/;
const RERANKERS = { 'ranking-fm': 'the ranking FM', fm: 'the rating FM' };
// Row order of the full table; metrics the page does not know follow in name order.
const ORDER = ['ndcg', 'precision', 'recall', 'map', 'hitrate', 'coverage', 'diversity', 'novelty'];

/** True for the keys this module draws (and the generic metrics table leaves out). */
export function isServedKey(key) {
  return key.startsWith(PREFIX);
}

/**
 * Splits `served.*` metrics into lists → {served, retrieval, popularity, candidate}, each
 * {metric → value}, and the sweep [[C, {metric → value}]] sorted by C; k is the list length read from
 * the `@K` suffixes. Null when the manifest has no served metrics at all.
 */
export function groupServed(metrics) {
  const lists = { served: {}, retrieval: {}, popularity: {}, candidate: {} };
  const sweep = new Map();
  let any = false;
  for (const [key, value] of Object.entries(metrics || {})) {
    if (!isServedKey(key)) continue;
    any = true;
    const s = SWEEP.exec(key);
    if (s) {
      const c = Number(s[1]);
      if (!sweep.has(c)) sweep.set(c, {});
      sweep.get(c)[s[2]] = value;
      continue;
    }
    const l = LIST.exec(key);
    if (l) lists[l[1]][l[2]] = value;
    else lists.served[key.slice(PREFIX.length)] = value;
  }
  if (!any) return null;
  const points = [...sweep.entries()].sort((a, b) => a[0] - b[0]);
  const suffixed = [...Object.keys(lists.served), ...Object.keys(lists.retrieval), ...points.flatMap(([, m]) => Object.keys(m))]
    .map((key) => AT_K.exec(key)).filter(Boolean);
  return { k: suffixed.length ? Number(suffixed[0][1]) : null, lists, sweep: points };
}

/** `a ÷ b` when both are numbers and b is positive, else null. */
function ratio(a, b) {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null;
}

function times(r, what) {
  return r === null ? '–' : `${r.toFixed(2)}× ${what}`;
}

/** The panel: what orders the list, the gate's verdict, served quality and the candidate sweep. */
export function servedPanel(b) {
  const params = b.params || {};
  const reranker = b.reranker || params['rerank.model'] || 'none';
  const refused = params['rerank.refused'] || null;
  const configured = typeof params['serving.candidates'] === 'number' ? params['serving.candidates'] : null;
  const served = groupServed(b.metrics);
  const k = served ? served.k : null;
  const ndcg = k === null ? null : `ndcg@${k}`;

  const nodes = [el('h3', { id: 'served-title', text: 'What is served' }), orderSentence(reranker, configured, k)];
  if (refused) nodes.push(refusedNote(refused, served, ndcg));
  if (!served) {
    nodes.push(el('p', { id: 'served-none', class: 'status empty',
      text: 'Served quality was not measured for this bundle: its manifest has no served.* metrics (built before '
        + 'the served evaluation, or without a test set), so there is nothing to set beside retrieval alone or '
        + 'popularity. The offline metrics below are the models\' own.' }));
  } else {
    const { lists } = served;
    if (ndcg && typeof lists.served[ndcg] === 'number') {
      nodes.push(el('p', { id: 'served-headline', class: 'headline' },
        `Served NDCG@${k} `, el('strong', { text: fmt(lists.served[ndcg], 3) }), ': ',
        `${times(ratio(lists.served[ndcg], lists.popularity[ndcg]), 'popularity')}, `
        + `${times(ratio(lists.served[ndcg], lists.retrieval[ndcg]), 'retrieval alone')}.`));
    }
    if (k !== null) nodes.push(headlineTable(lists, k, refused));
    nodes.push(el('details', {},
      el('summary', { text: 'All served metrics (coverage, diversity, novelty…)' }),
      allTable(lists, refused)));
    nodes.push(sweepSection(served, reranker, refused, configured));
  }
  return el('section', { id: 'served', class: 'panel wide', 'aria-labelledby': 'served-title' }, nodes);
}

function orderSentence(reranker, configured, k) {
  const candidates = configured === null ? 'candidates' : `${fmt(configured)} candidates`;
  const top = k === null ? 'the top k' : `the top ${k}`;
  const text = reranker === 'none'
    ? `Each list: retrieve ${candidates} from the ANN index → keep ${top} in retrieval order (no reranker).`
    : `Each list: retrieve ${candidates} from the ANN index → rerank them with ${RERANKERS[reranker] || reranker}`
      + ` (${reranker}) → keep ${top}.`;
  return el('p', { id: 'served-order', text });
}

function refusedNote(refused, served, ndcg) {
  const candidate = served && ndcg ? served.lists.candidate[ndcg] : undefined;
  const retrieval = served && ndcg ? served.lists.retrieval[ndcg] : undefined;
  let why = '';
  if (typeof candidate === 'number' && typeof retrieval === 'number') {
    const label = ndcg.replace('ndcg', 'NDCG');
    why = candidate < retrieval
      ? `: its ${label} ${fmt(candidate, 3)} was below retrieval alone's ${fmt(retrieval, 3)}`
      : `: its ${label} ${fmt(candidate, 3)} against retrieval alone's ${fmt(retrieval, 3)}`;
  }
  return el('p', { id: 'served-refused', class: 'status warn',
    text: `${refused} was refused by the served-quality gate${why}; lists are in retrieval order.` });
}

function columns(lists, refused) {
  const cols = [['served', lists.served], ['retrieval alone', lists.retrieval], ['popularity', lists.popularity]];
  // An accepted candidate is the served list; a refused one is shown beside what replaced it.
  if (refused && Object.keys(lists.candidate).length) cols.push([`${refused} (refused)`, lists.candidate]);
  return cols;
}

function headlineTable(lists, k, refused) {
  const cols = columns(lists, refused);
  const rows = [['NDCG', 'ndcg'], ['P', 'precision'], ['recall', 'recall']].map(([label, name]) => {
    const key = `${name}@${k}`;
    return [`${label}@${k}`, ...cols.map(([, m]) => fmt(m[key], 4)),
      times(ratio(lists.served[key], lists.popularity[key]), 'popularity'),
      times(ratio(lists.served[key], lists.retrieval[key]), 'retrieval alone')];
  });
  return table(['metric', ...cols.map(([name]) => name), 'served ÷ popularity', 'served ÷ retrieval'], rows, 'served-table');
}

function allTable(lists, refused) {
  const cols = columns(lists, refused);
  const rank = (key) => {
    const i = ORDER.indexOf(key.replace(AT_K, ''));
    return i < 0 ? ORDER.length : i;
  };
  const keys = [...new Set(cols.flatMap(([, m]) => Object.keys(m)))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return table(['metric', ...cols.map(([name]) => name)], keys.map((key) => [key, ...cols.map(([, m]) => fmt(m[key], 4))]), 'served-all');
}

function sweepSection(served, reranker, refused, configured) {
  const { k, lists, sweep } = served;
  const nodes = [el('h4', { id: 'served-sweep-title', text: 'Candidate sweep: quality against the number of candidates C' })];
  if (!sweep.length || k === null) {
    nodes.push(el('p', { class: 'status empty', text: 'This bundle records no candidate sweep (served.sweep.c<C>.* metrics).' }));
    return el('section', { 'aria-labelledby': 'served-sweep-title' }, nodes);
  }
  const judged = refused || reranker;
  const seriesName = refused ? `${refused} (refused, not served)` : judged === 'none' ? 'served (retrieval order)' : `served (${judged})`;
  const at = configured === null ? '' : ` at C = ${fmt(configured)}`;
  let caption = `Quality of the top ${k} ${judged === 'none' ? 'in retrieval order' : `reranked by ${judged}`} when C`
    + ` candidates are retrieved first (log scale; dots are measurements). Horizontal lines: retrieval alone and`
    + ` popularity${at}.`
    + (configured === null ? ' The manifest does not record the configured C (serving.candidates).'
      : ` The dashed vertical line marks the configured C = ${fmt(configured)}.`);
  if (refused) caption += ` The sweep measures ${refused}, which the gate refused: served lists score as retrieval alone.`;
  const dropped = sweep.filter(([c]) => !(c > 0)).map(([c]) => c);
  if (dropped.length) caption += ` C = ${dropped.join(', ')} has no place on a log axis and is only in the table.`;
  const chart = (name, label, id) => candidateChart({
    id, key: `${name}@${k}`, label: `${label}@${k}`, seriesName, configured,
    points: sweep.filter(([c, m]) => c > 0 && Number.isFinite(m[`${name}@${k}`])).map(([c, m]) => [c, m[`${name}@${k}`]]),
    refs: [['retrieval', 'retrieval alone', lists.retrieval[`${name}@${k}`]], ['popularity', 'popularity', lists.popularity[`${name}@${k}`]]]
      .filter(([, , v]) => Number.isFinite(v)),
  });
  nodes.push(el('p', { class: 'muted', id: 'served-sweep-caption', text: caption }),
    el('div', { class: 'charts' }, chart('ndcg', 'NDCG', 'served-ndcg-chart'), chart('recall', 'recall', 'served-recall-chart')),
    table(['candidates C', `NDCG@${k}`, `recall@${k}`], sweep.map(([c, m]) => [
      c === configured ? `${fmt(c)} (configured)` : fmt(c), fmt(m[`ndcg@${k}`], 4), fmt(m[`recall@${k}`], 4)]), 'served-sweep'));
  return el('section', { 'aria-labelledby': 'served-sweep-title' }, nodes);
}

/** The series' y at its points in [x0, x1] and where its segments cross those bounds. */
function seriesYsBetween(points, x, y, x0, x1) {
  const ys = [];
  points.forEach(([c, v], i) => {
    const px = x(c);
    if (px >= x0 && px <= x1) ys.push(y(v));
    if (i === 0) return;
    const [pc, pv] = points[i - 1];
    const qx = x(pc);
    for (const bound of [x0, x1]) {
      if (px !== qx && (qx - bound) * (px - bound) < 0) ys.push(y(pv) + ((bound - qx) / (px - qx)) * (y(v) - y(pv)));
    }
  });
  return ys;
}

/** Shortest decimal of v to 3 places, for axis ticks ("0.35", not "0.350"). */
function tickText(v) {
  return String(Number(v.toFixed(3)));
}

/**
 * One metric against C on a log x axis (every C is positive), y from 0 so that ratios read true,
 * horizontal reference lines for retrieval alone and popularity, the configured C marked.
 */
function candidateChart({ id, key, label, seriesName, configured, points, refs }) {
  if (!points.length) {
    return el('p', { class: 'status empty', text: `No ${key} in the candidate sweep.` });
  }
  const W = 400; const H = 254; const L = 60; const R = 12; const T = 32; const B = 70;
  const cs = points.map(([c]) => c);
  const cMin = Math.min(...cs); const cMax = Math.max(...cs);
  const top = Math.max(...points.map(([, v]) => v), ...refs.map(([, , v]) => v));
  let yMax = top > 0 ? Math.ceil(top * 1.1 * 20) / 20 : 1;
  if (top <= 1) yMax = Math.min(1, yMax);
  const x = (c) => (cMax === cMin ? (L + W - R) / 2 : L + ((Math.log10(c) - Math.log10(cMin)) / (Math.log10(cMax) - Math.log10(cMin))) * (W - L - R));
  const y = (v) => T + (1 - v / yMax) * (H - T - B);
  const marked = typeof configured === 'number' && configured >= cMin && configured <= cMax;
  const aria = `${label} of ${seriesName} by candidates C (log scale): `
    + points.map(([c, v]) => `C ${c} ${v.toFixed(3)}`).join(', ')
    + refs.map(([, name, v]) => `; ${name} ${v.toFixed(3)}`).join('')
    + (typeof configured === 'number' ? `; configured C ${configured}` : '') + '.';
  const nodes = [
    svg('title', { text: aria }),
    svg('text', { x: L, y: 14, class: 'chart-title', text: `${label} by candidates C` }),
  ];
  for (const v of [0, yMax / 2, yMax]) {
    if (v > 0) nodes.push(svg('line', { x1: L, y1: y(v), x2: W - R, y2: y(v), class: 'grid' }));
    nodes.push(svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick', text: tickText(v) }));
  }
  nodes.push(
    svg('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis' }),
    svg('line', { x1: L, y1: T, x2: L, y2: H - B, class: 'axis' }),
    svg('text', { x: 12, y: (T + H - B) / 2, 'text-anchor': 'middle', class: 'tick',
      transform: `rotate(-90 12 ${(T + H - B) / 2})`, text: label }),
    svg('text', { x: (L + W - R) / 2, y: H - B + 30, 'text-anchor': 'middle', class: 'tick',
      text: 'candidates retrieved before reranking, C (log scale)' }));
  for (const c of cs) {
    nodes.push(svg('text', { x: x(c), y: H - B + 14, 'text-anchor': 'middle', class: 'tick', text: String(c) }));
  }
  if (marked) {
    const mx = x(configured);
    nodes.push(svg('line', { x1: mx, y1: T, x2: mx, y2: H - B, class: 'marker', 'data-c': configured }),
      svg('text', { x: mx + (mx > (L + W - R) / 2 ? -4 : 4), y: T - 4, 'text-anchor': mx > (L + W - R) / 2 ? 'end' : 'start',
        class: 'tick configured-label', text: `C = ${configured} (configured)` }));
  }
  // Reference labels sit at the right end, above their line unless the series or an earlier label
  // is there, then below it. Label width is estimated (~6 px a character at 11 px).
  const taken = [];
  refs.forEach(([kind, name, v]) => {
    const ry = y(v);
    const text = `${name} ${v.toFixed(3)}`;
    const x0 = W - R - 2 - text.length * 6;
    // The series is continuous, so over the label's width it covers every y between these.
    const seriesYs = seriesYsBetween(points, x, y, x0, W - R);
    const sTop = Math.min(...seriesYs) - 2; const sBottom = Math.max(...seriesYs) + 2;
    const free = (top, bottom) => !(seriesYs.length && sTop < bottom && sBottom > top)
      && !taken.some(([t, b]) => t < bottom && b > top);
    const below = !free(ry - 14, ry) && free(ry, ry + 14);
    const ty = below ? ry + 12 : ry - 4;
    taken.push([ty - 10, ty + 2]);
    nodes.push(svg('line', { x1: L, y1: ry, x2: W - R, y2: ry, class: `ref ref-${kind}`, 'data-ref': kind }),
      svg('text', { x: W - R - 2, y: ty, 'text-anchor': 'end', class: `tick ref-label-${kind}`, text }));
  });
  nodes.push(svg('polyline', { points: points.map(([c, v]) => `${x(c)},${y(v)}`).join(' '), class: 'line' }));
  for (const [c, v] of points) {
    nodes.push(svg('circle', { cx: x(c), cy: y(v), r: c === configured ? 5 : 3.5, class: c === configured ? 'dot configured' : 'dot', 'data-c': c },
      svg('title', { text: `${seriesName}, C ${c}: ${label} ${v.toFixed(3)}` })));
  }
  nodes.push(svg('line', { x1: L, y1: H - 10, x2: L + 18, y2: H - 10, class: 'line' }),
    svg('text', { x: L + 22, y: H - 6, class: 'tick', text: seriesName }));
  return svg('svg', { id, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': aria, class: 'chart' }, nodes);
}
