// A value kept on the object it belongs to, under a private symbol: what a module-level WeakMap
// keyed by parsed instructions, documents or scripts would hold. V8's young-generation collector
// treats a WeakMap's values as alive until a full collection, so a WeakMap filled by every lint
// with the lint's own short-lived objects had each scavenge copy and promote them: measured on the
// corpus, a cold lint spent about a fifth of its time collecting. A property dies with its object.
// Not for keys that are frozen (a property cannot be added). An object made with Object.create
// reads its prototype's value: a cache keyed by such objects (lint.ts's views of a document) must
// check whose value it read.

export interface Slot<K extends object, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  has(key: K): boolean;
  delete(key: K): void;
}

export function slot<K extends object, V>(name: string): Slot<K, V> {
  const symbol = Symbol(name);
  type Holder = { [symbol]?: V };
  return {
    get: (key) => (key as Holder)[symbol],
    set: (key, value) => { (key as Holder)[symbol] = value; },
    has: (key) => (key as Holder)[symbol] !== undefined,
    delete: (key) => { (key as Holder)[symbol] = undefined; },
  };
}
