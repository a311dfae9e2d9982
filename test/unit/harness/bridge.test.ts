// How scripts/lib/engines.mjs picks the private dockerd's bridge: a /24 in 10.231/16 that no
// interface on the machine uses, named after its third octet so that two runs picking the same
// one collide on the name (and the second moves on) instead of sharing a subnet.
import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(__dirname, '../../../..');

interface Candidate { name: string; address: string }
type Candidates = (ipAddr: string, ipLink: string, start?: number) => Candidate[];

const load = new Function('url', 'return import(url)') as (url: string) => Promise<{ bridgeCandidates: Candidates }>;

const IP_ADDR = [
  '1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever',
  '3: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\\       valid_lft forever preferred_lft forever',
  '4: docker0    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\\       valid_lft forever preferred_lft forever',
  '6: wharfbr3    inet 10.231.3.1/24 scope global wharfbr3\\       valid_lft forever preferred_lft forever',
  '7: other    inet 10.231.4.1/24 scope global other\\       valid_lft forever preferred_lft forever',
].join('\n');
const IP_LINK = [
  '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
  '3: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default\\    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff',
  '6: wharfbr3: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default\\    link/ether 8a:1b:2c:3d:4e:5f brd ff:ff:ff:ff:ff:ff',
  '8: wharfbr5: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default\\    link/ether 8a:1b:2c:3d:4e:60 brd ff:ff:ff:ff:ff:ff',
].join('\n');

describe('harness: private bridge choice', () => {
  let bridgeCandidates: Candidates;
  before(async () => { ({ bridgeCandidates } = await load(pathToFileURL(join(root, 'scripts/lib/engines.mjs')).href)); });

  it('skips subnets in use on any interface and bridge names that exist', () => {
    const names = bridgeCandidates(IP_ADDR, IP_LINK, 0).map((c) => c.name);
    assert.deepEqual(names.slice(0, 4), ['wharfbr1', 'wharfbr2', 'wharfbr6', 'wharfbr7']);
    for (const taken of ['wharfbr3', 'wharfbr4', 'wharfbr5']) assert.ok(!names.includes(taken), taken);
  });

  it('names each bridge after its own /24 in 10.231/16, never 172.17/16, within Linux\'s 15 characters', () => {
    const all = bridgeCandidates('', '', 0);
    assert.equal(all.length, 250);
    for (const { name, address } of all) {
      const third = Number(name.slice('wharfbr'.length));
      assert.equal(address, `10.231.${third}.1/24`);
      assert.ok(third >= 1 && third <= 250);
      assert.ok(name.length <= 15);
    }
    assert.equal(new Set(all.map((c) => c.address)).size, 250);
  });

  it('starts where asked and wraps around, so concurrent runs start apart', () => {
    const names = bridgeCandidates('', '', 248).map((c) => c.name);
    assert.deepEqual(names.slice(0, 4), ['wharfbr249', 'wharfbr250', 'wharfbr1', 'wharfbr2']);
  });
});
