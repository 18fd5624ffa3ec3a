/**
 * The only module that imports inquirer (@inquirer/prompts, @inquirer/core). `interview` loads it
 * with import(), so no other command pays for it at start-up. Everything here is a thin wrapper:
 * what to ask and in what order lives in src/interview/.
 */
import { styleText } from 'node:util';
import { createPrompt, isDownKey, isEnterKey, isTabKey, isUpKey, makeTheme, Separator, useEffect, useKeypress, useMemo, usePagination, usePrefix, useRef, useState, type Status } from '@inquirer/core';
import { input, select } from '@inquirer/prompts';
import type { Prompter, ReviewAnswer, ScoreAnswer, ScoreAsk } from '../interview/flow.js';
import { wrap } from '../interview/render.js';
import { joinEvidence, splitEvidence } from '../interview/evidence.js';
import { formatScore } from '../interview/session.js';
import { safeText } from '../text/sanitize.js';
import { clearScreen, writeStdout } from './output.js';
import { Escaped, PASTE_BREAK, Redraw, type KeyFeed, type PromptInput } from './keys.js';

/** Ctrl-C (or a closed terminal) in the middle of a prompt. Answers given so far are already saved. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

async function ask<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    const name = (e as Error | undefined)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') throw new Interrupted();
    throw e;
  }
}

export interface Terminal {
  /** Clears the visible screen (not the scrollback) so each question starts at the top. */
  clear(): void;
  /** Writes a screen through the output boundary: data is sanitised, our colour kept. */
  write(text: string): void;
  columns(): number;
  rows(): number;
}

export function processTerminal(): Terminal {
  return {
    clear: clearScreen,
    write: (t) => writeStdout(t, { color: true }),
    columns: () => process.stdout.columns || 100,
    rows: () => process.stdout.rows || 40,
  };
}

type Action = Exclude<ScoreAnswer['kind'], 'score' | 'jump'> | 'go';
interface ActionChoice {
  key: string;
  word: string;
  kind: Action;
  name: string;
}

function actionsFor(a: ScoreAsk): ActionChoice[] {
  const answered = a.current?.score != null;
  const list: ActionChoice[] = [
    { key: 's', word: 'skip', kind: 'skip', name: answered ? 's  Skip: keep this answer and go on' : 's  Skip: leave unanswered for now' },
  ];
  if (a.canGoBack) list.push({ key: 'b', word: 'back', kind: 'back', name: 'b  Back to the previous question' });
  list.push(
    { key: 'n', word: 'next', kind: 'next-unanswered', name: 'n  Next unanswered question' },
    { key: 'r', word: 'review', kind: 'review', name: 'r  Review all answers (and edit any)' },
  );
  list.push({ key: 'l', word: 'list', kind: 'list', name: 'l  List the open, skipped and flagged questions' });
  if (a.ids) list.push({ key: 'g', word: 'go', kind: 'go', name: 'g  Go to a question by number or id' });
  list.push({ key: 'f', word: 'flag', kind: 'flag', name: a.current?.flag ? 'f  Clear the follow-up flag' : 'f  Flag for follow-up, with a short note' });
  if (answered) list.push({ key: 'c', word: 'clear', kind: 'clear', name: 'c  Clear this answer' });
  list.push({ key: 'q', word: 'quit', kind: 'quit', name: 'q  Save and quit (resume later)' });
  return list;
}

type Value = number | `action:${Action}` | 'none';
type Choice = { name: string; value: Value; short?: string; description?: string; disabled?: boolean | string } | Separator;
const NO_SCORE: Choice = { name: '  No score yet: type a score (or s to skip), then ⏎', value: 'none' };

