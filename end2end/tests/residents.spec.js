// A resident on a cheap phone with JavaScript off: opens the commune's public page, searches
// without diacritics, reads a campaign by thôn and its printable notice, and follows their own
// form by its receipt code (typed carelessly). Prints what a first visit transfers, brotli.
const { test, expect } = require('@playwright/test');
const http = require('http');
const { query } = require('./db');
const { hydrated, login, watchErrors } = require('./helpers');

const SLUG = 'bac-thanh-mien';

/** Bytes on the wire of one GET asking for brotli, as a phone's browser over HTTPS would. */
function brotliBytes(path) {
  const config = require('../playwright.config.js');
  return new Promise((resolve, reject) => {
    const request = http.get(`${config.use.baseURL}${path}`, { headers: { 'accept-encoding': 'br' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk) => { bytes += chunk.length; });
      response.on('end', () => resolve({ bytes, encoding: response.headers['content-encoding'] || 'identity' }));
    });
    request.on('error', reject);
  });
}

test('a resident reads results, searches without diacritics and looks up a receipt code', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));

  await page.goto(`/cong-khai/${SLUG}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kết quả tiếp xúc, đối thoại');
  await expect(page.locator('script')).toHaveCount(0);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await page.screenshot({ path: 'test-results/resident-commune-360.png', fullPage: true });

  // What a first visit transfers: the page and its style sheet (the icon is an SVG).
  const parts = [`/cong-khai/${SLUG}`, '/pkg/danban.css', '/favicon.svg'];
  let total = 0;
  for (const part of parts) {
    const { bytes, encoding } = await brotliBytes(part);
    console.log(`[sizes] resident first visit: ${part} ${bytes} B (${encoding})`);
    total += bytes;
  }
  console.log(`[sizes] resident first visit total: ${total} B brotli`);
  expect(total).toBeGreaterThan(0);

  // Search without diacritics: "duong" finds "đường".
  await page.getByLabel('Tìm nội dung đã trả lời').fill('duong');
  await page.getByRole('button', { name: 'Tìm' }).click();
  await expect(page).toHaveURL(/q=duong/);
  const results = page.locator('#search-results');
  await expect(results.getByRole('heading', { level: 2 })).toContainText('kết quả cho “duong”');
  await expect(results.locator('article h3').first()).toContainText(/đường/i);
  await expect(results.locator('.status').first()).toBeVisible();

  // A campaign by thôn, and the printable notice of one thôn.
  await page.goto(`/cong-khai/${SLUG}`);
  await page.locator('.resident-campaigns a').first().click();
  await expect(page.locator('.public-issue').first()).toBeVisible();
  await page.getByRole('link', { name: 'Theo thôn, tổ dân phố' }).click();
  await expect(page).toHaveURL(/theo=to/);
  const noticeLink = page.getByRole('link', { name: /^Thông báo cho / }).first();
  const group = (await noticeLink.textContent()).replace('Thông báo cho ', '').replace(' (bản in)', '').trim();
  await noticeLink.click();
  await expect(page.getByRole('heading', { name: 'THÔNG BÁO' })).toBeVisible();
  await expect(page.locator('.notice-subject')).toContainText(group);
  await expect(page.locator('.group-notice li').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/resident-group-notice-360.png', fullPage: true });

  // The resident's own form: an opinion merged into a published, answered issue.
  const [[code]] = query(
    `select f.receipt_code from forms f
       join opinions o on o.form_id = f.id
       join issues i on i.id = o.issue_id
       join communes c on c.id = f.commune_id
      where c.slug = ? and i.published = 1
      order by f.receipt_code limit 1`, [SLUG]);
  await page.goto(`/cong-khai/${SLUG}`);
  await page.getByRole('link', { name: 'Tra cứu phiếu' }).click();
  await page.getByLabel('Mã tra cứu').fill(` ${code.toLowerCase().replace('-', ' ')} `);
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  const answer = page.locator('#lookup-answer');
  await expect(answer).toContainText('Đã tiếp nhận ngày');
  await expect(answer).toContainText('Đã tổng hợp vào vấn đề');
  await expect(answer).toContainText('Đã có nội dung trả lời:');
  await expect(answer).toContainText('Hiện nay: Đã trả lời');
  await page.screenshot({ path: 'test-results/resident-lookup-360.png', fullPage: true });
  const lookupWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(lookupWidth).toBeLessThanOrEqual(360);

  // A wrong code says so.
  await page.getByLabel('Mã tra cứu').fill('ZZZZ-ZZZZ');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(answer).toContainText('Không tìm thấy phiếu nào có mã này');

  // Not one script or WebAssembly file was asked for.
  expect(requested.filter((u) => /\.(wasm|js)(\?|$)/.test(u))).toEqual([]);
  await context.close();
});

/** A UUID from SQLite's 16-byte blob, read as hex. */
function uuidFromHex(hex) {
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

test('staff withdraw a published answer and publish it again; residents see each change', async ({ browser }) => {
  const [[hex]] = query(
    `select hex(c.id) from campaigns c join communes m on m.id = c.commune_id
      where m.slug = ? and c.kind = 'dot_xuat'`, [SLUG]);
  const campaign = uuidFromHex(hex);
  const desk = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await desk.newPage();
  const errors = watchErrors(page);
  await login(page, 'vanphong');
  await expect(page).not.toHaveURL(/dang-nhap/);
  await page.goto(`/ban/${campaign}/cong-khai`);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Công khai kết quả');
  const row = page.locator('#publishing tbody tr.published').first();
  const title = (await row.locator('a').first().textContent()).trim();
  await row.getByRole('button', { name: 'Thôi công khai' }).click();
  await expect(page.getByText('Đã cập nhật 1 vấn đề.')).toBeVisible();

  const resident = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const phone = await resident.newPage();
  await phone.goto(`/cong-khai/${SLUG}/dot/${campaign}`);
  await expect(phone.locator('.public-issue h3', { hasText: title })).toHaveCount(0);

  const again = page.locator('#publishing tbody tr', { hasText: title });
  await again.getByRole('button', { name: 'Công khai', exact: true }).click();
  await expect(page.locator('#publishing tbody tr.published', { hasText: title })).toHaveCount(1);
  await phone.reload();
  await expect(phone.locator('.public-issue h3', { hasText: title })).toHaveCount(1);
  expect(errors).toEqual([]);
  await desk.close();
  await resident.close();
});

test('staff erase a resident\'s name, phone and household at their request', async ({ browser }) => {
  const [[code, hex]] = query(
    `select f.receipt_code, hex(f.id) from forms f join campaigns c on c.id = f.campaign_id
      where c.kind = 'dot_xuat' and f.respondent_name is not null and f.phone is not null
      order by f.receipt_code desc limit 1`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await login(page, 'vanphong');
  await expect(page).not.toHaveURL(/dang-nhap/);
  await page.getByRole('link', { name: 'Dữ liệu cá nhân' }).first().click();
  await expect(page).toHaveURL(/du-lieu-ca-nhan/);
  await hydrated(page);
  await page.getByLabel('Mã tra cứu').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Xóa thông tin cá nhân' }).click();
  await expect(page.getByText('Chỉ xóa khi người dân đã yêu cầu')).toBeVisible();
  expect(query('select respondent_name is not null from forms where hex(id) = ?', [hex])[0][0]).toBe(1);
  await page.getByLabel('Người dân đã yêu cầu xóa thông tin cá nhân của mình').check();
  await page.getByRole('button', { name: 'Xóa thông tin cá nhân' }).click();
  await expect(page.getByText(/^Đã xóa họ tên, số điện thoại của phiếu/)).toBeVisible();
  expect(query('select respondent_name, phone from forms where hex(id) = ?', [hex])).toEqual([[null, null]]);
  expect(errors).toEqual([]);
  await context.close();
});
