import { UserError } from '../../errors.js';
import type { WeightsFlags } from './weights.js';

export async function weightsSession(_flags: WeightsFlags): Promise<number> {
  throw new UserError('not yet');
}
