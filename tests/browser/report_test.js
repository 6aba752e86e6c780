// Opens a tlm report in headless Chromium and checks what a reader would see: the page loads without
// console errors or network requests, and every chart is there and has been drawn (non-zero size).
// Usage: node report_test.js REPORT.html --scenarios N [--sectors 3] [--screenshot FILE.png]
// Exit codes: 0 pass, 1 fail, 77 skipped (no Chromium).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function parseArgs(argv) {
  const a = { report: null, scenarios: 1, sectors: 3, screenshot: null };
  for (let i = 2; i < argv.length; ++i) {
    if (argv[i] === '--scenarios') a.scenarios = Number(argv[++i]);
    else if (argv[i] === '--sectors') a.sectors = Number(argv[++i]);
    else if (argv[i] === '--screenshot') a.screenshot = argv[++i];
    else a.report = argv[i];
  }
  if (!a.report) throw new Error('usage: node report_test.js REPORT.html --scenarios N');
  return a;
}

async function main() {
  const args = parseArgs(process.argv);
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`SKIP: ${CHROMIUM} not found`);
    return 77;
  }
  const { chromium } = require('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlm-chromium-'));
  const failures = [];
  // A fresh profile each run (playwright passes it as --user-data-dir); the network is closed anyway.
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error') failures.push(`console error: ${msg.text()}`); });
    page.on('pageerror', (err) => failures.push(`page error: ${err.message}`));
    // The report must be self-contained: any request other than the file itself is a failure.
    page.on('request', (req) => {
      if (!req.url().startsWith('file://')) failures.push(`network request: ${req.url()}`);
    });
    await page.goto('file://' + path.resolve(args.report), { waitUntil: 'load' });

    const count = async (sel) => page.locator(sel).count();
    const expect = async (sel, n, what) => {
      const c = await count(sel);
      if (c !== n) failures.push(`${what}: expected ${n} (${sel}), found ${c}`);
    };
    const s = args.scenarios;
    await expect('svg.fan-chart', (args.sectors + 1) * s, 'fan charts (sectors + all, per scenario)');
    for (const sector of ['po', 'vo', 'mbo', 'all'].slice(args.sectors === 3 ? 0 : 3)) {
      await expect(`svg.fan-chart[id^="fan-${sector}-"]`, s, `fan charts of ${sector}`);
    }
    await expect('svg.retention-chart', s, 'retention curves');
    await expect('svg.so-share-chart', 1, 'SO share chart');
    await expect('svg.forest-plot', s > 1 ? 3 : 0, 'forest plots');
    await expect('svg.medians-chart', s > 1 ? args.sectors + 1 : 0, 'charts of every scenario\'s median');

    // Drawn, not just present: each chart has a size and at least one line or mark.
    const charts = await page.locator('svg.chart').all();
    for (const chart of charts) {
      const id = await chart.getAttribute('id');
      const box = await chart.boundingBox();
      if (!box || box.width < 100 || box.height < 50) failures.push(`chart ${id} has no size on the page`);
      const marks = await chart.locator('polyline, circle, polygon').count();
      if (marks === 0) failures.push(`chart ${id} has nothing drawn in it`);
      const title = await chart.locator('title').count();
      if (title !== 1) failures.push(`chart ${id} has no accessible title`);
    }
    if (s > 1 && (await count('#effects')) !== 1) failures.push('no effects section in a comparison');
    if (s === 1 && (await count('#effects')) !== 0) failures.push('an effects section in a single run');
    const text = await page.locator('#summary').innerText();
    if (!/total shortage in po is/.test(text)) failures.push('the summary does not state the po shortage');

    // Printing must not lose charts: the print stylesheet keeps them.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.locator('svg.chart').evaluateAll((els) =>
      els.filter((e) => e.getBoundingClientRect().width > 50).length);
    if (printed !== charts.length) failures.push(`print layout shows ${printed} of ${charts.length} charts`);
    await page.emulateMedia({ media: 'screen' });
    if (args.screenshot) await page.screenshot({ path: args.screenshot, fullPage: true });
  } finally {
    await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  for (const f of failures) console.error('FAIL: ' + f);
  if (failures.length === 0) console.log(`report ok: ${args.report}`);
  return failures.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (err) => { console.error(err); process.exit(1); });
