// `make bench`'s verdict: each target of issue 26 against this run's own figures (the files
// scripts/bench/run.sh wrote to target/bench/), as "met" or "missed by how much". Printed, and
// written into BENCHMARKS.md by run.sh. Nothing here is typed in by hand: a figure that is
// missing from the run says so.
import { readFileSync, existsSync } from 'node:fs';

const dir = process.argv[2] || 'target/bench';
const read = (name) => (existsSync(`${dir}/${name}`) ? readFileSync(`${dir}/${name}`, 'utf8') : '');

// A load table row: | run | rate | throughput | p50 | p99 | max | shed | errors | lost | doubled |
function rows(name) {
  return read(name)
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()))
    .map(([run, rate, throughput, p50, p99, max, shed, errors, lost, doubled]) => ({
      run, rate: Number(rate), throughput: Number(throughput), p50: Number(p50), p99: Number(p99),
      max: Number(max), shed: Number(shed), errors: Number((errors || '').split(' ')[0]),
      lost: lost === '–' ? null : Number(lost), doubled: doubled === '–' ? null : Number(doubled),
    }));
}
const fixed = (name, rate) => rows(name).find((r) => r.run === 'fixed' && r.rate === rate);
const sustained = (name) => rows(name).find((r) => r.run === 'highest sustained');

const lines = [];
function target(text, value, goal, { atLeast = false, unit = '' } = {}) {
  if (value === undefined || value === null || Number.isNaN(value)) {
    lines.push(`- ${text}: **not measured** in this run`);
    return;
  }
  const met = atLeast ? value >= goal : value <= goal;
  const by = atLeast ? goal - value : value - goal;
  const fmt = (n) => (Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(1));
  lines.push(`- ${text}: ${fmt(value)}${unit} — ${met ? '**met**' : `**missed** by ${fmt(by)}${unit}`}`);
}

// Load
const ours = sustained('clock-sqlite.md')?.throughput;
const theirs = sustained('timetagger.md')?.throughput;
target('Start/Stop sync against TimeTagger\'s record PUT (highest sustained, SQLite)',
  ours && theirs ? Number((ours / theirs).toFixed(1)) : undefined, 10, { atLeast: true, unit: ' ×' });
target('Phone sync (Start + Stop) on SQLite, highest sustained', sustained('clock-sqlite.md')?.throughput, 2000, { atLeast: true, unit: '/s' });
target('Confirm on SQLite, highest sustained', sustained('confirm-sqlite.md')?.throughput, 2000, { atLeast: true, unit: '/s' });
target('Sync p99 at a fixed 1,000/s on SQLite', fixed('clock-sqlite.md', 1000)?.p99, 20, { unit: ' ms' });
target('Confirm p99 at a fixed 1,000/s on SQLite', fixed('confirm-sqlite.md', 1000)?.p99, 20, { unit: ' ms' });
for (const config of ['sqlite', 'postgres', 'postgres-2']) {
  const r = fixed(`clock-${config}.md`, 5000);
  target(`5,000/s offered (${config}): p99 of the answers`, r?.p99, 100, { unit: ' ms' });
  target(`5,000/s offered (${config}): lost`, r?.lost, 0);
  target(`5,000/s offered (${config}): doubled`, r?.doubled, 0);
}
for (const config of ['postgres', 'postgres-2']) {
  lines.push(`- Reported, ${config}: sync ${sustained(`clock-${config}.md`)?.throughput ?? '?'}/s, confirm ${sustained(`confirm-${config}.md`)?.throughput ?? '?'}/s highest sustained`);
}

// Bytes
for (const role of ['worker', 'gebruiker', 'coordinator']) {
  const m = read('bytes.txt').match(new RegExp(`^${role} home, first\\s+(\\d+) B`, 'm'));
  target(`First visit of the ${role}'s home, transferred`, m ? Math.round(Number(m[1]) / 1000) : undefined, 150, { unit: ' kB' });
}

// Lighthouse
const lighthouse = read('lighthouse.json') ? JSON.parse(read('lighthouse.json')).pages : {};
for (const [page, m] of Object.entries(lighthouse)) {
  target(`Lighthouse performance, ${page}`, m.median.performance, 98, { atLeast: true });
  target(`Lighthouse LCP, ${page}`, m.median.lcp, 1200, { unit: ' ms' });
  target(`Lighthouse accessibility, ${page}`, m.median.accessibility, 100, { atLeast: true });
}

// Memory (KiB in the files)
for (const config of ['sqlite', 'postgres', 'postgres-2']) {
  const idle = Number(read(`rss-${config}-idle`)) || undefined;
  const peak = Number(read(`rss-${config}-peak`)) || undefined;
  if (idle) target(`RSS idle (${config})`, Math.round(idle / 1024), 64, { unit: ' MiB' });
  target(`RSS peak under the clock load (${config})`, peak && Math.round(peak / 1024), 128, { unit: ' MiB' });
}

// Reports
const report = read('report.txt');
let backend = '';
for (const line of report.split('\n')) {
  const b = line.match(/^(SQLite|PostgreSQL):/);
  if (b) backend = b[1];
  const m = line.match(/^\s+(.+?)\s+median\s+(\d+) ms/);
  if (m) target(`${backend}: ${m[1]}`, Number(m[2]), 250, { unit: ' ms' });
}
if (!report) lines.push('- Reports: **not measured** in this run');

console.log(lines.join('\n'));
