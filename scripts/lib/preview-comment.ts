/** The marker that finds the preview comment again on the next push, so that there is only ever one. */
export const PREVIEW_COMMENT_MARKER = '<!-- walkaway-preview -->';

/** The preview's address in `wrangler versions upload`'s output: the alias URL, else the version's own preview URL. */
export function previewUrlIn(output: string): string | undefined {
  const alias = /Version Preview Alias URL:\s*(https:\/\/\S+)/i.exec(output)?.[1];
  return alias ?? /Version Preview URL:\s*(https:\/\/\S+)/i.exec(output)?.[1];
}

/** The comment on the pull request: where the preview is, for which commit, and that it is not public. */
export function previewComment(url: string, commit: string): string {
  return [
    PREVIEW_COMMENT_MARKER,
    `**Preview of this pull request, drafts included:** ${url}`,
    '',
    `Built from ${commit.slice(0, 7)}. Only people the campaign lets in through Cloudflare Access can open it; search engines are kept out. Nothing can be pledged or sent there.`,
  ].join('\n');
}

/** The id of the preview comment among a pull request's comments, to update it rather than add another. */
export function previewCommentId(comments: ReadonlyArray<{ id: number; body?: string | null }>): number | undefined {
  return comments.find((comment) => comment.body?.startsWith(PREVIEW_COMMENT_MARKER))?.id;
}
