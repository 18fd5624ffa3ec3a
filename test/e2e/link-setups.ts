/**
 * Workspaces with links and editor artefacts, made at test time (git would store a link to
 * /proc/self/environ, but a checkout without symlink support would turn it into a text file).
 * Each builds `links/` in `dir`: one valid evaluation plus what the case is about. The secrets
 * written here must never appear in any output.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const GOOD = 'vendor:\n  name: Acme AI\nrubric: ai-vendor@1\nevaluator: Ann\nanswers:\n  prompt-logging: 3\n';
/** What a .env file beside the workspace holds. */
export const DOTENV_SECRET = 'hunter2-SECRET-from-dotenv';
export const DOTENV = `# production\nDB_HOST=db.internal\nDB_PASSWORD=${DOTENV_SECRET}\n`;

export type LinkSetup = 'links-environ' | 'links-dotenv' | 'links-folder' | 'links-inside' | 'artefacts';

/** Writes files (path → text) and links (path → target) under dir. */
export function layout(dir: string, files: Record<string, string | Buffer>, links: Record<string, string> = {}): void {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  for (const [f, target] of Object.entries(links)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    symlinkSync(target, path.join(dir, f));
  }
}

export const linkSetups: Record<LinkSetup, (dir: string) => void> = {
  'links-environ': (dir) => layout(dir, { 'links/good.yaml': GOOD }, { 'links/environ.yaml': '/proc/self/environ' }),
  'links-dotenv': (dir) => layout(dir, { 'links/good.yaml': GOOD, 'secret.env': DOTENV }, { 'links/dotenv.yaml': '../secret.env' }),
  // A folder link out of the workspace: what is inside is a valid evaluation, and still not read.
  'links-folder': (dir) => layout(dir, { 'links/good.yaml': GOOD, 'elsewhere/bob.yaml': GOOD.replace('Ann', 'Bob') }, { 'links/shared': '../elsewhere' }),
  // Links that stay inside the folder named are followed as before: a file kept in a hidden folder, reached by name.
  'links-inside': (dir) => layout(dir, { 'links/good.yaml': GOOD, 'links/.archive/bob-v2.yaml': GOOD.replace('Ann', 'Bob') }, { 'links/bob.yaml': '.archive/bob-v2.yaml' }),
  // An Emacs lock link (it points nowhere), a macOS AppleDouble file, Finder and Office leftovers.
  artefacts: (dir) =>
    layout(
      dir,
      { 'links/good.yaml': GOOD, 'links/._good.yaml': Buffer.from([0, 5, 22, 7, 0, 2, 0, 0, 0x4d, 0x61, 0x63]), 'links/.DS_Store': Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]), 'links/~$good.yaml': Buffer.from([6, 0x61, 0x6e, 0x6e]) },
      { 'links/.#good.yaml': 'ann@laptop.4242:1700000000' },
    ),
};
