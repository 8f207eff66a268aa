// A browser kill loses nothing. A phone's browser is killed without warning (the system
// reclaims memory, the battery dies): a form whose receipt code was shown, and a draft typed
// half a second earlier, must still be on the phone when it comes back, and every form must
// reach the server exactly once, even when the kill hits a sync in flight.
//
// The browser is Debian's Chromium started by hand and killed with SIGKILL (tests/phone.js):
// Playwright's close() would flush storage first and hide the loss. The kill delays are random
// from a printed seed; rerun a failure with DANBAN_KILL_SEED=<seed>.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { test, expect } = require('@playwright/test');
const { hydrated, DEMO_PASSWORD } = require('./helpers');
const { query } = require('./db');
const { launchPhone, killAllPhones } = require('./phone');

// Eight kills with a restart each: about 30 s when nothing is lost, 1.5 min when every check
// waits in vain for lost forms.
test.setTimeout(240_000);

const RECEIPT = /[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/g;
// How long before a kill a keystroke must have happened to be kept.
const DRAFT_GRACE_MS = 500;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Small seeded generator (mulberry32), so that a run's delays can be replayed. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test.afterAll(async () => {
  // A failed assertion must not leave a browser running on the 2-core machine.
  const left = await killAllPhones();
  if (left.length) console.log(`[kill] afterAll stopped the browser a failed run left running: ${left.join(', ')}`);
});

async function login(phone, username) {
  await phone.goto('/dang-nhap');
  await ready(phone);
  await phone.page.getByLabel('Tên đăng nhập').fill(username);
  await phone.page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await phone.page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(phone.page.getByRole('heading', { name: 'Đợt đối thoại của tôi' })).toBeVisible();
}

/** Waits for hydration; if it never comes, says what the page complained about. */
async function ready(phone) {
  try {
    await hydrated(phone.page);
  } catch (error) {
    error.message += `\nPage errors since the start of this browser:\n  ${phone.errors.join('\n  ') || '(none)'}`;
    throw error;
  }
}

/** The form, with the reference data (campaign, group, topics) on the phone. */
async function openForm(phone) {
  await phone.goto('/thu-phieu');
  await ready(phone);
  await expect(phone.page.locator('select#group')).toHaveValue(/[0-9a-f-]{36}/);
  await expect(phone.page.getByRole('button', { name: 'Lưu phiếu' })).toBeVisible();
}

/** The draft's opinion text once it satisfies `good` (it may be read from storage
 * asynchronously), or whatever is on screen after 5 s. */
async function restoredDraft(page, good) {
  const area = page.locator('textarea[id^="text-"]').first();
  const deadline = Date.now() + 5_000;
  let value = await area.inputValue();
  while (!good(value) && Date.now() < deadline) {
    await sleep(200);
    value = await area.inputValue();
  }
  return value;
}

/** Fills a whole form and saves it; returns the receipt code as soon as it is on screen. */
async function saveForm(page, { name, text }) {
  const another = page.getByRole('button', { name: 'Phiếu mới' });
  if (await another.isVisible()) await another.click();
  await page.getByLabel('Họ và tên').fill(name);
  await page.locator('select[id^="topic-"]').first().selectOption({ index: 1 });
  await page.locator('textarea[id^="text-"]').first().fill(text);
  await page.getByLabel('Người dân đồng ý cho ghi thông tin cá nhân').check();
  await page.getByRole('button', { name: 'Lưu phiếu' }).click();
  const code = (await page.getByTestId('receipt-code').innerText()).trim();
  expect(code).toMatch(new RegExp(`^${RECEIPT.source}$`));
  return code;
}

/**
 * What /phieu-cua-toi shows: the receipt codes in the list and the pending count. Waits a
 * little for the expected codes, since the list may be read from storage asynchronously.
 */
