// `npm run db:serve`: the local libSQL server (Hrana over HTTP) that dev, preview and tests talk to.
import { parseArgs } from 'node:util';
import { startServer } from './libsql-server/server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    file: { type: 'string', default: '.data/walkaway.db' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

const server = await startServer({ file: values.file, port: Number(values.port), host: values.host });
console.log(`libSQL server listening on ${server.url} (database: ${values.file})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await server.close();
    process.exit(0);
  });
}
