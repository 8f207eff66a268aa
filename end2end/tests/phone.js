// A phone that can die: Debian's Chromium started by hand on a persistent profile, driven over
// the DevTools protocol and killed with SIGKILL by pid. Playwright's own close() shuts the
// browser down cleanly and writes every pending byte to disk, which hides exactly the losses a
// real phone suffers when the system kills the browser or the battery runs out.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { chromium } = require('@playwright/test');

const config = require('../playwright.config.js');

const EXECUTABLE = config.use.launchOptions.executablePath;
const BASE_URL = config.use.baseURL;
const VIEWPORT = { width: 390, height: 844 };
const LOCALE = 'vi-VN';
const TIMEZONE = 'Asia/Ho_Chi_Minh';

/** Every phone started by this worker, so that a failing test never leaves a browser behind. */
const started = new Set();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A timer that does not keep Node alive, for races against an exit. */
const grace = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** argv of a process, or null when it is gone. */
function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

/** True while the process exists and is not a zombie waiting to be reaped. */
function alive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Parent pid of every running process. */
function parents() {
  const map = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      map.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone meanwhile */ }
  }
  return map;
}

/** The process and all its descendants. */
function processTree(root) {
  const map = parents();
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of map) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

/** Marks every process of a phone, also the crash handler that Chromium double-forks away. */
const MARK = 'DANBAN_PHONE_PROFILE';

