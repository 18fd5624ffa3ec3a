import { exitOnStopSignals } from '../stop-signals.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Agreement, Comparison, Rubric, VendorResult } from '../../core/types.js';
import { ExitCode, UserError } from '../../errors.js';
import { checkTarget } from '../../io/atomic.js';
import { consensusFolderFor } from '../../io/consensus.js';
import { ConsensusSaver, type ConsensusDraft } from '../../io/consensus-save.js';
import { acquireLock, removeStaleTemps, type Lock } from '../../io/evaluation-doc.js';
import { displayPath } from '../../io/files.js';
import { rubricRef } from '../../io/load.js';
import { agendaOf, outcomeChoices, outcomeText, renderAgendaItem, startingChoice, type AgendaItem } from '../../interview/consensus.js';
import { evaluationsRoot, shellQuote, today } from '../../interview/target.js';
import { safeText } from '../../text/sanitize.js';
import { defaultPaths, loadComparison, vendorOrFail, type ScoringFlags } from '../common.js';
import { KeyFeed } from '../keys.js';
import { useColor, writeStderr, writeStdout } from '../output.js';
import type { ConsensusPrompter } from '../prompts.js';

export interface ConsensusFlags extends ScoringFlags {
  by?: string;
  color?: boolean;
}

/** One vendor's meeting: its file, lock and saver, and what is left on its agenda. */
interface Meeting {
  vendor: VendorResult;
  file: string;
  saver: ConsensusSaver;
  lock: Lock;
  agenda: AgendaItem[];
  /** Flagged questions the file already settles. */
  settled: number;
}

/** `consensus [vendor] [paths…]`: a first argument that names a file or folder is a path. */
function splitArgs(vendor: string | undefined, paths: string[]): { vendor: string | undefined; paths: string[] } {
  if (vendor !== undefined && existsSync(vendor)) return { vendor: undefined, paths: [vendor, ...paths] };
  return { vendor, paths };
}

/** consensus/<vendor-id>.yaml beside the evaluations folder the vendor's files sit in (or the one already read). */
function consensusFile(c: { consensus: readonly { vendor: string; file: string }[] }, v: VendorResult): string {
  const known = c.consensus.find((x) => x.vendor === v.id);
  if (known) return known.file;
  const file = v.areas.flatMap((a) => a.questions.flatMap((q) => q.answers.map((x) => x.file)))[0];
  const root = file ? evaluationsRoot(file, v.id) : 'evaluations';
  return path.join(consensusFolderFor(root || '.'), `${v.id}.yaml`);
}

function schemaFor(file: string): string | undefined {
  const schemas = path.join(path.dirname(path.dirname(path.resolve(file))), 'schemas', 'consensus.schema.json');
  return existsSync(schemas) ? '../schemas/consensus.schema.json' : undefined;
}

function openMeeting(ws: { consensus: readonly { vendor: string; file: string }[] }, rubric: Rubric, v: VendorResult, flags: ConsensusFlags): Meeting {
  const file = consensusFile(ws, v);
  checkTarget(file, { createParent: true });
  const lock = acquireLock(file, 'a consensus meeting');
  process.on('exit', () => lock.release());
  removeStaleTemps(file);
  const saver = new ConsensusSaver(file, lock, { vendor: v.id, rubric: rubricRef(rubric), schema: schemaFor(file) }, flags.maxFileSize);
  const all = agendaOf(v);
  const agenda = all.filter((x) => !x.question.agreed);
  return { vendor: v, file, saver, lock, agenda, settled: all.length - agenda.length };
}

export async function consensus(vendorArg: string | undefined, pathArgs: string[], flags: ConsensusFlags): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError('consensus needs an interactive terminal; the outcomes can also be written by hand in consensus/<vendor-id>.yaml (see docs/files.md)');
  }
  const { vendor, paths } = splitArgs(vendorArg, pathArgs);
  const { workspace, comparison } = loadComparison(paths, flags);
  const vendors = vendor === undefined ? comparison.vendors.filter((v) => agendaOf(v).length > 0) : [vendorOrFail(comparison, vendor)];
  const open = vendors.filter((v) => agendaOf(v).some((x) => !x.question.agreed));
  if (open.length === 0) {
    writeStdout(vendors.length === 0 ? 'No question is flagged: the evaluators agree within the rubric\'s disagreement threshold.\n' : 'Every flagged question already has an agreed score or a kept average.\n');
    return ExitCode.Ok;
  }
  const feed = new KeyFeed();
  feed.start();
  const stop = () => feed.stop();
  process.on('exit', stop);
  try {
    const prompts = await import('../prompts.js');
    // Absolute paths, so the command works pasted into another folder or a new terminal.
    const where = [...defaultPaths(paths).map((p) => shellQuote(path.resolve(p))), ...(flags.rubric ? [`--rubric ${shellQuote(path.resolve(flags.rubric))}`] : [])];
    const commands = { resume: ['vendorscore consensus', ...(vendor ? [shellQuote(vendor)] : []), ...where].join(' '), compare: ['vendorscore compare', ...where].join(' ') };
    const run = new Run(comparison, flags, prompts.createConsensusPrompter(undefined, feed), commands);
    for (const v of open) {
      const m = openMeeting(workspace, comparison.rubric, v, flags);
      try {
        const how = await run.hold(m);
        if (how !== 'done') return how === 'quit' ? run.close() : ExitCode.Interrupted;
      } catch (e) {
        if (e instanceof prompts.Interrupted) return run.interrupted();
        throw e;
      } finally {
        m.lock.release();
      }
    }
    return run.close();
  } finally {
    stop();
  }
}

