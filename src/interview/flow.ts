/**
 * Drives a session: asks through a Prompter, saves through `save` after every change, and lets
 * the pure session decide what comes next. Tests replace the Prompter with a script.
 */
import type { Rubric } from '../core/types.js';
import { UserError } from '../errors.js';
import { defaultOptions, scoreVendor } from '../core/score.js';
import { labelOf, renderNotices, renderQuestion, reviewHeader, reviewRow, scoreChoiceName, type ViewOptions } from './render.js';
import { formatScore, nextScreen, progressAt, scaleValues, slotsOf, startScreen, type Draft, type Drafts, type Move, type Screen, type Slot } from './session.js';

export interface ScoreChoice {
  value: number;
  name: string;
  /** "3 Meets": shown once chosen. */
  short: string;
  guidance?: string | undefined;
}

export interface ScoreAsk {
  slot: Slot;
  /** Area, progress, question, guidance and current answer, ready to print. */
  header: string;
  /** The same without the guidance block, for terminals too short for both it and the list. */
  compactHeader: string;
  /**
   * The header drawn again at another width (after a resize), with or without the guidance;
   * `brief` also leaves out the area's description and the question's weight line (for the shortest terminals).
   */
  headerAt?: (width: number, guidance: boolean, brief?: boolean) => string;
  choices: ScoreChoice[];
  /** The choices drawn again at another width (after a resize): names wrap to the new width. */
  choicesAt?: (width: number) => ScoreChoice[];
  current: Draft | undefined;
  canGoBack: boolean;
  scale: { min: number; max: number; step: number };
  /** Every question id in interview order, for `g` (go to a question by number or id). */
  ids?: string[];
}

export type ScoreAnswer = { kind: 'score'; value: number } | { kind: 'clear' } | { kind: 'jump'; index: number } | { kind: 'flag' } | { kind: 'skip' | 'back' | 'next-unanswered' | 'review' | 'list' | 'quit' };

/** Where a question stands: scored, skipped in this session, or not reached yet. */
export type RowState = 'answered' | 'skipped' | 'open';

export interface ReviewRow {
  index: number;
  area: string;
  /** The row as shown: id, answer and marks (knockout, notes, flag). */
  name: string;
  answered: boolean;
  state: RowState;
  flagged: boolean;
  /** The question id, for type-to-find. */
  id: string;
}

export interface ReviewAsk {
  header: string;
  rows: ReviewRow[];
  unanswered: number;
  /** The list of open, skipped and flagged questions only (`l`), not every answer. */
  only?: 'todo' | undefined;
  /** The question the review was opened from: "continue" goes back to it. */
  from?: { index: number; id: string } | undefined;
}

export type ReviewAnswer = { kind: 'edit'; index: number } | { kind: 'continue' } | { kind: 'finish' };

/** Everything the flow asks a person. A rejected promise (Ctrl-C) ends the session; answers are already saved. */
export interface Prompter {
  score(ask: ScoreAsk): Promise<ScoreAnswer>;
  notes(current: string | undefined): Promise<string | undefined>;
  evidence(current: readonly string[]): Promise<string[]>;
  review(ask: ReviewAsk): Promise<ReviewAnswer>;
  /**
   * The follow-up note for a question being flagged (`f`); '' is a flag without a note, null
   * (Esc) leaves the question as it was.
   */
  flag?(question: string): Promise<string | null>;
  /** The notes or evidence typed so far in the prompt open now (undefined: none open, or nothing typed). */
  halfTyped?(): { notes: string } | { evidence: string[] } | undefined;
  /** Saving an answer failed (`reason` is one line): try again, or quit with the answer unsaved. Without it, the error ends the session. */
  saveFailed?(reason: string): Promise<'retry' | 'quit'>;
}

/** The person chose to quit after a failed save: `answer` (to question `id`) is not on disk. */
export class SaveAbandoned extends Error {
  constructor(
    readonly id: string,
    readonly answer: Draft | null,
    readonly reason: string,
  ) {
    super(`the answer to ${id} was not saved: ${reason}`);
    this.name = 'SaveAbandoned';
  }
}

export interface SaveResult {
  answers?: Drafts;
  notices: string[];
}

