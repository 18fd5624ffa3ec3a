import type { AreaFlips, PriceSegment, EvaluatorCheck, LeaderChange, Probe, ScoreStep, Sensitivity, Standing, Swap, VendorMove } from '../core/sensitivity.js';
import type { Comparison } from '../core/types.js';
import { fixed1, numberApart, ordinal, percentApart, thousands } from './numbers.js';

/*
 * The sensitivity findings as sentences a manager reads once: every weight as the new share of
 * the total (and the rubric weight), every claim true as printed ("under 15.6%" rounds down,
 * "over 41.7%" up), and the first line agreeing with everything below it.
 */

/** depth 0: a paragraph line; 1: a bullet; 2: a line under a bullet. '' is a blank line. */
export interface Line {
  depth: 0 | 1 | 2;
  text: string;
}

export interface Words {
  c: Comparison;
  s: Sensitivity;
  /** Sanitises vendor-supplied text for the output format. */
  clean: (x: string) => string;
  strong: (x: string) => string;
}

export const WARN = '⚠';

const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const plural = (n: number, one: string, many = `${one}s`) => `${thousands(n)} ${n === 1 ? one : many}`;

const namers = new WeakMap<Words, { name: (id: string) => string; names: (ids: readonly string[]) => string }>();

function namer(w: Words) {
  let found = namers.get(w);
  if (!found) {
    const byId = new Map(w.c.vendors.map((v) => [v.id, v.name]));
    const name = (id: string) => w.clean(byId.get(id) ?? id);
    found = { name, names: (ids: readonly string[]) => list(ids.map(name)) };
    namers.set(w, found);
  }
  return found;
}

/** "Quanta Forge would lead", "Alpha would lead alone", "Alpha and Bravo would tie for first". */
function leadPhrase(w: Words, from: readonly string[], to: readonly string[]): string {
  const { names } = namer(w);
  if (to.length === 0) return 'no vendor would lead';
  if (to.length > 1) return `${names(to)} would tie for first`;
  return `${names(to)} would lead${from.includes(to[0]!) ? ' alone' : ''}`;
}

/** "Northwind Applied AI leads" or "Alpha and Bravo tie for first". */
function leaderNow(w: Words): string {
  const { names } = namer(w);
  const l = w.s.leader;
  return l.length > 1 ? `${names(l)} tie for first` : `${names(l)} leads`;
}

const spreadPct = (w: Words) => `±${numberApart(w.s.plausible.weightSpread * 100)}%`;
const points = (p: number) => `${p === 1 ? '1 point' : `${numberApart(p)} points`}`;

/**
 * Where a weight change happens, as the new share (and rubric weight), true as printed: "under"
 * rounds down and "over" up. Long: "if it fell from 20% to under 15.6% of the total (rubric
 * weight under 14.8 instead of 20)"; short: "under 15.6% (weight 14.8)".
 */
function weightWhere(f: AreaFlips, x: { raw: number; share: number; direction: 'down' | 'up' }, long = true): string {
  if (x.raw === 0) return 'without this area';
  if (x.raw === f.rawWeight) return x.direction === 'down' ? 'if it weighed any less' : 'if it weighed any more';
  const mode = x.direction === 'down' ? 'down' : 'up';
  const word = x.direction === 'down' ? 'under' : 'over';
  const share = percentApart(x.share, f.weight, mode);
  const raw = numberApart(x.raw, f.rawWeight, Infinity, mode);
  if (!long) return `${word} ${share} (weight ${raw})`;
  return `if it ${x.direction === 'down' ? 'fell' : 'rose'} from ${percentApart(f.weight)} to ${word} ${share} of the total (rubric weight ${word} ${raw} instead of ${numberApart(f.rawWeight)})`;
}

const inRange = (w: Words, plausible: boolean) => (plausible ? ` ${WARN} within ${spreadPct(w)}` : '');
const outside = (w: Words, plausible: boolean) => (plausible ? inRange(w, true) : `, outside the ${spreadPct(w)} counted as plausible`);

function leaderSentence(w: Words, f: AreaFlips): string {
  const { names } = namer(w);
  if (f.leaderChanges.length === 0) return `${w.s.leader.length > 1 ? `${names(w.s.leader)} stay tied for first` : `${names(w.s.leader)} stays first`} at any weight, also without this area.`;
  return f.leaderChanges.map((x: LeaderChange) => `${cap(weightWhere(f, x))}, ${leadPhrase(w, x.from, x.to)}${x.raw === 0 && !x.plausible ? '' : outside(w, x.plausible)}.`).join(' ');
}

