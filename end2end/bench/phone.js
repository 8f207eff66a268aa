#!/usr/bin/env node
// What a collector's phone downloads, and how soon the form can be used, on Lighthouse's mobile
// throttling preset: Debian's Chromium, headless, driven over the DevTools protocol (CDP) by
// Playwright. A benchmark, not a test: slow numbers never fail it; it exits 1 only when a
// scenario cannot complete (a page that never hydrates, a login that does not work...).
//
// Normally started by scripts/bench-phone.sh, which starts the built server on a fresh database.
//   BENCH_BASE_URL    the server, e.g. http://127.0.0.1:3300 (required)
//   BENCH_SITE        the built site, for the on-disk sizes of pkg/ (default $CARGO_TARGET_DIR/site)
//   BENCH_RUNS        runs of each scenario, each on a fresh profile (default 3)
//   BENCH_OUT         where to write a JSON summary (optional)
//   BENCH_TIMEOUT_MS  how long a page may take to hydrate / become usable (default 60000)
//   BENCH_USER, BENCH_PASSWORD   the collector (default anson / danban2026)
//   BENCH_DEBUG=1     log the service workers' requests as they start
//
// Scenarios, each run in a brand-new browser profile (cold HTTP cache, no service worker):
//   1 login page, first visit         GET /dang-nhap until the app has hydrated
//   2 form page, first visit          signed in (the login itself unthrottled), HTTP cache, Cache
//                                     Storage and service workers cleared, cookie kept; GET
//                                     /thu-phieu until the form is usable
//   3 form page, offline reload       right after 2 once the service worker is active: offline,
//                                     CPU still 4x, reload until the form is usable
//   4 list to a new form, online      right after 3, online and throttled again: open the list
//                                     of forms, then follow "+ Phiếu mới" until the form is usable
//                                     (a page load: the collector's screens have no router)
// "Usable" = body[data-hydrated="true"], the "Lưu phiếu" button visible and select#group holding
// a value. All times are in ms from navigation start. Hydrated and usable are taken in the page
// (performance.now()) by a MutationObserver installed before any script of the page runs, so
// Node's polling adds nothing; first byte comes from the CDP Network events (see firstByte);
// DOMContentLoaded and load from Navigation Timing.
//
// Bytes are the CDP Network.loadingFinished encodedDataLength of each request: as sent on the
// wire, compressed, response headers included. The page's requests come from the page's CDP
// session, the service worker's from Playwright's service-worker network events (see Phone).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('@playwright/test');

const config = require('../playwright.config.js');

const BASE_URL = process.env.BENCH_BASE_URL;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 3));
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS || 60_000);
const USER = process.env.BENCH_USER || 'anson';
const PASSWORD = process.env.BENCH_PASSWORD || 'danban2026';
const SITE = process.env.BENCH_SITE
  || path.join(process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache/danban/target'), 'site');
/** After the page is usable, the download counts as finished once nothing moved for this long. */
const QUIET_MS = 2000;

// Lighthouse's mobile preset (lighthouse-core constants, throttling.mobileSlow4G): 150 ms RTT,
// 1.6 Mbps down, 750 Kbps up, CPU 4x slower; Mbps and Kbps converted to bytes/s the way
// Lighthouse does (× 1024 / 8).
// Chromium's `latency` is the delay it adds to every request, i.e. one round trip: we pass the
// preset's 150 ms RTT as is. (Lighthouse's own "devtools" throttling method passes 150 × 3.75 =
// 562.5 ms and 90% of the throughput to stand in for DNS/TCP/TLS set-up, and its default
// "simulate" method models set-up instead; numbers here are therefore a little kinder than a
// Lighthouse run on the same page.)
const MOBILE = {
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8, // 209,715 bytes/s
  uploadThroughput: (750 * 1024) / 8, // 96,000 bytes/s
  cpuSlowdown: 4,
};
const ONLINE = {
  offline: false,
  latency: MOBILE.latency,
  downloadThroughput: MOBILE.downloadThroughput,
  uploadThroughput: MOBILE.uploadThroughput,
};
const OFFLINE = { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
const DEVICE = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
};
const TARGETS = { formUsableMs: 2500, offlineUsableMs: 1000, firstVisitBytes: 250_000 };

class BenchError extends Error {}

// ---------------------------------------------------------------------------------------------
// Browsers and profiles: always closed and removed, also when the run is interrupted.

const profiles = new Set();
function removeProfiles() {
  for (const dir of profiles) fs.rmSync(dir, { recursive: true, force: true });
  profiles.clear();
}
process.on('exit', removeProfiles);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

/** Runs `fn(context)` in a fresh persistent profile, then closes the browser and deletes it. */
async function withPhone(fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'danban-bench-'));
  profiles.add(dir);
  let context = null;
  try {
    context = await chromium.launchPersistentContext(dir, {
      ...config.use.launchOptions,
      headless: true,
      baseURL: BASE_URL,
      serviceWorkers: 'allow',
      ...DEVICE,
    });
    await context.addInitScript(MARKS);
    return await fn(context);
  } finally {
    if (context) await context.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    profiles.delete(dir);
  }
}

