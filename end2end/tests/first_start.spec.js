// A new ward from an empty database, with no developer and no SQL: `server init` → the
// administrator creates thôn, departments, topics and users → staff plan a campaign and open
// collection → a collector on a phone fills a form offline and syncs → staff close collection
// → a late form is rejected and the phone says why.
const { test, expect } = require('@playwright/test');
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { hydrated } = require('./helpers');

const port = Number(process.env.DANBAN_E2E_PORT || 3100) + 7;
const base = `http://127.0.0.1:${port}`;
const script = path.join(__dirname, '..', 'empty-server.sh');

test.setTimeout(240_000);

let dir;
let server;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'danban-first-start-'));
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

async function loginAt(page, username, password) {
  await page.goto(`${base}/dang-nhap`);
  await hydrated(page);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

async function choosePassword(page, oneTime, chosen) {
  await expect(page.getByRole('heading', { name: 'Đổi mật khẩu' })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Mật khẩu hiện tại').fill(oneTime);
  await page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)').fill(chosen);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(chosen);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByRole('heading', { name: 'Đổi mật khẩu' })).toBeHidden();
}

async function issuedPassword(page, username) {
  const notice = page.locator('#one-time-password');
  await expect(notice).toContainText(username);
  return (await notice.locator('code').innerText()).trim();
}

function isoDay(offsetDays) {
  const now = new Date(Date.now() + 7 * 3600 * 1000 + offsetDays * 86400 * 1000);
  return now.toISOString().slice(0, 10);
}

test('a new ward goes from an empty database to collecting, then closes collection', async ({ browser }) => {
  const db = path.join(dir, 'ward.db');
  const init = execFileSync('bash', [script, String(port), db, 'init', '--commune', 'Xã Tân Lập',
    '--admin', 'quantri', '--province', 'Tỉnh Hưng Yên']).toString('utf8');
  const adminOneTime = init.match(/One-time password: (\S+)/)[1];
  server = spawn('bash', [script, String(port), db, 'serve'], { stdio: 'ignore' });
  await waitForHealth();

  // The administrator chooses a password, then sets up the commune.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await loginAt(admin, 'quantri', adminOneTime);
  await choosePassword(admin, adminOneTime, 'quản trị Tân Lập 2026');
  await expect(admin.getByRole('heading', { name: 'Đơn vị hành chính' })).toBeVisible();
  await hydrated(admin);
  await admin.getByRole('link', { name: 'Xã Tân Lập' }).click();
  await expect(admin.getByRole('heading', { name: 'Xã Tân Lập', level: 1 })).toBeVisible();
  await hydrated(admin);
  for (const name of ['Thôn Đông', 'Thôn Tây']) {
    await admin.locator('#group-name').fill(name);
    await admin.locator('#new-group').getByRole('button', { name: 'Thêm' }).click();
    await expect(admin.locator('#group-list')).toContainText(name);
  }
  await admin.locator('#department-name').fill('Phòng Kinh tế');
  await admin.locator('#new-department').getByRole('button', { name: 'Thêm' }).click();
  await expect(admin.locator('#department-list input')).toHaveValue('Phòng Kinh tế');
  for (const name of ['Kinh tế', 'Văn hóa - xã hội']) {
    await admin.locator('#topic-name').fill(name);
    await admin.locator('#topic-department').selectOption({ label: 'Phòng Kinh tế' });
    await admin.locator('#new-topic').getByRole('button', { name: 'Thêm' }).click();
    await expect(admin.locator('#topic-list li')).toHaveCount(name === 'Kinh tế' ? 1 : 2);
  }
  const newUser = admin.locator('#new-user');
  await newUser.locator('#user-username').fill('vanphong');
  await newUser.locator('input[name="full_name"]').fill('Nguyễn Văn Phong');
  await newUser.locator('select[name="role"]').selectOption('ward_staff');
  await newUser.getByRole('button', { name: 'Tạo tài khoản' }).click();
  const staffOneTime = await issuedPassword(admin, 'vanphong');
  await newUser.locator('#user-username').fill('thondong');
  await newUser.locator('input[name="full_name"]').fill('Trưởng thôn Đông');
  await newUser.locator('select[name="role"]').selectOption('collector');
  await newUser.getByLabel('Thôn Đông').check();
  await newUser.getByRole('button', { name: 'Tạo tài khoản' }).click();
  const collectorOneTime = await issuedPassword(admin, 'thondong');
  await expect(admin.locator('#user-list tr[data-user="thondong"]')).toContainText('Thôn Đông');

  // Ward staff plan a campaign for the whole commune and open collection.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await loginAt(staff, 'vanphong', staffOneTime);
  await choosePassword(staff, staffOneTime, 'văn phòng Tân Lập 2026');
  await staff.goto(`${base}/ke-hoach`);
  await hydrated(staff);
  await staff.getByRole('link', { name: 'Lập kế hoạch mới' }).click();
  await expect(staff.getByRole('heading', { name: 'Lập kế hoạch đợt đối thoại mới' })).toBeVisible();
  await hydrated(staff);
  await staff.locator('#plan-title').fill('Đối thoại định kỳ với Nhân dân xã Tân Lập năm 2026');
  await expect(staff.locator('#plan-whole')).toBeChecked();
  await staff.locator('#plan-collection').fill(isoDay(7));
  await staff.locator('#plan-conference').fill(isoDay(20));
  await staff.locator('#plan-place').fill('Hội trường UBND xã');
  await staff.getByRole('button', { name: 'Lưu kế hoạch' }).click();
  await expect(staff).toHaveURL(/\/ke-hoach\/[0-9a-f-]{36}$/);
  await expect(staff.locator('#plan-stage li.current')).toHaveText('Đang lập kế hoạch');
  await hydrated(staff);
  await staff.getByRole('button', { name: 'Bắt đầu thu phiếu' }).click();
  await expect(staff.locator('#plan-stage li.current')).toHaveText('Đang thu phiếu');

  // A paper form typed in at the office, for a thôn with no collector yet.
  await staff.goto(`${base}/thu-phieu`);
  await hydrated(staff);
  await staff.locator('select#group').selectOption({ label: 'Thôn Tây' });
  await staff.locator('select[id^="topic-"]').first().selectOption({ label: 'Văn hóa - xã hội' });
  await staff.locator('textarea[id^="text-"]').first().fill('Phiếu giấy: đề nghị sửa nhà văn hóa thôn Tây.');
  await staff.getByRole('button', { name: 'Lưu phiếu' }).click();
  await expect(staff.getByTestId('receipt-code')).toBeVisible();
  await staff.goto(`${base}/phieu-cua-toi`);
  await hydrated(staff);
  await staff.getByRole('button', { name: 'Đồng bộ' }).click();
  await expect(staff.getByTestId('pending-count')).toHaveText('0');
  const entered = execFileSync('python3', ['-c', `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("select u.username, g.name from forms f join users u on u.id = f.collector_id join residential_groups g on g.id = f.group_id").fetchall())
`, db]).toString('utf8');
  expect(entered).toContain("('vanphong', 'Thôn Tây')");
  await staff.goto(`${base}/ke-hoach`);
  await hydrated(staff);
  await staff.getByRole('link', { name: 'Đối thoại định kỳ với Nhân dân xã Tân Lập năm 2026' }).click();
  await expect(staff.locator('#plan-stage li.current')).toHaveText('Đang thu phiếu');
  await hydrated(staff);

  // The collector, on a phone: new password, the campaign, a form saved offline, then synced.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const collector = await phone.newPage();
  await loginAt(collector, 'thondong', collectorOneTime);
  await choosePassword(collector, collectorOneTime, 'thôn Đông 2026');
  await expect(collector.getByRole('heading', { name: 'Đợt đối thoại của tôi' })).toBeVisible();
  await expect(collector.locator('main')).toContainText('Đối thoại định kỳ với Nhân dân xã Tân Lập');
  await collector.goto(`${base}/thu-phieu`);
  await hydrated(collector);
  await expect(collector.locator('select#group')).toHaveValue(/[0-9a-f-]{36}/);
  await phone.setOffline(true);
  await collector.locator('select[id^="topic-"]').first().selectOption({ label: 'Kinh tế' });
  await collector.locator('textarea[id^="text-"]').first().fill('Đề nghị bê tông hóa đường trục thôn Đông.');
  await collector.getByRole('button', { name: 'Lưu phiếu' }).click();
  await expect(collector.getByTestId('receipt-code')).toBeVisible();
  await phone.setOffline(false);
  await collector.goto(`${base}/phieu-cua-toi`);
  await hydrated(collector);
  await collector.getByRole('button', { name: 'Đồng bộ' }).click();
  await expect(collector.getByTestId('pending-count')).toHaveText('0');

  // The phone opens a new form and loses signal; meanwhile staff close collection. The form
  // saved on the phone afterwards comes back rejected at the next sync, with the reason.
  await collector.goto(`${base}/thu-phieu`);
  await hydrated(collector);
  await expect(collector.locator('select#group')).toHaveValue(/[0-9a-f-]{36}/);
  await phone.setOffline(true);
  await staff.getByRole('button', { name: 'Kết thúc thu phiếu' }).click();
  await expect(staff.locator('#plan-stage li.current')).toHaveText('Đang tổng hợp, trả lời');
  await collector.locator('select[id^="topic-"]').first().selectOption({ label: 'Kinh tế' });
  await collector.locator('textarea[id^="text-"]').first().fill('Phiếu điền sau khi đã kết thúc thu phiếu.');
  await collector.getByRole('button', { name: 'Lưu phiếu' }).click();
  await expect(collector.getByTestId('receipt-code')).toBeVisible();
  await phone.setOffline(false);
  await collector.goto(`${base}/phieu-cua-toi`);
  await hydrated(collector);
  await collector.getByRole('button', { name: 'Đồng bộ' }).click();
  await expect(collector.getByText('Đợt đối thoại này không còn nhận phiếu')).toBeVisible();
  await expect(collector.getByText('Bị từ chối')).toBeVisible();

  // The administrator reads the trail of it all.
  await admin.goto(`${base}/quan-tri/nhat-ky`);
  await hydrated(admin);
  await expect(admin.locator('#audit-list tr[data-entity="campaign"][data-action="stage"]')).toHaveCount(2);
  await expect(admin.locator('#audit-list tr[data-entity="user"][data-action="created"]')).toHaveCount(2);

  await Promise.all([adminContext.close(), staffContext.close(), phone.close()]);
});