function environ(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** Live processes of this profile: they name it on their command line or carry its mark. */
function profileProcesses(userDataDir) {
  const flag = `--user-data-dir=${userDataDir}`;
  const mark = `${MARK}=${userDataDir}`;
  return [...parents().keys()].filter((pid) => alive(pid)
    // Zygote children rewrite their title into one space-separated string.
    && ((cmdline(pid) || []).join(' ').split(' ').includes(flag) || environ(pid).includes(mark)));
}

/** The browser process of a profile: it names the profile and, unlike its children, has no --type. */
function isBrowserProcess(pid, userDataDir) {
  const argv = cmdline(pid);
  return Boolean(argv)
    && /chromium/.test(path.basename(argv[0]))
    && argv.includes(`--user-data-dir=${userDataDir}`)
    && !argv.some((a) => a.startsWith('--type='));
}

async function waitGone(pids, ms) {
  const deadline = Date.now() + ms;
  let left = pids.filter(alive);
  while (left.length && Date.now() < deadline) {
    await sleep(50);
    left = left.filter(alive);
  }
  return left;
}

// While offline every new document must see navigator.onLine === false from its first line,
// as on a phone in airplane mode (see setOffline for why Chromium's emulation is not enough).
const OFFLINE_GETTER = `(() => {
  const proto = Navigator.prototype;
  if (!Object.prototype.hasOwnProperty.call(window, '__phoneOnLine')) {
    Object.defineProperty(window, '__phoneOnLine', { value: Object.getOwnPropertyDescriptor(proto, 'onLine') });
  }
  Object.defineProperty(proto, 'onLine', { configurable: true, enumerable: true, get() { return false; } });
})()`;
const ONLINE_AGAIN = `(() => {
  if (window.__phoneOnLine) Object.defineProperty(Navigator.prototype, 'onLine', window.__phoneOnLine);
  window.dispatchEvent(new Event('online'));
})()`;

class Phone {
  constructor(userDataDir) {
    this.userDataDir = userDataDir;
    this.stderr = [];
    this.dead = false;
    this.offline = false;
  }

  /** Absolute URL: the default context of a CDP connection has no baseURL. */
  url(p) {
    return new URL(p, BASE_URL).toString();
  }

  async goto(p) {
    return this.page.goto(this.url(p));
  }

  async start() {
    // A stale DevToolsActivePort from a killed run would point at a dead port.
    fs.rmSync(path.join(this.userDataDir, 'DevToolsActivePort'), { force: true });
    const args = [
      ...config.use.launchOptions.args,
      '--headless=new',
      `--user-data-dir=${this.userDataDir}`,
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      `--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
      `--lang=${LOCALE}`,
      `--accept-lang=${LOCALE}`,
      '--password-store=basic',
      // A headless tab must keep its timers: the app autosaves from them.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
      'about:blank',
    ];
    // Its own process group, so that a failing test can still remove every child (afterAll).
    this.child = spawn(EXECUTABLE, args, {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, TZ: TIMEZONE, LANG: 'vi_VN.UTF-8', LANGUAGE: 'vi', [MARK]: this.userDataDir },
    });
    started.add(this);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    const ws = await new Promise((resolve, reject) => {
      let buffer = '';
      const timer = setTimeout(() => reject(new Error(`Chromium gave no DevTools endpoint:\n${this.stderr.join('\n')}`)), 30_000);
      this.child.stderr.setEncoding('utf8');
      this.child.stderr.on('data', (chunk) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop();
        for (const line of lines) {
          this.stderr.push(line);
          if (this.stderr.length > 200) this.stderr.shift();
          const found = /DevTools listening on (ws:\/\/\S+)/.exec(line);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        }
      });
      this.child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Chromium exited at start (${code ?? signal}):\n${this.stderr.join('\n')}`));
      });
    });

    // Debian's /usr/bin/chromium is a shell script that execs the real binary, so the spawned
    // pid is the browser. Check it, rather than trust it.
    this.pid = this.child.pid;
    if (!isBrowserProcess(this.pid, this.userDataDir)) {
      const found = processTree(this.child.pid).filter((pid) => isBrowserProcess(pid, this.userDataDir));
      if (found.length !== 1) throw new Error(`harness: no single browser process under ${this.child.pid}: ${found}`);
      this.pid = found[0];
    }

    this.browser = await chromium.connectOverCDP(ws);
    this.disconnected = new Promise((resolve) => this.browser.once('disconnected', resolve));
    // The browser itself says which process it is.
    const session = await this.browser.newBrowserCDPSession();
    const { processInfo } = await session.send('SystemInfo.getProcessInfo');
    const reported = processInfo.filter((p) => p.type === 'browser').map((p) => p.id);
    if (reported.length !== 1 || reported[0] !== this.pid) {
      throw new Error(`harness: browser process is ${reported}, expected ${this.pid}`);
    }
    await session.detach();

    this.context = this.browser.contexts()[0];
    this.page = this.context.pages()[0] || (await this.context.newPage());
    await this.dressPage(this.page);
    return this;
  }

  /** Phone screen, Vietnamese locale and Hanoi time (TZ and --lang already say so; this is per page). */
  async dressPage(page) {
    // What the page complained about, for a failure message.
    this.errors = [];
    const note = (text) => { this.errors.push(text); if (this.errors.length > 30) this.errors.shift(); };
    page.on('console', (msg) => { if (msg.type() === 'error') note(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => note(`pageerror: ${err.message}`));
    page.on('requestfailed', (req) => note(`requestfailed: ${req.url()} ${req.failure() && req.failure().errorText}`));
    await page.setViewportSize(VIEWPORT);
    const cdp = await this.context.newCDPSession(page);
    await cdp.send('Page.enable'); // without it, scripts for new documents are not injected
    await cdp.send('Emulation.setLocaleOverride', { locale: LOCALE }).catch(() => {});
    const userAgent = await page.evaluate(() => navigator.userAgent);
    await cdp.send('Emulation.setUserAgentOverride', { userAgent, acceptLanguage: LOCALE }).catch(() => {});
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: TIMEZONE }).catch(() => {});
    page.cdp = cdp; // the overrides last as long as the session
  }

  /**
   * Airplane mode on or off. Playwright's offline emulation on the default context cuts the
   * network of the pages and of the service worker (ERR_INTERNET_DISCONNECTED), but Chromium
   * resets navigator.onLine to true in every new document (also with launchPersistentContext):
   * after a restart or a goto the app would believe it is online, start syncs that hang and
   * hold the sync lease. So while offline each new document also gets a navigator.onLine that
   * says false, installed before any script of the page runs.
   */
  async setOffline(offline) {
    if (offline === this.offline) return;
    this.offline = offline;
    await this.context.setOffline(offline);
    const cdp = this.page.cdp;
    if (offline) {
      this.offlineScript = (await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: OFFLINE_GETTER })).identifier;
      await cdp.send('Runtime.evaluate', { expression: OFFLINE_GETTER });
    } else {
      await cdp.send('Page.removeScriptToEvaluateOnNewDocument', { identifier: this.offlineScript });
      this.offlineScript = null;
      await cdp.send('Runtime.evaluate', { expression: ONLINE_AGAIN });
    }
  }

  /** The battery dies: SIGKILL to the browser process, no chance to write anything. */
  async kill() {
    if (this.dead) return;
    const victims = [...processTree(this.pid), ...profileProcesses(this.userDataDir)];
    const killedAt = Date.now();
    process.kill(this.pid, 'SIGKILL');
    this.dead = true;
    if (this.pid === this.child.pid) {
      const exit = await this.exited;
      if (exit.signal !== 'SIGKILL') throw new Error(`harness: browser ended with ${JSON.stringify(exit)}, not SIGKILL`);
    }
    // Renderers, zygotes and the utility processes notice the dead parent and quit on their own.
    const left = await waitGone([...new Set([...victims, ...profileProcesses(this.userDataDir)])], 10_000);
    await Promise.race([this.disconnected, grace(5_000)]);
    if (left.length) {
      left.forEach((pid) => { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } });
      throw new Error(`harness: Chromium processes ${left} outlived the browser ${this.pid}`);
    }
    started.delete(this);
    this.lastKill = { processes: new Set(victims).size, ms: Date.now() - killedAt };
  }

  /** A clean shutdown (Browser.close), which writes everything to disk. */
  async shutdown() {
    if (this.dead) return;
    const session = await this.browser.newBrowserCDPSession();
    await session.send('Browser.close').catch(() => {});
    const done = await Promise.race([this.exited, grace(20_000).then(() => null)]);
    this.dead = true;
    if (!done) {
      this.forceKill();
      throw new Error(`harness: browser ${this.pid} did not shut down`);
    }
    const left = await waitGone(profileProcesses(this.userDataDir), 10_000);
    if (left.length) throw new Error(`harness: Chromium processes ${left} outlived the shutdown`);
    started.delete(this);
  }

  /** Last resort: the whole process group, then anything still naming the profile. */
  forceKill() {
    try { process.kill(-this.child.pid, 'SIGKILL'); } catch { /* group gone */ }
    for (const pid of profileProcesses(this.userDataDir)) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
    this.dead = true;
  }
}

/** Starts a phone on this profile (a fresh profile directory, or the one of a killed phone). */
async function launchPhone(userDataDir) {
  const phone = new Phone(userDataDir);
  try {
    return await phone.start();
  } catch (error) {
    phone.forceKill();
    throw error;
  }
}

/** Removes every browser this worker started and that is still running; returns their pids. */
async function killAllPhones() {
  const pids = [];
  for (const phone of started) {
    if (phone.child && phone.child.exitCode === null && phone.child.signalCode === null) pids.push(phone.pid);
    phone.forceKill();
    await waitGone(profileProcesses(phone.userDataDir), 5_000);
    started.delete(phone);
  }
  return pids;
}

module.exports = { launchPhone, killAllPhones, profileProcesses, alive, VIEWPORT, BASE_URL };