// ---------------------------------------------------------------------------------------------
// In-page marks, installed before the page's own scripts on every document.

function MARKS() {
  if (window !== window.top || window.__bench) return;
  const marks = { hydrated: null, usable: null, controlledAtStart: null };
  window.__bench = marks;
  try { marks.controlledAtStart = !!(navigator.serviceWorker && navigator.serviceWorker.controller); } catch (e) { /* ignore */ }
  const hydrated = () => !!document.body && document.body.getAttribute('data-hydrated') === 'true';
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const usable = () => {
    if (!hydrated()) return false;
    const group = document.querySelector('select#group');
    if (!group || !group.value) return false;
    for (const b of document.querySelectorAll('button')) {
      if (b.textContent.includes('Lưu phiếu') && visible(b)) return true;
    }
    return false;
  };
  const check = () => {
    const now = performance.now();
    if (marks.hydrated === null && hydrated()) marks.hydrated = now;
    if (marks.usable === null && usable()) marks.usable = now;
    return marks.hydrated !== null && marks.usable !== null;
  };
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  // select.value may be set as a property, which no observer sees: poll as well.
  const started = Date.now();
  const poll = () => { if (!check() && Date.now() - started < 180000) setTimeout(poll, 50); };
  poll();
}

// ---------------------------------------------------------------------------------------------
// Throttling and the network log of one page.

function kindOf(url, mime, type) {
  let p = '';
  try { p = new URL(url).pathname; } catch { /* data: and friends */ }
  mime = (mime || '').toLowerCase().split(';')[0].trim();
  if (p.endsWith('.wasm') || mime === 'application/wasm') return 'wasm';
  if (/\.m?js$/.test(p) || mime.includes('javascript')) return 'js';
  if (p.endsWith('.css') || mime === 'text/css') return 'css';
  if (type === 'Document' || mime === 'text/html') return 'html';
  return 'other';
}

function header(headers, name) {
  for (const [k, v] of Object.entries(headers || {})) if (k.toLowerCase() === name) return String(v);
  return '';
}

/**
 * One measured page: its CDP session (throttling, Network events of the page target) and the
 * requests of the service workers that run while it is open.
 *
 * A service worker is a DevTools target of its own: the page's network conditions do not apply
 * to it, and it cannot be throttled reliably either (Playwright resumes a new worker as soon as
 * it attaches, and conditions sent to the worker then miss the downloads of its install event,
 * which are the ones that matter). So the worker's downloads run at loopback speed here, while
 * on a phone they share the link with the page: `serviceWorkerBeforeReady` tells how much of
 * them started before the page was ready. They are counted from Playwright's own service-worker
 * network events, which see a worker's requests from its first instruction on.
 */
class Phone {
  static async open(context, page) {
    const phone = new Phone(context, page);
    await phone.init();
    return phone;
  }

  constructor(context, page) {
    this.context = context;
    this.page = page;
    this.cdp = null;
    this.requests = new Map(); // page target, by CDP requestId
    this.swRequests = []; // made by service workers, from Playwright
    this.swPending = new Set();
    this.lastActivity = Date.now();
    this.recording = true;
    this.document = null; // the measured navigation's document request
    this.consoleErrors = [];
  }

