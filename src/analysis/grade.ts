// The quality grade beside each value: transcribed values carry the kind of page they were read on
// (official publication, official mirror, secondary quote) in their flags; every output shows it
// as a column next to the value, so a quoted figure is never mistaken for a published one.
import type { ResultRow } from '../model/results.ts';
import { GRADE_LABEL, type Grade } from '../sources/transcribed/grade.ts';

export function addGrades(rows: ResultRow[]): void {
  for (const row of rows) {
    const grades = [...new Set(row.flags.filter((f) => f.startsWith('grade:')).map((f) => GRADE_LABEL[f.slice('grade:'.length) as Grade] ?? f.slice(6)))];
    if (grades.length) row.extra = { ...row.extra, source_grade: grades.join(' + ') };
  }
}
