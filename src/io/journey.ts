/** Reads the stage folders of a workspace (docs/commands.md#stages): each with its rubric, scored the usual way. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { STAGE_RUBRICS, STAGES, type StageId, type StageInput } from '../core/journey.js';
import { compareVendors, defaultOptions } from '../core/score.js';
import type { Problem } from '../errors.js';
import { displayPath, findYamlFiles, isDir } from './files.js';
import { loadWorkspace } from './load.js';

/**
 * The rubric of a stage folder, as `--rubric` would name it: its own rubric.yaml (or .yml) when
 * it has one, else the bundled rubric of the stage. The selection stage also takes the
 * workspace's rubric.yaml beside the folder (the layout `init` has always made).
 */
export function stageRubric(workspace: string, stage: StageId): string {
  const beside = stage === 'evaluations' ? [workspace] : [];
  return folderRubric([path.join(workspace, stage), ...beside], STAGE_RUBRICS[stage]);
}

/** The first rubric.yaml (or .yml) in these folders, else the bundled rubric named `fallback`. */
export function folderRubric(folders: readonly string[], fallback: string): string {
  const own = folders.flatMap((d) => [path.join(d, 'rubric.yaml'), path.join(d, 'rubric.yml')]).find((f) => existsSync(f));
  return own ? displayPath(own) : fallback;
}

/** Does the folder hold an evaluation, not just its rubric? */
function holdsEvaluations(folder: string, rubric: string): boolean {
  if (!isDir(folder)) return false;
  const { files } = findYamlFiles([folder]);
  return files.some((f) => path.resolve(f) !== path.resolve(rubric));
}

export function loadStage(workspace: string, stage: StageId, maxBytes?: number): { input: StageInput; problems: Problem[] } {
  const folder = displayPath(path.join(workspace, stage)) || stage;
  const rubric = stageRubric(workspace, stage);
  const input: StageInput = { stage, folder, rubric };
  if (!holdsEvaluations(folder, rubric)) return { input, problems: [] };
  const { workspace: ws, problems } = loadWorkspace({ paths: [folder], rubric, maxBytes });
  if (!ws || problems.some((p) => p.severity === 'error')) return { input, problems };
  input.comparison = compareVendors(ws.rubric, ws.evaluations, defaultOptions(ws.rubric));
  return { input, problems };
}

export function loadJourney(workspace: string, maxBytes?: number): { stages: StageInput[]; problems: Problem[] } {
  const loaded = STAGES.map((s) => loadStage(workspace, s, maxBytes));
  return { stages: loaded.map((l) => l.input), problems: loaded.flatMap((l) => l.problems) };
}