  async init() {
    const cdp = (this.cdp = await this.context.newCDPSession(this.page));
    this.page.on('console', (m) => { if (m.type() === 'error') this.consoleErrors.push(m.text()); });
    this.page.on('pageerror', (e) => this.consoleErrors.push(e.message));

    cdp.on('Network.requestWillBeSent', (e) => this.onRequest(e));
    cdp.on('Network.responseReceived', (e) => this.onResponse(e));
    cdp.on('Network.responseReceivedExtraInfo', (e) => {
      const r = this.requests.get(e.requestId);
      if (!r) return;
      if (e.headersText) r.headerBytes = Buffer.byteLength(e.headersText);
      if (e.statusCode) r.wireStatus = e.statusCode; // 304 where responseReceived says 200
    });
    cdp.on('Network.loadingFinished', (e) => this.onDone(e.requestId, e.encodedDataLength, e.timestamp, null));
    cdp.on('Network.loadingFailed', (e) => this.onDone(e.requestId, null, e.timestamp, e.canceled ? 'canceled' : e.errorText));
    await cdp.send('Network.enable');

    // The service workers' requests, from Playwright's events (see the class comment).
    this.onSwRequest = (req) => {
      if (!this.recording || !req.serviceWorker()) return;
      debug(`worker request ${req.url()}`);
      this.swPending.add(req);
      this.lastActivity = Date.now();
    };
    this.onSwFinished = async (req) => {
      if (!this.swPending.has(req)) return;
      const entry = { source: 'sw', url: req.url(), type: req.resourceType(), status: 0, encoding: '', mime: '', bytes: 0, headerBytes: 0, startedAt: req.timing().startTime };
      try {
        const response = await req.response();
        const sizes = await req.sizes();
        const headers = response ? response.headers() : {};
        entry.status = response ? response.status() : 0;
        entry.encoding = headers['content-encoding'] || '';
        entry.mime = headers['content-type'] || '';
        entry.headerBytes = sizes.responseHeadersSize;
        entry.bytes = sizes.responseHeadersSize + sizes.responseBodySize;
        // A revalidation answered 304 shows as the cached 200: tell it by the conditional request.
        const sent = await req.allHeaders();
        if (entry.status === 200 && sizes.responseBodySize === 0 && (sent['if-none-match'] || sent['if-modified-since'])) entry.status = 304;
        debug(`worker finished ${req.url()} ${entry.status} ${entry.bytes} ${JSON.stringify(sent)}`);
      } catch (e) {
        entry.failed = e.message;
      }
      this.swRequests.push(entry);
      this.swPending.delete(req);
      this.lastActivity = Date.now();
    };
    this.onSwFailed = (req) => {
      if (!this.swPending.has(req)) return;
      this.swRequests.push({ source: 'sw', url: req.url(), type: req.resourceType(), status: 0, encoding: '', mime: '', bytes: 0, headerBytes: 0, startedAt: req.timing().startTime, failed: (req.failure() || {}).errorText || 'failed' });
      this.swPending.delete(req);
      this.lastActivity = Date.now();
    };
    this.context.on('request', this.onSwRequest);
    this.context.on('requestfinished', this.onSwFinished);
    this.context.on('requestfailed', this.onSwFailed);
  }

