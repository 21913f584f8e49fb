// Thin fetch wrapper: every non-2xx answer becomes an Error carrying the API's own message and code.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function call(method, path, body, headers = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', `cannot reach the gateway: ${e.message}`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const err = json && json.error ? json.error : { code: `http_${response.status}`, message: text || response.statusText };
    throw new ApiError(response.status, err.code, `${err.message} (${err.code})`);
  }
  return json;
}

const enc = encodeURIComponent;

export const api = {
  bundle: () => call('GET', '/v1/bundle'),
  sampleUsers: (n) => call('GET', `/v1/users?sample=${n}`),
  recommend: (userId, { k, category, exclude }) => {
    const q = new URLSearchParams({ k: String(k), explain: 'true' });
    if (category) q.set('category', category);
    if (exclude && exclude.length) q.set('exclude', exclude.join(','));
    return call('GET', `/v1/users/${enc(userId)}/recommendations?${q}`);
  },
  anonymous: (items, { k, category }) => {
    const body = { items, k, explain: true };
    if (category) body.category = category;
    return call('POST', '/v1/recommendations/anonymous', body);
  },
  recent: (userId) => call('GET', `/v1/users/${enc(userId)}/recent?limit=20`),
  similar: (itemId, k) => call('GET', `/v1/items/${enc(itemId)}/similar?k=${k}`),
  event: (userId, itemId, type, value) => {
    const e = { userId, itemId, type };
    if (value !== undefined) e.value = value;
    return call('POST', '/v1/events', e);
  },
  versions: (token) => call('GET', '/admin/bundles', undefined, { Authorization: `Bearer ${token}` }),
  activate: (version, token) =>
    call('POST', `/admin/bundles/${enc(version)}/activate`, undefined, { Authorization: `Bearer ${token}` }),
};