/** The meeting across vendors: asks, saves each outcome at once, and says where things stand when it stops. */
class Run {
  private readonly saved: string[] = [];
  private current: { m: Meeting; item: AgendaItem; choice?: number | 'keep' } | undefined;
  private readonly color: boolean;

  constructor(
    private readonly c: Comparison,
    private readonly flags: ConsensusFlags,
    private readonly prompter: ConsensusPrompter,
    private readonly commands: { resume: string; compare: string },
  ) {
    this.color = useColor({ color: flags.color });
    exitOnStopSignals({ saved: () => this.standing(), resume: this.commands.resume, keep: () => this.keepDraft() });
  }

  async hold(m: Meeting): Promise<'done' | 'quit'> {
    const draft = m.saver.readDraft();
    let settled = m.settled;
    const total = m.settled + m.agenda.length;
    for (const [i, item] of m.agenda.entries()) {
      const q = item.question;
      const mine = draft?.question === q.id ? draft : undefined;
      this.current = { m, item };
      const guidance = this.c.rubric.areas.flatMap((a) => a.questions).find((x) => x.id === q.id)?.guidance ?? {};
      const aggregate = this.c.options.aggregate;
      const choice = await this.prompter.outcome({
        header: (width, rows) => renderAgendaItem({ item, at: m.settled + i + 1, of: total, settled, text: q.text, aggregate, rows }, { color: this.color, width }),
        choices: (width) => outcomeChoices(this.c.rubric, q, guidance, aggregate, width),
        start: startingChoice(this.c.rubric, q, mine?.score),
      });
      if (choice === 'skip') continue;
      if (choice === 'quit') return 'quit';
      this.current.choice = choice;
      const what = choice === 'keep' ? `keeping the ${aggregate}` : `the agreed ${safeText(String(choice))}`;
      const reason = await this.prompter.reason(`Reason for ${what}`, mine?.reason);
      const agreement: Agreement = { score: choice === 'keep' ? null : choice, reason, by: this.by(m.vendor), date: today() };
      m.saver.save(q.id, agreement);
      this.current = undefined;
      settled++;
      this.saved.push(`${safeText(m.vendor.id)} ${outcomeText(safeText(q.id), agreement, aggregate)}`);
    }
    return 'done';
  }

  private by(v: VendorResult): string[] {
    const given = this.flags.by?.split(',').map((s) => s.trim()).filter(Boolean);
    return given && given.length > 0 ? given : v.evaluators;
  }

  /** What was chosen and typed for the open question is kept as a draft for the next meeting. */
  private keepDraft(): ConsensusDraft | undefined {
    const cur = this.current;
    const typed = this.prompter.halfTyped();
    if (!cur || cur.choice === undefined) return undefined;
    const d: ConsensusDraft = { question: cur.item.question.id, score: cur.choice, reason: typed ?? '' };
    try {
      cur.m.saver.saveDraft(d);
      return d;
    } catch {
      return undefined;
    }
  }

  private standing(): string {
    const n = this.saved.length;
    return `${n} outcome${n === 1 ? '' : 's'} saved in this meeting${n ? `: ${this.saved.join('; ')}` : ''}.`;
  }

  interrupted(): number {
    const d = this.keepDraft();
    const file = this.current ? displayPath(this.current.m.saver.draftFile) : '';
    const kept = d ? `\nDraft kept in ${safeText(file)}: ${safeText(d.question)} ${d.score === 'keep' ? 'keep the average' : `agreed ${d.score}`}${d.reason ? `, reason so far: ${safeText(d.reason, { max: 120 })}` : ''}; the next meeting offers it again.` : '';
    writeStderr(`\nInterrupted. ${this.standing()}${kept}\nResume with: ${this.commands.resume}\n`);
    return ExitCode.Interrupted;
  }

  close(): number {
    writeStdout(`\n${this.standing()}\nThe ranking with the agreed scores: ${this.commands.compare}\nFlagged questions left open stay on the agenda: ${this.commands.resume}\n`);
    return ExitCode.Ok;
  }
}
