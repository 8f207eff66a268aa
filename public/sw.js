// Dân Bàn service worker: keeps the collector's app shell on the phone so that the form opens
// with no network, also after the browser restarts. The build stamps BUILD with a hash of the
// bundle and ASSETS with the collector's bundle files, so each release installs a fresh cache
// and deletes the old one.
//
// Shared phones: only signed-out renderings of the pages are kept (fetched without cookies), so
// nothing of one collector is served to the next; the page deletes these caches at logout and
// the next online page view fills them again.
const BUILD = '__BUILD__';
const CACHE = `danban-shell-${BUILD}`;
const PAGES = ['/thu-phieu', '/phieu-cua-toi'];
const ASSETS = [
  /* __ASSETS__ */
  '/favicon.svg',
  '/manifest.webmanifest',
  '/icons/icon-192.png',
];
// On weak 3G a page may hang: after this long the cached copy is shown instead.
const NETWORK_TIMEOUT_MS = 4000;

// 'no-cache' revalidates with the server, so files the page just downloaded come from the HTTP
// cache (a 304) instead of a second download over 3G.
function shellRequest(url) {
  return new Request(url, { cache: 'no-cache', credentials: 'omit' });
}

async function fillShell() {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const url of [...ASSETS, ...PAGES]) {
    if (!(await cache.match(url))) missing.push(url);
  }
  if (missing.length) await cache.addAll(missing.map(shellRequest));
}

self.addEventListener('install', (event) => {
  event.waitUntil(fillShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('danban-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

async function page(event) {
  const path = new URL(event.request.url).pathname;
  try {
    const response = await withTimeout(fetch(event.request), NETWORK_TIMEOUT_MS);
    // Online again (after a logout emptied the cache, say): keep the signed-out shell ready.
    event.waitUntil(fillShell().catch(() => {}));
    return response;
  } catch (error) {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(path);
    if (cached) return cached;
    // Any other page offline: the collector's list, under its own address so that the app
    // hydrates the page it was given.
    if (await cache.match('/phieu-cua-toi')) return Response.redirect('/phieu-cua-toi', 302);
    return Response.error();
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const path = new URL(request.url).pathname;
  const cached = await cache.match(path);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(path, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The API is never cached: forms must reach the server, not a copy.
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(event));
  } else if (ASSETS.includes(url.pathname) || url.pathname.startsWith('/icons/')) {
    event.respondWith(asset(request));
  }
});
