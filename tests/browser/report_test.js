// Opens a tlm report in headless Chromium and checks what a reader would see: the page loads without
// console errors or network requests, and every chart is there and has been drawn (non-zero size); on a
// wide screen (1400 px), a phone (420 px) and printed on A4 nothing sticks out sideways (the page never
// scrolls horizontally: wide tables scroll in their own box on screen and fit the paper), and the labels of
// the forest plots and the charts' legends read at 10 px or more.
// Usage: node report_test.js REPORT.html [--kind results|sweep|sensitivity|calibration] --scenarios N
//          [--sectors 3] [--shots DIR]
// --kind results (the default) also checks the charts of a results report; --shots writes screenshots at
// each width (NAME-1400.png, NAME-420.png) and the printed PDF (NAME.pdf) into DIR.
// Exit codes: 0 pass, 1 fail, 77 skipped (no Chromium).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function parseArgs(argv) {
  const a = { report: null, kind: 'results', scenarios: 1, sectors: 3, shots: null };
  for (let i = 2; i < argv.length; ++i) {
    if (argv[i] === '--scenarios') a.scenarios = Number(argv[++i]);
    else if (argv[i] === '--sectors') a.sectors = Number(argv[++i]);
    else if (argv[i] === '--kind') a.kind = argv[++i];
    else if (argv[i] === '--shots') a.shots = argv[++i];
    else a.report = argv[i];
  }
  if (!a.report) throw new Error('usage: node report_test.js REPORT.html --scenarios N');
  return a;
}

// The charts of a results report (tlm run / compare): each one there, drawn, titled, and kept in print.
async function resultsCharts(page, args, failures) {
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
  await expect('svg.forest-plot:not([id^="forest-subjects-"])', s > 1 ? 3 : 0, 'forest plots of the headlines');
  // With vo subjects, one forest plot per alternative of its effect on each subject's shortage.
  const subjects = (await count('#subjects')) > 0;
  await expect('svg.forest-plot[id^="forest-subjects-"]', subjects ? s - 1 : 0, 'forest plots of the subjects');
  await expect('svg.medians-chart', s > 1 ? args.sectors + 1 : 0, 'charts of every scenario\'s median');

  const charts = await page.locator('svg.chart').all();
  if (s > 1 && (await count('#effects')) !== 1) failures.push('no effects section in a comparison');
  if (s === 1 && (await count('#effects')) !== 0) failures.push('an effects section in a single run');
  const text = await page.locator('#summary').innerText();
  // In English or, with --lang nl, in Dutch.
  if (!/total shortage in po is|totale tekort in po/.test(text)) failures.push('the summary does not state the po shortage');

  // Printing must not lose charts: the print stylesheet keeps them.
  await page.emulateMedia({ media: 'print' });
  const printed = await page.locator('svg.chart').evaluateAll((els) =>
    els.filter((e) => e.getBoundingClientRect().width > 50).length);
  if (printed !== charts.length) failures.push(`print layout shows ${printed} of ${charts.length} charts`);
  await page.emulateMedia({ media: 'screen' });
}

// Drawn, not just present: each chart of any report has a size and at least one line or mark.
async function chartsDrawn(page, failures) {
  const charts = await page.locator('svg.chart').all();
  if (charts.length === 0) failures.push('no chart');
  for (const chart of charts) {
    const id = await chart.getAttribute('id');
    const box = await chart.boundingBox();
    if (!box || box.width < 100 || box.height < 50) failures.push(`chart ${id} has no size on the page`);
    const marks = await chart.locator('polyline, circle, polygon, rect, path').count();
    if (marks === 0) failures.push(`chart ${id} has nothing drawn in it`);
    const title = await chart.locator(':scope > title').count();
    if (title !== 1) failures.push(`chart ${id} has no accessible title`);
  }
}

