// SPDX-License-Identifier: MIT
//
// Drives the script of a renacer flame graph SVG in jsdom as a viewer would: hover a frame,
// click to zoom, Reset Zoom, Search; with no network at all. Each check compares what the
// page shows with what the frame's own attributes say, so any SVG can be checked.
//
//   node check.js FILE.svg [--hover NAME] [--zoom NAME] [--search REGEX]
//
// Prints one line per check ("hover: ...", "zoom: ...", "reset: ...", "search: ...",
// "network: none") then "ok"; on the first broken rule prints "FAIL: why" and exits 1.
'use strict';

const fs = require('fs');
const { JSDOM, ResourceLoader, VirtualConsole } = require('jsdom');

const W = 1200, PAD = 10, FULL = W - 2 * PAD;

function fail(why) {
  console.log('FAIL: ' + why);
  process.exit(1);
}

function expect(ok, why) {
  if (!ok)
    fail(why);
}

const args = process.argv.slice(2);
const file = args.shift();
const opt = { hover: null, zoom: null, search: 'read|write' };
while (args.length) {
  const k = args.shift();
  if (!['--hover', '--zoom', '--search'].includes(k) || !args.length)
    fail('usage: check.js FILE.svg [--hover NAME] [--zoom NAME] [--search REGEX]');
  opt[k.slice(2)] = args.shift();
}
if (!file)
  fail('usage: check.js FILE.svg [--hover NAME] [--zoom NAME] [--search REGEX]');

// Every request the page would make, of any kind: none is the rule.
const requests = [];
class NoNetwork extends ResourceLoader {
  fetch(url) {
    requests.push(url);
    return null;
  }
}
const errors = [];
const vc = new VirtualConsole();
vc.on('jsdomError', (e) => errors.push(e.message + (e.detail ? ': ' + e.detail : '')));
vc.on('error', (e) => errors.push(String(e)));

let prompted = null;
let alerted = [];
const dom = new JSDOM(fs.readFileSync(file, 'utf8'), {
  contentType: 'image/svg+xml',
  runScripts: 'dangerously',
  resources: new NoNetwork(),
  virtualConsole: vc,
  beforeParse(window) {
    // jsdom runs only HTML <script> elements (it has no SVGScriptElement): the SVG's are
    // run here as a browser would have run them, before the SVG's load event.
    window.document.addEventListener('DOMContentLoaded', () => {
      for (const s of window.document.getElementsByTagNameNS('http://www.w3.org/2000/svg', 'script'))
        window.eval(s.textContent);
    });
    window.prompt = () => prompted;
    window.alert = (m) => alerted.push(String(m));
    const record = (what) => function (u) {
      requests.push(what + ' ' + u);
      throw new Error('no network');
    };
    window.fetch = record('fetch');
    window.XMLHttpRequest.prototype.open = function (m, u) { requests.push('xhr ' + u); };
    window.WebSocket = record('websocket');
    window.navigator.sendBeacon = record('beacon');
  },
});
const { window } = dom;
const doc = window.document;

function settle() {
  return new Promise((res) => window.setTimeout(res, 0));
}

function ev(el, type) {
  el.dispatchEvent(new window.MouseEvent(type, { bubbles: true, cancelable: true, view: window }));
}

function near(a, b) {
  return Math.abs(a - b) < 0.01;
}

