import { resolve } from 'node:path';

/**
 * Where `submissions draft` writes the drafts of readers' stories, relative to the project root: git-ignored and
 * outside what the content collections load, so that a reader's words are never committed, built or published before
 * an editor has redacted them and moved the draft into content/stories/ (`submissions move`). Tests point
 * WALKAWAY_INBOX_DIR elsewhere.
 */
export const inboxPath = (projectRoot: string, ...segments: string[]) => resolve(projectRoot, process.env.WALKAWAY_INBOX_DIR || 'inbox', ...segments);