/** The choices matching what was typed: digits match scale values, letters match actions and labels. */
export function filterScoreChoices(a: ScoreAsk, term: string | undefined, choices: ScoreAsk['choices'] = a.choices): Choice[] {
  const actions = actionsFor(a);
  const choice = (c: ScoreAsk['choices'][number]): Choice => ({ name: c.name, value: c.value, short: c.short });
  const values: Choice[] = choices.map(choice);
  const actionChoices: Choice[] = actions.map((x) => ({ name: x.name, value: `action:${x.kind}` as const }));
  const t = (term ?? '').trim().toLowerCase().replace(',', '.');
  // A new question starts on "no score yet": a stray Enter chooses nothing.
  if (!t) return [NO_SCORE, ...values, new Separator(' '), ...actionChoices];
  if (/^[-+.\d]+$/.test(t)) {
    const n = Number(t);
    const hits = choices.filter((c) => formatScore(c.value).startsWith(t) || (t !== '' && Number.isFinite(n) && Math.abs(c.value - n) < 1e-9));
    if (hits.length > 0) return hits.map(choice);
    const { min, max, step } = a.scale;
    return [{ name: `${safeText(term ?? '', { max: 20 })} is not a score on this scale (${formatScore(min)} to ${formatScore(max)}, ${step !== 1 ? `in steps of ${formatScore(step)}` : 'whole points'})`, value: 'none', disabled: ' ' }];
  }
  const acts = actions.filter((x) => x.key === t || x.word.startsWith(t)).map((x) => ({ name: x.name, value: `action:${x.kind}` as const }));
  const labelled = t.length < 2 ? [] : choices.filter((c) => c.short.toLowerCase().includes(t)).map(choice);
  return [...acts, ...labelled];
}

/** The full anchored guidance of a score, shown under the list while that score is highlighted. */
function withGuidance(choices: ScoreAsk['choices'], c: Choice, width: number): Choice {
  if (c instanceof Separator || typeof c.value !== 'number') return c;
  const g = choices.find((x) => x.value === c.value)?.guidance;
  return g ? { ...c, description: wrap(safeText(g), Math.max(30, width - 2)).join('\n') } : c;
}

type Item = Exclude<Choice, Separator>;
type Row = object;
const selectable = <T extends Row>(c: T | undefined): c is Exclude<T, Separator> => c !== undefined && !Separator.isSeparator(c) && !(c as { disabled?: unknown }).disabled;
function firstSelectable(items: readonly Row[], from: number, step: 1 | -1): number {
  for (let i = from; i >= 0 && i < items.length; i += step) if (selectable(items[i])) return i;
  return -1;
}

interface ScoreConfig {
  message: string;
  /** The choices for what is typed now; synchronous, so the list never lags behind the keys. */
  choices: (term: string) => Choice[];
  pageSize: number;
  /** The value highlighted before anything is typed (the current score on resume). */
  default?: number;
  help: string;
  /** A score below `below` disqualifies the vendor: choosing one asks for a confirming key. */
  knockout?: { below: number; reason?: string | undefined } | undefined;
  /** What is typed, kept across a redraw of the same question. */
  typed: { term: string };
  /** The terminal's width, for the lines the prompt wraps itself. */
  width: number;
}

const look = {
  cursor: '❯',
  disabled: (text: string) => styleText('dim', `- ${text}`),
  term: (text: string) => styleText('cyan', text),
  description: (text: string) => styleText('cyan', text),
};

/**
 * The score prompt: a search list whose filtering is synchronous. Each key updates the typed
 * text and the list in the same keypress handler, and Enter takes the highlighted choice of the
 * list for the text typed so far (the first match, unless arrows moved the highlight), so "4⏎"
 * arriving in one read, a paste or a slow link gives 4, and Enter is never lost to a loading state.
 */
