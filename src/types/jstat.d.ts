/** The one part of jstat vendorscore uses (it ships no types). */
declare module 'jstat' {
  export const jStat: { studentt: { inv(p: number, dof: number): number } };
}