export interface InterviewOptions {
  rubric: Rubric;
  /** Answers so far; updated in place as the session goes. */
  drafts: Drafts;
  prompter: Prompter;
  /**
   * Persists one answer (null: remove it). Must be durable when it returns. When the file held
   * changes made elsewhere (a hand edit, merged in), it returns every answer now in the file,
   * which replace the session's, and notices to show on the next screen.
   */
  save: (id: string, draft: Draft | null) => SaveResult | void;
  view: ViewOptions;
  /** Called with each screen before it is shown (for tests and progress displays). */
  onScreen?: (screen: Screen) => void;
  /** Filled in by the session: `keepHalfTyped` saves what is typed in notes or evidence now (for a signal). */
  live?: { keepHalfTyped?: () => void };
}

/** The flag of a question flagged without a note (a flag is never empty text in the file). */
export const FLAG_WITHOUT_NOTE = 'follow up';

export async function runInterview(o: InterviewOptions): Promise<{ finished: boolean }> {
  const { rubric, drafts, prompter } = o;
  const slots = slotsOf(rubric);
  const values = scaleValues(rubric.scale);
  /** Questions skipped in this session and still unanswered (the list shows them apart from those not reached yet). */
  const skipped = new Set<string>();
  let screen = startScreen(slots, drafts);
  let notices: string[] = [];
  /** The notices not shown yet, to go above the next screen's header (once). */
  const takeNotices = () => {
    const text = renderNotices(notices, o.view);
    notices = [];
    return text;
  };

  const put = (id: string, d: Draft | undefined) => {
    if (d) drafts[id] = d;
    else delete drafts[id];
  };
  /** Saves one answer; returns it as saved (the file may hold hand edits to it, merged in). */
  const commit = async (id: string, d: Draft): Promise<Draft> => {
    const before = drafts[id];
    const empty = d.score === null && !d.notes && d.evidence.length === 0 && !d.flag;
    for (;;) {
      put(id, empty ? undefined : d);
      let saved: SaveResult | void;
      try {
        saved = o.save(id, empty ? null : d);
      } catch (e) {
        // A write the system refused (a full disk, permissions) can be retried; anything else is a bug.
        if (!(e instanceof UserError && e.retryable) || !prompter.saveFailed) throw e;
        // While asking, the drafts say what the file holds, so a signal now reports it truly.
        put(id, before);
        const reason = e.lines().join(' ');
        if ((await prompter.saveFailed(reason)) === 'quit') throw new SaveAbandoned(id, empty ? null : d, reason);
        continue;
      }
      if (saved) {
        notices.push(...saved.notices);
        if (saved.answers) {
          for (const k of Object.keys(drafts)) if (!Object.hasOwn(saved.answers, k)) delete drafts[k];
          for (const [k, v] of Object.entries(saved.answers)) drafts[k] = v;
        }
      }
      return drafts[id] ?? { score: null, evidence: [] };
    }
  };

  /** The answer whose notes or evidence are being typed. */
  let editing: { id: string; d: Draft } | undefined;
  /** Ctrl-C, a closed terminal or a signal while typing: what was typed is saved with the score, to be prefilled on resume. */
  const keepHalfTyped = () => {
    const typed = editing && prompter.halfTyped?.();
    if (!editing || !typed) return;
    const d: Draft = { ...editing.d, ...typed };
    const { id } = editing;
    editing = undefined;
    if (JSON.stringify(d) === JSON.stringify(drafts[id])) return;
    put(id, d);
    o.save(id, d);
  };
  if (o.live) o.live.keepHalfTyped = keepHalfTyped;
  /** Asks one text field of answer `id`; on an interruption what was typed is kept. */
  const typing = async <T>(id: string, d: Draft, askIt: () => Promise<T>): Promise<T> => {
    editing = { id, d };
    try {
      return await askIt();
    } catch (e) {
      try {
        keepHalfTyped();
      } catch {
        /* the interruption is what is reported */
      }
      throw e;
    } finally {
      editing = undefined;
    }
  };

  /** `f`: flags the question for follow-up with a short note; on a flagged question, clears the flag. The same question is shown again. */
  const flag = async (id: string, current: Draft | undefined) => {
    const base: Draft = current ?? { score: null, evidence: [] };
    if (base.flag) {
      await commit(id, { ...base, flag: undefined });
      notices.push(`${id}: the follow-up flag is cleared.`);
      return;
    }
    const note = prompter.flag ? await prompter.flag(id) : '';
    if (note === null) return;
    await commit(id, { ...base, flag: note.trim() || FLAG_WITHOUT_NOTE });
  };

  while (screen.kind !== 'done') {
    o.onScreen?.(screen);
    if (screen.kind === 'review') {
      const all = slots.map((s): ReviewRow => {
        const d = drafts[s.question.id];
        const answered = d?.score != null;
        const state: RowState = answered ? 'answered' : skipped.has(s.question.id) ? 'skipped' : 'open';
        return { index: s.index, area: s.area.name, name: reviewRow(rubric, s, d, o.view.width, state), answered, state, flagged: !!d?.flag, id: s.question.id };
      });
      const rows = screen.only === 'todo' ? all.filter((x) => !x.answered || x.flagged) : all;
      const from = screen.from === undefined ? undefined : { index: screen.from, id: slots[screen.from]!.question.id };
      const header = takeNotices() + reviewHeader(rubric, slots, drafts, o.view, screen.only);
      const r = await prompter.review({ header, rows, unanswered: all.filter((x) => !x.answered).length, only: screen.only, from });
      screen = nextScreen(screen, r, slots, drafts);
      continue;
    }
    const slot = slots[screen.index]!;
    const id = slot.question.id;
    const current = drafts[id];
    const progress = progressAt(slots, drafts, slot.index, rubric.areas.length);
    const shown = takeNotices();
    const scored = scoreVendor(rubric, [{ file: '', vendor: { id: 'interview', name: 'interview' }, rubric: '', evaluator: 'interview', answers: drafts }], defaultOptions(rubric));
    const running = { area: scored.areas[slot.areaIndex]?.normalized ?? null, total: scored.total };
    // Width read now: the terminal may have been resized since the last screen.
    const view = { color: o.view.color, width: o.view.width, running };
    const choicesAt = (width: number): ScoreChoice[] =>
      values.map((v) => ({ value: v, name: scoreChoiceName(rubric, slot, v, width), short: `${formatScore(v)} ${labelOf(rubric, v)}`.trim(), guidance: slot.question.guidance[String(v)] }));
    const answer = await prompter.score({
      slot,
      // Drawn when asked for: the terminal asks at its own width (headerAt), so these two are for prompters without it.
      get header() {
        return shown + renderQuestion(rubric, slot, progress, current, view);
      },
      get compactHeader() {
        return shown + renderQuestion(rubric, slot, progress, current, { ...view, guidance: false });
      },
      headerAt: (width, guidance, brief) => shown + renderQuestion(rubric, slot, progress, current, { ...view, width, guidance, brief }),
      get choices() {
        return choicesAt(view.width);
      },
      choicesAt,
      current,
      canGoBack: slot.index > 0,
      scale: rubric.scale,
      ids: slots.map((s) => s.question.id),
    });
    let move: Move;
    if (answer.kind === 'score' || answer.kind === 'clear') {
      let d: Draft = { score: answer.kind === 'score' ? answer.value : null, notes: current?.notes, evidence: [...(current?.evidence ?? [])], ...(current?.flag ? { flag: current.flag } : {}) };
      // The score is on disk before notes are asked: Ctrl-C in the notes prompt keeps it.
      d = await commit(id, d);
      if (answer.kind === 'score') {
        const notes = await typing(id, d, () => prompter.notes(d.notes));
        if ((notes ?? '') !== (d.notes ?? '')) d = await commit(id, { ...d, notes: notes || undefined });
        const evidence = await typing(id, d, () => prompter.evidence(d.evidence));
        if (JSON.stringify(evidence) !== JSON.stringify(d.evidence)) d = await commit(id, { ...d, evidence });
        if (slot.question.evidence && d.evidence.length === 0) notices.push(`${id}: no evidence given, and this question expects it; ask for a document or a link (b goes back to it).`);
      }
      skipped.delete(id);
      move = { kind: 'answered' };
    } else if (answer.kind === 'flag') {
      await flag(id, current);
      continue;
    } else {
      if (answer.kind === 'skip' && current?.score == null) skipped.add(id);
      move = answer;
    }
    screen = nextScreen(screen, move, slots, drafts);
  }
  return { finished: screen.finished };
}
