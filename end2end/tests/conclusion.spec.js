// The conference and its conclusion notice, on their own server with the demo data: the
// secretary records the conference and a new opinion raised there (it joins the intake and
// is classified) →
// drafts a disposition for every issue → the chair approves and issues it (dated four
// weeks back, as a notice entered late) → the economy office reports and staff accept → the
// culture office's item is left without a report and the MTTQ's follow-up shows it overdue →
// the year's statistics count both items late.
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

  // The secretary takes the speakers from the forms, records the conference and an opinion
  // first raised there, which joins the intake.
  const staff = await signedIn(browser, 'vanphong');
  const staffErrors = watchErrors(staff);
  await staff.goto(`/ban/${campaign}/phat-bieu`);
  await hydrated(staff);
  const take = staff.locator('#take-registrations');
  if (await take.isEnabled()) await take.click();
  await staff.goto(`/ban/${campaign}/hoi-nghi`);
  await hydrated(staff);
  await staff.locator('#held-on').fill(isoDay(-30));
  await staff.locator('#conference-chairs').fill('Đồng chí Trần Văn Khải, Chủ tịch UBND xã');
  await staff.locator('#conference-secretary').fill('Nguyễn Thị Hạnh');
  await staff.locator('#delegations .delegation-name').first().fill('Thường trực Đảng ủy, HĐND, UBND xã');
  await staff.locator('#delegations .delegation-count').first().fill('7');
  await staff.locator('#add-delegation').click();
  await staff.locator('#delegations li').nth(1).locator('select').selectOption('group');
  await staff.locator('#delegations .delegation-name').nth(1).fill('Nhân dân 6 thôn');
  await staff.locator('#delegations .delegation-count').nth(1).fill('180');
  await staff.locator('#conference-summary').fill('Chủ tịch UBND xã tiếp thu, giao các phòng chuyên môn giải quyết.');
  await staff.getByRole('button', { name: 'Lưu biên bản' }).click();
  await expect(staff.locator('.notice-ok')).toContainText('Đã lưu biên bản');
  await expect(staff.getByRole('link', { name: 'Tải biên bản (DOCX)' })).toBeVisible();
  const newOpinion = 'Đề nghị lắp đèn chiếu sáng đoạn dốc cầu Máng, buổi tối rất nguy hiểm';
  await staff.locator('#raise-body').fill(newOpinion);
  await staff.getByRole('button', { name: 'Ghi nhận ý kiến' }).click();
  await expect(staff.locator('#raised-list')).toContainText(newOpinion);
  const minutes = await staff.request.get(`/api/v1/campaigns/${campaign}/minutes.docx`);
  expect(minutes.status()).toBe(200);
  console.log(`[sizes] minutes DOCX: ${(await minutes.body()).length} bytes`);
  await staff.goto(`/ban/${campaign}`);
  await hydrated(staff);
  await staff.getByLabel('Tìm trong nội dung').fill('chieu sang doan doc cau mang');
  await staff.getByRole('button', { name: 'Lọc' }).click();
  await expect(staff.locator('tr[data-opinion]')).toHaveCount(1);
  await expect(staff.locator('tr[data-opinion]')).toContainText('đèn chiếu sáng');
  // …and is classified like any other.
  await staff.locator('tr[data-opinion]').getByLabel('Chọn ý kiến').check();
  await staff.locator('#bulk-urgency').selectOption({ label: 'Khẩn' });
  await staff.getByRole('button', { name: 'Xác nhận phân loại' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'Đã cập nhật 1 ý kiến.' })).toBeVisible();
  const classified = execFileSync('python3', ['-c',
    'import sqlite3, sys\nprint(sqlite3.connect(sys.argv[1]).execute("select status, urgency, source from opinions where source = \'conference\'").fetchone())',
    db]).toString('utf8').trim();
  expect(classified).toBe("('classified', 'khan', 'conference')");

  // The secretary concludes on every issue: the first two go to the economy and the culture
  // offices, the rest are settled.
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
  const notice = (await docx.body()).length;
  expect(notice).toBeGreaterThan(3000);
  console.log(`[sizes] conclusion notice DOCX: ${notice} bytes`);

  // The economy office reports; staff accept.
  const officer = await signedIn(browser, 'kinhte');
  await expect(officer.locator('#conclusion-items')).toContainText('Phòng Kinh tế');
  await expect(officer.locator('#conclusion-items tbody tr')).toHaveCount(1);
  await officer.locator('#conclusion-items a').first().click();
  await hydrated(officer);
  await officer.getByLabel('Kết quả thực hiện').fill('Đã vá 120 m mặt đường, khơi thông rãnh thoát nước.');
  await officer.getByLabel('Tài liệu kèm theo (số, ngày văn bản; tên tệp)').fill('Biên bản nghiệm thu số 12/BB-UBND');
  await officer.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(officer.locator('#notice-follow-up')).toContainText('Kèm theo: Biên bản nghiệm thu số 12/BB-UBND');
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

  // MTTQ writes a supervision note on the overdue item; it stays with the issue.
  await mttq.goto('/giam-sat');
  await hydrated(mttq);
  const overdue = mttq.locator('#supervision tr.late');
  await expect(overdue).toHaveCount(1);
  await overdue.getByLabel('Ý kiến giám sát').fill('Đề nghị Phòng Văn hóa - Xã hội khẩn trương báo cáo kết quả.');
  await overdue.getByRole('button', { name: 'Ghi ý kiến' }).click();
  await expect(mttq.locator('#supervision tr.late .notes')).toContainText('khẩn trương báo cáo');

  // The year's statistics count both items late: one reported after its due day and accepted
  // since, one never reported.
  await mttq.goto(`/thong-ke?nam=${isoDay(-30).slice(0, 4)}&ky=`);
  await hydrated(mttq);
  await expect(mttq.locator('#stat-timing')).toHaveText('0 / 2 / 0');
  await expect(mttq.locator('#stat-on-time')).toHaveText('0,0%');
  const book = await mttq.request.get(`/api/v1/statistics.xlsx?nam=${isoDay(-30).slice(0, 4)}`);
  expect(book.status()).toBe(200);
  console.log(`[sizes] statistics XLSX: ${(await book.body()).length} bytes`);
  expect(staffErrors).toEqual([]);
});
