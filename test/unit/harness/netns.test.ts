// How scripts/lib/engines.mjs picks the Swarm worker's network namespace: a /30 in 169.254/16
// (link-local, never routed) that no interface uses, never 169.254.169.x (cloud metadata), the
// namespace named after its third octet so that two runs picking the same one collide on the
// name; interface names within Linux's 15 characters.
import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(__dirname, '../../../..');

interface Candidate { ns: string; hostLink: string; nsLink: string; hostAddr: string; nsAddr: string }
type Candidates = (ipAddr: string, netnsList: string, start?: number) => Candidate[];

const load = new Function('url', 'return import(url)') as (url: string) => Promise<{ netnsCandidates: Candidates }>;

describe('harness: the Swarm worker\'s network namespace', () => {
  let netnsCandidates: Candidates;
  before(async () => { ({ netnsCandidates } = await load(pathToFileURL(join(root, 'scripts/lib/engines.mjs')).href)); });

  it('skips link-local subnets in use, namespaces that exist, and 169.254.169.x', () => {
    const ipAddr = '9: wsw2h    inet 169.254.2.1/30 scope global wsw2h\\       valid_lft forever preferred_lft forever';
    const all = netnsCandidates(ipAddr, 'wharfsw3 (id: 1)\nnetns-abc (id: 4)', 0);
    assert.deepEqual(all.slice(0, 2).map((c) => c.ns), ['wharfsw1', 'wharfsw4']);
    assert.ok(!all.some((c) => c.hostAddr.startsWith('169.254.169.')));
    assert.equal(all.length, 247);
  });

  it('puts both ends on one /30 of 169.254/16, with names Linux accepts', () => {
    for (const c of netnsCandidates('', '', 0)) {
      const third = Number(c.ns.slice('wharfsw'.length));
      assert.deepEqual([c.hostAddr, c.nsAddr], [`169.254.${third}.1`, `169.254.${third}.2`]);
      assert.ok(c.hostLink.length <= 15 && c.nsLink.length <= 15 && c.hostLink !== c.nsLink);
    }
  });
});
