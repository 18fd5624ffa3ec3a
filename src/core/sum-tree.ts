/**
 * A fixed row of (num, den) leaves whose sums are kept current under point updates in O(log n).
 * The sums are added in a fixed tree order, so they depend only on the leaves' values, not on
 * the order of the updates that produced them: undoing a change gives back the same sums.
 */
export class SumTree {
  readonly size: number;
  private readonly width: number;
  private readonly num: Float64Array;
  private readonly den: Float64Array;

  constructor(size: number) {
    this.size = size;
    let width = 1;
    while (width < size) width *= 2;
    this.width = width;
    this.num = new Float64Array(2 * width);
    this.den = new Float64Array(2 * width);
  }

  set(i: number, num: number, den: number): void {
    let k = this.width + i;
    this.num[k] = num;
    this.den[k] = den;
    for (k >>= 1; k >= 1; k >>= 1) {
      this.num[k] = this.num[2 * k]! + this.num[2 * k + 1]!;
      this.den[k] = this.den[2 * k]! + this.den[2 * k + 1]!;
    }
  }

  get totalNum(): number {
    return this.num[1]!;
  }

  get totalDen(): number {
    return this.den[1]!;
  }

  /** The leaf holding the k-th unit of den (0-based), counting leaves left to right; den are counts. */
  leafAt(k: number): number {
    let node = 1;
    while (node < this.width) {
      const left = this.den[2 * node]!;
      if (k < left) node = 2 * node;
      else {
        k -= left;
        node = 2 * node + 1;
      }
    }
    return node - this.width;
  }
}