const scorePrompt = createPrompt<Value, ScoreConfig>((config, done) => {
  const theme = makeTheme();
  const [status, setStatus] = useState<Status>('idle');
  const [term, setTerm] = useState(config.typed.term);
  // Updated inside the keypress handler, so a key handled before the next render sees the last one.
  const live = useRef<{ term: string; active: number | undefined }>({ term: config.typed.term, active: undefined });
  // Drawn again after a resize or fg: the text typed so far is the line again.
  useEffect((rl) => {
    if (config.typed.term) rl.write(config.typed.term);
  }, []);
  const items = useMemo(() => config.choices(term), [term]);
  const [active, setActive] = useState<number | undefined>(() => {
    const i = config.default === undefined ? -1 : items.findIndex((c) => selectable(c) && c.value === config.default);
    live.current.active = i === -1 ? undefined : i;
    return live.current.active;
  });
  const prefix = usePrefix({ status, theme });
  const [hint, setHint] = useState('');
  // A knockout score waiting for its confirming key.
  const [confirm, setConfirm] = useState<number | undefined>(undefined);
  const pending = useRef<number | undefined>(undefined);

  useKeypress((key, rl) => {
    if (status === 'done') return;
    const now = live.current;
    // readline has already handled the key: Enter emptied its line, arrows and Tab may have changed it.
    const restoreLine = () => {
      if (rl.line === now.term) return;
      rl.clearLine(0);
      rl.write(now.term);
    };
    if (pending.current !== undefined) {
      const value = pending.current;
      pending.current = undefined;
      setConfirm(undefined);
      if (key.name === 'y') {
        setStatus('done');
        done(value);
        return;
      }
      // Any other key: back to the list, the text as it was.
      restoreLine();
      return;
    }
    setHint('');
    if (isEnterKey(key)) {
      const list = config.choices(now.term);
      const picked = list[now.active ?? firstSelectable(list, 0, 1)];
      if (selectable(picked) && picked.value !== 'none') {
        if (typeof picked.value === 'number' && config.knockout && picked.value < config.knockout.below) {
          pending.current = picked.value;
          setConfirm(picked.value);
          restoreLine();
          return;
        }
        setStatus('done');
        done(picked.value);
        return;
      }
      if (now.term === '') setHint('Nothing chosen yet: type a score, or s to skip.');
      // Nothing to choose for this text: the list already says why. Keep the text for editing.
      restoreLine();
    } else if (isUpKey(key) || isDownKey(key)) {
      restoreLine();
      const list = config.choices(now.term);
      const from = now.active ?? firstSelectable(list, 0, 1);
      if (from === -1) return;
      const step = isUpKey(key) ? -1 : 1;
      const next = firstSelectable(list, from + step, step);
      if (next !== -1) {
        now.active = next;
        setActive(next);
      }
    } else if (key.name === 'pageup' || key.name === 'pagedown') {
      // A long scale (19 half points) moves a page at a time.
      restoreLine();
      const list = config.choices(now.term);
      const from = now.active ?? firstSelectable(list, 0, 1);
      const step = key.name === 'pageup' ? -1 : 1;
      // Within the scores: a page past the last score stops on it, not on the actions.
      let lastScore = list.length - 1;
      while (lastScore > 0 && !(selectable(list[lastScore]) && typeof (list[lastScore] as Item).value === 'number')) lastScore--;
      const to = Math.min(from <= lastScore ? lastScore : list.length - 1, Math.max(0, from + step * (config.pageSize - 1)));
      const next = firstSelectable(list, to, step) === -1 ? firstSelectable(list, to, step === 1 ? -1 : 1) : firstSelectable(list, to, step);
      if (next !== -1) {
        now.active = next;
        setActive(next);
      }
    } else if (isTabKey(key)) {
      restoreLine();
    } else if (rl.line !== now.term) {
      now.term = rl.line;
      config.typed.term = now.term;
      now.active = undefined;
      setTerm(now.term);
      setActive(undefined);
    }
  });

  const current = active ?? firstSelectable(items, 0, 1);
  const selected = selectable(items[current]) ? (items[current] as Item) : undefined;
  const page = usePagination<Choice>({
    items,
    active: current,
    renderItem({ item, isActive }) {
      if (Separator.isSeparator(item)) return ` ${item.separator}`;
      if (item.disabled) return look.disabled(`${item.name} ${typeof item.disabled === 'string' ? item.disabled : '(disabled)'}`);
      return isActive ? theme.style.highlight(`${look.cursor} ${item.name}`) : `  ${item.name}`;
    },
    pageSize: config.pageSize,
    loop: false,
  });
  const message = theme.style.message(config.message, status);
  if (status === 'done' && selected) return [prefix, message, theme.style.answer(selected.short ?? selected.name)].join(' ').trimEnd();
  const header = [prefix, message, look.term(term)].filter(Boolean).join(' ').trimEnd();
  if (confirm !== undefined && config.knockout) {
    const reason = config.knockout.reason ? ` (${safeText(config.knockout.reason)})` : '';
    const warn = `KNOCKOUT: ${formatScore(confirm)} is below ${formatScore(config.knockout.below)}, which disqualifies the vendor${reason}.`;
    const lines = wrap(`${warn} Press y to save this score, any other key to choose again.`, Math.max(30, config.width - 2));
    return [header, lines.map((l) => styleText('red', l)).join('\n')];
  }
  const body = [items.length === 0 && term !== '' ? theme.style.error(UNKNOWN_KEY) : page, ' ', selected?.description ? look.description(selected.description) : '', hint ? theme.style.error(hint) : '', config.help]
    .filter(Boolean)
    .join('\n')
    .trimEnd();
  return [header, body];
});

