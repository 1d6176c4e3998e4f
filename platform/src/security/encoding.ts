/** Base62 (0-9, A-Z, a-z) and CRC-32, shared by the key formats of this folder. Internal. */

export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE62_INDEX = new Map([...BASE62_ALPHABET].map((ch, i) => [ch, BigInt(i)]));

/** Fixed-width base62 of a non-negative integer; throws when the value does not fit. */
export function toBase62(value: bigint, width: number): string {
  let rest = value;
  let out = '';
  for (let i = 0; i < width; i++) {
    out = BASE62_ALPHABET[Number(rest % 62n)] + out;
    rest /= 62n;
  }
  if (rest !== 0n) throw new RangeError(`value does not fit in ${width} base62 digits`);
  return out;
}

/** Decodes base62; undefined when a character is outside the alphabet. */
export function fromBase62(text: string): bigint | undefined {
  let value = 0n;
  for (const ch of text) {
    const digit = BASE62_INDEX.get(ch);
    if (digit === undefined) return undefined;
    value = value * 62n + digit;
  }
  return value;
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum zip and PNG use. Written out
// because zlib.crc32 only exists from Node 20.15 and the engines range starts at 20.11.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: string | Uint8Array): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
