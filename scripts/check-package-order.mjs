#!/usr/bin/env node
// Checks every workspace package against the dependency direction in scripts/package-order.json
// (the order of DESIGN.md): a package may depend on, and import, only packages of earlier groups.
// Both package.json dependencies and the import specifiers in src/ are checked, so an import that
// pnpm would resolve by accident through hoisting is caught too.
// Usage: check-package-order.mjs [workspace-root]   (exit 0 when clean, 1 with one line per violation)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const order = JSON.parse(readFileSync(join(root, 'scripts', 'package-order.json'), 'utf8'));
const scope = `${order.scope}/`;

function rankOf(name) {
  for (let i = 0; i < order.groups.length; i++) {
    for (const pattern of order.groups[i]) {
      if (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern) return i;
    }
  }
  return -1;
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|js|mjs)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const importRe = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](@[^/'"]+\/[^/'"]+)/g;
const problems = [];
const packagesDir = join(root, 'packages');
for (const dir of readdirSync(packagesDir).sort()) {
  const manifest = join(packagesDir, dir, 'package.json');
  if (!existsSync(manifest)) continue;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const name = pkg.name?.startsWith(scope) ? pkg.name.slice(scope.length) : dir;
  const rank = rankOf(name);
  if (rank < 0) {
    problems.push(`packages/${dir}: ${pkg.name} is not in scripts/package-order.json`);
    continue;
  }
  const used = new Map();
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const dep of Object.keys(pkg[field] ?? {}))
      if (dep.startsWith(scope)) used.set(dep, `package.json ${field}`);
  }
  for (const file of sourceFiles(join(packagesDir, dir, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(importRe)) {
      if (!m[1].startsWith(scope)) continue;
      const rel = file.slice(root.length + 1);
      if (!pkg.dependencies?.[m[1]])
        problems.push(`${rel}: imports ${m[1]} without declaring it in dependencies`);
      if (!used.has(m[1])) used.set(m[1], rel);
    }
  }
  for (const [dep, where] of used) {
    const depName = dep.slice(scope.length);
    const depRank = rankOf(depName);
    if (depRank < 0) problems.push(`packages/${dir} (${where}): ${dep} is not in scripts/package-order.json`);
    else if (depName === name) problems.push(`packages/${dir} (${where}): depends on itself`);
    else if (depRank >= rank) {
      const why = depRank === rank ? 'a peer in the same group' : 'a package later in the order';
      problems.push(`packages/${dir} (${where}): ${pkg.name} may not depend on ${dep}, ${why}`);
    }
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(`package order: ${p}`);
  process.exit(1);
}
console.log('package order: every package depends only on packages earlier in the order');