type ListItem = { name: string; value: string; find?: string } | Separator;

interface ListConfig {
  message: string;
  items: readonly ListItem[];
  pageSize: number;
  help: string;
  /** What was typed to find, kept across a redraw. */
  typed: { term: string };
  /** Esc leaves with 'continue' (without a key feed; with one, the feed ends the prompt). */
  escape: boolean;
}

/**
 * The review list: ↑↓, PageUp/PageDown, Home/End, and type-to-find (the letters typed pick the
 * first row whose id or text holds them; Backspace takes one back). Enter opens the row.
 */
const listPrompt = createPrompt<string, ListConfig>((config, done) => {
  const theme = makeTheme();
  const { items } = config;
  const [status, setStatus] = useState<Status>('idle');
  const first = firstSelectable(items, 0, 1);
  const [active, setActive] = useState<number>(first);
  const [term, setTerm] = useState(config.typed.term);
  const prefix = usePrefix({ status, theme });
  const live = useRef({ active: first, term: config.typed.term });
  const move = (to: number) => {
    live.current.active = to;
    setActive(to);
  };
  useKeypress((key, rl) => {
    if (status === 'done') return;
    const now = live.current;
    if (isEnterKey(key)) {
      const item = items[now.active];
      if (!selectable(item)) return;
      setStatus('done');
      done(item.value);
      return;
    }
    if (key.name === 'escape' && config.escape) {
      setStatus('done');
      done('continue');
      return;
    }
    const last = firstSelectable(items, items.length - 1, -1);
    const page = Math.max(1, config.pageSize - 1);
    let to: number | undefined;
    if (isUpKey(key)) to = firstSelectable(items, now.active - 1, -1);
    else if (isDownKey(key)) to = firstSelectable(items, now.active + 1, 1);
    else if (key.name === 'pageup') to = firstSelectable(items, Math.max(0, now.active - page), 1);
    else if (key.name === 'pagedown') to = firstSelectable(items, Math.min(items.length - 1, now.active + page), -1);
    else if (key.name === 'home') to = first;
    else if (key.name === 'end') to = last;
    if (to !== undefined) {
      rl.clearLine(0);
      rl.write(now.term);
      if (to !== -1) move(to);
      return;
    }
    if (rl.line === now.term) return;
    // Type-to-find: the first row holding what is typed.
    now.term = rl.line;
    config.typed.term = now.term;
    setTerm(now.term);
    const t = now.term.trim().toLowerCase();
    if (!t) return;
    const hit = items.findIndex((x) => selectable(x) && x.find?.includes(t));
    if (hit !== -1) move(hit);
  });
  const t = term.trim().toLowerCase();
  const missing = t !== '' && !items.some((x) => selectable(x) && x.find?.includes(t));
  const page = usePagination<ListItem>({
    items,
    active,
    renderItem({ item, isActive }) {
      if (Separator.isSeparator(item)) return ` ${item.separator}`;
      return isActive ? theme.style.highlight(`${look.cursor} ${item.name}`) : `  ${item.name}`;
    },
    pageSize: config.pageSize,
    loop: false,
  });
  const message = theme.style.message(config.message, status);
  const chosen = items[active];
  if (status === 'done') return [prefix, message, theme.style.answer(selectable(chosen) ? chosen.name : '')].join(' ').trimEnd();
  const header = [prefix, message, term ? look.term(`find: ${term}`) : ''].filter(Boolean).join(' ');
  return [header, [page, missing ? theme.style.error(`no question holds "${safeText(term, { max: 40 })}"`) : '', config.help].filter(Boolean).join('\n')];
});