  async throttle() {
    await this.cdp.send('Network.emulateNetworkConditions', ONLINE);
    await this.cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpuSlowdown });
  }

  async online() {
    await this.context.setOffline(false);
    await this.throttle();
  }

  async offline() {
    // Playwright takes every target offline (page and service workers), the page's session too.
    await this.context.setOffline(true);
    await this.cdp.send('Network.emulateNetworkConditions', OFFLINE);
  }

  onRequest(e) {
    if (!this.recording) return;
    this.lastActivity = Date.now();
    const prev = this.requests.get(e.requestId);
    if (prev && e.redirectResponse) {
      // A redirect reuses the id: keep the hop that ended as an entry of its own.
      prev.status = e.redirectResponse.status;
      prev.bytes = e.redirectResponse.encodedDataLength || 0;
      prev.done = true;
      this.requests.set(`${e.requestId}#${prev.url}`, prev);
    }
    if (e.type === 'Document' && !this.document) this.document = { requestId: e.requestId, timestamp: e.timestamp, wallTime: e.wallTime };
    this.requests.set(e.requestId, {
      source: 'page', url: e.request.url, type: e.type, method: e.request.method, status: 0, mime: '',
      encoding: '', fromServiceWorker: false, fromCache: false, headerBytes: 0, bytes: 0, done: false,
    });
  }

  onResponse(e) {
    const r = this.requests.get(e.requestId);
    if (!r) return;
    const res = e.response;
    r.status = res.status;
    r.mime = res.mimeType;
    r.type = e.type || r.type;
    r.encoding = header(res.headers, 'content-encoding');
    r.fromServiceWorker = !!res.fromServiceWorker;
    r.fromCache = !!(res.fromDiskCache || res.fromPrefetchCache);
    if (!r.headerBytes) r.headerBytes = res.encodedDataLength || 0;
    if (this.document && this.document.requestId === e.requestId) {
      this.document.timing = res.timing;
      this.document.fromServiceWorker = !!res.fromServiceWorker;
    }
  }

  /**
   * When the document's response headers arrived, in ms from navigation start. Navigation
   * Timing's responseStart is no use under DevTools throttling: Chromium stamps it when the
   * bytes reach the network stack, before the emulated latency is added.
   */
  firstByte(timeOrigin) {
    const d = this.document;
    if (!d || !d.timing || d.fromServiceWorker || !d.wallTime) return null;
    const headersAt = d.wallTime * 1000 + (d.timing.requestTime - d.timestamp) * 1000 + d.timing.receiveHeadersEnd;
    return Math.round(headersAt - timeOrigin);
  }

  onDone(requestId, encodedDataLength, timestamp, failure) {
    const r = this.requests.get(requestId);
    if (!r) return;
    this.lastActivity = Date.now();
    r.done = true;
    if (encodedDataLength != null) r.bytes = encodedDataLength;
    if (failure) r.failed = failure;
  }

  pending() {
    let n = this.swPending.size;
    for (const r of this.requests.values()) if (!r.done) n += 1;
    return n;
  }

  /** Waits until nothing has moved on the network for QUIET_MS (at most `maxMs`). */
  async quiet(maxMs = TIMEOUT_MS) {
    const until = Date.now() + maxMs;
    while (Date.now() < until) {
      if (this.pending() === 0 && Date.now() - this.lastActivity >= QUIET_MS) return true;
      await sleep(100);
    }
    return false;
  }

  /** Everything the phone downloaded while recording, and what was served without a download. */
  traffic(readyAt) {
    const page = [...this.requests.values()].filter((r) => !r.url.startsWith('data:'));
    const resources = [];
    const servedLocally = [];
    for (const r of page) {
      if (r.fromServiceWorker || r.fromCache) servedLocally.push({ path: pathOf(r.url), by: r.fromServiceWorker ? 'service worker' : 'HTTP cache' });
      else resources.push(r);
    }
    resources.push(...this.swRequests);
    const out = resources.map((r) => ({
      source: r.source,
      path: pathOf(r.url),
      kind: kindOf(r.url, r.mime, r.type),
      status: r.wireStatus || r.status,
      encoding: r.encoding || '',
      bytes: r.bytes,
      bodyBytes: Math.max(0, r.bytes - r.headerBytes),
      ...(r.failed ? { failed: r.failed } : {}),
    }));
    const sum = (list) => list.reduce((a, r) => a + r.bytes, 0);
    const byKind = {};
    for (const k of ['wasm', 'js', 'css', 'html', 'other']) byKind[k] = sum(out.filter((r) => r.kind === k));
    const sw = out.filter((r) => r.source === 'sw');
    const swEarly = this.swRequests.filter((r) => readyAt != null && r.startedAt != null && r.startedAt < readyAt);
    return {
      total: sum(out),
      page: sum(out.filter((r) => r.source === 'page')),
      serviceWorker: sum(sw),
      serviceWorkerBeforeReady: sum(swEarly),
      byKind,
      requests: out.length,
      resources: out,
      servedLocally,
    };
  }

  async stop() {
    this.recording = false;
    this.context.off('request', this.onSwRequest);
    this.context.off('requestfinished', this.onSwFinished);
    this.context.off('requestfailed', this.onSwFailed);
    await this.cdp.detach().catch(() => {});
  }
}

