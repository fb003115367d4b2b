// Preloaded with `node --import` into a command the tests run, to report how much memory it needed at most.
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kb: ${process.resourceUsage().maxRSS}\n`);
});