const UNKNOWN_KEY = 'Not a key here: type a score, or s skip · b back · n next · r review · l list · g go to · f flag · c clear · q quit';
const HELP = 'type a score or use ↑↓, then ⏎ · s skip · b back · n next · r review · l to-do list · g go to · f flag · q save and quit';

const SHORT_HELP = 'keys: s b n r l g f q';

/** The line above the keys: the scale ("0 to 5, whole points") and the question's weight when it is not 1. */
export function scaleLine(a: Pick<ScoreAsk, 'scale' | 'slot'>): string {
  const { min, max, step } = a.scale;
  const w = a.slot.question.weight;
  return `${formatScore(min)} to ${formatScore(max)}, ${step === 1 ? 'whole points' : step === 0.5 ? 'half points' : `steps of ${formatScore(step)}`}${w !== 1 ? ` · this question weighs ${formatScore(w)} in its area` : ''}`;
}

/** A prompt on the key feed when there is one (the CLI), else on stdin (the tests' virtual screen). */
function via<T>(feed: KeyFeed | undefined, multiline: boolean, prompt: (ctx: PromptInput | undefined) => Promise<T>, escapable = false): Promise<T> {
  return feed ? feed.run(multiline, prompt, escapable) : prompt(undefined);
}

/** Asks again, as it stood, while the prompt is stopped to be drawn again. */
async function redrawn<T>(askOnce: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await askOnce();
    } catch (e) {
      if (!(e instanceof Redraw)) throw e;
    }
  }
}

/** A one-line text field prefilled with `now.text`; `now.text` follows what is typed, so it is kept on Ctrl-C, a signal or a redraw. */
function typedLine(feed: KeyFeed | undefined, now: { text: string }, message: string, validate: (v: string) => string | true): Promise<string> {
  return redrawn(() => {
    const start = now.text;
    return ask(
      via(feed, true, (ctx) =>
        input(
          {
            message,
            ...(start !== '' ? { default: start, prefill: 'editable' as const } : {}),
            transformer: (v, { isFinal }) => {
              if (!isFinal) now.text = v;
              return v;
            },
            validate,
          },
          ctx,
        ),
      ),
    );
  });
}

