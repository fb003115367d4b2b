// What every page of the site runs, as one module: one request and one compressed file instead of three keeps
// plain pages within their JavaScript budget (tests/site/weight.test.ts).
import './quick-exit.ts';
import './carry-source.ts';
import './language-suggestion.ts';
