// The recommendations view: pick a user (or be an anonymous visitor), see explained cards, act on them.
import { api } from './api.js';
import { el, setStatus, fmt } from './dom.js';
import { showModel } from './model.js';

const $ = (id) => document.getElementById(id);

const state = {
  mode: null, // 'landing' (nobody picked: popular items) | 'user' | 'anonymous'
  userId: null,
  session: [], // anonymous visitor: liked/clicked item ids, oldest first
  titles: new Map(), // item id -> title, learnt from every answer
  requestSeq: 0,
};

function rememberTitles(items) {
  for (const it of items || []) if (it.title) state.titles.set(it.id, it.title);
}

function label(id) {
  const t = state.titles.get(id);
  return t ? `${t} (${id})` : id;
}

function options() {
  const k = Math.max(1, Math.min(100, parseInt($('k').value, 10) || 10));
  return { k, category: $('category').value };
}

async function refresh() {
  if (!state.mode) return;
  const seq = ++state.requestSeq;
  const cards = $('cards');
  const status = $('status');
  cards.setAttribute('aria-busy', 'true');
  setStatus(status, 'loading', 'Loading recommendations…');
  try {
    const opts = options();
    // A visitor with nothing liked yet has no session to fold in: the user route answers an id the
    // bundle does not know with the popularity ranking, marked coldStart.
    const result = state.mode === 'user' || state.session.length === 0
      ? await api.recommend(state.userId, opts)
      : await api.anonymous(state.session, opts);
    if (seq !== state.requestSeq) return; // a newer request owns the list
    rememberTitles(result.items);
    renderCards(result);
    $('bundle-badge').textContent = `bundle: ${result.bundleVersion}`;
  } catch (e) {
    if (seq !== state.requestSeq) return;
    cards.replaceChildren();
    setStatus(status, 'error', `Error: ${e.message}`);
  } finally {
    if (seq === state.requestSeq) cards.removeAttribute('aria-busy');
  }
  refreshHistory();
}

function renderCards(result) {
  const landing = state.mode === 'landing';
  const who = state.mode === 'user' ? `user ${state.userId}` : 'an anonymous visitor';
  $('results-title').textContent = landing ? 'Popular items' : `Recommendations for ${who}`;
  const items = result.items || [];
  const notes = [];
  if (landing) notes.push('Nobody picked yet: the most popular items. Pick a user, try a sample user, or like an item to start a visit.');
  else if (result.coldStart) notes.push('Cold start: nothing known about this user yet, showing the most popular items.');
  if (items.length === 0) {
    setStatus($('status'), 'empty', notes.concat('No recommendations match (try another category).').join(' '));
  } else {
    setStatus($('status'), result.coldStart ? 'cold' : '',
      notes.concat(`${items.length} items from bundle ${result.bundleVersion}.`).join(' '));
  }
  $('cards').replaceChildren(...items.map((it, rank) => card(it, rank, result.coldStart)));
}

function card(it, rank, coldStart) {
  const because = (it.becauseYouLiked || []).map((b) => b.title || b.id);
  const top = it.explanation && it.explanation.topFeatures ? it.explanation.topFeatures.slice(0, 3) : [];
  const titleId = `card-title-${rank}`;
  return el('li', { class: 'card', dataset: { itemId: it.id }, 'aria-labelledby': titleId },
    el('div', { class: 'card-head' },
      el('span', { class: 'rank', text: `#${rank + 1}` }),
      el('h4', { id: titleId, text: it.title || it.id }),
      coldStart ? el('span', { class: 'badge cold', text: 'popular' }) : null),
    el('p', { class: 'item-id', text: `id ${it.id}` }),
    el('ul', { class: 'chips', 'aria-label': 'categories' },
      (it.categories || []).map((c) => el('li', { class: 'chip', text: c }))),
    el('dl', { class: 'scores' },
      el('dt', { text: 'score' }), el('dd', { class: 'score', text: fmt(it.score) }),
      it.retrievalScore !== undefined ? [el('dt', { text: 'retrieval' }), el('dd', { class: 'retrieval', text: fmt(it.retrievalScore) })] : null),
    because.length ? el('p', { class: 'because' }, el('strong', { text: 'Because you liked ' }), because.join(', ')) : null,
    top.length ? el('p', { class: 'explain' }, el('strong', { text: 'FM: ' }),
      top.map((f) => `${f.feature} ${f.contribution >= 0 ? '+' : ''}${fmt(f.contribution, 2)}`).join(' · ')) : null,
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'like', onclick: () => act(it, 'like'), 'aria-label': `Like ${it.title || it.id}`, text: 'Like' }),
      el('button', { type: 'button', class: 'click', onclick: () => act(it, 'click'), 'aria-label': `Click ${it.title || it.id}`, text: 'Click' }),
      el('label', { class: 'rate-label' }, 'Rate ',
        el('select', { class: 'rating', 'aria-label': `Rating for ${it.title || it.id}` },
          [5, 4, 3, 2, 1].map((v) => el('option', { value: v, text: String(v) })))),
      el('button', { type: 'button', class: 'rate', 'aria-label': `Rate ${it.title || it.id}`, text: 'Rate',
        onclick: (ev) => act(it, 'rate', Number(ev.target.closest('.actions').querySelector('select').value)) }),
      el('button', { type: 'button', class: 'similar-btn', onclick: () => showSimilar(it), 'aria-label': `Similar to ${it.title || it.id}`, text: 'Similar' })));
}

