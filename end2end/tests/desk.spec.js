// The ward desk in a desktop browser: staff classify and merge two opinions from different
// thôn and watch the pivot move; a department answers and the chair approves.
const { test, expect } = require('@playwright/test');
const { hydrated, login, watchErrors } = require('./helpers');
const { query } = require('./db');

test.use({ viewport: { width: 1440, height: 900 } });

/** A UUID from SQLite's hex of a 16-byte blob. */
function uuid(hex) {
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function campaignId(kind) {
  const [[hex]] = query(
    `select hex(c.id) from campaigns c join communes m on m.id = c.commune_id
     where m.slug = 'bac-thanh-mien' and c.kind = ?`, [kind]);
  return uuid(hex);
}

/** data-value of a pivot element as a number. */
async function value(page, selector) {
  return Number(await page.locator(selector).getAttribute('data-value'));
}

async function pivotFigures(page, campaign, measure, a, b) {
  await page.goto(`/ban/${campaign}/tong-hop?do=${measure}`);
  await hydrated(page);
  await expect(page.locator('#pivot')).toHaveAttribute('data-measure', measure);
  return {
    cellA: await value(page, `[data-cell="${a.group}:${a.topic}"]`),
    cellB: await value(page, `[data-cell="${b.group}:${b.topic}"]`),
    rowA: await value(page, `[data-row-total="${a.group}"]`),
    rowB: await value(page, `[data-row-total="${b.group}"]`),
    colB: await value(page, `[data-col-total="${b.topic}"]`),
    total: await value(page, '#pivot-total'),
  };
}

/** Finds one opinion by searching its opening words and ticks its box. */
async function pick(page, opinion) {
  const words = opinion.body.split(/\s+/).slice(0, 6).join(' ');
  await page.getByLabel('Tìm trong nội dung').fill(words);
  await page.getByRole('button', { name: 'Lọc' }).click();
  const row = page.locator(`tr[data-opinion="${opinion.id}"]`);
  await expect(row).toBeVisible();
  await row.getByLabel('Chọn ý kiến').check();
}

test('staff classify and merge two opinions from different groups; the pivot follows', async ({ page }) => {
  const errors = watchErrors(page);
  const campaign = campaignId('dinh_ky');
  const rows = query(
    `select hex(o.id), o.body, g.name, t.name, hex(o.group_id)
       from opinions o join residential_groups g on g.id = o.group_id join topics t on t.id = o.topic_id
      where o.campaign_id = (select id from campaigns where lower(hex(id)) = ?)
        and o.issue_id is null and o.status = 'new' order by o.created_at, o.id`,
    [campaign.replace(/-/g, '')]);
  const first = rows[0];
  const second = rows.find((r) => r[4] !== first[4] && r[3] !== first[3]);
  expect(second, 'two new opinions of different groups and topics').toBeTruthy();
  const a = { id: uuid(first[0]), body: first[1], group: first[2], topic: first[3] };
  const b = { id: uuid(second[0]), body: second[1], group: second[2], topic: second[3] };

  await login(page, 'vanphong');
  await expect(page).toHaveURL(/\/$/);
  const opinionsBefore = await pivotFigures(page, campaign, 'y-kien', a, b);

  // classify A into B's topic, urgent
  await page.goto(`/ban/${campaign}`);
  await hydrated(page);
  await pick(page, a);
  await expect(page.locator('#selected-count')).toHaveText('1');
  await page.locator('#bulk-topic').selectOption({ label: b.topic });
  await page.locator('#bulk-urgency').selectOption({ label: 'Khẩn' });
  await page.getByRole('button', { name: 'Xác nhận phân loại' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã cập nhật 1 ý kiến.' })).toBeVisible();
  const [[topicOfA, statusOfA, urgencyOfA]] = query(
    'select t.name, o.status, o.urgency from opinions o join topics t on t.id = o.topic_id where lower(hex(o.id)) = ?',
    [a.id.replace(/-/g, '')]);
  expect([topicOfA, statusOfA, urgencyOfA]).toEqual([b.topic, 'classified', 'khan']);

  const moved = { ...a, topic: b.topic };
  const opinionsAfter = await pivotFigures(page, campaign, 'y-kien', a, b);
  expect(opinionsAfter.cellA).toBe(opinionsBefore.cellA - 1);
  expect(opinionsAfter.colB).toBe(opinionsBefore.colB + 1);
  expect(opinionsAfter.rowA).toBe(opinionsBefore.rowA);
  expect(opinionsAfter.total).toBe(opinionsBefore.total);
  const issuesBefore = await pivotFigures(page, campaign, 'van-de', moved, b);

  // the selection survives searching: pick A, then B, then merge them
  await page.goto(`/ban/${campaign}`);
  await hydrated(page);
  await pick(page, a);
  await pick(page, b);
  await expect(page.locator('#selected-count')).toHaveText('2');
  await page.locator('#merge-title').fill('Sửa chữa đường liên thôn xuống cấp');
  await page.locator('#merge-summary').fill('Nhân dân hai thôn cùng kiến nghị.');
  await page.getByRole('button', { name: 'Tạo vấn đề mới' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã tổng hợp vào vấn đề' })).toBeVisible();
  const issues = query(
    'select distinct hex(issue_id) from opinions where lower(hex(id)) in (?, ?)',
    [a.id.replace(/-/g, ''), b.id.replace(/-/g, '')]);
  expect(issues.length).toBe(1);
  expect(issues[0][0]).toBeTruthy();

  const issuesAfter = await pivotFigures(page, campaign, 'van-de', moved, b);
  expect(issuesAfter.cellA).toBe(issuesBefore.cellA + 1);
  expect(issuesAfter.cellB).toBe(issuesBefore.cellB + 1);
  expect(issuesAfter.rowA).toBe(issuesBefore.rowA + 1);
  expect(issuesAfter.rowB).toBe(issuesBefore.rowB + 1);
  expect(issuesAfter.colB).toBe(issuesBefore.colB + 1);
  expect(issuesAfter.total).toBe(issuesBefore.total + 1);

  // switching the measure in the page (no reload) redraws the table and the charts
  await page.getByLabel('Số liệu').selectOption({ label: 'Số ý kiến' });
  await page.getByRole('button', { name: 'Xem' }).click();
  await expect(page.locator('#pivot')).toHaveAttribute('data-measure', 'y-kien');
  await expect(page.locator('#pivot-total')).toHaveAttribute('data-value', String(opinionsAfter.total));
  await expect(page.locator('#chart-groups figcaption')).toContainText('Số ý kiến');

  // a cell drills down to exactly its opinions
  const cell = page.locator(`[data-cell="${b.group}:${b.topic}"] a`);
  const expected = await value(page, `[data-cell="${b.group}:${b.topic}"]`);
  await cell.click();
  await expect(page.locator('#intake-total')).toHaveAttribute('data-total', String(expected));
  expect(errors).toEqual([]);
});

test('a department answers an assigned issue and the chair approves it', async ({ browser }) => {
  const campaign = campaignId('dinh_ky');
  const staff = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await login(staff, 'vanphong');
  await expect(staff).toHaveURL(/\/$/);
  const ids = query(
    `select hex(id) from opinions where campaign_id = (select id from campaigns where lower(hex(id)) = ?)
       and issue_id is null and status <> 'out_of_scope' order by created_at desc, id limit 2`,
    [campaign.replace(/-/g, '')]).map((r) => uuid(r[0]));
  // An API request context sends no Origin of its own; a page of the app would.
  const merged = await staff.request.post('/api/desk/merge', {
    headers: { Origin: new URL(staff.url()).origin },
    data: { campaign_id: campaign, opinion_ids: ids, target: { New: { title: 'Lắp đèn chiếu sáng đường làng', summary: '' } } },
  });
  expect(merged.status()).toBe(200);
  const issue = await merged.json();

  // staff assign it to Phòng Kinh tế with the suggested due date
  await staff.goto(`/van-de/${issue}`);
  await hydrated(staff);
  await staff.locator('#assign-department').selectOption({ label: 'Phòng Kinh tế' });
  await staff.getByRole('button', { name: 'Giao xử lý' }).click();
  await expect(staff.locator('#assignment')).toContainText('Phòng Kinh tế');

  // the officer finds it under "assigned to my department" and answers
  const officer = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const officerErrors = watchErrors(officer);
  await login(officer, 'kinhte');
  await expect(officer).toHaveURL(/\/$/);
  await hydrated(officer);
  await officer.getByRole('link', { name: 'Lắp đèn chiếu sáng đường làng' }).click();
  await hydrated(officer);
  await officer.getByLabel('Nội dung trả lời').fill('UBND xã đã khảo sát, sẽ lắp 12 bóng đèn LED.');
  await officer.getByLabel('Kết quả đã giải quyết hoặc hướng giải quyết').fill('Đưa vào kế hoạch quý I/2027.');
  await officer.getByLabel('Thời gian giải quyết').fill('Trước 31/3/2027');
  await officer.getByRole('button', { name: 'Trình phê duyệt' }).click();
  await expect(officer.locator('#answer-status')).toHaveText('Chờ phê duyệt');
  expect(officerErrors).toEqual([]);

  // the chair approves from the list awaiting approval
  const chair = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await login(chair, 'chutich');
  await expect(chair).toHaveURL(/\/$/);
  await hydrated(chair);
  await chair.locator('#cho-phe-duyet').getByRole('link', { name: 'Lắp đèn chiếu sáng đường làng' }).click();
  await hydrated(chair);
  await expect(chair.locator('#answer-view')).toContainText('12 bóng đèn LED');
  await chair.getByRole('button', { name: 'Phê duyệt' }).click();
  await expect(chair.locator('#answer-status')).toHaveText('Đã phê duyệt');
  const [[status]] = query(
    'select status from answers where lower(hex(issue_id)) = ?', [issue.replace(/-/g, '')]);
  expect(status).toBe('approved');
  await expect(chair.locator('#audit')).toContainText('Phê duyệt trả lời');

  // and it is in the report, ready to print
  await chair.goto(`/ban/${campaign}/bao-cao`);
  await hydrated(chair);
  await expect(chair.locator('#report')).toContainText('Lắp đèn chiếu sáng đường làng');
  await expect(chair.locator('#report')).toContainText('12 bóng đèn LED');
});

test('staff take the held copy of a form sent twice with different content', async ({ browser }) => {
  // the same form id and revision, edited on two phones, reaches the server twice
  const phone = await browser.newPage();
  await login(phone, 'anson');
  await expect(phone).toHaveURL(/\/$/);
  const reference = await (await phone.request.get('/api/v1/collect/reference')).json();
  const campaign = reference.campaigns[0];
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const code = Array.from({ length: 8 }, () => alphabet[Math.floor(Math.random() * 32)]).join('');
  const form = {
    id: crypto.randomUUID(),
    revision: 1,
    campaign_id: campaign.id,
    group_id: campaign.groups[0].id,
    receipt_code: `${code.slice(0, 4)}-${code.slice(4)}`,
    respondent: { name: 'Trần Văn Hòa', anonymous: false, household: 'Số 9, xóm 1', phone: null, kind: 'Resident' },
    opinions: [{ id: crypto.randomUUID(), topic_id: campaign.topics[0].id, text: 'Cống ngõ 4 bị vỡ' }],
    proposal: null,
    wants_to_speak: false,
    consent: true,
    filled_at: new Date().toISOString(),
  };
  const held = { ...form, opinions: [{ ...form.opinions[0], text: 'Cống ngõ 4 bị vỡ, nước tràn vào nhà dân' }] };
  for (const f of [form, held]) {
    const r = await phone.request.post('/api/v1/sync/forms', {
      headers: { Origin: new URL(phone.url()).origin },
      data: { forms: [f] },
    });
    expect(r.status()).toBe(200);
  }

  const staff = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = watchErrors(staff);
  await login(staff, 'vanphong');
  await expect(staff).toHaveURL(/\/$/);
  await staff.goto(`/ban/${campaign.id}`);
  await hydrated(staff);
  await staff.getByRole('link', { name: /Phiếu xung đột \(\d+\)/ }).click();
  const card = staff.locator('article.conflict').filter({ hasText: form.receipt_code });
  await expect(card).toContainText('Cống ngõ 4 bị vỡ, nước tràn vào nhà dân');
  await card.getByRole('button', { name: 'Dùng bản mới gửi' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'Đã dùng bản mới gửi' })).toBeVisible();
  await expect(staff.locator('article.conflict').filter({ hasText: form.receipt_code })).toHaveCount(0);
  const [[text, revision]] = query(
    'select o.body, f.revision from opinions o join forms f on f.id = o.form_id where lower(hex(f.id)) = ?',
    [form.id.replace(/-/g, '')]);
  expect([text, revision]).toEqual(['Cống ngõ 4 bị vỡ, nước tràn vào nhà dân', 2]);
  expect(errors).toEqual([]);
});

test('the secretary takes the speakers from the forms, adds one at the door and reorders', async ({ page }) => {
  const errors = watchErrors(page);
  const campaign = campaignId('dinh_ky');
  const [[registered]] = query(
    'select count(*) from forms where campaign_id = (select id from campaigns where hex(id) = ?) and wants_to_speak = 1',
    [campaign.replace(/-/g, '').toUpperCase()]);
  await login(page, 'vanphong');
  await expect(page.getByRole('heading', { name: 'Tiếp nhận ý kiến, kiến nghị' })).toBeVisible();
  await page.goto(`/ban/${campaign}/phat-bieu`);
  await hydrated(page);
  await page.getByRole('button', { name: `Lấy ${registered} người đăng ký từ phiếu` }).click();
  await expect(page.locator('#speaker-list tbody tr')).toHaveCount(registered);
  await page.locator('#walk-in-name').fill('Bà Lê Thị Hoa');
  await page.locator('#walk-in-group').selectOption({ label: 'Thôn An Sơn' });
  await page.locator('#walk-in-note').fill('Hỏi về tiến độ làm đường liên thôn');
  await page.getByRole('button', { name: 'Thêm vào danh sách' }).click();
  const rows = page.locator('#speaker-list tbody tr');
  await expect(rows).toHaveCount(registered + 1);
  await expect(rows.last()).toContainText('Bà Lê Thị Hoa');
  await expect(rows.last()).toContainText('Tại hội nghị');
  await rows.last().getByRole('button', { name: 'Lên trước' }).click();
  await expect(rows.nth(registered - 1)).toContainText('Bà Lê Thị Hoa');
  await expect(page.getByRole('button', { name: 'Lấy 0 người đăng ký từ phiếu' })).toBeDisabled();
  expect(errors).toEqual([]);
});
