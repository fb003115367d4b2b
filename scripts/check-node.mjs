// Runs before `npm install` and before every npm script (the pre… entries in package.json), on whatever Node the
// machine has: plain JavaScript, which any Node reads. The project's scripts are .ts files run with Node's type
// stripping (22.18 and newer); an older Node would stop on them with ERR_UNKNOWN_FILE_EXTENSION and a stack trace.
// This stops first, with one line that says what is needed and where the README says how to get it.
import { pathToFileURL } from 'node:url';

const REQUIRED = { major: 22, minor: 18 };

/** What is wrong with a Node version for this project, in one line; undefined when it will do. */
export function nodeVersionProblem(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  if (major > REQUIRED.major || (major === REQUIRED.major && minor >= REQUIRED.minor)) return undefined;
  return `Walkaway needs Node.js ${REQUIRED.major}.${REQUIRED.minor} or newer, and this is Node.js ${version.replace(/^v/, '')}: see "Prerequisites" in README.md for how to get Node 24.`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