async function act(it, type, value) {
  const status = $('status');
  try {
    if (state.mode === 'landing') state.mode = 'anonymous'; // acting on a popular item starts a visit
    if (state.mode === 'user') {
      setStatus(status, 'loading', `Sending ${type} on ${it.title || it.id}…`);
      await api.event(state.userId, it.id, type, value);
    } else {
      // The visitor's taste lives in the page: the fold-in reads these items on every request.
      if (!state.session.includes(it.id)) state.session.push(it.id);
    }
    await refresh();
  } catch (e) {
    setStatus(status, 'error', `Error: ${e.message}`);
  }
}

async function refreshHistory() {
  const list = $('history');
  if (state.mode === 'landing') {
    $('history-title').textContent = 'Recent history';
    list.replaceChildren(el('li', { class: 'muted', text: 'No user selected.' }));
    return;
  }
  if (state.mode === 'anonymous') {
    $('history-title').textContent = 'This visit';
    list.replaceChildren(...(state.session.length
      ? [...state.session].reverse().map((id) => el('li', { text: label(id) }))
      : [el('li', { class: 'muted', text: 'Nothing yet: like or click a card to personalise.' })]));
    return;
  }
  $('history-title').textContent = `Recent history of ${state.userId}`;
  try {
    const recent = await api.recent(state.userId);
    const rows = recent.interactions || [];
    list.replaceChildren(...(rows.length
      ? rows.map((r) => el('li', {},
        el('span', { class: `event ${r.type}`, text: r.value !== undefined ? `${r.type} ${r.value}` : r.type }), ' ',
        label(r.itemId), ' ',
        el('time', { datetime: new Date(r.timestamp).toISOString(), text: new Date(r.timestamp).toLocaleTimeString() })))
      : [el('li', { class: 'muted', text: 'No recent events for this user.' })]));
  } catch (e) {
    list.replaceChildren(el('li', { class: 'error', text: `Error: ${e.message}` }));
  }
}

async function showSimilar(it) {
  const status = $('similar-status');
  const list = $('similar');
  $('similar-title').textContent = `Similar to ${it.title || it.id}`;
  setStatus(status, 'loading', 'Loading similar items…');
  list.replaceChildren();
  try {
    const result = await api.similar(it.id, 8);
    rememberTitles(result.items);
    const items = (result.items || []).filter((s) => s.id !== it.id);
    setStatus(status, items.length ? '' : 'empty', items.length ? `${items.length} items by cosine of item factors.` : 'No similar items.');
    list.replaceChildren(...items.map((s) => el('li', { dataset: { itemId: s.id } },
      el('span', { text: s.title || s.id }), ' ', el('span', { class: 'muted', text: fmt(s.score) }))));
  } catch (e) {
    setStatus(status, 'error', `Error: ${e.message}`);
  }
}

function selectUser(id) {
  const userId = id.trim();
  if (!userId) return;
  $('user-id').value = userId;
  state.mode = 'user';
  state.userId = userId;
  // A shareable address; replaceState fires no hashchange, so this does not loop through route().
  history.replaceState(null, '', `#/user/${encodeURIComponent(userId)}`);
  refresh();
}

async function randomUser() {
  try {
    const sample = await api.sampleUsers(20);
    if (!sample.users.length) {
      setStatus($('status'), 'empty', 'The bundle has no users.');
      return;
    }
    fillUserList(sample.users);
    selectUser(sample.users[Math.floor(Math.random() * sample.users.length)]);
  } catch (e) {
    setStatus($('status'), 'error', `Error: ${e.message}`);
  }
}

function visitorId() {
  return `visitor-${Math.random().toString(36).slice(2, 10)}`;
}

function anonymous() {
  state.mode = 'anonymous';
  state.userId = visitorId();
  history.replaceState(null, '', '#/');
  state.session = [];
  $('user-id').value = '';
  refresh();
}

// The first view, before anyone is picked: the popularity ranking (the user route answers an id the
// bundle does not know with it), as cards to act on. Public routes only: no admin token.
function landing() {
  state.mode = 'landing';
  state.userId = visitorId();
  state.session = [];
  refresh();
}

function fillUserList(users) {
  $('user-ids').replaceChildren(...users.map((u) => el('option', { value: u })));
  const shown = users.slice(0, 5);
  $('sample-user-list').replaceChildren(...shown.map((u) => el('button', {
    type: 'button', class: 'sample-user', dataset: { userId: u }, 'aria-label': `Show user ${u}`, text: u,
    onclick: () => selectUser(u),
  })));
  $('sample-users').hidden = shown.length === 0;
}

async function loadBundleInfo() {
  try {
    const b = await api.bundle();
    $('bundle-badge').textContent = `bundle: ${b.version}`;
    const select = $('category');
    const current = select.value;
    select.replaceChildren(el('option', { value: '', text: 'All categories' }),
      ...b.categories.map((c) => el('option', { value: c.name, text: `${c.name} (${c.items})` })));
    select.value = current;
    api.sampleUsers(20).then((s) => fillUserList(s.users)).catch(() => {});
  } catch (e) {
    $('bundle-badge').textContent = `bundle: unavailable (${e.message})`;
  }
}

function route() {
  const model = location.hash === '#/model';
  const linked = /^#\/user\/(.+)$/.exec(location.hash);
  if (linked) {
    const id = decodeURIComponent(linked[1]);
    if (id !== state.userId) selectUser(id);
  }
  else if (!model && !state.mode) landing();
  $('view-recs').hidden = model;
  $('view-model').hidden = !model;
  for (const a of document.querySelectorAll('nav a')) {
    if ((a.dataset.view === 'model') === model) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (model) showModel();
}

$('user-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  selectUser($('user-id').value);
});
$('random-user').addEventListener('click', randomUser);
$('anonymous').addEventListener('click', anonymous);
$('category').addEventListener('change', refresh);
$('k').addEventListener('change', refresh);
window.addEventListener('hashchange', route);

loadBundleInfo();
route();