const SWAPS_SHOWN = 2;

function swapSentence(w: Words, f: AreaFlips): string {
  const { name } = namer(w);
  if (f.swaps.length === 0) return 'No two vendors change places at any weight.';
  const shown = [...f.swaps.filter((s) => s.direction === 'down').slice(0, SWAPS_SHOWN), ...f.swaps.filter((s) => s.direction === 'up').slice(0, SWAPS_SHOWN)];
  const more = f.swaps.length - shown.length;
  const one = (s: Swap) => `${name(s.passes)} would pass ${name(s.passed)} ${weightWhere(f, s, false)}${inRange(w, s.plausible)}`;
  return `Order: ${shown.map(one).join('; ')}${more > 0 ? `; and ${plural(more, 'more change')} of places further out` : ''}.`;
}

/** With fewer than two qualified vendors, a probe has nothing to move: one sentence says why. */
function nothingToMove(w: Words, head: string): Line[] | null {
  const q = w.c.vendors.filter((v) => v.status === 'qualified');
  if (q.length >= 2) return null;
  const why = q.length === 0 ? 'no vendor qualifies' : `${namer(w).name(q[0]!.id)} is the only qualified vendor`;
  return [{ depth: 0, text: `${w.strong(head)}: ${why}, so nothing can change places.` }];
}

