import { describe, expect, it, vi } from 'vitest';

// Count YAML parses to prove the build-time cache is what the bundled rubric is read from.
const parses = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../src/io/yaml.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/io/yaml.js')>();
  return { ...real, parseYaml: (...args: Parameters<typeof real.parseYaml>) => (parses.n++, real.parseYaml(...args)) };
});

// The fast reader (src/io/yaml-fast.ts) is tried first: a parse by either counts.
vi.mock('../../src/io/yaml-fast.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/io/yaml-fast.js')>();
  return { ...real, parseYamlFast: (text: string) => (parses.n++, real.parseYamlFast(text)) };
});

const { defaultRubricPath, loadRubric } = await import('../../src/io/load.js');

describe('bundled rubric at run time', () => {
  it('comes from the cache the build wrote (no YAML parse); noCache parses', () => {
    parses.n = 0;
    const cached = loadRubric(defaultRubricPath());
    expect(cached.rubric?.id).toBe('ai-vendor');
    expect(parses.n).toBe(0);
    const parsed = loadRubric(defaultRubricPath(), { noCache: true });
    expect(parses.n).toBe(1);
    expect(cached.rubric).toEqual(parsed.rubric);
  });
});
