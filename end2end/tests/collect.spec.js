// What can go wrong on the phone besides the network: a full storage, an expired login, two
// tabs syncing at once. Nothing typed is lost and nothing is sent twice.
const { test, expect } = require('@playwright/test');
const { hydrated, login } = require('./helpers');
const { query } = require('./db');

test.use({ viewport: { width: 390, height: 844 } });

async function openForm(page) {
  await page.goto('/thu-phieu');
  await hydrated(page);
  await expect(page.locator('select#group')).toHaveValue(/[0-9a-f-]{36}/);
}

async function typeOpinion(page, text) {
  await page.locator('select[id^="topic-"]').first().selectOption({ index: 1 });
  await page.locator('textarea[id^="text-"]').first().fill(text);
}

test('a full storage keeps the form on screen and saving works once space is freed', async ({ page }) => {
  // The phone's storage is full from the start: the site's quota is cut to nothing before the
  // app first opens its database (Chromium reads the quota when the database is first used).
  await page.goto('/healthz');
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  await login(page, 'anlau');
  await expect(page.getByRole('heading', { name: 'Đợt đối thoại của tôi' })).toBeVisible();
  await openForm(page);
  const text = 'Nhà văn hóa thôn An Lâu xuống cấp, mái dột, đề nghị xã hỗ trợ kinh phí sửa chữa.';
  await typeOpinion(page, text);
  await page.getByRole('button', { name: 'Lưu phiếu' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Bộ nhớ trên máy đã đầy' }).first()).toBeVisible();
  await expect(page.locator('textarea[id^="text-"]').first()).toHaveValue(text);

  await cdp.send('Storage.overrideQuotaForOrigin', { origin }); // space freed
  await page.getByRole('button', { name: 'Lưu phiếu' }).click();
  const code = (await page.getByTestId('receipt-code').innerText()).trim();
  await page.goto('/phieu-cua-toi');
  await hydrated(page);
  await expect(page.getByTestId('pending-count')).toHaveText('0');
  expect(query('select count(*) from forms where receipt_code = ?', [code])[0][0]).toBe(1);
});

test('an expired login asks to log in again and keeps the outbox', async ({ page, context }) => {
  await login(page, 'anlau');
  await expect(page.getByRole('heading', { name: 'Đợt đối thoại của tôi' })).toBeVisible();
  await openForm(page);
  await context.setOffline(true);
  await typeOpinion(page, 'Đề nghị lắp thêm biển báo giảm tốc độ ở cổng trường tiểu học.');
  await page.getByRole('button', { name: 'Lưu phiếu' }).click();
  const code = (await page.getByTestId('receipt-code').innerText()).trim();
  // Offline, from the reference data kept on the phone: where the resident looks the code up.
  await expect(page.getByTestId('lookup-address')).toContainText('/cong-khai/bac-thanh-mien/tra-cuu');
  await context.clearCookies(); // the session is gone, as after 30 days without login
  await context.setOffline(false);
  await page.goto('/phieu-cua-toi');
  await hydrated(page);
  await page.getByRole('button', { name: 'Đồng bộ' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Phiên đăng nhập đã hết hạn' })).toBeVisible();
  await expect(page.getByTestId('pending-count')).toHaveText('1');

  await login(page, 'anlau');
  await expect(page.getByRole('heading', { name: 'Đợt đối thoại của tôi' })).toBeVisible();
  await page.goto('/phieu-cua-toi');
  await hydrated(page);
  await page.getByRole('button', { name: 'Đồng bộ' }).click();
  await expect(page.getByTestId('pending-count')).toHaveText('0');
  expect(query('select count(*) from forms where receipt_code = ?', [code])[0][0]).toBe(1);
});

test('a collector with no open campaign is told so on the form', async ({ page }) => {
  await login(page, 'tanphong');
  await expect(page.getByRole('heading', { name: 'Đợt đối thoại của tôi' })).toBeVisible();
  await page.goto('/thu-phieu');
  await hydrated(page);
  await expect(page.getByText('Hiện không có đợt đối thoại nào đang thu phiếu')).toBeVisible();
});

test('two tabs syncing the same outbox send each form once', async ({ page, context }) => {
  await login(page, 'anson');
  await expect(page.getByRole('heading', { name: 'Đợt đối thoại của tôi' })).toBeVisible();
  await openForm(page);
  await context.setOffline(true);
  const codes = [];
  for (let i = 0; i < 6; i += 1) {
    await typeOpinion(page, `Hai cửa sổ, ý kiến ${i + 1}: cống thoát nước bị tắc.`);
    await page.getByRole('button', { name: 'Lưu phiếu' }).click();
    codes.push((await page.getByTestId('receipt-code').innerText()).trim());
    await page.getByRole('button', { name: 'Phiếu mới' }).click();
  }
  const second = await context.newPage();
  await second.goto('/phieu-cua-toi');
  await hydrated(second);
  await page.goto('/phieu-cua-toi');
  await hydrated(page);
  await expect(second.getByTestId('pending-count')).toHaveText('6');
  await context.setOffline(false); // both tabs see "online" and try at once
  await Promise.all([
    page.getByRole('button', { name: 'Đồng bộ' }).click(),
    second.getByRole('button', { name: 'Đồng bộ' }).click(),
  ]);
  await expect(page.getByTestId('pending-count')).toHaveText('0');
  await expect(second.getByTestId('pending-count')).toHaveText('0');
  const marks = codes.map(() => '?').join(',');
  expect(query(`select count(*) from forms where receipt_code in (${marks})`, codes)[0][0]).toBe(6);
  expect(query(`select count(*) from opinions o join forms f on f.id = o.form_id where f.receipt_code in (${marks})`, codes)[0][0]).toBe(6);
});