export function weightLines(w: Words): Line[] {
  const none = nothingToMove(w, 'One area weight at a time');
  if (none) return none;
  const out: Line[] = [{ depth: 0, text: `${w.strong('One area weight at a time')}, the others unchanged, over every weight from 0 (without the area) up:` }];
  for (const f of w.s.weights) {
    out.push({ depth: 1, text: `${w.clean(f.name)}: ${percentApart(f.weight)} of the total now (rubric weight ${numberApart(f.rawWeight)}). ${leaderSentence(w, f)}` });
    out.push({ depth: 2, text: swapSentence(w, f) });
  }
  return out;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function rankRange(lo: number, hi: number): string {
  return lo === hi ? ordinal(lo) : `${ordinal(lo)}–${ordinal(hi)}`;
}

const DRAWS_SHOWN = 10;

export function drawLines(w: Words): Line[] {
  const none = nothingToMove(w, 'All weights at random');
  if (none) return none;
  const { name, names } = namer(w);
  const d = w.s.draws;
  const drawn = d.samples === d.requested ? plural(d.samples, 'draw') : `${plural(d.samples, 'draw')}: ${thousands(d.requested)} asked for, more drawn because they could not settle it`;
  const out: Line[] = [{ depth: 0, text: `${w.strong(`All weights at random`)}, each within ${spreadPct(w)} of its value (${drawn}; seed ${d.seed}; ranges in brackets at ${numberApart(d.confidence * 100)}% confidence):` }];
  const sorted = [...d.vendors].sort((a, b) => b.first.share - a.first.share || a.rankLow - b.rankLow);
  for (const v of sorted.slice(0, DRAWS_SHOWN)) {
    const seen = v.bestRank === v.rankLow && v.worstRank === v.rankHigh ? '' : ` (anywhere from ${ordinal(v.bestRank)} to ${ordinal(v.worstRank)})`;
    const rank = v.rankLow === v.rankHigh && v.bestRank === v.worstRank ? `${ordinal(v.rankLow)} in every draw` : `${rankRange(v.rankLow, v.rankHigh)} in at least 90% of draws${seen}`;
    const first = v.first.count === 0 ? 'never first' : v.first.count === d.samples ? 'first in every draw' : `first in ${percentApart(v.first.share)} of draws`;
    out.push({ depth: 1, text: `${name(v.id)}: ${first} (${percentApart(v.first.low)}–${percentApart(v.first.high)}); ${rank}` });
  }
  if (sorted.length > DRAWS_SHOWN) {
    const most = sorted.slice(DRAWS_SHOWN).reduce((m, v) => Math.max(m, v.first.share), 0);
    out.push({ depth: 1, text: `and ${plural(sorted.length - DRAWS_SHOWN, 'more vendor')}, ${most === 0 ? 'never first' : `first in ${percentApart(most)} of draws at most`}` });
  }
  if (w.s.leader.length > 0) {
    const p = d.leaderStays;
    const who = w.s.leader.length > 1 ? `The tie of ${names(w.s.leader)} holds` : `${names(w.s.leader)} stays first`;
    const need = `${numberApart(d.threshold * 100)}% needed`;
    const verdict = d.decision === 'holds' ? `at or above the ${need}` : d.decision === 'fails' ? `below the ${need} ${WARN}` : `a range that straddles the ${need}, so these draws cannot tell ${WARN}`;
    out.push({ depth: 0, text: `${who} in ${percentApart(p.share)} of draws (${percentApart(p.low)}–${percentApart(p.high)}): ${verdict}.` });
  }
  return out;
}

/** One vendor's change after an evaluator check; `after` is there (vendors that drop out are named together). */
function moveText(w: Words, e: EvaluatorCheck, m: VendorMove & { after: Standing }): string {
  const { name } = namer(w);
  const { before, after } = m;
  if (m.unscored) return `${name(m.id)} has no score left (only ${w.clean(e.evaluator)} scored it): it totals ${fixed1(after.total)}${after.rank === null ? ' and is knocked out' : ` in ${ordinal(after.rank)} place`}`;
  if (before.status === 'qualified' && after.status === 'disqualified') return `${name(m.id)} is knocked out`;
  if (before.status === 'disqualified' && after.status === 'qualified') return `${name(m.id)} qualifies in ${ordinal(after.rank!)} place`;
  return `${name(m.id)} ${after.rank! < before.rank! ? 'rises' : 'drops'} from ${ordinal(before.rank!)} to ${ordinal(after.rank!)}`;
}

const MOVES_SHOWN = 4;

function checkText(w: Words, e: EvaluatorCheck): string {
  const { c, s } = w;
  const b = s.plausible.bias;
  const verb = e.change === 'without' ? 'left out' : `${points(b)} ${e.change}`;
  const end = e.change === 'harsher' ? c.rubric.scale.min : c.rubric.scale.max;
  const held = e.change !== 'without' && e.clamped > 0 ? ` (${e.clamped} of their ${plural(e.scores, 'score')} held at ${end})` : '';
  // A new leader's rise is already said; vendors left without any evaluation are named together.
  const said = (m: VendorMove) => e.leaderChanged && e.leader.includes(m.id) && m.after !== null && m.after.status === m.before.status && !m.unscored;
  const gone = e.moved.filter((m) => m.after === null);
  // Status changes first (they decide more than a place), then in the order of the ranking after.
  const rest = e.moved.filter((m): m is VendorMove & { after: Standing } => m.after !== null && !said(m));
  rest.sort((a, b) => Number(a.after.status === a.before.status && !a.unscored) - Number(b.after.status === b.before.status && !b.unscored));
  const moves = rest.slice(0, MOVES_SHOWN).map((m) => moveText(w, e, m));
  if (rest.length > MOVES_SHOWN) moves.push(`${plural(rest.length - MOVES_SHOWN, 'more vendor')} ${rest.length - MOVES_SHOWN === 1 ? 'moves' : 'move'}`);
  if (gone.length > 0) {
    const { names } = namer(w);
    const one = gone.length === 1;
    moves.push(`${names(gone.map((m) => m.id))} ${one ? 'has' : 'have'} no evaluation left (only ${w.clean(e.evaluator)} evaluated ${one ? 'it' : 'them'}) and ${one ? 'drops' : 'drop'} out of the ranking`);
  }
  if (e.leaderChanged) return `${verb}: ${leadPhrase(w, s.leader, e.leader)} ${WARN}${moves.length ? `; ${list(moves)}` : ''}${held}`;
  if (moves.length === 0) return `${verb}: the same ranking${held}`;
  const still = s.leader.length === 0 ? 'still no vendor qualifies' : `${namer(w).names(s.leader)} still ${s.leader.length > 1 ? 'tie for first' : 'leads'}`;
  return `${verb}: ${still}; ${list(moves)}${held}`;
}

export function evaluatorLines(w: Words): Line[] {
  const { c, s } = w;
  const b = s.plausible.bias;
  const { min, max, step } = c.rubric.scale;
  const snapped = b !== s.bias ? ` (--bias ${s.bias} is not a whole number of the scale's steps of ${step}: scores move by ${points(b)}, the bias rounded to the nearest step)` : '';
  const how = b > 0 ? `left out, or every one of their scores ${points(b)} harsher or kinder, held at ${min} and ${max}, the ends of the scale${snapped}` : `left out${s.bias > 0 ? `; --bias ${s.bias} rounds to 0 on a scale in steps of ${step}, so no bias is tried` : ''}`;
  const out: Line[] = [{ depth: 0, text: `${w.strong('One evaluator at a time')}: ${how}.` }];
  const names = [...new Set(s.evaluators.map((e) => e.evaluator))];
  if (names.length === 0) out.push({ depth: 1, text: 'No evaluator to try.' });
  for (const who of names) {
    out.push({ depth: 1, text: w.clean(who) });
    for (const e of s.evaluators.filter((x) => x.evaluator === who)) out.push({ depth: 2, text: checkText(w, e) });
  }
  return out;
}

function statusText(w: Words, x: ScoreStep): string {
  const { name } = namer(w);
  return x.status === 'knocked-out' ? ` (${name(x.vendor)} would be knocked out)` : x.status === 'qualifies' ? ` (${name(x.vendor)} would qualify)` : '';
}

/** "Lena Ortiz had scored prompt-logging at Northwind as 2 instead of 3". */
function scored(w: Words, x: ScoreStep): string {
  return `${w.clean(x.evaluator)} had scored ${x.question} at ${namer(w).name(x.vendor)} as ${x.to} instead of ${x.from}`;
}

function stepText(w: Words, x: ScoreStep): string {
  return `If ${scored(w, x)}, ${leadPhrase(w, w.s.leader, x.leaders)}${statusText(w, x)}`;
}

export function stepLines(w: Words): Line[] {
  const st = w.s.scoreSteps;
  const head = `${w.strong('One score at a time')}`;
  if (st.flips.length === 0) {
    const close = st.closest;
    const tail = close ? ` The closest: if ${scored(w, close)}${statusText(w, close)}, ${namer(w).names(w.s.leader)} would still lead${close.margin === null ? '' : `, by ${points(close.margin)}`}.` : '';
    return [{ depth: 0, text: `${head}: no single score by one evaluator changes the leader, whatever value it takes.${tail}` }];
  }
  const out: Line[] = [{ depth: 0, text: `${head}: the smallest changes to one evaluator's score on one question that would change the leader:` }];
  for (const x of st.flips) out.push({ depth: 1, text: `${stepText(w, x)}${x.size <= st.range + 1e-9 ? ` ${WARN} within ${points(st.range)}` : ''}.` });
  out.push({ depth: 0, text: `${st.flipsInRange === 0 ? 'No single score' : plural(st.flipsInRange, 'single score')} could change the leader by moving ${points(st.range)} or less.` });
  return out;
}

export function marginLines(w: Words): Line[] {
  const { name } = namer(w);
  const m = w.s.margin;
  const head = w.strong('Lead');
  if (m.leader === null) return [{ depth: 0, text: `${head}: no vendor qualifies.` }];
  if (m.runnerUp === null) return [{ depth: 0, text: `${head}: ${name(m.leader)} is the only qualified vendor.` }];
  const spreads = m.spreads.map((x, i) => `${name(x.vendor)}${i === 0 ? ' totals' : ''} ${x.evaluators === 1 ? `${fixed1(x.low)} (one evaluator)` : x.low === x.high ? `${fixed1(x.low)} from each of them` : `${fixed1(x.low)}–${fixed1(x.high)}`}`).join(' and ');
  const among = `Scored by each evaluator alone, on the questions they answered, ${spreads}`;
  if (w.s.leader.length > 1) return [{ depth: 0, text: `${head}: ${leaderNow(w)}, at ${fixed1(w.c.vendors[0]!.total)}: no clear winner. ${among}.` }];
  const lead = `${name(m.leader)} leads ${name(m.runnerUp)} by ${points(m.points!)}`;
  const agree = m.spreads.every((x) => x.evaluators === 1) ? 'one evaluator each, so nothing to set against the lead: a clear winner on these scores' : m.spread === 0 ? 'the evaluators agree exactly: a clear winner' : `for each of the two, the evaluators are at most ${points(m.spread)} apart, less than the lead: a clear winner`;
  const verdict = m.clear ? agree : `the evaluators are up to ${points(m.spread)} apart, as much as the lead or more: no clear winner ${WARN}`;
  return [{ depth: 0, text: `${head}: ${lead}. ${among}; ${verdict}.` }];
}

const PROBE: Record<Probe, string> = {
  tie: 'the tie for first',
  weights: 'one area weight at a time',
  price: 'the price weight',
  draws: 'all weights at random',
  evaluators: 'one evaluator at a time',
  scoreSteps: 'one score at a time',
  margin: 'the lead against the evaluators\' spread',
};

/** The one sentence that decided the verdict, for a probe that found a change in range. */
function finding(w: Words, p: Probe): string {
  const { names } = namer(w);
  const { s } = w;
  switch (p) {
    case 'tie':
      return `${names(s.leader)} tie for first`;
    case 'weights': {
      const all = s.weights.flatMap((f) => f.leaderChanges.filter((x) => x.plausible).map((x) => ({ f, x })));
      const { f, x } = all.sort((a, b) => Math.abs(a.x.change) - Math.abs(b.x.change))[0]!;
      return `${weightWhere(f, x).replace(/^if it /, `if ${w.clean(f.name).toLowerCase()} `)}, ${leadPhrase(w, x.from, x.to)}`;
    }
    case 'price': {
      const f = s.price!.flips;
      const near = f.segments.find((g) => g.leaders.join() !== [...s.leader].sort().join() && g.to > f.weight * (1 - s.plausible.weightSpread) && g.from < f.weight * (1 + s.plausible.weightSpread))!;
      return `${names(near.leaders)} would lead if price counted ${priceRange(near)}`;
    }
    case 'draws':
      return `it stays first in only ${percentApart(s.draws.leaderStays.share)} of random weightings within ${spreadPct(w)} (${percentApart(s.draws.leaderStays.low)}–${percentApart(s.draws.leaderStays.high)} at ${numberApart(s.draws.confidence * 100)}% confidence), below the ${numberApart(s.draws.threshold * 100)}% needed`;
    case 'evaluators': {
      const e = s.evaluators.find((x) => x.leaderChanged)!;
      const how = e.change === 'without' ? `without ${w.clean(e.evaluator)}` : `if ${w.clean(e.evaluator)} scored every answer ${points(s.plausible.bias)} ${e.change}`;
      return `${how}, ${leadPhrase(w, s.leader, e.leader)}`;
    }
    case 'scoreSteps':
      return stepText(w, s.scoreSteps.flips[0]!).replace(/^If/, 'if');
    case 'margin':
      return `no clear winner: the lead over ${namer(w).name(s.margin.runnerUp!)} (${points(s.margin.points!)}) is no larger than the spread of the evaluators' own totals (${points(s.margin.spread)})`;
  }
}

export function verdictLines(w: Words): Line[] {
  const { s } = w;
  const v = s.verdict;
  const lead = leaderNow(w);
  let first: string;
  if (s.leader.length === 0) first = `${w.strong('No leader')}: no vendor qualifies, so there is no ranking to test.`;
  else if (v.state === 'robust') first = `${w.strong('Robust')}: ${namer(w).names(s.leader)} ${s.leader.length > 1 ? 'stay tied for first' : 'stays first'} under every change this report counts as plausible.`;
  else if (v.state === 'unsettled') {
    const d = s.draws;
    first = `${w.strong('Too close to call')}: ${lead} and no probe finds another leader, but ${plural(d.samples, 'random weighting')} within ${spreadPct(w)} cannot tell whether it stays first in at least ${numberApart(d.threshold * 100)}% of them: it is first in ${percentApart(d.leaderStays.share)} (${percentApart(d.leaderStays.low)}–${percentApart(d.leaderStays.high)} at ${numberApart(d.confidence * 100)}% confidence); more --samples can settle it.`;
  }
  else if (v.decidedBy[0] === 'tie') first = `${w.strong('Fragile')}: ${finding(w, 'tie')}, so there is no single leader.`;
  else first = `${w.strong('Fragile')}: ${lead}, but ${finding(w, v.decidedBy[0]!)}.`;
  const out: Line[] = [{ depth: 0, text: first }];
  if (s.leader.length === 0) return out;
  if (v.state === 'fragile') {
    const others = v.decidedBy.slice(1).map((p) => PROBE[p]);
    out.push({ depth: 0, text: `Decided by ${PROBE[v.decidedBy[0]!]}${others.length > 0 ? `; also found by ${list(others)}` : ''}.` });
  }
  const p = s.plausible;
  out.push({ depth: 0, text: 'Counted as plausible (a change of leader within any of these would make the ranking fragile):' });
  out.push({ depth: 1, text: `any one area weight up to ${numberApart(p.weightSpread * 100)}% lighter or heavier` });
  if (s.price) out.push({ depth: 1, text: `the price weight up to ${numberApart(p.weightSpread * 100)}% lighter or heavier (${numberApart(s.price.flips.weight * (1 - p.weightSpread))}%–${numberApart(Math.min(100, s.price.flips.weight * (1 + p.weightSpread)))}% of the total)` });
  out.push({ depth: 1, text: `all weights at random within ${spreadPct(w)} each: the leader must stay first in at least ${numberApart(p.drawThreshold * 100)}% of draws (at ${numberApart(p.drawConfidence * 100)}% confidence)` });
  out.push({ depth: 1, text: `any one evaluator left out${p.bias > 0 ? `, or all their scores ${points(p.bias)} harsher or kinder` : ''}` });
  out.push({ depth: 1, text: `any one score up to ${points(p.scoreChange)} different` });
  out.push({ depth: 1, text: 'a lead larger than the spread of the evaluators\' own totals' });
  const below = (x: Swap) => x.plausible && !s.leader.includes(x.passed) && !s.leader.includes(x.passes);
  const swap = s.weights.flatMap((f) => f.swaps.filter(below).map((x) => ({ f, x }))).sort((a, b) => Math.abs(a.x.change) - Math.abs(b.x.change))[0];
  if (swap) {
    const { name } = namer(w);
    out.push({ depth: 0, text: `Below the leader the order is less firm: ${name(swap.x.passes)} would pass ${name(swap.x.passed)} ${weightWhere(swap.f, swap.x).replace(/^if it /, `if ${w.clean(swap.f.name).toLowerCase()} `)}.` });
  }
  return out;
}

/** "41% or more", "10% or less", "between 20% and 35%". */
function priceRange(g: PriceSegment): string {
  const pct = (x: number) => `${numberApart(x)}%`;
  if (g.to >= 100 && g.from <= 0) return 'anything from 0% to 100%';
  if (g.to >= 100) return `${pct(g.from)} or more`;
  if (g.from <= 0) return `${pct(g.to)} or less`;
  return `between ${pct(g.from)} and ${pct(g.to)}`;
}

/** The price weight from 0% to 100%, and the lowest-bid trap (docs/arithmetic.md#price-in-sensitivity). */
export function priceLines(w: Words): Line[] {
  const price = w.s.price;
  if (!price) return [];
  const { names, name } = namer(w);
  const { flips, trap } = price;
  const out: Line[] = [{ depth: 0, text: `${w.strong('Price weight')} (now ${numberApart(flips.weight)}% of the total; the price scores held as the bids set them):` }];
  const now = flips.segments.find((g) => g.from <= flips.weight && flips.weight <= g.to);
  for (const g of flips.segments) {
    if (g === now && flips.segments.length === 1) out.push({ depth: 1, text: `${names(g.leaders)} lead${g.leaders.length > 1 ? '' : 's'} at every price weight from 0% to 100%` });
    else if (g !== now) out.push({ depth: 1, text: `${names(g.leaders)} would lead if price counted ${priceRange(g)}` });
  }
  if (trap.immune) {
    out.push({ depth: 0, text: `${w.strong('Lowest-bid trap')}: none; the range formula scores each cost on its own scale, so no vendor's bid moves another's score.` });
    return out;
  }
  if (trap.swaps.length === 0) {
    out.push({ depth: 0, text: `${w.strong('Lowest-bid trap')}: with any one bid taken out, the others keep their order (the ${trap.formula} formula depends on the lowest bid, but not enough to matter here).` });
    return out;
  }
  out.push({ depth: 0, text: `${w.strong('Lowest-bid trap')}: the ${trap.formula} formula depends on the lowest bid, so one vendor more or less can swap two others:` });
  for (const x of trap.swaps) out.push({ depth: 1, text: `${WARN} without ${name(x.without)}'s bid, ${name(x.wasAhead)} and ${name(x.nowAhead)} change places` });
  return out;
}

