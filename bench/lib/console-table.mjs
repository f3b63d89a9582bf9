/** A titled table as aligned plain text. */
export function formatConsoleTable({ title, header, rows, notes = [] }) {
  const widths = header.map((h, i) => Math.min(90, Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length))));
  const line = (cells) => cells.map((c, i) => String(c ?? '').slice(0, widths[i]).padEnd(widths[i])).join(' | ').trimEnd();
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line), ...notes.map((n) => `  ${n}`)].join('\n');
}
