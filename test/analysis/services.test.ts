// Services against need: the real IOM Nigeria and TAT directories in the HSDS model (contact
// fields withheld), "none known" apart from zero, populations apart; the HSDS reader on the
// official Open Referral sample; domestic award records on a hand-written USAspending fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cpSync, writeFileSync, readFileSync } from 'node:fs';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { servicesAgainstNeed } from '../../src/analysis/funding-services.ts';
import { readHsdsPackage } from '../../src/sources/services/hsds.ts';
import { readAwardFile } from '../../src/sources/services/awards.ts';
import { readTatHotlines } from '../../src/sources/services/index.ts';
import { InputError } from '../../src/sources/errors.ts';
import { REPO, SKIP_NO_DATA, sharedData, tempDir } from '../helpers.ts';

const AWARDS = join(REPO, 'fixtures', 'awards');

test('real directories: IOM Nigeria and TAT hotlines as HSDS, contact fields withheld, none known apart from zero', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const data = tempDir('cogency-services-');
  cpSync(join(sharedData()!, 'stats', 'service-directories'), join(data, 'stats', 'service-directories'), { recursive: true });
  const store = await Store.open(':memory:');
  try {
    await ingest(store, data, ['services']);
    const r = await servicesAgainstNeed(store);
    const iom = r.directories.find((d) => d.id === 'iom-nigeria')!;
    assert.equal(iom.services, 92, 'MANIFEST: 92 providers');
    assert.equal(iom.contactsRepublishable, false);
    const phones = await store.all('SELECT count(*) AS n FROM hsds_phones WHERE number IS NOT NULL');
    assert.equal(Number(phones[0]!.n), 0, 'no phone number is stored from directories without terms');
    const nga = r.places.find((p) => p.place === 'NGA')!;
    assert.equal(nga.counts.trafficking_unspecified, 92);
    assert.equal(nga.counts.sex_workers, 'none known');
    assert.equal(nga.counts.labor_trafficking, 'none known', 'the directory does not say which services are for labor trafficking: not a zero');
    assert.equal(r.places.find((p) => p.place === 'NG-LA')!.counts.trafficking_unspecified, 32, 'MANIFEST: Lagos 32');
    // TAT: 13 hotlines, 3 of them 911 (not trafficking services).
    const tat = r.directories.find((d) => d.id === 'tat-hotlines')!;
    assert.equal(tat.services, 10);
    assert.equal(r.places.find((p) => p.place === 'NJ')!.counts.trafficking_unspecified, 1);
    assert.ok(!r.places.some((p) => p.place === 'VT'), 'a state no directory covers has no row (none known)');
    // The fictional Open Referral sample is not loaded as a directory.
    assert.ok(!r.directories.some((d) => /sample/.test(d.id)));
  } finally {
    store.close();
  }
});

test('TAT list: an unknown country code is refused naming the file and row', async () => {
  const dir = tempDir('cogency-tat-');
  const file = join(dir, 'hotlines.json');
  writeFileSync(file, JSON.stringify([{ phoneNumber: '+1 555', hotlineType: 'state', name: { 'en-us': 'Invented hotline' }, regionCode: 'QQ-ZZ' }]));
  await assert.rejects(() => readTatHotlines(file, 'hotlines.json'), (e: unknown) => e instanceof InputError && e.field === '[0].regionCode' && /unknown country code "QQ-ZZ"/.test(e.message));
});

test('HSDS 1.1: the official Open Referral sample package reads into the model; without open terms no contact is kept', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const dir = join(sharedData()!, 'stats', 'service-directories', 'openreferral-hsds-1.1-sample');
  const d = await readHsdsPackage(dir, 'sample', { id: 'sample', population: () => 'trafficking_unspecified', country: 'USA' });
  assert.match(d.terms, /CC-BY-SA-4\.0/);
  assert.equal(d.contactsRepublishable, true, 'CC BY-SA allows republishing with attribution');
  assert.equal(d.organizations.length, 10);
  assert.equal(d.services.length, 13);
  assert.ok(d.phones.some((p) => p.number !== null));
  const copy = tempDir('cogency-hsds-');
  cpSync(dir, copy, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(copy, 'datapackage.json'), 'utf8')) as Record<string, unknown>;
  delete pkg.license;
  writeFileSync(join(copy, 'datapackage.json'), JSON.stringify(pkg));
  const closed = await readHsdsPackage(copy, 'copy', { id: 'copy', population: () => 'trafficking_unspecified', country: 'USA' });
  assert.equal(closed.terms, 'none stated');
  assert.ok(closed.phones.every((p) => p.number === null));
});

test('domestic awards: USAspending assistance transactions load by program and place of performance; other programs skipped', async () => {
  const skipped: string[] = [];
  const rows = await readAwardFile(join(AWARDS, 'stats/domestic-awards/Assistance_PrimeTransactions_fixture_1.csv'), 'fixture.csv', (r) => skipped.push(r));
  assert.equal(rows.length, 3);
  assert.deepEqual(skipped, ['assistance listing 16.738 is not an anti-trafficking program']);
  const store = await Store.open(':memory:');
  try {
    await ingest(store, AWARDS, ['services']);
    const r = await servicesAgainstNeed(store);
    const vt = r.awards.filter((a) => a.place === 'VT');
    assert.deepEqual(vt.map((a) => [a.fiscalYear, a.amount]), [[2021, 450000], [2022, -25000]], 'a deobligation stays negative in its own year');
    assert.equal(r.awards.find((a) => a.place === 'DC')!.programNumber, '93.598');
  } finally {
    store.close();
  }
  const bad = tempDir('cogency-awards-');
  const text = readFileSync(join(AWARDS, 'stats/domestic-awards/Assistance_PrimeTransactions_fixture_1.csv'), 'utf8').replace(',USA,UNITED STATES,BURLINGTON', ',XYZ,UNITED STATES,BURLINGTON');
  writeFileSync(join(bad, 'a.csv'), text);
  await assert.rejects(() => readAwardFile(join(bad, 'a.csv'), 'a.csv'), /a\.csv:2 \[primary_place_of_performance_country_code\]: unknown country code "XYZ"/);
});
