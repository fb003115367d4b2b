// Where the Worker runs decides what it may accept: only a database on this machine makes a run local.
import { describe, expect, it } from 'vitest';
import { deploymentOf } from '../../src/lib/deployment.ts';

describe('a run', () => {
  it.each(['http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080'])('is local with its database at %s', (url) => {
    expect(deploymentOf(url)).toBe('local');
  });

  it.each([
    ['a Turso database', 'libsql://walkaway-campaign.turso.io'],
    ['a remote database over HTTPS', 'https://walkaway-campaign.turso.io'],
    ['a host that only starts like a loopback address', 'http://127.0.0.1.evil.example:8080'],
    ['a loopback name inside user info', 'http://localhost@evil.example'],
    ['no database address', undefined],
    ['an unreadable address', 'not a url'],
  ])('is deployed with %s, so that a mistake only makes it stricter', (_, url) => {
    expect(deploymentOf(url)).toBe('deployed');
  });
});