async function main() {
  await new Promise((res) => {
    if (doc.readyState === 'complete')
      res();
    else
      window.addEventListener('load', () => res());
  });
  await settle();
  expect(!errors.length, 'the script failed as the SVG loaded: ' + errors.join('; '));

  const frames = Array.from(doc.getElementsByClassName('f'));
  expect(frames.length > 1, 'no frames besides the root');
  const details = doc.getElementById('details');
  const matched = doc.getElementById('matched');
  const unzoom = doc.getElementById('unzoom');
  const search = doc.getElementById('search');
  expect(details && matched && unzoom && search, 'details, matched, unzoom or search is missing');

  const name = (g) => g.getAttribute('data-n');
  const fx = (g) => parseFloat(g.getAttribute('data-x'));
  const fw = (g) => parseFloat(g.getAttribute('data-w'));
  const fd = (g) => parseInt(g.getAttribute('data-d'), 10);
  const rect = (g) => g.getElementsByTagName('rect')[0];
  const width = (g) => parseFloat(rect(g).getAttribute('width'));
  const shown = (g) => g.style.display !== 'none';
  const byName = (n) => frames.find((g) => name(g) === n);
  const deepest = frames.reduce((a, g) => (fd(g) > fd(a) ? g : a), frames[0]);
  const isAncestor = (a, g) => fd(a) < fd(g) && fx(a) <= fx(g) + 1e-12 &&
    fx(a) + fw(a) >= fx(g) + fw(g) - 1e-12;
  const widths0 = frames.map(width);

  // The script ran: its labels fit the frames it laid out (init relabels every frame).
  expect(!unzoom.style.opacity || unzoom.style.opacity === '0', 'Reset Zoom shows before any zoom');

  // hover: the details line names the frame, its value and its share of the total
  const h = opt.hover ? byName(opt.hover) : deepest;
  expect(h, 'no frame named ' + opt.hover + ' to hover');
  ev(h.getElementsByTagName('rect')[0], 'mouseover');
  const said = details.textContent;
  const m = /^(.*) \((\d+) (\S+), (\d+\.\d\d)%\)$/.exec(said);
  expect(m, 'hovering ' + name(h) + ' shows "' + said + '", not "NAME (VALUE UNIT, PCT%)"');
  expect(m[1] === name(h), 'hovering ' + name(h) + ' names ' + m[1]);
  expect(Math.abs(parseFloat(m[4]) - 100 * fw(h)) < 0.006,
    'hovering ' + name(h) + ' shows ' + m[4] + '% for a share of ' + 100 * fw(h));
  console.log('hover: ' + said);
  ev(h.getElementsByTagName('rect')[0], 'mouseout');
  expect(details.textContent.trim() === '', 'the details stay after the mouse left: ' + details.textContent);

  // zoom: the clicked frame fills the width, its ancestors stay full width, what is inside
  // it widens by the same factor, the rest is hidden
  const z = opt.zoom ? byName(opt.zoom) : frames.filter((g) => fd(g) === fd(deepest))
    .reduce((a, g) => (fw(g) > fw(a) ? g : a));
  expect(z, 'no frame named ' + opt.zoom + ' to zoom into');
  ev(z.getElementsByTagName('text')[0], 'click');
  expect(near(width(z), FULL), 'zoomed into ' + name(z) + ': width ' + width(z) + ', not ' + FULL);
  expect(unzoom.style.opacity === '1', 'Reset Zoom is not offered after a zoom');
  let kept = 0, inside = 0, hidden = 0;
  frames.forEach((g, i) => {
    if (g === z)
      return;
    if (isAncestor(g, z)) {
      expect(shown(g) && near(width(g), FULL), 'ancestor ' + name(g) + ' of ' + name(z) +
        ' not kept at full width: ' + width(g) + (shown(g) ? '' : ' (hidden)'));
      kept++;
    } else if (isAncestor(z, g)) {
      const want = widths0[i] / fw(z);
      expect(shown(g) && Math.abs(width(g) - want) < 0.05, name(g) + ' inside ' + name(z) +
        ' is ' + width(g) + ' wide zoomed, want ' + want);
      const x = parseFloat(rect(g).getAttribute('x'));
      expect(x >= PAD - 0.01 && x + width(g) <= W - PAD + 0.05, name(g) + ' is outside the view: x ' + x);
      inside++;
    } else {
      expect(!shown(g), name(g) + ' (outside ' + name(z) + ') still shows after the zoom');
      hidden++;
    }
  });
  expect(kept === fd(z), name(z) + ' at depth ' + fd(z) + ' has ' + kept + ' ancestors kept');
  console.log('zoom: ' + name(z) + ' ' + width(z).toFixed(0) + ' wide, ' + kept +
    ' ancestors kept, ' + inside + ' inside widened, ' + hidden + ' hidden');

  // reset: every frame back where it was
  ev(unzoom, 'click');
  frames.forEach((g, i) => {
    expect(shown(g) && near(width(g), widths0[i]), 'after Reset Zoom ' + name(g) + ' is ' +
      width(g) + ' wide, was ' + widths0[i]);
    expect(g.style.opacity === '' || g.style.opacity === '1', 'after Reset Zoom ' + name(g) +
      ' is still faded');
  });
  expect(unzoom.style.opacity === '0', 'Reset Zoom still offered after the reset');
  console.log('reset: ' + frames.length + ' frames back');

  // search: the matching frames highlighted, the others keep their colour, the matched
  // share of the total shown (overlapping frames counted once)
  const fills0 = frames.map((g) => rect(g).getAttribute('fill'));
  const re = new RegExp(opt.search);
  prompted = opt.search;
  ev(search, 'click');
  let spans = [];
  frames.forEach((g, i) => {
    const hit = re.test(name(g));
    const fill = rect(g).getAttribute('fill');
    if (hit) {
      expect(fill !== fills0[i], name(g) + ' matches /' + opt.search + '/ but is not highlighted');
      spans.push([fx(g), fx(g) + fw(g)]);
    } else {
      expect(fill === fills0[i], name(g) + ' does not match /' + opt.search + '/ but changed colour');
    }
  });
  expect(spans.length, 'nothing matched /' + opt.search + '/ in this graph');
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0, end = -1;
  for (const [s, e] of spans) {
    if (e <= end)
      continue;
    total += e - Math.max(s, end);
    end = e;
  }
  const want = 'Matched: ' + (100 * total).toFixed(1) + '%';
  expect(matched.textContent === want, 'search /' + opt.search + '/ shows "' +
    matched.textContent + '", want "' + want + '"');
  console.log('search: /' + opt.search + '/ ' + spans.length + ' frames highlighted, ' +
    matched.textContent);
  // an empty search clears the highlight; a broken expression is reported, nothing changes
  prompted = '';
  ev(search, 'click');
  frames.forEach((g, i) => expect(rect(g).getAttribute('fill') === fills0[i],
    'an empty search left ' + name(g) + ' highlighted'));
  expect(matched.textContent.trim() === '', 'an empty search left "' + matched.textContent + '"');
  prompted = '(';
  ev(search, 'click');
  expect(alerted.length === 1 && /regular expression/.test(alerted[0]),
    'a broken expression was not reported: ' + JSON.stringify(alerted));
  console.log('search: cleared by an empty search; "(" reported: ' + alerted[0]);

  await settle();
  expect(!errors.length, 'the script failed: ' + errors.join('; '));
  expect(!requests.length, 'the page made network requests: ' + requests.join(', '));
  const src = fs.readFileSync(file, 'utf8').replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, '');
  const ext = /(?:href|src)\s*=|url\(|@import|https?:\/\//.exec(src);
  expect(!ext, 'the SVG refers to something outside it: ' + (ext && ext[0]));
  console.log('network: none');
  console.log('ok');
  window.close();
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
