// Dân Bàn service worker: keeps the collector's app shell on the phone so that the form opens
// with no network, also after the browser restarts. The build stamps BUILD with a hash of the
// bundle, so each release installs a fresh cache and deletes the old one.
const BUILD = '__BUILD__';
const CACHE = `danban-shell-${BUILD}`;
const PAGES = ['/thu-phieu', '/phieu-cua-toi', '/'];
const ASSETS = [
  '/pkg/danban.js',
  '/pkg/danban.wasm',
  '/pkg/danban.css',
  '/favicon.svg',
  '/manifest.webmanifest',
  '/icons/icon-192.png',
];
// On weak 3G a page may hang: after this long the cached copy is shown instead.
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll([...ASSETS, ...PAGES].map((url) => new Request(url, { cache: 'reload', credentials: 'same-origin' }))),
    ).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('danban-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

async function page(request) {
  const cache = await caches.open(CACHE);
  const path = new URL(request.url).pathname;
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    // Keep the newest signed-in rendering of the collector pages.
    if (response.ok && PAGES.includes(path)) cache.put(path, response.clone());
    return response;
  } catch (error) {
    return (await cache.match(path)) || (await cache.match('/thu-phieu')) || Response.error();
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
    event.respondWith(page(request));
  } else if (ASSETS.includes(url.pathname) || url.pathname.startsWith('/icons/')) {
    event.respondWith(asset(request));
  }
});
