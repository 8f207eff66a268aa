// The conclusion notice from draft to report-back, on its own server with the demo data: the
// secretary drafts a disposition for every issue → the chair approves and issues it (dated four
// weeks back, as a notice entered late) → the economy office reports and staff accept → the
// culture office's item is left without a report and the MTTQ's follow-up shows it overdue.
const { test, expect } = require('@playwright/test');
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { hydrated, watchErrors } = require('./helpers');

const port = Number(process.env.DANBAN_E2E_PORT || 3100) + 8;
const base = `http://127.0.0.1:${port}`;
const script = path.join(__dirname, '..', 'empty-server.sh');

test.setTimeout(240_000);

let dir;
let server;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'danban-conclusion-'));
});

test.afterAll(async () => {
  if (server) server.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
});

async function waitForHealth() {
  for (let i = 0; i < 120; i += 1) {
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return;
    } catch (_) { /* not yet listening */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not start');
}

/** Runs one statement on the database file before the server starts. */
function execute(db, sql) {
  execFileSync('python3', ['-c',
    'import sqlite3, sys\ndb = sqlite3.connect(sys.argv[1])\ndb.execute(sys.argv[2])\ndb.commit()',
    db, sql]);
}

function isoDay(offsetDays) {
  const now = new Date(Date.now() + 7 * 3600 * 1000 + offsetDays * 86400 * 1000);
  return now.toISOString().slice(0, 10);
}

async function signedIn(browser, username) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto('/dang-nhap');
  await hydrated(page);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill('danban2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).not.toHaveURL(/dang-nhap/);
  await hydrated(page);
  return page;
}

test('a conclusion notice is drafted, approved, issued and followed to its report-backs', async ({ browser }) => {
  const db = path.join(dir, 'ward.db');
  execFileSync('bash', [script, String(port), db, 'seed-demo']);
  // The chuyên đề campaign held its conference a month ago.
  execute(db, `update campaigns set stage = 'conference', conference_date = '${isoDay(-30)}'
                where kind = 'chuyen_de'`);
  const campaign = execFileSync('python3', ['-c',
    'import sqlite3, sys, uuid\nrow = sqlite3.connect(sys.argv[1]).execute("select id from campaigns where kind = \'chuyen_de\'").fetchone()\nprint(uuid.UUID(bytes=row[0]))',
    db]).toString('utf8').trim();
  server = spawn('bash', [script, String(port), db, 'serve'], { stdio: 'ignore' });
  await waitForHealth();

  // The secretary concludes on every issue: the first two go to the economy and the culture
  // offices, the rest are settled.
  const staff = await signedIn(browser, 'vanphong');
  const staffErrors = watchErrors(staff);
  await staff.goto(`/ban/${campaign}/ket-luan`);
  await hydrated(staff);
  await expect(staff.locator('#notice-due')).toContainText('Quá hạn');
  const items = staff.locator('#notice-draft fieldset.notice-item');
  const count = await items.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i += 1) {
    const item = items.nth(i);
    if (i < 2) {
      await item.locator('select.disposition').selectOption('assigned');
      await item.locator('select.department').selectOption({ label: i === 0 ? 'Phòng Kinh tế' : 'Phòng Văn hóa - Xã hội' });
      await item.locator('textarea.content').fill(i === 0
        ? 'Giao Phòng Kinh tế sửa chữa tuyến đường, báo cáo kết quả.'
        : 'Giao Phòng Văn hóa - Xã hội rà soát, báo cáo kết quả.');
    } else {
      await item.locator('select.disposition').selectOption('resolved');
      if (!(await item.locator('textarea.content').inputValue()).trim()) {
        await item.locator('textarea.content').fill('Đã được giải quyết, trả lời tại hội nghị.');
      }
    }
  }
  await staff.getByRole('button', { name: 'Lưu dự thảo' }).click();
  await expect(staff.getByRole('status').or(staff.locator('.notice')).first()).toContainText('Đã lưu dự thảo');
  await expect(staff.locator('#notice-state')).toContainText('Dự thảo');

  // The chair approves and issues it, dated four weeks back.
  const chair = await signedIn(browser, 'chutich');
  await chair.goto(`/ban/${campaign}/ket-luan`);
  await hydrated(chair);
  await chair.getByRole('button', { name: 'Phê duyệt' }).click();
  await expect(chair.locator('#notice-state')).toContainText('Đã phê duyệt');
  await chair.locator('#notice-number').fill('15/TB-UBND');
  await chair.locator('#notice-date').fill(isoDay(-28));
  await chair.getByRole('button', { name: 'Ban hành thông báo' }).click();
  await expect(chair.locator('#notice-state')).toContainText('Đã ban hành');
  await expect(chair.locator('#notice-state')).toContainText('Số 15/TB-UBND');
  const docx = await chair.request.get(`/api/v1/campaigns/${campaign}/conclusion.docx`);
  expect(docx.status()).toBe(200);
  expect((await docx.body()).length).toBeGreaterThan(3000);

  // The economy office reports; staff accept.
  const officer = await signedIn(browser, 'kinhte');
  await expect(officer.locator('#conclusion-items')).toContainText('Phòng Kinh tế');
  await expect(officer.locator('#conclusion-items tbody tr')).toHaveCount(1);
  await officer.locator('#conclusion-items a').first().click();
  await hydrated(officer);
  await officer.getByLabel('Kết quả thực hiện').fill('Đã vá 120 m mặt đường, khơi thông rãnh thoát nước.');
  await officer.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(officer.locator('#notice-follow-up .report-state')).toHaveText('Đã báo cáo, chờ xem xét');

  await staff.reload();
  await hydrated(staff);
  const reported = staff.locator('#notice-follow-up tr', { hasText: 'Phòng Kinh tế' });
  await reported.getByRole('button', { name: 'Chấp nhận' }).click();
  await expect(reported.locator('.report-state')).toHaveText('Đã hoàn thành');

  // MTTQ supervises: the culture office's item is overdue, counted in working days.
  const mttq = await signedIn(browser, 'mttq');
  await expect(mttq.locator('#conclusion-items tbody tr')).toHaveCount(1);
  const late = mttq.locator('#conclusion-items tr.late');
  await expect(late).toContainText('Phòng Văn hóa - Xã hội');
  await expect(late).toContainText(/Quá hạn \d+ ngày làm việc/);
  await expect(mttq.locator('#items-late')).toHaveText('1');
  expect(staffErrors).toEqual([]);
});
