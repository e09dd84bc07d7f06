// One row of the FBI's Arrests by Age, Sex and Race (ASR) national extracts, adult or juvenile:
// both files share the layout (m_/f_ age bands with their totals, race columns, agencies and
// population covered per table), so one reader stores either under its own measure prefix.
import type { CsvRow } from '../csv.ts';
import { InputError } from '../errors.ts';
import type { Stage } from '../../store/store.ts';
import { parseCount } from './util.ts';

export const ASR_RACES = [['white', 'White'], ['black', 'Black'], ['asian_pacific_islander', 'Asian or Pacific Islander'], ['american_indian', 'American Indian or Alaska Native']] as const;

/**
 * Stores one ASR prostitution row as `<prefix>.prostitution_arrests` (sex × age band),
 * `<prefix>.prostitution_arrests_by_race` and the coverage measures. The publisher's own
 * totals must equal the sum of its age bands, or the file is refused.
 */
export function storeAsrRow(
  stage: Stage,
  row: CsvRow,
  file: string,
  year: number,
  citationId: string,
  prefix: 'fbi.asr.adult' | 'fbi.asr.juvenile',
  ageBands: readonly (readonly [string, string])[],
): void {
  const count = (f: string) => {
    const blank = row.get(f).trim() === '';
    return { value: parseCount(row, f, file, { blank: 'zero' })!, flags: blank ? ['blank_read_as_zero'] : [] };
  };
  for (const [sexPrefix, sex, totalField] of [['m', 'Male', 'total_male'], ['f', 'Female', 'total_female']] as const) {
    let sum = 0;
    for (const [band, label] of ageBands) {
      const c = count(`${sexPrefix}_${band}`);
      sum += c.value;
      stage.observation({ measure: `${prefix}.prostitution_arrests`, place: 'USA', period: year, dims: { sex, age_group: label }, value: c.value, valueText: null, citationId, flags: c.flags });
    }
    const total = count(totalField).value;
    if (sum !== total) throw new InputError(file, row.line, totalField, `the age bands sum to ${sum}, not ${totalField} ${total}`);
  }
  for (const [field, race] of ASR_RACES) {
    const c = count(field);
    stage.observation({ measure: `${prefix}.prostitution_arrests_by_race`, place: 'USA', period: year, dims: { race }, value: c.value, valueText: null, citationId, flags: c.flags });
  }
  for (const [table, agencies, population] of [['age_sex', 'agencies', 'population'], ['race', 'race_agencies', 'race_population']] as const) {
    stage.observation({ measure: `${prefix}.coverage_agencies`, place: 'USA', period: year, dims: { table }, value: parseCount(row, agencies, file), valueText: null, citationId, flags: [] });
    stage.observation({ measure: `${prefix}.coverage_population`, place: 'USA', period: year, dims: { table }, value: parseCount(row, population, file), valueText: null, citationId, flags: [] });
  }
}
