/**
 * A bit stream written as base64url characters (6 bits each): the packed part of the learner
 * state. base64url because its characters pass unchanged through every LMS field and URL encoding.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Bits needed to write every integer from 0 to `count - 1` (0 when there is a single value). */
export function bitsFor(count: number): number {
  let bits = 0;
  while (2 ** bits < count) bits++;
  return bits;
}

/** Characters taken by `bits` bits. */
export const charsFor = (bits: number): number => Math.ceil(bits / 6);

/** Bits `writeCount(value)` takes. */
export function countBits(value: number): number {
  let groups = 1;
  while (value >= 32 ** groups) groups++;
  return 6 * groups;
}

/** Bits `writeSized(value, largest)` takes, whatever the value. */
export const sizedBits = (largest: number): number => 5 + bitsFor(largest + 1);

export class BitWriter {
  private readonly chars: string[] = [];
  private current = 0;
  private used = 0;
  /** Bits written so far. */
  length = 0;

  /** Writes the `width` low bits of a non-negative integer (width ≤ 32), most significant first. */
  write(value: number, width: number): void {
    for (let i = width - 1; i >= 0; i--) {
      this.current = (this.current << 1) | (Math.floor(value / 2 ** i) & 1);
      this.length++;
      if (++this.used === 6) {
        this.chars.push(ALPHABET[this.current]!);
        this.current = 0;
        this.used = 0;
      }
    }
  }

  /** A count with no known upper bound: groups of 5 bits, each after a "more follows" bit. */
  writeCount(value: number): void {
    let groups = 1;
    while (value >= 32 ** groups) groups++;
    for (let g = groups - 1; g >= 0; g--) {
      this.write(g > 0 ? 1 : 0, 1);
      this.write(Math.floor(value / 32 ** g) % 32, 5);
    }
  }

  /** A number whose largest value the writer knows: its width first (5 bits), then the value. */
  writeSized(value: number, largest: number): void {
    const width = bitsFor(largest + 1);
    this.write(width, 5);
    this.write(value, width);
  }

  toString(): string {
    return this.used === 0 ? this.chars.join('') : this.chars.join('') + ALPHABET[this.current << (6 - this.used)]!;
  }
}

/** Reads what a `BitWriter` wrote; reading past the end throws (the state is then unreadable). */
export class BitReader {
  private position = 0;

  constructor(private readonly text: string) {}

  read(width: number): number {
    let value = 0;
    for (let i = 0; i < width; i++, this.position++) {
      const char = this.text[Math.floor(this.position / 6)];
      const six = char === undefined ? undefined : VALUE.get(char);
      if (six === undefined) throw new RangeError('learner state ends early');
      value = value * 2 + ((six >> (5 - (this.position % 6))) & 1);
    }
    return value;
  }

  readCount(): number {
    let value = 0;
    let more = 1;
    for (let guard = 0; more && guard < 7; guard++) {
      more = this.read(1);
      value = value * 32 + this.read(5);
    }
    return value;
  }

  readSized(): number {
    return this.read(this.read(5));
  }

  skip(bits: number): void {
    if (Math.ceil((this.position + bits) / 6) > this.text.length) throw new RangeError('learner state ends early');
    this.position += bits;
  }

  /** Bits read so far. */
  get offset(): number {
    return this.position;
  }
}
