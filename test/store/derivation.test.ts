// What each importer's loads are derived with: an explicit version, a fingerprint of the code it
// runs (its module and every module it imports), and for law the analyzer's rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DESCRIPTORS } from '../../src/sources/descriptors.ts';
import { REPO, tempDir } from '../helpers.ts';
import { codeFiles, codeFingerprint, derivationOf, loadImporters, rulesFingerprint } from '../../src/sources/registry.ts';

test('every importer has a code fingerprint of its own; only law has an analyzer fingerprint', async () => {
  const importers = await loadImporters();
  const codes = new Set<string>();
  for (const imp of importers) {
    const d = await derivationOf(imp);
    assert.match(d.code, /^[0-9a-f]{64}$/, imp.id);
    assert.equal(d.importerVersion, imp.version ?? '1');
    assert.equal(d.analyzer === null, imp.id !== 'law', imp.id);
    codes.add(d.code);
  }
  assert.equal(codes.size, importers.length, 'no two importers share a fingerprint');
  assert.equal((await derivationOf(importers[0]!)).analyzer, null);
  assert.equal(rulesFingerprint(), rulesFingerprint(), 'stable');
});

test('the code fingerprint follows imports: a module that imports another differs from it, and type-only imports are not followed', () => {
  const tip = codeFiles('sources/tip/index.ts');
  assert.ok(tip.includes('sources/tip/index.ts'));
  assert.ok(tip.includes('sources/csv.ts'), 'the shared CSV reader the TIP importer runs');
  assert.ok(tip.includes('model/places.ts'), 'the gazetteer it maps countries with');
  // The store is imported by importers as a type only: editing the store must not rebuild every source.
  assert.ok(!tip.includes('store/store.ts'), tip.join(', '));
  const nibrs = codeFiles('sources/nibrs/index.ts');
  assert.ok(nibrs.some((f) => f.startsWith('sources/nibrs/') && f !== 'sources/nibrs/index.ts'), 'the NIBRS reader modules');
  const law = codeFiles('law/importer.ts');
  assert.ok(law.some((f) => f.startsWith('law/rules/')), 'the law rules are part of the law importer\'s code');
  assert.notEqual(codeFingerprint('sources/tip/index.ts'), codeFingerprint('sources/csv.ts'));
});

test('an edit to an importer module, or to the source facts it shares with its descriptor, changes its code fingerprint', () => {
  // The importers load lazily (a descriptor's loadImporter); the fingerprint still reads the code they run.
  const src = join(REPO, 'src');
  const copy = join(tempDir(), 'src');
  cpSync(src, copy, { recursive: true });
  for (const d of DESCRIPTORS) {
    const entry = relative(src, d.entry);
    assert.equal(codeFingerprint(entry, copy), codeFingerprint(entry), `${d.id}: an unedited copy has the same fingerprint`);
  }
  for (const d of DESCRIPTORS) {
    const entry = relative(src, d.entry);
    const before = codeFingerprint(entry, copy);
    appendFileSync(join(copy, entry), '\n// edited\n');
    const edited = codeFingerprint(entry, copy);
    assert.notEqual(edited, before, `${d.id}: editing ${entry} changes the fingerprint`);
    const facts = join(dirname(entry), 'source.ts');
    assert.ok(existsSync(join(copy, facts)), `${d.id}: ${facts} exists`);
    appendFileSync(join(copy, facts), '\n// edited\n');
    assert.notEqual(codeFingerprint(entry, copy), edited, `${d.id}: editing ${facts} changes the fingerprint`);
  }
});
