// The collector's screens on small phones (320–360 px wide): nothing wider than the screen, the
// form starting on the first screen, every control large enough for a thumb (44 px), and the
// sync state visible without taking the screen.
const { test, expect } = require('@playwright/test');
const { hydrated, login } = require('./helpers');

const MIN_TOUCH = 44;

/** Controls narrower or lower than a thumb, and anything sticking out of the page. */
async function measure(page) {
  return page.evaluate((min) => {
    const doc = document.documentElement;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}`);
    const small = [...document.querySelectorAll('button, select, input:not([type=checkbox]), textarea, a.button, a.button-secondary')]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => el.getBoundingClientRect().height < min)
      .map((el) => `${el.tagName.toLowerCase()}#${el.id} "${(el.textContent || '').trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().height)}px`);
    const checks = [...document.querySelectorAll('label.check')]
      .filter((el) => el.getBoundingClientRect().height < min)
      .map((el) => el.textContent.trim().slice(0, 30));
    return { scroll: doc.scrollWidth, width: doc.clientWidth, wide, small, checks };
  }, MIN_TOUCH);
}

for (const width of [320, 360]) {
  test(`the form fits a ${width} px phone and starts on the first screen`, async ({ page }) => {
    await page.setViewportSize({ width, height: 640 });
    await login(page, 'anlau'); // two groups: both selects are on the form
    await expect(page.getByRole('heading', { name: 'Đợt đối thoại của tôi' })).toBeVisible();
    await page.goto('/thu-phieu');
    await hydrated(page);
    await expect(page.getByRole('button', { name: 'Lưu phiếu' })).toBeVisible();

    const m = await measure(page);
    expect(m.scroll, `page ${m.scroll} px wide on a ${m.width} px screen: ${m.wide.join(', ')}`).toBeLessThanOrEqual(m.width);
    expect(m.wide).toEqual([]);
    expect(m.small).toEqual([]);
    expect(m.checks).toEqual([]);

    // The first questions of the form are on the first screen, under the compact sync state.
    const panel = await page.locator('.sync-panel').boundingBox();
    expect(panel.height).toBeLessThanOrEqual(110);
    await expect(page.getByTestId('pending-count')).toBeInViewport();
    const group = await page.locator('select#group').boundingBox();
    expect(group.y + group.height).toBeLessThanOrEqual(640);

    // The receipt code after saving fits too.
    await page.locator('select#group').selectOption({ index: 1 });
    await page.locator('select[id^="topic-"]').first().selectOption({ index: 1 });
    await page.locator('textarea[id^="text-"]').first().fill('Đèn đường ngõ 5 hỏng, đề nghị thay bóng.');
    await page.getByRole('button', { name: 'Lưu phiếu' }).click();
    await expect(page.getByTestId('receipt-code')).toBeVisible();
    const after = await measure(page);
    expect(after.wide).toEqual([]);

    // The list of forms on the same phone.
    await page.goto('/phieu-cua-toi');
    await hydrated(page);
    await expect(page.locator('.form-entry').first()).toBeVisible();
    const list = await measure(page);
    expect(list.wide).toEqual([]);
    expect(list.small).toEqual([]);
  });
}