export function createPrompter(term: Terminal = processTerminal(), feed?: KeyFeed): Prompter {
  /** The notes or evidence being typed now (kept on Ctrl-C, a signal or a redraw). */
  let typing: { field: 'notes' | 'evidence'; text: string } | undefined;
  /** A one-line text field: prefilled with `shown` (or what was typed before a redraw); gives the line as typed. */
  const textLine = async (field: 'notes' | 'evidence', message: string, shown: string | undefined, validate: (v: string) => string | true): Promise<string> => {
    const now = { field, text: shown ?? '' };
    typing = now;
    // Cleared once answered; after Ctrl-C it stays, for the flow to keep what was typed.
    const line = await typedLine(feed, now, message, validate);
    typing = undefined;
    return line;
  };
  /** The question once: undefined when a sub-screen (go to) was left with Esc. */
  const scoreOnce = async (a: ScoreAsk): Promise<ScoreAnswer | undefined> => {
    const typed = { term: '' };
    // Drawn again at the terminal's size after a resize or fg, with what was typed.
    const value = await redrawn(() => {
      const cols = term.columns();
      const rows = term.rows();
      // Choice names wrap to the width of now, not of when the question was first drawn.
      const list = a.choicesAt ? a.choicesAt(cols) : a.choices;
      const full = a.headerAt ? a.headerAt(cols, true) : a.header;
      const lines = (t: string) => t.split('\n').length;
      // The list wants about 7 rows; on a short terminal the guidance moves from the header to the highlighted choice.
      const wanted = Math.min(list.length + 7, 12);
      const compact = lines(full) + wanted + 6 > rows;
      let header = compact ? (a.headerAt ? a.headerAt(cols, false) : a.compactHeader) : full;
      let help = wrap(`${scaleLine(a)} · ${HELP}`, Math.max(30, cols - 1)).join('\n');
      // Header, prompt line, list, blank line, guidance of the highlighted score (compact), help: the top stays on screen.
      const below = () => 2 + lines(help) + (compact ? 4 : 0);
      // Still too tall for three choices: the area's description and the weight line go, then the help shortens.
      if (compact && a.headerAt && lines(header) + 3 + below() > rows) header = a.headerAt(cols, false, true);
      if (lines(header) + 3 + below() > rows) help = wrap(`${scaleLine(a)} · ${SHORT_HELP}`, Math.max(30, cols - 1)).join('\n');
      const pageSize = Math.max(3, Math.min(list.length + 7, rows - lines(header) - below()));
      term.clear();
      term.write(`${header}\n`);
      const config: ScoreConfig = {
        message: 'Score',
        choices: (t) => {
          const choices = filterScoreChoices(a, t, list);
          return compact ? choices.map((c) => withGuidance(list, c, cols)) : choices;
        },
        pageSize,
        ...(a.current?.score != null ? { default: a.current.score } : {}),
        help,
        knockout: a.slot.question.knockout,
        typed,
        width: cols,
      };
      return ask(via(feed, false, (ctx) => scorePrompt(config, ctx)));
    });
    if (typeof value === 'number') return { kind: 'score', value };
    const kind = value.slice('action:'.length) as Action;
    if (kind === 'go' && a.ids) {
      const index = await goTo(a.ids, feed);
      return index === undefined ? undefined : { kind: 'jump', index };
    }
    return { kind } as ScoreAnswer;
  };
  return {
    halfTyped() {
      const t = typing?.text.trim() ? typing : undefined;
      if (!t) return undefined;
      return t.field === 'notes' ? { notes: notesOf(t.text) } : { evidence: splitEvidence(t.text.split(PASTE_BREAK).join(',')) };
    },
    async score(a) {
      for (;;) {
        const answer = await scoreOnce(a);
        // Esc at "go to": the same question again.
        if (answer) return answer;
      }
    },

    async flag(id) {
      try {
        return await redrawn(() =>
          ask(
            via(
              feed,
              false,
              (ctx) => input({ message: `Follow-up note for ${safeText(id)} (Enter: flag without a note · Esc: cancel)`, validate: (v) => v.trim().length <= 200 || 'at most 200 characters' }, ctx),
              true,
            ),
          ),
        );
      } catch (e) {
        if (e instanceof Escaped) return null;
        throw e;
      }
    },

    async notes(current) {
      // Notes are prefilled for editing only when the line shows them as they are: a line break, an
      // escape sequence or an invisible character would be echoed raw, or kept changed on Enter.
      // A multi-line note shows its line breaks as ␤ (a paste brings them the same way).
      const line = current?.replace(/\r?\n/g, PASTE_BREAK);
      const editable = line !== undefined && editableAsIs(line);
      const message = current
        ? editable
          ? 'Notes (edit, Enter to keep; - removes them)'
          : 'Notes (Enter keeps the current notes; type to replace them; - removes them)'
        : 'Notes (optional, Enter to skip)';
      const raw = await textLine('notes', message, editable ? line : undefined, (v) => v.length <= 20_000 || 'notes must be at most 20000 characters');
      // Enter on the prefilled notes keeps them exactly, spaces and all.
      if (raw === line) return current;
      const v = notesOf(raw);
      if (v === '-') return undefined;
      // Prefilled and emptied (Ctrl-U, Enter): cleared. Not prefilled, an empty line keeps them.
      if (v === '') return editable ? undefined : current;
      return v;
    },

    async evidence(current) {
      // Shown for editing with items that hold a comma quoted; Enter on it keeps the items exactly, never split again.
      const shown = joinEvidence(current);
      const editable = current.length > 0 && editableAsIs(shown);
      const message =
        current.length === 0
          ? 'Evidence (optional: links or file names, comma-separated)'
          : editable
            ? 'Evidence (links or file names, comma-separated; - removes them)'
            : `Evidence (Enter keeps the current ${current.length} item(s); type to replace them; - removes them)`;
      // Pasted lines are items of their own.
      const items = (v: string) => (v === shown || (!editable && v.trim() === '') ? [...current] : splitEvidence(v.split(PASTE_BREAK).join(',')));
      const raw = await textLine('evidence', message, editable ? shown : undefined, (v) => {
        const list = items(v);
        if (list.length > 100) return 'at most 100 evidence items';
        if (list.some((i) => i.length > 2000)) return 'each evidence item must be at most 2000 characters';
        return true;
      });
      if (raw.trim() === '-') return [];
      return items(raw);
    },

    async saveFailed(reason) {
      const v = await redrawn(() =>
        ask(
          via(feed, false, (ctx) =>
            select(
              {
                message: `Not saved: ${safeText(reason)}`,
                choices: [
                  { name: 'Try again (after freeing space or fixing permissions)', value: 'retry' as const },
                  { name: 'Quit: this answer stays unsaved; the ones before it are saved', value: 'quit' as const },
                ],
              },
              ctx,
            ),
          ),
        ),
      );
      return v;
    },

    async review(a) {
      const items: ListItem[] = [];
      const canContinue = a.from !== undefined || a.unanswered > 0;
      if (a.from) items.push({ name: `Continue where you were (${safeText(a.from.id)})`, value: 'continue' });
      else if (a.unanswered > 0) items.push({ name: `Continue with the first unanswered question (${a.unanswered} left)`, value: 'continue' });
      items.push({ name: a.unanswered > 0 ? `Save and quit (${a.unanswered} unanswered; resume any time)` : 'Finish: save and show the summary', value: 'finish' });
      let area = '';
      for (const r of a.rows) {
        if (r.area !== area) {
          area = r.area;
          items.push(new Separator(`── ${safeText(area)}`));
        }
        items.push({ name: safeText(r.name), value: String(r.index), find: `${r.id} ${r.name}`.toLowerCase() });
      }
      if (a.rows.length === 0) items.push(new Separator('  (nothing open, skipped or flagged)'));
      const typed = { term: '' };
      let v: string;
      try {
        v = await redrawn(() => {
          term.clear();
          term.write(`${a.header}\n`);
          const help = wrap(`↑↓ PgUp PgDn Home End · type to find · ⏎ open${canContinue ? ' · Esc continue' : ''}`, Math.max(30, term.columns() - 1)).join('\n');
          const pageSize = Math.max(5, term.rows() - a.header.split('\n').length - 3 - help.split('\n').length);
          const message = a.only === 'todo' ? 'To do: pick one, or go on' : 'Review: pick an answer to edit, or go on';
          return ask(via(feed, false, (ctx) => listPrompt({ message, items, pageSize, help, typed, escape: canContinue }, ctx), canContinue));
        });
      } catch (e) {
        if (!(e instanceof Escaped)) throw e;
        v = 'continue';
      }
      const out: ReviewAnswer = v === 'continue' ? { kind: 'continue' } : v === 'finish' ? { kind: 'finish' } : { kind: 'edit', index: Number(v) };
      return out;
    },
  };
}

