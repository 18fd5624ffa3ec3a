/**
 * The only module that imports @inquirer/prompts. `interview` loads it with import(), so no
 * other command pays for it at start-up. Everything here is a thin wrapper: what to ask and in
 * what order lives in src/interview/.
 */
import { input, search, select, Separator } from '@inquirer/prompts';
import type { Prompter, ReviewAnswer, ScoreAnswer, ScoreAsk } from '../interview/flow.js';
import { wrap } from '../interview/render.js';
import { formatScore } from '../interview/session.js';
import { safeText } from '../report/sanitize.js';

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
  write(text: string): void;
  columns(): number;
  rows(): number;
}

export function processTerminal(): Terminal {
  return {
    write: (t) => void process.stdout.write(t),
    columns: () => process.stdout.columns || 100,
    rows: () => process.stdout.rows || 40,
  };
}

/** Clears the visible screen (not the scrollback) so each question starts at the top. */
const CLEAR = '\x1b[H\x1b[2J';

type Action = Exclude<ScoreAnswer['kind'], 'score'>;
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
  if (answered) list.push({ key: 'c', word: 'clear', kind: 'clear', name: 'c  Clear this answer' });
  list.push({ key: 'q', word: 'quit', kind: 'quit', name: 'q  Save and quit (resume later)' });
  return list;
}

type Value = number | `action:${Action}` | 'none';
type Choice = { name: string; value: Value; short?: string; description?: string; disabled?: boolean | string } | Separator;

/** The choices matching what was typed: digits match scale values, letters match actions and labels. */
export function filterScoreChoices(a: ScoreAsk, term: string | undefined): Choice[] {
  const actions = actionsFor(a);
  const choice = (c: ScoreAsk['choices'][number]): Choice => ({ name: c.name, value: c.value, short: c.short });
  const values: Choice[] = a.choices.map(choice);
  const actionChoices: Choice[] = actions.map((x) => ({ name: x.name, value: `action:${x.kind}` as const }));
  const t = (term ?? '').trim().toLowerCase().replace(',', '.');
  if (!t) return [...values, new Separator(' '), ...actionChoices];
  if (/^[-+.\d]+$/.test(t)) {
    const n = Number(t);
    const hits = a.choices.filter((c) => formatScore(c.value).startsWith(t) || (t !== '' && Number.isFinite(n) && Math.abs(c.value - n) < 1e-9));
    if (hits.length > 0) return hits.map(choice);
    const { min, max, step } = a.scale;
    return [{ name: `${term} is not a score on this scale (${formatScore(min)} to ${formatScore(max)}${step !== 1 ? `, in steps of ${formatScore(step)}` : ''})`, value: 'none', disabled: ' ' }];
  }
  const acts = actions.filter((x) => x.key === t || x.word.startsWith(t)).map((x) => ({ name: x.name, value: `action:${x.kind}` as const }));
  const labelled = t.length < 2 ? [] : a.choices.filter((c) => c.short.toLowerCase().includes(t)).map(choice);
  return [...acts, ...labelled];
}

/** The full anchored guidance of a score, shown under the list while that score is highlighted. */
function withGuidance(a: ScoreAsk, c: Choice, width: number): Choice {
  if (c instanceof Separator || typeof c.value !== 'number') return c;
  const g = a.choices.find((x) => x.value === c.value)?.guidance;
  return g ? { ...c, description: wrap(safeText(g), Math.max(30, width - 2)).join('\n') } : c;
}

/**
 * What was typed wins over what the list had highlighted. When "4⏎" arrives in one read (fast
 * typing, tmux send-keys, a paste), the search prompt handles Enter before its list is filtered
 * and hands back the old first choice, while its screen already shows 4: take the first choice
 * that matches the typed text, or ask again when nothing does.
 */
export function reconcile(a: ScoreAsk, typed: string | undefined, picked: Value): Value | undefined {
  const allowed = filterScoreChoices(a, typed).filter((c): c is Exclude<Choice, Separator> => !(c instanceof Separator) && !c.disabled);
  if (allowed.some((c) => c.value === picked)) return picked;
  return allowed[0]?.value;
}

const HELP = 'type a score or use ↑↓, then ⏎ · s skip · b back · n next unanswered · r review · q save and quit';