const debug = (msg) => { if (process.env.BENCH_DEBUG) console.error(`[bench:debug] ${new Date().toISOString().slice(17, 23)} ${msg}`); };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function pathOf(url) {
  try {
    const u = new URL(url);
    return u.origin === new URL(BASE_URL).origin ? u.pathname + u.search : url;
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------------------------------------
// Measuring a navigation.

/** Waits for the in-page mark (`hydrated` or `usable`) and returns the page's timings. */
async function measure(phone, mark, what) {
  const { page } = phone;
  try {
    await page.waitForFunction((m) => window.__bench && window.__bench[m] !== null, mark, { timeout: TIMEOUT_MS, polling: 100 });
  } catch (e) {
    const state = await page.evaluate(() => ({
      url: location.href,
      marks: window.__bench || null,
      hydrated: document.body ? document.body.getAttribute('data-hydrated') : null,
      group: (document.querySelector('select#group') || {}).value ?? null,
      saveButton: [...document.querySelectorAll('button')].some((b) => b.textContent.includes('Lưu phiếu')),
      title: document.title,
    })).catch((err) => ({ error: err.message }));
    const errors = phone.consoleErrors.slice(0, 3).map((x) => x.split('\n').slice(0, 2).join(' ').slice(0, 300)).join(' | ');
    throw new BenchError(`${what}: the page was not ${mark === 'usable' ? 'usable (hydrated, "Lưu phiếu" visible, select#group set)' : 'hydrated (body[data-hydrated="true"])'} within ${TIMEOUT_MS / 1000} s. State: ${JSON.stringify(state)}${errors ? `. Console errors: ${errors}` : ''}`);
  }
  if (mark === 'usable') {
    // The same condition through Playwright, as the browser tests see it.
    const button = await page.getByRole('button', { name: 'Lưu phiếu' }).first().isVisible();
    const group = await page.locator('select#group').inputValue().catch(() => '');
    if (!button || !group) console.error(`[bench] warning: ${what}: usable in the page but Playwright sees button=${button} group=${JSON.stringify(group)}`);
  }
  // load may come after hydration: wait for it, but a missing load event is not fatal.
  await page.waitForFunction(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return n && n.loadEventEnd > 0;
  }, null, { timeout: TIMEOUT_MS, polling: 100 }).catch(() => {});
  const timings = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] || {};
    const r = (v) => (typeof v === 'number' && v > 0 ? Math.round(v) : null);
    const m = window.__bench;
    return {
      firstByte: r(n.responseStart),
      domContentLoaded: r(n.domContentLoadedEventStart),
      load: r(n.loadEventStart),
      hydrated: r(m.hydrated),
      usable: r(m.usable),
      controlledAtStart: m.controlledAtStart,
      timeOrigin: performance.timeOrigin,
    };
  });
  const cdpFirstByte = phone.recording ? phone.firstByte(timings.timeOrigin) : null;
  if (cdpFirstByte != null) timings.firstByte = cdpFirstByte;
  return timings;
}

// ---------------------------------------------------------------------------------------------
// Scenarios.

async function loginPageFirstVisit() {
  return withPhone(async (context) => {
    const page = context.pages()[0] || (await context.newPage());
    const phone = await Phone.open(context, page);
    await phone.throttle();
    await page.goto('/dang-nhap', { waitUntil: 'commit', timeout: TIMEOUT_MS });
    const timings = await measure(phone, 'hydrated', 'login page, first visit');
    const settled = await phone.quiet();
    const traffic = phone.traffic(timings.timeOrigin + timings.hydrated);
    const consoleErrors = phone.consoleErrors.slice();
    await phone.stop();
    return { timings, traffic, settled, consoleErrors };
  });
}

