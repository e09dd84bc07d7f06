// An exact set of non-negative integer ids (up to 2^53) in one typed array, for the key checks
// of the bulk NIBRS tables (every offense_id, incident_id, arrestee_id, victim_id once): about
// 16–32 bytes per id, against ~60 for a Set<number>, and no per-entry allocation.
import { MAX_NIBRS_TABLE_ROWS } from '../limits.ts';

const EMPTY = -1;

export class IdSet {
  private slots = new Float64Array(1 << 12).fill(EMPTY);
  private mask = (1 << 12) - 1;
  size = 0;

  /** Add an id; false when it was already there. */
  add(id: number): boolean {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    return this.insert(id);
  }

  private insert(id: number): boolean {
    const slots = this.slots;
    const mask = this.mask;
    // Mix the low and high 32 bits (ids are often sequential: the multiply spreads them).
    let i = (Math.imul((id >>> 0) ^ Math.floor(id / 4294967296), 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const v = slots[i]!;
      if (v === EMPTY) {
        slots[i] = id;
        this.size++;
        return true;
      }
      if (v === id) return false;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    // Never more than the row limit allows: the caller refuses the table before that.
    if (this.slots.length >= 4 * MAX_NIBRS_TABLE_ROWS) return;
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(EMPTY);
    this.mask = this.slots.length - 1;
    this.size = 0;
    for (const v of old) if (v !== EMPTY) this.insert(v);
  }
}
