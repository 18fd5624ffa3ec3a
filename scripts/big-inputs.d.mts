// Types for big-inputs.mjs, for the tests that import it.
export function bigRubric(areas: number, questions: number): string;
export function writeWorkspace(dir: string, opts: { vendors?: number; evaluators: number; areas?: number; questions?: number; ownEvaluators?: boolean; seed?: number }): Map<string, number>;
export interface ResultsFile {
  rubric: { id: string; version: number; scale: { min: number; max: number } };
  options: { aggregate: 'mean' | 'median'; missing: 'min' | 'ignore' };
  vendors: Array<{ id: string; name: string; rank: number | null; total: number; evaluators: string[]; areas: Array<{ id: string; weight: number; questions: Array<{ id: string; score: number | null; scores: Record<string, number> }> }> }>;
}
export function resultsPair(opts: { vendors?: number; evaluators: number; areas?: number; questions?: number; seed?: number }): { before: ResultsFile; after: ResultsFile };
