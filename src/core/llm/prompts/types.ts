/** A versioned prompt: bump `version` whenever `system` or `user` changes meaning (the cache key includes it). */
export interface PromptTemplate<V> {
  id: string;
  version: number;
  system: string;
  user(vars: V): string;
}
