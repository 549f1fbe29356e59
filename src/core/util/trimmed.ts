/**
 * `a` without spare capacity. An array grown by `push` keeps room for at least 17 elements; the index keeps
 * hundreds of thousands of small ones (parameters, argument types) for as long as it lives, and the
 * young-generation collector copies that room along with them. Measured on the 400k-line corpus: 15 MB.
 */
export function trimmed<T>(a: T[]): T[] {
  return a.length === 0 ? a : a.slice();
}
