/**
 * What a pull request's files need checked: a change to content alone (an editor's story, news, series or helplines)
 * needs only the fast content check; anything else, the whole test suite.
 */
export function checksFor(changedFiles: readonly string[]): 'check:content' | 'test' {
  const contentOnly = changedFiles.length > 0 && changedFiles.every((file) => file.startsWith('content/'));
  return contentOnly ? 'check:content' : 'test';
}
