// @ts-check
import { stripAnsi } from '../wrangler-output.js';

/**
 * The queue names in `wrangler queues list` output. wrangler 4.86 prints a box table
 * (columns id, name, created_on, modified_on, producers, consumers):
 *
 *   ┌──────────────────────────────────┬───────────────┬─────
 *   │ id                               │ name          │ ...
 *   ├──────────────────────────────────┼───────────────┼─────
 *   │ 0a1b...                          │ my-todos-jobs │ ...
 *
 * Rather than rely on that layout, every whitespace- or border-separated word counts, and a
 * queue exists only if its whole name is one of them ("my-todos-jobs" is not found inside
 * "my-todos-jobs-dlq"). Queue names cannot contain spaces or border characters.
 *
 * @param {string} output
 * @returns {Set<string>}
 */
export function queueNamesIn(output) {
  return new Set(stripAnsi(output).split(/[\s│┃|]+/).filter(Boolean));
}
