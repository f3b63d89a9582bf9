import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder (bench/ sits in it). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
