// Browser journeys in Debian's Chromium (browser downloads are impossible here).
// The server under test is the real binary on a loopback port with a fresh SQLite file.
const { defineConfig } = require('@playwright/test');

const os = require('os');
const path = require('path');

const port = Number(process.env.DANBAN_E2E_PORT || 3100);
// The journeys check rows in the real database file the server writes.
process.env.DANBAN_E2E_DB = process.env.DANBAN_E2E_DB || path.join(os.tmpdir(), `danban-e2e-${port}.db`);

module.exports = defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `bash ./start-server.sh ${port}`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
