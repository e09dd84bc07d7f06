// What each importer's loads are derived with: an explicit version, a fingerprint of the code it
// runs (its module and every module it imports), and for law the analyzer's rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
