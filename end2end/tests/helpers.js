// Shared steps of the journeys.
const { expect, chromium } = require('@playwright/test');

const DEMO_PASSWORD = 'danban2026';

/** Waits until the WebAssembly app has hydrated the server-rendered page. */
async function hydrated(page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

/** Logs in through the login form, after hydration, and waits for the home page. */
async function login(page, username, password = DEMO_PASSWORD) {
  await page.goto('/dang-nhap');
  await hydrated(page);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Collects console errors and failed requests so a test can assert there were none. */
function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/**
 * A phone whose storage outlives the browser: a persistent profile in `userDataDir`, closed
 * cleanly with close() (see phone.js for a browser that is killed instead).
 */
async function openPhone(userDataDir) {
  const config = require('../playwright.config.js');
  return chromium.launchPersistentContext(userDataDir, {
    ...config.use.launchOptions,
    headless: true,
    baseURL: config.use.baseURL,
    viewport: { width: 390, height: 844 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
}

module.exports = { DEMO_PASSWORD, hydrated, login, openPhone, watchErrors };
