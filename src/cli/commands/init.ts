export async function init(_dir: string, _flags: { quiet?: boolean }): Promise<number> {
  throw new Error('not yet');
}
