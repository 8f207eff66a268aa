// The collector's journey with no signal: the page opens from the service worker, forms are
// kept through a browser restart, and every form reaches the server exactly once, even when
// half of the sync requests fail.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { test, expect } = require('@playwright/test');
const { hydrated, openPhone } = require('./helpers');
const { query } = require('./db');


test.setTimeout(240_000);


async function fillForm(page, { name, text, proposal }) {
  await expect(page.getByRole('button', { name: 'Lưu phiếu' })).toBeVisible();
  await page.getByLabel('Họ và tên').fill(name);
  await page.locator('select[id^="topic-"]').first().selectOption({ index: 1 });
  await page.locator('textarea[id^="text-"]').first().fill(text);
  await page.getByLabel('Kiến nghị, đề xuất').fill(proposal);
  await page.getByLabel('Người dân đồng ý cho ghi thông tin cá nhân').check();
  await page.getByRole('button', { name: 'Lưu phiếu' }).click();
  const code = await page.getByTestId('receipt-code').innerText();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  await page.getByRole('button', { name: 'Phiếu mới' }).click();
  return code.trim();
}

function storedBodies(codes) {
  const marks = codes.map(() => '?').join(',');
  return query(
    `select f.receipt_code, o.body, u.username from forms f
       join opinions o on o.form_id = f.id join users u on u.id = f.collector_id
      where f.receipt_code in (${marks}) order by f.receipt_code`,
    codes,
  );
}

test('forms typed offline survive a restart and arrive exactly once', async () => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'danban-phone-'));
  let browser = await openPhone(userDataDir);
  let page = await browser.newPage();

  // Online once: log in, open the form so the service worker and the reference data settle.
  await page.goto('/dang-nhap');
  await hydrated(page);
  await page.getByLabel('Tên đăng nhập').fill('anson');
  await page.getByLabel('Mật khẩu').fill('danban2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { name: 'Đợt đối thoại của tôi' })).toBeVisible();
  await page.goto('/thu-phieu');
  await hydrated(page);
  await expect(page.locator('select#group')).toHaveValue(/[0-9a-f-]{36}/);
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    const keys = await caches.keys();
    return reg.active && keys.some((k) => k.startsWith('danban-shell-'));
  });
  await page.goto('/phieu-cua-toi'); // cached while online, with the session's rendering
  await hydrated(page);

  // No signal: the pages still open, from the service worker.
  await browser.setOffline(true);
  await page.goto('/thu-phieu');
  await hydrated(page);
  const texts = [
    'Đường trục thôn An Sơn đoạn qua nhà văn hóa bị ngập khi mưa to, đề nghị nâng cốt đường.',
    'Đèn chiếu sáng ngõ xóm 3 hỏng đã hai tháng, buổi tối học sinh đi học về rất nguy hiểm.',
    // decomposed Vietnamese, as some keyboards send it: must be stored composed (NFC)
    'Đu\u031Bo\u031B\u0300ng la\u0300ng xuô\u0301ng câ\u0301p, câ\u0300n sư\u0309a sơ\u0301m.',
    'Đề nghị tăng cường tuần tra đêm, chấm dứt tình trạng đua xe máy trên đê.',
    'Thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất còn chậm, mong xã hướng dẫn cụ thể.',
  ];
  const offlineCodes = [];
  for (const [i, text] of texts.entries()) {
    offlineCodes.push(await fillForm(page, { name: `Nguyễn Văn Ấn ${i + 1}`, text, proposal: 'Mong được trả lời sớm.' }));
  }
  await page.goto('/phieu-cua-toi');
  await hydrated(page);
  await expect(page.getByTestId('pending-count')).toHaveText('5');
  await expect(page.getByTestId('form-state').filter({ hasText: 'Chưa gửi' })).toHaveCount(5);

  // Unsent forms block logout.
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.locator('.logout-refused')).toContainText('Còn 5 phiếu chưa gửi');

  // The phone is switched off and on again, still without signal.
  await browser.close();
  browser = await openPhone(userDataDir);
  await browser.setOffline(true);
  page = browser.pages()[0] || (await browser.newPage());
  await page.goto('/phieu-cua-toi');
  await hydrated(page);
  await expect(page.getByTestId('pending-count')).toHaveText('5');
  expect(storedBodies(offlineCodes)).toEqual([]);

  // Signal is back: everything goes, once.
  await browser.setOffline(false);
  await page.getByRole('button', { name: 'Đồng bộ' }).click();
  await expect(page.getByTestId('pending-count')).toHaveText('0');
  await expect(page.getByTestId('form-state').filter({ hasText: 'Đã gửi' })).toHaveCount(5);
  const rows = storedBodies(offlineCodes);
  expect(rows.length).toBe(5);
  const expected = new Map(offlineCodes.map((code, i) => [code, texts[i].normalize('NFC')]));
  for (const [code, body, user] of rows) {
    expect(user).toBe('anson');
    expect(Buffer.from(body, 'utf8').equals(Buffer.from(expected.get(code), 'utf8'))).toBe(true);
  }
  // Each form records the consent the collector read out, by the version of its text.
  const marks = offlineCodes.map(() => '?').join(',');
  expect(query(`select distinct consent, consent_version from forms where receipt_code in (${marks})`, offlineCodes))
    .toEqual([[1, '2']]);

  // A flaky network: half of the sync requests fail. The first never reaches the server; the
  // second reaches it and the answer is lost on the way back (the forms are stored but the
  // phone does not know); after that every other request fails.
  let calls = 0;
  await browser.route('**/api/v1/sync/forms', async (route) => {
    calls += 1;
    if (calls === 1) return route.abort('connectionreset');
    if (calls === 2) {
      await route.fetch();
      return route.abort('connectionreset');
    }
    return calls % 2 === 1 ? route.abort('connectionreset') : route.continue();
  });
  await page.goto('/thu-phieu');
  await hydrated(page);
  const flakyCodes = [];
  for (let i = 0; i < 20; i += 1) {
    flakyCodes.push(await fillForm(page, {
      name: `Trần Thị Hằng ${i + 1}`,
      text: `Ý kiến thứ ${i + 1}: rãnh thoát nước ngõ ${i + 1} bị tắc, mùa mưa nước tràn vào nhà dân.`,
      proposal: 'Đề nghị nạo vét trước mùa mưa bão.',
    }));
  }
  await page.goto('/phieu-cua-toi');
  await hydrated(page);
  await expect(async () => {
    await page.getByRole('button', { name: 'Đồng bộ' }).click();
    await expect(page.getByTestId('pending-count')).toHaveText('0', { timeout: 3000 });
  }).toPass({ timeout: 90_000 });
  expect(calls).toBeGreaterThanOrEqual(4); // both kinds of failure happened before success

  const flakyRows = storedBodies(flakyCodes);
  expect(flakyRows.length).toBe(20);
  expect(new Set(flakyRows.map((r) => r[0])).size).toBe(20);
  const opinionCount = query(
    `select count(*) from opinions o join forms f on f.id = o.form_id where f.receipt_code in (${flakyCodes.map(() => '?').join(',')})`,
    flakyCodes,
  );
  expect(opinionCount[0][0]).toBe(20);
  await browser.close();
});
