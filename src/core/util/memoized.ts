/**
 * `fn` remembered per string argument, for pure functions asked the same few thousand questions again and
 * again (type names at every overload comparison, conditions at every branch of every path). Bounded: the
 * memory is cleared once it holds `bound` answers, so a long-lived server does not grow without end.
 * `fn` must never return undefined (that reads as "not remembered").
 */
export function memoized<R>(fn: (key: string) => R, bound = 50_000): (key: string) => R {
  const memo = new Map<string, R>();
  return (key) => {
    let r = memo.get(key);
    if (r === undefined) {
      if (memo.size >= bound) memo.clear();
      memo.set(key, (r = fn(key)));
    }
    return r;
  };
}
