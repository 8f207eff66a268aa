// Two collectors on one phone. Collectors lend each other phones: once anson has logged out,
// nothing he collected (respondents' names, households, phone numbers, his own name, his draft)
// may be readable in any storage of the browser, and anlau must start from an empty phone. A
// collector who loses his session with forms unsent keeps them for himself: whoever logs in
// next neither sees nor sends them.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { test, expect } = require('@playwright/test');
const { hydrated, openPhone, login } = require('./helpers');
const { query } = require('./db');


test.setTimeout(180_000);

const RECEIPT = /[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/g;

// What anson's respondents told him: none of it may outlive his session on the phone.
const RESPONDENT = { name: 'Phạm Thị Riêng Tư', household: 'Số 9 ngõ Bí Mật', phone: '0987654321' };
const DRAFT_TEXT = 'Bản nháp chưa lưu: giếng nước nhà bà Tư bị nhiễm mặn từ tháng trước.';


async function loginAs(page, username) {
  await login(page, username);
  await expect(page.getByRole('heading', { name: 'Đợt đối thoại của tôi' })).toBeVisible();
}

/** Presses the header's "Đăng xuất" (behind the menu button on a phone). */
async function pressLogout(page) {
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
}

/** Logs out and waits for the signed-out home page the app reloads to. */
async function logout(page) {
  await pressLogout(page);
  await page.waitForURL((url) => url.pathname === '/');
  await hydrated(page);
  await expect(page.locator('.account-name')).toHaveCount(0);
}

/** The form, once the reference data (campaign, group, topics) is on the phone. */
async function openForm(page) {
  await page.goto('/thu-phieu');
  await hydrated(page);
  await expect(page.getByRole('button', { name: 'Lưu phiếu' })).toBeVisible();
  await expect(page.locator('select#campaign option')).not.toHaveCount(1); // more than "— Chọn —"
}

async function fillForm(page, { name, household, phone, text }) {
  // The only campaign and group are picked by the app; pick them if a stale draft says otherwise.
  for (const id of ['campaign', 'group']) {
    if (!(await page.locator(`select#${id}`).inputValue())) await page.locator(`select#${id}`).selectOption({ index: 1 });
  }
  await expect(page.locator('select#group')).toHaveValue(/[0-9a-f-]{36}/);
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Hộ gia đình, địa chỉ').fill(household);
  await page.getByLabel('Số điện thoại (không bắt buộc)').fill(phone);
  await page.locator('select[id^="topic-"]').first().selectOption({ index: 1 });
  await page.locator('textarea[id^="text-"]').first().fill(text);
  await page.getByLabel('Người dân đồng ý cho ghi thông tin cá nhân').check();
}

/** Saves the filled form; returns its receipt code and leaves an empty form on screen. */
async function saveForm(page, fields) {
  await fillForm(page, fields);
  await page.getByRole('button', { name: 'Lưu phiếu' }).click();
  const code = (await page.getByTestId('receipt-code').innerText()).trim();
  expect(code).toMatch(new RegExp(`^${RECEIPT.source}$`));
  await page.getByRole('button', { name: 'Phiếu mới' }).click();
  return code;
}

/** "Phiếu của tôi" once the phone's forms are read: its text and the pending count. */
async function myForms(page) {
  await page.goto('/phieu-cua-toi');
  await hydrated(page);
  await expect(page.locator('.sync-panel[data-loaded="true"]')).toBeVisible();
  return page.locator('body').innerText();
}

async function syncUntilNothingPending(page) {
  await expect(async () => {
    await page.getByRole('button', { name: 'Đồng bộ', exact: true }).click();
    await expect(page.getByTestId('pending-count')).toHaveText('0', { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** Presses "Đồng bộ" and waits for the sync to finish, whatever it did. */
async function syncOnce(page) {
  const button = page.getByRole('button', { name: 'Đồng bộ', exact: true });
  await button.click();
  await expect(page.getByTestId('sync-status')).toBeVisible();
  await expect(button).toBeEnabled();
}

/**
 * Everything the origin keeps in the browser, as text: local and session storage, every record
 * of every object store of every IndexedDB database, every Cache Storage entry. Binary values
 * are decoded as UTF-8 so that nothing hides in a buffer; the wasm and images are skipped.
 */
async function scanStorage(page) {
  return page.evaluate(async () => {
    const decoder = new TextDecoder();
    async function plain(value) {
      if (value === null || typeof value !== 'object') return value;
      if (value instanceof Blob) return value.text();
      if (value instanceof ArrayBuffer) return decoder.decode(value);
      if (ArrayBuffer.isView(value)) return decoder.decode(value);
      if (value instanceof Date) return value.toISOString();
      if (value instanceof Map) return Promise.all([...value].map(plain));
      if (value instanceof Set) return Promise.all([...value].map(plain));
      if (Array.isArray(value)) return Promise.all(value.map(plain));
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = await plain(v);
      return out;
    }
    const request = (r) => new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const entries = [];
    for (const [kind, storage] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]]) {
      for (let i = 0; i < storage.length; i += 1) {
        const key = storage.key(i);
        entries.push({ where: `${kind} ${key}`, text: `${key}\n${storage.getItem(key)}` });
      }
    }
    for (const { name } of await indexedDB.databases()) {
      const opening = indexedDB.open(name);
      // Never create a database by looking for it (it may be deleted meanwhile).
      opening.onupgradeneeded = () => opening.transaction.abort();
      let db;
      try { db = await request(opening); } catch { continue; }
      for (const store of db.objectStoreNames) {
        const objects = db.transaction(store, 'readonly').objectStore(store);
        const [keys, values] = await Promise.all([request(objects.getAllKeys()), request(objects.getAll())]);
        entries.push({ where: `indexedDB ${name}/${store}`, text: JSON.stringify({ keys: await plain(keys), values: await plain(values) }) });
      }
      db.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const req of await cache.keys()) {
        const res = await cache.match(req);
        const type = (res && res.headers.get('content-type')) || '';
        const binary = /\.(wasm|png|ico)$/.test(new URL(req.url).pathname) || /^(image|application\/wasm)/.test(type);
        const body = res && !binary ? await res.text() : '';
        entries.push({
          where: `cache ${cacheName} ${req.url}`,
          text: `${req.url}\n${body}`,
          html: /text\/html/.test(type) || /^\s*<(!doctype|html)/i.test(body),
        });
      }
    }
    return entries;
  });
}

/** A string as it may also sit in JSON or script: with non-ASCII letters escaped as \uXXXX. */
function escaped(s) {
  return s.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Where each secret can still be read. */
function leaks(entries, secrets) {
  const found = [];
  for (const e of entries) {
    const lower = e.text.toLowerCase();
    for (const s of secrets) {
      if (e.text.includes(s) || e.text.includes(s.normalize('NFD')) || lower.includes(escaped(s).toLowerCase())) {
        found.push(`${JSON.stringify(s)} in ${e.where}`);
      }
    }
  }
  return found;
}

test('two collectors on one phone see only their own forms', async () => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'danban-shared-phone-'));
  const phone = await openPhone(userDataDir);
  try {
    const page = phone.pages()[0] || (await phone.newPage());

    // 1. anson collects two forms with signal; they reach the server. A third is left as a
    //    draft. Then he logs out.
    await loginAs(page, 'anson');
    const ansonName = (await page.locator('.account-name').innerText()).trim();
    expect(ansonName).not.toBe('');
    await openForm(page);
    await page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.ready;
      const keys = await caches.keys();
      return reg.active && keys.some((k) => k.startsWith('danban-shell-'));
    });
    const ansonCodes = [];
    for (const text of [
      'Cống thoát nước trước nhà bà Tư bị vỡ, nước thải tràn ra đường.',
      'Đề nghị lắp đèn đường ở ngõ Bí Mật, tối không có ánh sáng.',
    ]) {
      ansonCodes.push(await saveForm(page, { ...RESPONDENT, text }));
    }
    await myForms(page); // also leaves this page cached by the service worker, as in real use
    await syncUntilNothingPending(page);
    expect(query(
      `select count(*) from forms where receipt_code in (${ansonCodes.map(() => '?').join(',')})`,
      ansonCodes,
    )[0][0]).toBe(2);
    await openForm(page);
    await fillForm(page, { ...RESPONDENT, text: DRAFT_TEXT });
    await expect(page.locator('textarea[id^="text-"]').first()).toHaveValue(DRAFT_TEXT);
    await page.waitForTimeout(1_000); // the autosave has happened, however it is scheduled
    await logout(page);

    // 2. Nothing of anson's session is left in any storage of the origin, and no cached page is
    //    a signed-in rendering. (Polled: the app may clear storage asynchronously on logout.)
    const secrets = [RESPONDENT.name, RESPONDENT.household, RESPONDENT.phone, ansonName, DRAFT_TEXT];
    await expect.configure({ soft: true }).poll(async () => leaks(await scanStorage(page), secrets), {
      message: 'anson\'s data readable on the phone after logout',
      timeout: 5_000,
    }).toEqual([]);
    const signedIn = (await scanStorage(page)).filter((e) => e.html && e.text.includes('Đăng xuất')).map((e) => e.where);
    expect.soft(signedIn, 'cached pages rendered for a signed-in user').toEqual([]);

    // 3. anlau borrows the phone: an empty list and an empty form.
    await loginAs(page, 'anlau');
    const anlauList = await myForms(page);
    expect.soft(anlauList).toContain('Chưa có phiếu nào trên máy này.');
    expect.soft(ansonCodes.filter((c) => anlauList.includes(c)), 'anson\'s receipt codes shown to anlau').toEqual([]);
    await expect.soft(page.getByTestId('pending-count')).toHaveText('0', { timeout: 3_000 });
    await openForm(page);
    await page.waitForTimeout(1_000); // a draft read from storage asynchronously would be on screen by now
    await expect.soft(page.locator('textarea[id^="text-"]').first()).toHaveValue('', { timeout: 1_000 });
    await expect.soft(page.getByLabel('Họ và tên')).toHaveValue('', { timeout: 1_000 });
    await expect.soft(page.getByLabel('Hộ gia đình, địa chỉ')).toHaveValue('', { timeout: 1_000 });
    await expect.soft(page.getByLabel('Số điện thoại (không bắt buộc)')).toHaveValue('', { timeout: 1_000 });

    // 4. anlau saves a form with no signal; it blocks his logout. His session then expires
    //    (cookies cleared) and anson logs in on the same phone, with signal. (No page is
    //    opened while offline: Chromium's offline emulation does not carry navigator.onLine
    //    over to a new document, see phone.js; the form page shows the pending count too.)
    await phone.setOffline(true);
    const anlauText = 'Đường vào xóm Đông Bình lầy lội mỗi khi mưa, đề nghị đổ bê tông.';
    const anlauCode = await saveForm(page, {
      name: 'Đinh Văn Lâu', household: 'Xóm Đông Bình', phone: '0911222333', text: anlauText,
    });
    await expect(page.getByTestId('pending-count')).toHaveText('1');
    await pressLogout(page);
    await expect(page.locator('.logout-refused')).toContainText('Còn 1 phiếu chưa gửi');

    await phone.clearCookies();
    await phone.setOffline(false);
    // Receipt codes the server received with a session. The page left open for anlau may
    // try a sync on reconnect; without a session that is refused (401) and harmless.
    const sentCodes = [];
    const watchSync = async (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/api/v1/sync/forms')) return;
      const response = await request.response().catch(() => null);
      if (response && response.status() !== 401) sentCodes.push(...((request.postData() || '').match(RECEIPT) || []));
    };
    phone.on('requestfinished', watchSync);
    await loginAs(page, 'anson');
    const ansonList = await myForms(page);
    expect.soft(ansonList.includes(anlauCode), 'anlau\'s unsent form listed for anson').toBe(false);
    await expect.soft(page.getByTestId('pending-count')).toHaveText('0', { timeout: 3_000 });
    await syncOnce(page);
    phone.off('requestfinished', watchSync);
    expect.soft(sentCodes.filter((c) => c === anlauCode), 'anlau\'s form sent with anson\'s session').toEqual([]);
    expect(query('select count(*) from forms where receipt_code = ?', [anlauCode])[0][0]).toBe(0);

    // anlau logs in again: his form waited for him, and goes once, as his.
    await phone.clearCookies();
    await loginAs(page, 'anlau');
    // (Not its pending count: with signal the app sends it on login, so "1" may already
    // have become "0" by the time the list is read.)
    expect(await myForms(page)).toContain(anlauCode);
    await syncUntilNothingPending(page);
    const rows = query(
      `select f.receipt_code, o.body, u.username from forms f
         join opinions o on o.form_id = f.id join users u on u.id = f.collector_id
        where f.receipt_code = ?`,
      [anlauCode],
    );
    expect(rows).toEqual([[anlauCode, anlauText.normalize('NFC'), 'anlau']]);
  } finally {
    await phone.close();
  }
  fs.rmSync(userDataDir, { recursive: true, force: true }); // kept after a failure, for a look
});
