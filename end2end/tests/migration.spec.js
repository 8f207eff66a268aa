// Phones in the field carry the outbox of the release before IndexedDB in local storage
// (`danban.v1.*`). The first start of this release moves it into IndexedDB without losing or
// duplicating a form, also when the move is repeated after a crash.
const { test, expect } = require('@playwright/test');
const { hydrated, login } = require('./helpers');
const { query } = require('./db');

test.use({ viewport: { width: 360, height: 740 } });

/** An entry of the old outbox, in the old release's JSON shape. */
function oldEntry(reference, { code, text, name, state, savedAt }) {
  const campaign = reference.campaigns[0];
  const id = crypto.randomUUID();
  return {
    summary: {
      id, revision: 1, receipt_code: code, group: campaign.groups[0].name,
      excerpt: text.slice(0, 80), opinions: 1, saved_at: savedAt,
    },
    form: {
      id, revision: 1, campaign_id: campaign.id, group_id: campaign.groups[0].id, receipt_code: code,
      respondent: { name, anonymous: false, household: 'Xóm 2', phone: '0912000111', kind: 'Resident' },
      opinions: [{ id: crypto.randomUUID(), topic_id: campaign.topics[0].id, text }],
      proposal: null, wants_to_speak: false, consent: true, filled_at: savedAt,
    },
    state,
  };
}

test('an outbox kept in local storage by the old release moves once and is sent once', async ({ page }) => {
  await login(page, 'anson');
  await expect(page.getByRole('heading', { name: 'Đợt đối thoại của tôi' })).toBeVisible();
  const reference = await page.evaluate(async () => (await fetch('/api/v1/collect/reference')).json());
  const now = new Date().toISOString();
  const pending = [
    { code: 'MG2A-7KQ3', text: 'Chuyển từ bản cũ: cống ngõ 4 thôn An Sơn bị vỡ nắp.', name: 'Lê Văn Cũ', state: 'Pending', savedAt: now },
    { code: 'MG2B-7KQ3', text: 'Chuyển từ bản cũ: xin lắp đèn đường trục thôn.', name: 'Lê Thị Cũ', state: { Sending: now }, savedAt: now },
  ].map((e) => oldEntry(reference, e));
  const sent = oldEntry(reference, {
    code: 'MG2C-7KQ3', text: 'Chuyển từ bản cũ: phiếu đã gửi trước đây.', name: 'Người Đã Gửi', state: { Sent: now }, savedAt: now,
  });
  const draft = {
    ...pending[0].form, id: crypto.randomUUID(), receipt_code: 'MG2D-7KQ3', campaign_id: reference.campaigns[0].id,
    group_id: reference.campaigns[0].groups[0].id, name: '', anonymous: false, household: '', phone: '', kind: 'Resident',
    opinions: [{ id: crypto.randomUUID(), topic_id: null, text: 'Bản nháp từ bản cũ còn dở dang' }],
    proposal: '', wants_to_speak: false, consent: false,
  };
  delete draft.respondent;
  delete draft.filled_at;
  const legacy = {
    'danban.v1.outbox': JSON.stringify({ entries: [...pending, sent], failures: 0, next_attempt_at: null, last_sync_at: null }),
    'danban.v1.reference': JSON.stringify(reference),
    'danban.v1.draft': JSON.stringify(draft),
  };
  const plant = (items) => page.evaluate((items) => {
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  }, items);

  // Offline, so that nothing is sent before the list is checked.
  await page.context().setOffline(true);
  await plant(legacy);
  await page.goto('/phieu-cua-toi');
  await hydrated(page);
  await expect(page.getByTestId('pending-count')).toHaveText('2');
  await expect(page.locator('.form-entry')).toHaveCount(3);
  for (const code of ['MG2A-7KQ3', 'MG2B-7KQ3', 'MG2C-7KQ3']) {
    await expect(page.locator('.form-entry', { hasText: code })).toHaveCount(1);
  }
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('danban.v1.') && k !== 'danban.v1.sync_lease'));
  expect(left).toEqual([]);

  // A crash between the commit and the removal of the old keys: the move runs again.
  await plant(legacy);
  await page.reload();
  await hydrated(page);
  await expect(page.locator('.form-entry')).toHaveCount(3);
  await expect(page.getByTestId('pending-count')).toHaveText('2');
  // The old form marked sent keeps nothing personal once moved.
  const stored = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('danban');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const all = open.result.transaction('forms').objectStore('forms').getAll();
      all.onsuccess = () => resolve(JSON.stringify(all.result));
    };
  }));
  expect(stored).not.toContain('Người Đã Gửi');
  expect(stored).toContain('Lê Văn Cũ');

  // The draft of the old release opens in the form.
  await page.goto('/thu-phieu');
  await hydrated(page);
  await expect(page.locator('textarea[id^="text-"]').first()).toHaveValue('Bản nháp từ bản cũ còn dở dang');

  // Online: the two unsent forms reach the server exactly once.
  await page.context().setOffline(false);
  await page.goto('/phieu-cua-toi');
  await hydrated(page);
  await page.getByRole('button', { name: 'Đồng bộ' }).click();
  await expect(page.getByTestId('pending-count')).toHaveText('0');
  const rows = query(
    `select f.receipt_code, count(o.id), u.username from forms f join opinions o on o.form_id = f.id
       join users u on u.id = f.collector_id where f.receipt_code like 'MG2%' group by f.id order by f.receipt_code`,
  );
  expect(rows).toEqual([['MG2A-7KQ3', 1, 'anson'], ['MG2B-7KQ3', 1, 'anson']]);
});

test('an old outbox of another collector stays for that collector', async ({ page }) => {
  await login(page, 'anlau');
  await expect(page.getByRole('heading', { name: 'Đợt đối thoại của tôi' })).toBeVisible();
  const reference = await page.evaluate(async () => (await fetch('/api/v1/collect/reference')).json());
  const entry = oldEntry(reference, {
    code: 'MG3A-7KQ3', text: 'Phiếu của người khác', name: 'Ai Đó', state: 'Pending', savedAt: new Date().toISOString(),
  });
  await page.evaluate(({ entry, reference }) => {
    localStorage.setItem('danban.v1.outbox', JSON.stringify({ entries: [entry], failures: 0, next_attempt_at: null, last_sync_at: null }));
    localStorage.setItem('danban.v1.reference', JSON.stringify({ ...reference, collector_name: 'Người Thu Phiếu Khác' }));
  }, { entry, reference });
  await page.goto('/phieu-cua-toi');
  await hydrated(page);
  await expect(page.getByText('Chưa có phiếu nào trên máy này.')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('danban.v1.outbox'))).toContain('MG3A-7KQ3');
});