/** `g`: a question by its number in the interview or its id; Esc (or an empty line): undefined, stay. */
async function goTo(ids: readonly string[], feed: KeyFeed | undefined): Promise<number | undefined> {
  const find = (v: string) => (/^\d+$/.test(v) ? Number(v) - 1 : ids.indexOf(v));
  let v: string;
  try {
    v = await redrawn(() =>
      ask(
        via(
          feed,
          false,
          (ctx) =>
            input(
              {
                message: `Go to question (1 to ${ids.length}, or an id; Esc: stay)`,
                validate: (t) => {
                  if (t.trim() === '') return true;
                  const i = find(t.trim());
                  return (i >= 0 && i < ids.length) || `no question ${safeText(t.trim(), { max: 40 })}: give 1 to ${ids.length} or an id`;
                },
              },
              ctx,
            ),
          true,
        ),
      ),
    );
  } catch (e) {
    if (e instanceof Escaped) return undefined;
    throw e;
  }
  return v.trim() === '' ? undefined : find(v.trim());
}

/** Notes as typed on the line: pasted line breaks back to "\n", trimmed. */
export function notesOf(raw: string): string {
  return raw.split(PASTE_BREAK).join('\n').trim();
}

/** Text the input line can show and give back unchanged: one line, nothing safeText would alter. */
function editableAsIs(s: string): boolean {
  return !/[\r\n]/.test(s) && safeText(s) === s;
}