async function listedForms(phone, expected) {
  await phone.goto('/phieu-cua-toi');
  await ready(phone);
  if (await phone.page.evaluate(() => navigator.onLine)) throw new Error('harness: the phone is not offline');
  const pending = phone.page.getByTestId('pending-count');
  await expect(pending).toBeVisible();
  const read = async () => {
    const text = await phone.page.locator('body').innerText();
    return new Set(text.match(RECEIPT) || []);
  };
  let codes = await read();
  const deadline = Date.now() + 5_000;
  while (expected.some((c) => !codes.has(c)) && Date.now() < deadline) {
    await sleep(250);
    codes = await read();
  }
  await sleep(200); // the count follows the list in the same render
  const states = {};
  for (const label of await phone.page.getByTestId('form-state').allInnerTexts()) states[label] = (states[label] || 0) + 1;
  return { codes, pending: Number(await pending.innerText()), states };
}

test('a browser kill loses nothing', async () => {
  const seed = Number(process.env.DANBAN_KILL_SEED) || (Date.now() % 2_147_483_647);
  const random = seeded(seed);
  const between = (lo, hi) => Math.round(lo + random() * (hi - lo));
  console.log(`[kill] seed ${seed} (replay with DANBAN_KILL_SEED=${seed})`);

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'danban-killed-phone-'));
  const saved = []; // { code, text } of every form whose receipt code was shown
  const kills = []; // one summary line per kill
  const losses = []; // what a kill lost, for the final verdict
  let phone = await launchPhone(userDataDir);
  let formNo = 0;

  /** Kills the browser, starts it again on the same profile (still offline), checks the list. */
  async function killAndCheck(moment, delay, extra = '') {
    const before = phone.pid;
    await phone.kill();
    const { processes, ms } = phone.lastKill;
    phone = await launchPhone(userDataDir);
    expect(phone.pid, 'the restart starts a new browser').not.toBe(before);
    await phone.setOffline(true);
    const expected = saved.map((s) => s.code);
    const { codes, pending, states } = await listedForms(phone, expected);
    const missing = [...new Set(expected.filter((c) => !codes.has(c)))];
    const shown = Object.entries(states).map(([label, n]) => `${n} ${label}`).join(', ') || 'empty list';
    let outcome = `kept ${new Set(expected).size - missing.length}/${new Set(expected).size} forms (${shown}), pending ${pending}`;
    if (missing.length) {
      outcome += ` — LOST ${missing.join(', ')}`;
      losses.push(`${moment} +${delay} ms: forms ${missing.join(', ')} missing from /phieu-cua-toi`);
    } else if (pending !== expected.length) {
      losses.push(`${moment} +${delay} ms: pending count ${pending}, expected ${expected.length}`);
    }
    const line = `[kill] #${kills.length + 1} ${moment} +${delay} ms, pid ${before} (${processes} processes gone in ${ms} ms)→${phone.pid}: ${outcome}${extra}`;
    kills.push(line);
    console.log(line);
  }

  try {
    // The phone was used before today: the collector logged in with signal, the form page put
    // the app and the reference data on the phone, and the browser was closed normally since.
    await login(phone, 'anson');
    await openForm(phone);
    await phone.page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.ready;
      const keys = await caches.keys();
      return reg.active && keys.some((k) => k.startsWith('danban-shell-'));
    });
    await phone.goto('/phieu-cua-toi'); // cached while online, with the session's rendering
    await ready(phone);
    await phone.shutdown();
    phone = await launchPhone(userDataDir);

    // No signal from here on until the sync round; the app opens from the service worker.
    await phone.setOffline(true);
    await openForm(phone);
    expect(await phone.page.evaluate(() => navigator.onLine), 'harness: offline emulation').toBe(false);

    // (a) Killed right after the receipt code appeared: the code was shown to the respondent,
    // so the form must be on the phone.
    const receiptDelays = [0, between(150, 250), between(800, 1200), between(0, 1500)];
    console.log(`[kill] delays after the receipt code: ${receiptDelays.join(', ')} ms`);
    for (const delay of receiptDelays) {
      await openForm(phone);
      const forms = between(1, 2);
      for (let i = 0; i < forms; i += 1) {
        formNo += 1;
        const text = `Phiếu ${formNo}: đoạn đường liên thôn An Sơn qua cầu Khuê bị sụt lún, đề nghị sửa trước mùa mưa.`;
        const code = await saveForm(phone.page, { name: `Lê Văn Bền ${formNo}`, text });
        saved.push({ code, text });
      }
      if (delay) await sleep(delay);
      await killAndCheck('after receipt code', delay, ` (${forms} saved in this round)`);
    }

    // (b1) Killed while a draft is on screen: everything typed 0.5 s before the kill is kept.
    {
      await openForm(phone);
      const page = phone.page;
      await page.locator('select[id^="topic-"]').first().selectOption({ index: 1 });
      const area = page.locator('textarea[id^="text-"]').first();
      await area.fill(''); // a fresh form, whatever the last kill left
      await area.click();
      const text = 'Nước sinh hoạt xóm Đồng có mùi phèn, đề nghị kiểm tra giếng khoan chung.';
      await page.keyboard.type(text, { delay: 15 });
      const delay = between(550, 700);
      await sleep(delay);
      await killAndCheck('draft, typing finished', delay);
      await openForm(phone);
      const restored = await restoredDraft(phone.page, (v) => v === text);
      if (restored !== text) {
        losses.push(`draft typed ${delay} ms before the kill: textarea has ${JSON.stringify(restored)}`);
      }
      console.log(`[kill]    draft after restart: ${restored === text ? 'complete' : `${JSON.stringify(restored)} instead of the typed text`}`);
      formNo += 1;
      saved.push({ code: await saveForm(phone.page, { name: `Lê Văn Bền ${formNo}`, text }), text });
    }

    // (b2) Killed in the middle of typing: the draft is a prefix of the text that holds at
    // least every character typed 0.5 s before the kill.
    {
      await openForm(phone);
      const page = phone.page;
      await page.locator('select[id^="topic-"]').first().selectOption({ index: 1 });
      const area = page.locator('textarea[id^="text-"]').first();
      await area.fill('');
      await area.click();
      const text = 'Chợ tạm đầu thôn họp lấn ra đường tỉnh, xe tải qua lại rất nguy hiểm cho người đi chợ buổi sáng, đề nghị xã bố trí lại chỗ họp chợ.';
      const chars = Array.from(text);
      const killAfter = between(900, 2000);
      const typedAt = [];
      const start = Date.now();
      for (const ch of chars) {
        if (Date.now() - start >= killAfter) break;
        await page.keyboard.type(ch);
        typedAt.push(Date.now());
        await sleep(25); // a quick thumb
      }
      const killedAt = Date.now();
      const mustKeep = typedAt.filter((t) => t <= killedAt - DRAFT_GRACE_MS).length;
      const typed = typedAt.length;
      await killAndCheck('draft, mid-typing', killAfter, ` (${typed} characters typed, ${mustKeep} at least 0.5 s before)`);
      await openForm(phone);
      const enough = (v) => text.startsWith(v) && Array.from(v).length >= mustKeep;
      const restored = await restoredDraft(phone.page, enough);
      const ok = enough(restored);
      if (!ok) {
        losses.push(`draft killed mid-typing: ${JSON.stringify(restored)} keeps less than the ${mustKeep} characters typed 0.5 s before the kill`);
      }
      console.log(`[kill]    draft after restart: ${Array.from(restored).length} characters (${ok ? 'enough' : 'TOO FEW'})`);
      formNo += 1;
      saved.push({ code: await saveForm(phone.page, { name: `Lê Văn Bền ${formNo}`, text }), text });
    }

    // (c) Killed while a sync is in flight. First the request never reaches the server; then
    // it reaches it and the answer is still on its way back: the phone cannot know the forms
    // are stored, and sending them again must not store them twice.
    for (const reachesServer of [false, true]) {
      // A form of the day, so that there is something to send whatever earlier kills did.
      await openForm(phone);
      formNo += 1;
      const text = `Phiếu ${formNo}: kênh mương nội đồng bồi lắng, đề nghị nạo vét trước vụ đông xuân.`;
      saved.push({ code: await saveForm(phone.page, { name: `Lê Văn Bền ${formNo}`, text }), text });
      await phone.goto('/phieu-cua-toi');
      await ready(phone);
      let onTheWire;
      const seen = new Promise((resolve) => { onTheWire = resolve; });
      await phone.context.route('**/api/v1/sync/forms', async (route) => {
        const sent = JSON.parse(route.request().postData() || '{"forms":[]}').forms.map((f) => f.receipt_code);
        try {
          if (reachesServer) await route.fetch(); // stored on the server, answer held back
        } catch { /* the browser died meanwhile */ }
        onTheWire(sent);
        await new Promise(() => {}); // the answer never comes: only the kill ends this request
      });
      await phone.setOffline(false); // signal is back: the app syncs on reconnect
      let sent = await Promise.race([seen, sleep(3_000).then(() => null)]);
      // Or the collector presses "Đồng bộ", again if needed: a sync lease left by the killed
      // browser may hold syncing back for its 30 s.
      const deadline = Date.now() + 40_000;
      while (!sent && Date.now() < deadline) {
        await phone.page.getByRole('button', { name: 'Đồng bộ', exact: true }).click({ timeout: 5_000 }).catch(() => {});
        sent = await Promise.race([seen, sleep(5_000).then(() => null)]);
      }
      if (!sent) {
        const status = await phone.page.getByTestId('sync-status').innerText().catch(() => '(no status)');
        const line = `[kill] #${kills.length + 1} not killed: no sync request within 40 s online (status: ${status})`;
        losses.push(line);
        kills.push(line);
        console.log(line);
        await phone.context.unroute('**/api/v1/sync/forms');
        await phone.setOffline(true);
        continue;
      }
      const stored = sent.length
        ? query(`select count(*) from forms where receipt_code in (${sent.map(() => '?').join(',')})`, sent)[0][0]
        : 0;
      const delay = between(0, 500);
      await sleep(delay);
      await killAndCheck(
        reachesServer ? 'sync in flight, server has stored it' : 'sync in flight, before the server',
        delay,
        ` (${sent.length} form(s) in the request, ${stored} stored on the server before the kill)`,
      );
    }
  } finally {
    console.log(`[kill] seed ${seed}: summary`);
    for (const line of kills) console.log(`  ${line}`);
  }

  // Signal again, no tricks: everything goes, once.
  await phone.setOffline(false);
  await phone.goto('/phieu-cua-toi');
  await ready(phone);
  // One sync first: it tells whether the login cookie survived the kills.
  const syncButton = phone.page.getByRole('button', { name: 'Đồng bộ', exact: true });
  if (!/dang-nhap/.test(phone.page.url())) {
    await syncButton.click();
    await expect(phone.page.getByTestId('sync-status')).toBeVisible();
    await expect(syncButton).toBeEnabled();
  }
  const expired = phone.page.getByRole('alert').filter({ hasText: 'Phiên đăng nhập đã hết hạn' });
  if (/dang-nhap/.test(phone.page.url()) || (await expired.isVisible())) {
    console.log('[kill] the session did not survive the kills; logging in again');
    await login(phone, 'anson');
    await phone.goto('/phieu-cua-toi');
    await ready(phone);
  }
  await expect(async () => {
    await syncButton.click();
    await expect(phone.page.getByTestId('pending-count')).toHaveText('0', { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });

  expect.soft(losses, `what the kills lost (seed ${seed})`).toEqual([]);
  // A receipt code identifies one respondent's form: a draft that comes back after a kill
  // must not hand out the code of a form already saved.
  const codesGiven = saved.map((s) => s.code);
  expect.soft(codesGiven.filter((c, i) => codesGiven.indexOf(c) !== i), `receipt codes handed out twice (seed ${seed})`).toEqual([]);

  // Each receipt code exactly once, with its one opinion, from anson.
  const codes = saved.map((s) => s.code);
  const rows = query(
    `select f.receipt_code, u.username, count(o.id), group_concat(o.body, '|')
       from forms f join users u on u.id = f.collector_id left join opinions o on o.form_id = f.id
      where f.receipt_code in (${codes.map(() => '?').join(',')})
      group by f.id order by f.receipt_code`,
    codes,
  );
  const expected = saved
    .map((s) => [s.code, 'anson', 1, s.text.normalize('NFC')])
    .sort((x, y) => (x[0] < y[0] ? -1 : 1));
  expect(rows, `forms on the server (seed ${seed})`).toEqual(expected);
  await phone.shutdown();
  fs.rmSync(userDataDir, { recursive: true, force: true }); // kept after a failure, for a look
});
