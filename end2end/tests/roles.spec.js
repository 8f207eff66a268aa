// Every role logs in, lands on its own home with demo data, and the page is hydrated:
// the menu button (a client-side interaction) opens the navigation.
const { test, expect } = require('@playwright/test');
const { hydrated, login, watchErrors } = require('./helpers');

test.use({ viewport: { width: 390, height: 844 } }); // a phone: the menu is folded

const roles = [
  { user: 'anson', heading: 'Đợt đối thoại của tôi', data: 'Phiếu tôi đã thu', nav: 'Đợt đối thoại của tôi' },
  { user: 'vanphong', heading: 'Tiếp nhận ý kiến, kiến nghị', data: 'Thôn An Sơn', nav: 'Tiếp nhận ý kiến' },
  { user: 'kinhte', heading: 'Việc được giao cho đơn vị tôi', data: 'Ý kiến', nav: 'Việc được giao' },
  { user: 'chutich', heading: 'Nội dung trả lời chờ phê duyệt', data: 'gửi lúc', nav: 'Chờ phê duyệt' },
  { user: 'mttq', heading: 'Theo dõi, đôn đốc thực hiện', data: 'ngày làm việc', nav: 'Giám sát thực hiện' },
  { user: 'admin', heading: 'Đơn vị hành chính', data: 'Phường Kinh Môn', nav: 'Đơn vị hành chính' },
];

for (const role of roles) {
  test(`${role.user} logs in, sees their home and the page is hydrated`, async ({ page }) => {
    const errors = watchErrors(page);
    await login(page, role.user);
    await expect(page).toHaveURL(/\/$/);
    await hydrated(page);
    await expect(page.getByRole('heading', { name: role.heading })).toBeVisible();
    await expect(page.locator('main')).toContainText(role.data);

    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('link', { name: role.nav })).toBeHidden();
    await menu.click();
    await expect(page.getByRole('button', { name: 'Đóng' })).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('link', { name: role.nav })).toBeVisible();

    expect(errors).toEqual([]);
  });
}

test('a wrong password is explained in Vietnamese without leaving the page', async ({ page }) => {
  await login(page, 'vanphong', 'sai-mat-khau');
  await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await expect(page).toHaveURL(/\/dang-nhap\?loi=sai/);
  await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('vanphong');
});

test('logging out returns to the public home', async ({ page }) => {
  await login(page, 'mttq');
  await expect(page.getByRole('heading', { name: 'Theo dõi, đôn đốc thực hiện' })).toBeVisible();
  await hydrated(page);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('heading', { name: 'Kết quả công khai theo xã, phường' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Đăng nhập' }).first()).toBeVisible();
});

test('a resident reads the published answers of their commune', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('link', { name: 'Xã Bắc Thanh Miện' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Xã Bắc Thanh Miện');
  await page.locator('.resident-campaigns a').first().click();
  await expect(page.locator('article.public-issue').first()).toContainText('Nội dung trả lời');
  expect(await page.locator('article.public-issue').count()).toBeGreaterThanOrEqual(8);
  expect(errors).toEqual([]);
});

test("a collector's pages come with their data and mark where the collector is", async ({ page }) => {
  const errors = watchErrors(page);
  const asked = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/session/whoami') || path.startsWith('/api/collect/my_campaigns')) asked.push(path);
  });
  await login(page, 'anson');
  await hydrated(page);
  await expect(page.locator('main')).toContainText('Phiếu tôi đã thu');
  // The server read the session and the campaigns for the page: the phone asks for neither.
  expect(asked).toEqual([]);

  await page.goto('/thu-phieu');
  await hydrated(page);
  await expect(page.locator('.site-nav a[aria-current="page"]')).toHaveText('Phiếu mới');
  expect(asked).toEqual([]);
  expect(errors).toEqual([]);

  // From a page of the whole app (statistics, refused to a collector with 403), the home is
  // loaded from the server with its campaigns.
  await page.goto('/thong-ke');
  await expect(page.locator('main')).toContainText('Bạn không có quyền');
  await hydrated(page);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: 'Trang chủ' }).click();
  await expect(page.locator('main')).toContainText('Phiếu tôi đã thu');
  await expect(page.locator('script[src="/pkg/thu.js"], link[href="/pkg/thu.wasm"]').first()).toBeAttached();
});
