/**
 * The board pack's one stylesheet (its hash goes in the CSP). Light only: the page is printed
 * and the charts are drawn on white. Fluid from 360 px phones to 1920 px screens; on paper
 * (A4 or Letter) each section starts a page and no chart or table row is split.
 */
export const BOARD_STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa;
  --strong: #1a7f37; --good: #2da44e; --weak: #9a6700; --poor: #cf222e; --accent: #0969da; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff;
  margin: 0 auto; padding: 1.5rem clamp(.75rem, 3vw, 2.5rem); max-width: 68rem; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; line-height: 1.2; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--fg); }
h3 { font-size: 1.12rem; margin: 1.6rem 0 .3rem; } h3 small { font-weight: 400; color: var(--muted); }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; } h4 small { font-weight: 400; color: var(--muted); }
p.meta, footer, .note, figcaption span, .by, .who { color: var(--muted); }
p.lead { font-size: 1.2rem; margin: .4rem 0; }
p.verdict { margin: .4rem 0 1rem; padding: .5rem .75rem; border-left: 4px solid var(--accent); background: var(--head); }
.table-wrap { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; margin: .6rem 0; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: left; }
th { background: var(--head); font-weight: 600; font-size: .9rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.vendor { overflow-wrap: anywhere; min-width: 6rem; }
td.status { min-width: 6rem; overflow-wrap: anywhere; }
tr.leader td { font-weight: 700; }
tr.disqualified td.vendor { text-decoration: line-through; color: var(--muted); }
.strong { color: var(--strong); font-weight: 700; } .good { color: var(--good); }
.weak { color: var(--weak); } .poor { color: var(--poor); }
.mark { font-weight: 600; }
.mark.good { color: var(--strong); } .mark.warn { color: var(--weak); } .mark.bad { color: var(--poor); }
figure.chart { margin: 1.2rem 0; } figure.chart .narrow { display: none; } figure.chart svg { display: block; max-width: 100%; height: auto; margin-top: .4rem; }
dl.sw { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dl.sw dt { font-weight: 600; } dl.sw dd { margin: 0; } dl.sw ul { margin: 0; padding-left: 1.1rem; }
ul.questions { list-style: none; padding: 0; margin: 0; }
li.question { padding: .3rem 0; border-bottom: 1px solid var(--line); }
li.question .score { font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
.by { font-size: .88rem; }
ul.notes { margin: .2rem 0 0; padding-left: 1.1rem; font-size: .9rem; } .evidence { overflow-wrap: anywhere; }
.area-score { font-variant-numeric: tabular-nums; }
code { font-size: .9em; overflow-wrap: anywhere; }
footer { margin-top: 2.5rem; font-size: .88rem; }
@media (max-width: 40rem) {
  figure.chart .wide { display: none; } figure.chart .narrow { display: block; }
  table.stack thead { display: none; } table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border-bottom: 1px solid var(--line); padding: .3rem 0; } table.stack td { border: 0; padding: .1rem .3rem; text-align: left; white-space: normal; overflow-wrap: anywhere; }
  table.stack td.vendor { font-weight: 700; } table.stack td:first-child, table.stack td.vendor { display: inline-block; width: auto; } table.stack td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-weight: 400; }
}
@media (max-width: 30rem) { body { font-size: 14px; } dl.sw { grid-template-columns: 1fr; } dl.sw dd { margin-bottom: .3rem; } th, td { padding: .3rem .3rem; } }
@page { margin: 14mm 12mm; }
@media print {
  figure.chart .wide { display: block; } figure.chart .narrow { display: none; }
  /* No ligatures: text copied out of the PDF reads "qualified", not "quali fi ed". */
  body { font-size: 10pt; max-width: none; padding: 0; font-variant-ligatures: none; }
  h2 { margin-top: 0; }
  main > section + section { break-before: page; }
  article.vendor + article.vendor { break-before: page; }
  figure.chart, tr, li.question, dl.sw, p.verdict { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  .table-wrap { overflow: visible; }
  figure.chart svg { max-height: 115mm; width: auto; }
}
`.trim();