/** A new vendor id close to one in the folder: the same vendor (true), or a new one. */
export async function askSameVendor(name: string, newId: string, existingId: string, feed?: KeyFeed): Promise<boolean> {
  const v = await redrawn(() =>
    ask(
      via(feed, false, (ctx) =>
        select(
          {
            message: `${safeText(name, { max: 80 })} is a new vendor (${safeText(newId)}), but ${safeText(existingId)} is already in this folder`,
            choices: [
              { name: `Same vendor: add these answers to ${safeText(existingId)}`, value: true },
              { name: `A new vendor: ${safeText(newId)}`, value: false },
            ],
          },
          ctx,
        ),
      ),
    ),
  );
  return v;
}

/** Asks for a name (vendor, evaluator); `check` returns an error message or true. */
export async function askName(message: string, check: (v: string) => string | true, feed?: KeyFeed): Promise<string> {
  const v = await redrawn(() => ask(via(feed, false, (ctx) => input({ message, required: true, validate: (s) => check(s.trim()) }, ctx))));
  return v.trim();
}

/** The consensus meeting's questions (cli/commands/consensus.ts); what to ask lives in src/interview/consensus.ts. */
export interface ConsensusAsk {
  /** The header at a width and a row budget. */
  header: (width: number, rows: number) => string;
  choices: (width: number) => Array<{ value: number | 'keep'; name: string }>;
  start: number | 'keep';
}

export type ConsensusOutcome = number | 'keep' | 'skip' | 'quit';

export interface ConsensusPrompter {
  outcome(a: ConsensusAsk): Promise<ConsensusOutcome>;
  reason(message: string, current: string | undefined): Promise<string>;
  /** The reason typed so far in the prompt open now (undefined: none open). */
  halfTyped(): string | undefined;
}

export function createConsensusPrompter(term: Terminal = processTerminal(), feed?: KeyFeed): ConsensusPrompter {
  let typing: { text: string } | undefined;
  return {
    halfTyped: () => typing?.text,
    async outcome(a) {
      return redrawn(() => {
        const cols = term.columns();
        const list = a.choices(cols);
        const actions = [
          { value: 'skip' as const, name: 's  Skip for now (it stays on the agenda)' },
          { value: 'quit' as const, name: 'q  Quit: every outcome so far is saved (resume later)' },
        ];
        const pageSize = Math.min(list.length + actions.length + 1, Math.max(5, term.rows() - 8));
        term.clear();
        term.write(`${a.header(cols, Math.max(6, term.rows() - pageSize - 3))}\n`);
        const choices: Array<{ value: ConsensusOutcome; name: string } | Separator> = [...list, new Separator(' '), ...actions];
        return ask(via(feed, false, (ctx) => select<ConsensusOutcome>({ message: 'Agreed score (↑↓, ⏎)', choices, default: a.start, pageSize, loop: false }, ctx)));
      });
    },
    async reason(message, current) {
      const now = { text: current ?? '' };
      typing = now;
      const line = await typedLine(feed, now, message, (v) => (notesOf(v) === '' ? 'a reason is required: why the panel agreed this' : notesOf(v).length <= 2000 || 'a reason must be at most 2000 characters'));
      typing = undefined;
      return notesOf(line);
    },
  };
}

/** One choice from a list (a weights judgment); `current` is highlighted first. */
export async function askChoice(message: string, choices: readonly { name: string; value: string }[], current: string | undefined, feed?: KeyFeed): Promise<string> {
  const rows = process.stdout.rows || 24;
  return redrawn(() =>
    ask(via(feed, false, (ctx) => select({ message: safeText(message), choices: choices.map((c) => ({ name: safeText(c.name), value: c.value })), default: current, pageSize: Math.max(5, Math.min(choices.length, rows - 6)), loop: false }, ctx))),
  );
}

/** A number of points from 0 to 100 (a swing). */
export async function askPoints(message: string, current: number | undefined, feed?: KeyFeed): Promise<number> {
  const check = (t: string) => (/^\s*\d+(\.\d+)?\s*$/.test(t) && Number(t) <= 100) || 'give a number from 0 to 100';
  const v = await redrawn(() => ask(via(feed, false, (ctx) => input({ message: safeText(message), default: current === undefined ? undefined : String(current), validate: check }, ctx))));
  return Number(v.trim());
}
