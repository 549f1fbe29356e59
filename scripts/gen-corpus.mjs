#!/usr/bin/env node
// Generates a synthetic but structurally realistic Java workspace for benchmarks: packages of service
// classes with SLF4J loggers, fields, branches, loops, switch, try/catch, and calls across classes.
// usage: node scripts/gen-corpus.mjs <outDir> [targetLines=400000] [seed=1]
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const [outDir = 'bench-corpus', targetArg = '400000', seedArg = '1'] = process.argv.slice(2);
const target = Number(targetArg);
let s = Number(seedArg) >>> 0 || 1;
const rnd = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = (a) => a[Math.floor(rnd() * a.length)];
const nouns = ['Block', 'Replica', 'Volume', 'Lease', 'Packet', 'Chunk', 'Session', 'Token', 'Segment', 'Journal', 'Shard', 'Index'];
const verbs = ['receive', 'verify', 'replicate', 'flush', 'allocate', 'release', 'scan', 'commit', 'recover', 'report'];
const msgs = ['Receiving {} from {}', 'Verified {} in {} ms', 'Failed to {} {}', 'Scheduled {} for {}', 'Deleted {} at {}', 'Timeout waiting for {}'];

rmSync(outDir, { recursive: true, force: true });
let lines = 0; let fileNo = 0;
const classes = [];
while (lines < target) {
  const pkg = `org.bench.p${Math.floor(fileNo / 40)}`;
  const name = `${pick(nouns)}Service${fileNo}`;
  classes.push({ pkg, name });
  const peer = classes.length > 1 ? classes[Math.floor(rnd() * (classes.length - 1))] : undefined;
  const out = [`package ${pkg};`, '', 'import org.slf4j.Logger;', 'import org.slf4j.LoggerFactory;'];
  if (peer && peer.pkg !== pkg) out.push(`import ${peer.pkg}.${peer.name};`);
  out.push('', `public class ${name} {`, `  private static final Logger LOG = LoggerFactory.getLogger(${name}.class);`);
  if (peer) out.push(`  private final ${peer.name} peer = new ${peer.name}();`);
  out.push('  private int count;', '  private String state = "idle";', '');
  const methods = 8 + Math.floor(rnd() * 8);
  for (let m = 0; m < methods; m++) {
    const v = pick(verbs); const n = pick(nouns);
    out.push(`  public int ${v}${n}${m}(String id, int size) {`);
    out.push(`    if (id == null) {`, `      LOG.warn("${n} id missing in ${v}");`, '      return -1;', '    }');
    out.push(`    LOG.info("${pick(msgs)}", id, size);`);
    out.push('    for (int i = 0; i < size; i++) {', '      count += i;', '      if (count % 7 == 0) {', `        LOG.debug("${n} {} step {}", id, i);`, '      }', '    }');
    out.push('    switch (size % 3) {', '      case 0:', `        LOG.info("${n} " + id + " aligned");`, '        break;', '      case 1:', '        state = "odd";', '      default:', '        count++;', '    }');
    out.push('    try {');
    if (peer && m % 2 === 0) out.push(`      peer.${pick(verbs)}Helper(id);`);
    out.push(`      helper${m}(id);`, '    } catch (IllegalStateException e) {', `      LOG.error("Failed to ${v} ${n} {}", id, e);`, '      throw e;', '    } finally {', '      count--;', '    }', '    return count;', '  }', '');
    out.push(`  private void helper${m}(String id) {`, '    if (state.equals("closed")) {', '      throw new IllegalStateException("closed " + id);', '    }', `    LOG.trace("helper ${m} for {}", id);`, '  }', '');
  }
  for (const v of verbs) out.push(`  public void ${v}Helper(String id) {`, `    LOG.info("${v} helper {}", id);`, '  }', '');
  out.push('}');
  const dir = join(outDir, 'src', 'main', 'java', ...pkg.split('.'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.java`), out.join('\n') + '\n');
  lines += out.length; fileNo++;
}
console.log(`${outDir}: ${fileNo} files, ${lines} lines`);
