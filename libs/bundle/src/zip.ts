/** A zip whose bytes depend only on its entries: the Terraform asset of a function stays the same until its code changes. */
import { zipSync } from 'fflate';

/** 1980-01-01 00:00 in local time: fflate writes DOS times from local fields, so this is the same bytes in every time zone. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** Sorted entries, fixed times, fixed Unix mode 0644, fixed compression: byte-identical for identical input. */
export function deterministicZip(entries: Readonly<Record<string, Uint8Array>>): Uint8Array {
  const sorted = Object.keys(entries).sort();
  return zipSync(Object.fromEntries(sorted.map((name) => [name, [entries[name], { mtime: FIXED_MTIME, level: 9, os: 3, attrs: (0o100644 << 16) >>> 0 }]])));
}