// How far the page sticks out sideways: the document's scroll width past its visible width (0: none), and
// the elements that reach past the right edge (the first few, to say what overflows).
async function overflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const width = doc.clientWidth;
    const culprits = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('.table-scroll') && !el.classList.contains('table-scroll')) continue;  // scrolls inside
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 0.5 && culprits.length < 5)
        culprits.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} (right edge ${Math.round(r.right)})`);
    }
    return { excess: doc.scrollWidth - width, width, culprits };
  });
}

// Screenshots to look at: the whole page (FILE.png), its first screen (FILE-top.png), the first group of
// charts (FILE-charts.png), the first chart of labelled rows (FILE-rows.png) and the widest shown table's
// box (FILE-table.png).
async function shoot(page, file) {
  await page.screenshot({ path: `${file}.png`, fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${file}-top.png` });
  const chart = page.locator('.charts').first();
  if ((await chart.count()) > 0) await chart.screenshot({ path: `${file}-charts.png` });
  const rows = page.locator('svg[data-labels="above"]').first();
  if ((await rows.count()) > 0) await rows.screenshot({ path: `${file}-rows.png` });
  const widest = await page.locator('.table-scroll').evaluateAll((els) => {
    let best = -1;
    els.forEach((e, i) => {  // shown ones only (not in a closed <details>)
      if (!e.closest('details:not([open])') && (best < 0 || e.scrollWidth > els[best].scrollWidth)) best = i;
    });
    return best;
  });
  if (widest >= 0) await page.locator('.table-scroll').nth(widest).screenshot({ path: `${file}-table.png` });
}

// Every width of a screen and the printed page: no sideways overflow, every table in its scrolling box,
// forest plot labels and chart legends of 10 px or more on the phone; screenshots and the PDF into --shots.
async function layout(page, args, failures) {
  // Named after the file, or its folder for a report.html (tlm compare's and tlm sensitivity's).
  const base = path.basename(args.report, '.html');
  const name = base === 'report' ? path.basename(path.dirname(path.resolve(args.report))) : base;
  const check = async (what) => {
    const o = await overflow(page);
    if (o.excess > 0)
      failures.push(`${what}: the page is ${o.excess} px wider than its ${o.width} px: ${o.culprits.join(', ')}`);
  };
  const tables = await page.locator('table').count();
  const boxed = await page.locator('.table-scroll > table').count();
  if (boxed !== tables) failures.push(`${tables - boxed} of ${tables} tables are not in a scrolling box`);
  for (const width of [1400, 420]) {
    await page.setViewportSize({ width, height: 900 });
    await check(`${width} px screen`);
    if (width === 420) {
      // Forest plot labels and the legends of every chart as a reader sees them: the font size in the SVG's
      // units times its scale.
      const shown = (selector) => page.locator(selector).evaluateAll((els) =>
        els.map((t) => {
          const svg = t.ownerSVGElement;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return parseFloat(getComputedStyle(t).fontSize) * scale;
        }).filter((px) => px > 0));  // not in a closed <details>
      for (const [what, selector] of [['forest plot labels', 'svg.forest-plot .row-label, svg.forest-plot .tick'],
                                      ['chart legends', 'svg .legend']]) {
        const sizes = await shown(selector);
        const smallest = Math.min(...sizes);
        if (sizes.length > 0 && smallest < 10) failures.push(`${what} are ${smallest.toFixed(1)} px at 420 px`);
      }
    }
    if (args.shots) await shoot(page, path.join(args.shots, `${name}-${width}`));
  }
  // A4 with the report's @page margins (12 mm each side): 186 mm, 703 CSS px of content.
  await page.setViewportSize({ width: 703, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  await check('printed on A4');
  const wide = await page.locator('table').evaluateAll((els) =>
    els.filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).length);
  if (wide > 0) failures.push(`printed on A4: ${wide} tables are wider than the paper`);
  // The PDF as printed (page.pdf takes the media emulated last: print here).
  if (args.shots) await page.pdf({ path: path.join(args.shots, `${name}.pdf`), format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
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

    if (args.kind === 'results') await resultsCharts(page, args, failures);
    await chartsDrawn(page, failures);
    await layout(page, args, failures);
  } finally {
    await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  for (const f of failures) console.error('FAIL: ' + f);
  if (failures.length === 0) console.log(`report ok: ${args.report}`);
  return failures.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (err) => { console.error(err); process.exit(1); });