async function formPageFirstVisitAndOfflineReload() {
  return withPhone(async (context) => {
    // Sign in, unthrottled, through the login form.
    const login = context.pages()[0] || (await context.newPage());
    await login.goto('/dang-nhap', { timeout: TIMEOUT_MS });
    await login.waitForSelector('body[data-hydrated="true"]', { timeout: TIMEOUT_MS })
      .catch(() => { throw new BenchError('login (unthrottled): /dang-nhap never hydrated'); });
    await login.getByLabel('Tên đăng nhập').fill(USER);
    await login.getByLabel('Mật khẩu').fill(PASSWORD);
    await login.getByRole('button', { name: 'Đăng nhập' }).click();
    await login.getByRole('heading', { name: 'Đợt đối thoại của tôi' }).first().waitFor({ timeout: TIMEOUT_MS })
      .catch(() => { throw new BenchError(`login (unthrottled): "${USER}" did not reach the home page ("Đợt đối thoại của tôi")`); });
    // Let the login visit's service worker register (the page may do it at load) and finish
    // installing, so that clearing removes it for good.
    await login.waitForLoadState('load', { timeout: TIMEOUT_MS }).catch(() => {});
    await login.waitForFunction(async () => {
      if (!('serviceWorker' in navigator)) return true;
      const reg = await navigator.serviceWorker.getRegistration();
      return !!reg && !!reg.active && !reg.installing && !reg.waiting;
    }, null, { timeout: 15_000, polling: 250 }).catch(() => {});
    const kept = await login.evaluate(async () => ({
      localStorage: Object.keys(localStorage).sort(),
      indexedDB: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name).sort() : [],
    }));

    // Forget the downloads but not the session: HTTP cache, Cache Storage, service workers.
    await login.goto('about:blank');
    const admin = await context.newCDPSession(login);
    const origin = new URL(BASE_URL).origin;
    let leftover = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await admin.send('Network.clearBrowserCache');
      await admin.send('Storage.clearDataForOrigin', { origin, storageTypes: 'cache_storage,service_workers' });
      await sleep(300);
      leftover = (await admin.send('CacheStorage.requestCacheNames', { securityOrigin: origin }).catch(() => ({ caches: [] }))).caches.map((c) => c.cacheName);
      if (!leftover.length) break;
    }
    await admin.detach();
    if (leftover.length) throw new BenchError(`login: Cache Storage still holds ${leftover.join(', ')} after clearing`);
    const cookies = await context.cookies(BASE_URL);
    if (!cookies.length) throw new BenchError('login: no session cookie left after clearing the caches');

    // 2: the form page, first visit, throttled, in a new tab.
    const page = await context.newPage();
    await login.close();
    const phone = await Phone.open(context, page);
    await phone.throttle();
    await page.goto('/thu-phieu', { waitUntil: 'commit', timeout: TIMEOUT_MS });
    const timings = await measure(phone, 'usable', 'form page, first visit');
    if (timings.controlledAtStart) throw new BenchError('form page, first visit: a service worker survived the clearing and served the page');
    const settled = await phone.quiet();
    const traffic = phone.traffic(timings.timeOrigin + timings.usable);
    const consoleErrors = phone.consoleErrors.slice();

    // 3: offline reload, once the service worker holds the shell.
    phone.recording = false;
    try {
      await page.waitForFunction(async () => {
        const reg = await navigator.serviceWorker.ready;
        const keys = await caches.keys();
        return !!reg.active && keys.some((k) => k.startsWith('danban-shell-'));
      }, null, { timeout: TIMEOUT_MS, polling: 250 });
    } catch {
      throw new BenchError(`offline reload: no active service worker with a danban-shell- cache ${TIMEOUT_MS / 1000} s after the form page opened`);
    }
    await phone.offline();
    phone.consoleErrors.length = 0;
    await page.reload({ waitUntil: 'commit', timeout: TIMEOUT_MS });
    const offline = await measure(phone, 'usable', 'form page, offline reload');
    const offlineErrors = phone.consoleErrors.slice();

    // 4: online again, from the collector's list to a new form. The collector's screens have no
    // router: every move is a page load (its HTML from the network, the bundle from the
    // service worker's cache).
    await phone.online();
    await page.goto('/phieu-cua-toi', { waitUntil: 'commit', timeout: TIMEOUT_MS });
    await measure(phone, 'hydrated', 'list page, online');
    phone.consoleErrors.length = 0;
    await page.getByRole('link', { name: '+ Phiếu mới' }).click();
    // The new document first, so the wait below never runs in the list's closing page.
    await page.waitForURL(/\/thu-phieu$/, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    const move = await measure(phone, 'usable', 'from the list to a new form');
    const moveErrors = phone.consoleErrors.slice();
    await phone.stop();
    return {
      form: { timings, traffic, settled, kept, consoleErrors },
      offline: { timings: offline, consoleErrors: offlineErrors },
      move: { timings: move, consoleErrors: moveErrors },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Numbers.

function stats(values) {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : Math.round((v[mid - 1] + v[mid]) / 2);
  return { median, min: v[0], max: v[v.length - 1] };
}

function summarise(runs, pick, keys) {
  const out = {};
  for (const k of keys) out[k] = stats(runs.map((r) => pick(r)[k]));
  return out;
}

function diskSizes() {
  const pkg = path.join(SITE, 'pkg');
  let names = [];
  try { names = fs.readdirSync(pkg); } catch { return { dir: pkg, files: [], error: 'not found' }; }
  const size = (f) => { try { return fs.statSync(path.join(pkg, f)).size; } catch { return null; } };
  const files = names
    .filter((f) => /\.(wasm|js|css)$/.test(f))
    .sort((a, b) => a.localeCompare(b))
    .map((f) => ({ file: f, raw: size(f), br: size(`${f}.br`), gz: size(`${f}.gz`) }));
  return { dir: pkg, files };
}

// ---------------------------------------------------------------------------------------------
// Output.

const n = (v) => (v == null ? '—' : Number(v).toLocaleString('en-US'));
const kb = (v) => (v == null ? '—' : `${(v / 1000).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}`);
const pad = (s, w) => String(s).padStart(w);
const padr = (s, w) => String(s).padEnd(w);
const range = (s) => (s ? `${n(s.median)} [${n(s.min)}–${n(s.max)}]` : '—');
const rangeKb = (s) => (s ? (s.min === s.max ? kb(s.median) : `${kb(s.median)} [${kb(s.min)}–${kb(s.max)}]`) : '—');

function table(headers, rows, align) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '  ' + cells.map((c, i) => (align[i] === 'l' ? padr(c, widths[i]) : pad(c, widths[i]))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function report(result) {
  const out = [];
  const { disk, scenarios } = result;
  out.push(`Dân Bàn — a collector's phone (${result.browser}, ${result.runs} run${result.runs > 1 ? 's' : ''} per scenario, server ${BASE_URL})`);
  out.push(`Throttling: Lighthouse mobile — ${MOBILE.latency} ms RTT, 1.6 Mbps down, 750 Kbps up, CPU ${MOBILE.cpuSlowdown}x; ${DEVICE.viewport.width}×${DEVICE.viewport.height} @${DEVICE.deviceScaleFactor}x, touch, ${DEVICE.locale}.`);
  out.push('');
  out.push(`Bundle on disk (${disk.dir}), bytes`);
  if (disk.files.length) {
    out.push(table(['file', 'raw', 'brotli', 'gzip'], disk.files.map((f) => [f.file, n(f.raw), n(f.br), n(f.gz)]), ['l', 'r', 'r', 'r']));
  } else {
    out.push('  (no pkg/ directory)');
  }
  out.push('');
  out.push(`Time from navigation start, ms: median [min–max] of ${result.runs}`);
  const tRows = [];
  for (const s of scenarios) {
    const t = s.summary.timings;
    const main = s.id === 'login' ? t.hydrated : t.usable;
    const target = s.target ? `${main && main.median <= s.target ? 'met' : 'MISSED'} (≤ ${n(s.target)})` : '';
    tRows.push([s.title, range(t.firstByte), range(t.domContentLoaded), range(t.load), range(t.hydrated), range(t.usable), target]);
  }
  out.push(table(['scenario', 'first byte', 'DOMContentLoaded', 'load', 'hydrated', 'usable', 'target'], tRows, ['l', 'r', 'r', 'r', 'r', 'r', 'l']));
  out.push('');
  out.push(`Downloaded, KB (1 KB = 1000 bytes, as sent: compressed, headers included): median [min–max] of ${result.runs}`);
  const bRows = [];
  for (const s of scenarios.filter((x) => x.summary.bytes)) {
    const b = s.summary.bytes;
    const total = b.total;
    bRows.push([s.title, rangeKb(b.wasm), rangeKb(b.js), rangeKb(b.css), rangeKb(b.html), rangeKb(b.other), rangeKb(b.page), rangeKb(b.serviceWorker), rangeKb(total),
      `${total && total.median <= TARGETS.firstVisitBytes ? 'met' : 'MISSED'} (≤ ${kb(TARGETS.firstVisitBytes)})`]);
  }
  out.push(table(['scenario', 'wasm', 'js', 'css', 'html', 'other', 'by page', 'by worker', 'total', 'target'], bRows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']));
  for (const s of scenarios.filter((x) => x.runs[0].traffic)) {
    const first = s.runs[0];
    out.push('');
    out.push(`Requests of "${s.title}", run 1 (page = the page's own, worker = the service worker's)`);
    const brOnDisk = new Map(disk.files.map((f) => [`/pkg/${f.file}`, f]));
    const rows = first.traffic.resources.map((r) => {
      const f = brOnDisk.get(r.path);
      let check = '';
      if (r.status === 304) check = 'revalidated: headers only';
      else if (f && r.encoding === 'br' && f.br != null) check = r.bodyBytes === f.br ? '= .br on disk' : `≠ .br on disk (${n(f.br)})`;
      else if (f && r.encoding === 'gzip' && f.gz != null) check = r.bodyBytes === f.gz ? '= .gz on disk' : `≠ .gz on disk (${n(f.gz)})`;
      else if (f && !r.encoding && r.status === 200) check = r.bodyBytes === f.raw ? '= raw file' : '';
      if (!check && r.status === 200 && r.bodyBytes === 0) check = 'body not counted by Chromium';
      return [r.source === 'sw' ? 'worker' : 'page', r.path, r.failed ? `failed: ${r.failed}` : r.status, r.encoding || '—', n(r.bytes), n(r.bodyBytes), check];
    });
    out.push(table(['by', 'path', 'status', 'encoding', 'bytes', 'body', 'check'], rows, ['l', 'l', 'r', 'l', 'r', 'r', 'l']));
    const notes = [];
    if (first.traffic.servedLocally.length) notes.push(`served without a download: ${first.traffic.servedLocally.map((x) => `${x.path} (${x.by})`).join(', ')}`);
    if (first.traffic.serviceWorker) {
      notes.push(`the service worker's downloads are not throttled here (a DevTools target of its own); on a phone they share the link with the page: ${kb(first.traffic.serviceWorkerBeforeReady)} KB of them started before the page was ready`);
    }
    if (!first.settled) notes.push(`still downloading ${TIMEOUT_MS / 1000} s after the page was ready: counted what had finished`);
    if (first.kept) notes.push(`kept from the login (not cleared): localStorage ${JSON.stringify(first.kept.localStorage)}, IndexedDB ${JSON.stringify(first.kept.indexedDB)}`);
    for (const note of notes) out.push(`  ${note}`);
  }
  const errors = scenarios.flatMap((s) => s.runs.flatMap((r, i) => (r.consoleErrors || []).map((e) => `${s.title}, run ${i + 1}: ${e}`)));
  if (errors.length) {
    out.push('');
    out.push('Console errors');
    for (const e of [...new Set(errors.map((x) => x.split('\n')[0].slice(0, 200)))].slice(0, 10)) out.push(`  ${e}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!BASE_URL) throw new BenchError('BENCH_BASE_URL is not set (scripts/bench-phone.sh sets it)');
  const started = new Date();
  let browserVersion = 'Chromium';
  {
    const browser = await chromium.launch({ ...config.use.launchOptions, headless: true });
    browserVersion = `Chromium ${browser.version()}`;
    await browser.close();
  }

  const login = [];
  const form = [];
  const offline = [];
  const move = [];
  for (let i = 0; i < RUNS; i += 1) {
    process.stderr.write(`[bench] run ${i + 1}/${RUNS}: login page…`);
    login.push(await loginPageFirstVisit());
    process.stderr.write(' form page + offline reload + a move…');
    const r = await formPageFirstVisitAndOfflineReload();
    form.push(r.form);
    offline.push(r.offline);
    move.push(r.move);
    process.stderr.write(' done\n');
  }

  const timingKeys = ['firstByte', 'domContentLoaded', 'load', 'hydrated', 'usable'];
  const bytes = (r) => ({ ...r.traffic.byKind, page: r.traffic.page, serviceWorker: r.traffic.serviceWorker, serviceWorkerBeforeReady: r.traffic.serviceWorkerBeforeReady, total: r.traffic.total });
  const byteKeys = ['wasm', 'js', 'css', 'html', 'other', 'page', 'serviceWorker', 'serviceWorkerBeforeReady', 'total'];
  const scenario = (id, title, runs, target, withBytes) => ({
    id,
    title,
    target,
    summary: {
      timings: summarise(runs, (r) => r.timings, timingKeys),
      ...(withBytes ? { bytes: summarise(runs, bytes, byteKeys) } : {}),
    },
    runs,
  });
  const result = {
    started: started.toISOString(),
    baseUrl: BASE_URL,
    browser: browserVersion,
    runs: RUNS,
    throttling: { preset: 'Lighthouse mobile (mobileSlow4G)', ...MOBILE, latencyIs: 'added per request (RTT)' },
    device: DEVICE,
    targets: TARGETS,
    disk: diskSizes(),
    scenarios: [
      scenario('login', '1 login page, first visit', login, null, true),
      scenario('form', '2 form page, first visit', form, TARGETS.formUsableMs, true),
      scenario('offline', '3 form page, offline reload', offline, TARGETS.offlineUsableMs, false),
      scenario('move', '4 list to a new form, online', move, null, false),
    ],
  };
  console.log(report(result));
  if (process.env.BENCH_OUT) {
    fs.writeFileSync(process.env.BENCH_OUT, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nJSON summary: ${process.env.BENCH_OUT}`);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write('\n');
    console.error(`[bench] FAILED: ${e instanceof BenchError ? e.message : e.stack || e}`);
    process.exit(1);
  },
);