export function createPrompter(term: Terminal = processTerminal()): Prompter {
  return {
    async score(a) {
      // The list wants about 7 rows; on a short terminal the guidance moves from the header to the highlighted choice.
      const wanted = Math.min(a.choices.length + 7, 12);
      const compact = a.header.split('\n').length + wanted + 6 > term.rows();
      const header = compact ? a.compactHeader : a.header;
      const pageSize = Math.max(5, Math.min(a.choices.length + 7, term.rows() - header.split('\n').length - (compact ? 9 : 5)));
      for (;;) {
        term.write(`${CLEAR}${header}\n`);
        let typed: string | undefined;
        const picked = await ask(
          search<Value>({
            message: 'Score',
            source: (t) => {
              typed = t;
              const choices = filterScoreChoices(a, t);
              return compact ? choices.map((c) => withGuidance(a, c, term.columns())) : choices;
            },
            pageSize,
            ...(a.current?.score != null ? { default: a.current.score } : {}),
            validate: (v) => v !== 'none',
            theme: { style: { keysHelpTip: () => HELP } },
          }),
        );
        const value = reconcile(a, typed, picked);
        if (value === undefined) continue;
        if (typeof value === 'number') return { kind: 'score', value };
        return { kind: value.slice('action:'.length) as Action } as ScoreAnswer;
      }
    },

    async notes(current) {
      const multiLine = current?.includes('\n') ?? false;
      const message = current
        ? multiLine
          ? 'Notes (Enter keeps the current notes; type to replace them; - removes them)'
          : 'Notes (edit, Enter to keep; - removes them)'
        : 'Notes (optional, Enter to skip)';
      const raw = await ask(
        input({
          message,
          ...(current && !multiLine ? { default: current, prefill: 'editable' as const } : {}),
          validate: (v) => v.length <= 20_000 || 'notes must be at most 20000 characters',
        }),
      );
      const v = raw.trim();
      if (v === '-') return undefined;
      if (v === '') return current;
      return v;
    },

    async evidence(current) {
      const raw = await ask(
        input({
          message: current.length > 0 ? 'Evidence (links or file names, comma-separated; - removes them)' : 'Evidence (optional: links or file names, comma-separated)',
          ...(current.length > 0 ? { default: current.join(', '), prefill: 'editable' as const } : {}),
          validate: (v) => {
            const items = splitEvidence(v);
            if (items.length > 100) return 'at most 100 evidence items';
            if (items.some((i) => i.length > 2000)) return 'each evidence item must be at most 2000 characters';
            return true;
          },
        }),
      );
      if (raw.trim() === '-') return [];
      return splitEvidence(raw);
    },

    async review(a) {
      term.write(`${CLEAR}${a.header}\n`);
      const choices: Array<{ name: string; value: string } | Separator> = [];
      if (a.unanswered > 0) choices.push({ name: `Continue with the first unanswered question (${a.unanswered} left)`, value: 'continue' });
      choices.push({ name: a.unanswered > 0 ? `Save and quit (${a.unanswered} unanswered; resume any time)` : 'Finish: save and show the summary', value: 'finish' });
      let area = '';
      for (const r of a.rows) {
        if (r.area !== area) {
          area = r.area;
          choices.push(new Separator(`── ${area}`));
        }
        choices.push({ name: r.name, value: String(r.index) });
      }
      const headerLines = a.header.split('\n').length + 1;
      const v = await ask(
        select({
          message: 'Review: pick an answer to edit, or go on',
          choices,
          pageSize: Math.max(5, term.rows() - headerLines - 4),
          loop: false,
        }),
      );
      const out: ReviewAnswer = v === 'continue' ? { kind: 'continue' } : v === 'finish' ? { kind: 'finish' } : { kind: 'edit', index: Number(v) };
      return out;
    },
  };
}

export function splitEvidence(v: string): string[] {
  return v
    .split(/\s*[,;\n]\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '-');
}

/** Asks for a name (vendor, evaluator); `check` returns an error message or true. */
export async function askName(message: string, check: (v: string) => string | true): Promise<string> {
  const v = await ask(input({ message, required: true, validate: (s) => check(s.trim()) }));
  return v.trim();
}
