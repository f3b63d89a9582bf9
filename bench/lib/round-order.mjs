/** The list rotated by `round` places: alternating who goes first so drift hits every variant alike. */
export function roundOrder(list, round) {
  const k = round % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}
