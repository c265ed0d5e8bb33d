import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReadRecordsOptions, RecordsSource } from '../../src/io/index.js';
import { RecordsReadError, collectRecords, readRecords } from '../../src/io/index.js';
import type { DischargeRecord } from '../../src/records/index.js';

const FIX = 'fixtures/records';

function bytesSource(bytes: Uint8Array, size = 1 << 16): RecordsSource {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}
const textSource = (text: string, size?: number): RecordsSource => bytesSource(new TextEncoder().encode(text), size);

async function fatal(source: RecordsSource, options: ReadRecordsOptions = {}): Promise<RecordsReadError> {
  try {
    await collectRecords(source, options);
  } catch (e) {
    if (e instanceof RecordsReadError) return e;
    throw e;
  }
  throw new Error('expected a RecordsReadError');
}

const HEADER = 'case_id,hospital_id,insurance_type,admission_date,discharge_date,age,principal_dx,total_cost,fund_paid,patient_paid';
const row = (id: string, extra = ''): string => `${id},H1,310,2025-01-01,2025-01-05,40,K35.300,100.00,70.00,30.00${extra}`;

describe('readRecords: acceptance', () => {
  it('the same records as GB18030 with Chinese headers and as UTF-8 with English headers are identical', async () => {
    const utf8 = await collectRecords(`${FIX}/sample-utf8.csv`);
    const gb = await collectRecords(`${FIX}/sample-gb18030.csv`);
    expect(utf8.summary.encoding).toBe('utf8');
    expect(gb.summary.encoding).toBe('gb18030');
    expect([utf8.summary.read, utf8.summary.accepted, gb.summary.read, gb.summary.accepted]).toEqual([6, 6, 6, 6]);
    expect(gb.summary.issues).toEqual([]);
    expect(utf8.summary.issues).toEqual([]);
    expect(gb.records.map((r) => r.record)).toEqual(utf8.records.map((r) => r.record));
    expect(utf8.records[2]?.record).toEqual({
      caseId: 'Z0003',
      hospitalId: 'H410400002',
      insuranceType: 'employee',
      insuredRegion: '410402',
      admissionDate: '2025-05-10',
      dischargeDate: '2025-05-10',
      birthDate: '1950-05-11',
      age: 74,
      sex: '2',
      principalDx: 'A01.000x005',
      secondaryDx: ['J17.0*'],
      otherProcedures: [],
      dischargeStatus: '5',
      losDays: 1,
      totalCost: '2300.1234',
      fundPaid: '1610.00',
      patientPaid: '690.1234',
    });
  });

  it('GB18030 decodes identically in 1-byte chunks', async () => {
    const bytes = readFileSync(`${FIX}/sample-gb18030.csv`);
    const whole = await collectRecords(`${FIX}/sample-gb18030.csv`);
    const tiny = await collectRecords(bytesSource(bytes, 1));
    expect(tiny.records).toEqual(whole.records);
    expect(tiny.summary.encoding).toBe('gb18030');
  });

  it('1,000 rows with 37 bad rows: exactly those 37 with their lines and codes, 963 accepted', async () => {
    const expected = JSON.parse(readFileSync(`${FIX}/bad-rows-1000.expected.json`, 'utf8')) as {
      read: number;
      accepted: number;
      rejected: number;
      duplicates: number;
      lines: number;
      bad: { line: number; codes: string[]; kind: string; firstLine?: number }[];
      warnings: { line: number; code: string }[];
    };
    expect([expected.read, expected.accepted, expected.rejected, expected.bad.length]).toEqual([1000, 963, 37, 37]);
    const { records, rejected, summary } = await collectRecords(`${FIX}/bad-rows-1000.csv`, { maxIssues: 10_000 });
    expect(summary.read).toBe(1000);
    expect(summary.accepted).toBe(963);
    expect(summary.rejected).toBe(37);
    expect(summary.duplicates).toBe(1);
    expect(summary.lines).toBe(expected.lines);
    expect(records).toHaveLength(963);
    expect(rejected.map((r) => ({ line: r.line, codes: r.issues.filter((i) => i.severity === 'error').map((i) => i.code) }))).toEqual(
      expected.bad.map((b) => ({ line: b.line, codes: b.codes })),
    );
    for (const r of rejected) for (const i of r.issues) expect(i.line).toBe(r.line);
    expect(summary.issues.filter((i) => i.severity === 'warning').map((i) => ({ line: i.line, code: i.code }))).toEqual(expected.warnings);
    const dup = expected.bad.find((b) => b.firstLine !== undefined);
    const dupIssue = rejected.find((r) => r.line === dup?.line)?.issues[0];
    expect(dupIssue?.message).toContain(`already appeared at line ${dup?.firstLine}`);
    // Every check family is covered.
    expect(new Set(expected.bad.flatMap((b) => b.codes)).size).toBe(32);
  });

  it('the 1,000-row file in GB18030 gives the same records and issues as in UTF-8', async () => {
    const utf8 = await collectRecords(`${FIX}/bad-rows-1000.csv`, { maxIssues: 10_000 });
    const gb = await collectRecords(`${FIX}/bad-rows-1000.gb18030.csv`, { maxIssues: 10_000 });
    expect(gb.summary.encoding).toBe('gb18030');
    expect(gb.records).toEqual(utf8.records);
    expect(gb.rejected).toEqual(utf8.rejected);
    expect({ ...gb.summary, encoding: 'utf8' }).toEqual(utf8.summary);
  });
});

describe('readRecords: rows', () => {
  it('a wrong column count rejects that row and goes on', async () => {
    const { summary, rejected } = await collectRecords(textSource(`${HEADER}\n${row('Z1')}\nZ2,H1\n${row('Z3')}\n`));
    expect([summary.read, summary.accepted, summary.rejected]).toEqual([3, 2, 1]);
    expect(rejected[0]?.issues.map((i) => [i.line, i.code, i.message])).toEqual([[3, 'csv.column_count', 'row has 2 cells, the header has 10']]);
  });

  it('a duplicate is rejected at its second occurrence, naming both lines; the third names the first', async () => {
    const { summary, rejected } = await collectRecords(textSource(`${HEADER}\n${row('Z1')}\n${row('Z2')}\n${row('Z1')}\n${row('Z1')}\n`));
    expect([summary.accepted, summary.rejected, summary.duplicates]).toEqual([2, 2, 2]);
    expect(rejected.map((r) => [r.line, r.issues[0]?.message])).toEqual([
      [4, 'duplicate case: hospital_id H1, case_id Z1 already appeared at line 2'],
      [5, 'duplicate case: hospital_id H1, case_id Z1 already appeared at line 2'],
    ]);
  });

  it('the same case id at another hospital is not a duplicate', async () => {
    const { summary } = await collectRecords(textSource(`${HEADER}\n${row('Z1')}\n${row('Z1').replace(',H1,', ',H2,')}\n`));
    expect([summary.accepted, summary.duplicates]).toEqual([2, 0]);
  });

  it('header only: zero rows, no error', async () => {
    const { summary } = await collectRecords(textSource(`${HEADER}\n`));
    expect([summary.read, summary.accepted, summary.rejected, summary.lines]).toEqual([0, 0, 0, 1]);
  });

  it('unknown columns are one warning; Chinese and English headers mix', async () => {
    const header = HEADER.replace('case_id', '病案号').replace('total_cost', '医疗总费用') + ',备注,remark';
    const { summary } = await collectRecords(textSource(`${header}\n${row('Z1', ',x,y')}\n`));
    expect(summary.accepted).toBe(1);
    expect(summary.issues.map((i) => [i.line, i.code, i.message])).toEqual([[1, 'header.unknown_column', 'ignoring 2 unknown column(s): "备注", "remark"']]);
  });

  it('events come in file order and end with the summary', async () => {
    const types: string[] = [];
    for await (const e of readRecords(textSource(`${HEADER}\n${row('Z1')}\nZ2\n`))) types.push(e.type === 'end' ? `end:${e.summary.read}` : `${e.type}`);
    expect(types).toEqual(['header', 'record', 'rejected', 'end:2']);
  });

  it('caps the kept issues but counts them all', async () => {
    const { summary } = await collectRecords(textSource(`${HEADER}\nZ1\nZ2\nZ3\n`), { maxIssues: 2 });
    expect([summary.issues.length, summary.issuesOmitted, summary.errors, summary.issueCounts['csv.column_count']]).toEqual([2, 1, 3, 3]);
  });
});

describe('readRecords: malformed files are fatal with a code and a line', () => {
  it.each([
    ['empty file', 'csv.empty_file', 1, ''],
    ['only blank lines', 'csv.empty_file', 1, '\n\n  \n'],
    ['unbalanced quote', 'csv.unclosed_quote', 3, `${HEADER}\n${row('Z1')}\n${row('"Z2')}\n${row('Z3')}\n`],
    ['NUL bytes', 'csv.binary', 3, `${HEADER}\n${row('Z1')}\n\u0000\u0001\u0002\n`],
    ['no required column', 'header.missing_required', 1, 'foo,bar\n1,2\n'],
    ['duplicate-mapped column', 'header.duplicate_column', 1, `${HEADER},病案号\n`],
  ])('%s → %s', async (_name, code, line, text) => {
    const e = await fatal(textSource(text, 7));
    expect([e.code, e.line]).toEqual([code, line]);
  });

  it('a missing-column error lists what is missing and what was found', async () => {
    const e = await fatal(textSource('foo,病案号\n'));
    expect(e.message).toBe(
      'line 1: the header lacks required column(s): hospital_id, insurance_type, admission_date, discharge_date, principal_dx, total_cost, fund_paid, patient_paid, birth_date or age; found: "foo", "病案号" (case_id)',
    );
  });

  it('undecodable bytes (forced UTF-8 on GB18030) name the line', async () => {
    const e = await fatal(`${FIX}/sample-gb18030.csv`, { encoding: 'utf8' });
    expect([e.code, e.line]).toEqual(['encoding.invalid', 1]);
  });

  it('binary garbage is fatal, never fewer rows', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    const e = await fatal(bytesSource(garbage, 100));
    expect(['csv.binary', 'encoding.invalid']).toContain(e.code);
    expect(e.line).toBeGreaterThanOrEqual(1);
  });

  it('a missing file is io.read_failed', async () => {
    const e = await fatal(`${FIX}/no-such-file.csv`);
    expect(e.code).toBe('io.read_failed');
    expect(e.message).toMatch(/^cannot read .*no-such-file\.csv: ENOENT/u);
  });
});

describe('readRecords: property', () => {
  const money = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const goodRow = fc.record({
    hospital: fc.constantFrom('H1', 'H2', '医院3'),
    ins: fc.constantFrom('310', '390', '职工', '居民'),
    day: fc.integer({ min: 0, max: 300 }),
    stay: fc.integer({ min: 0, max: 30 }),
    age: fc.integer({ min: 1, max: 100 }),
    dx: fc.constantFrom('K35.300x001', 'i63.900', 'A01.000x005+J17.0*', 'Ｅ１１．９００'),
    sec: fc.array(fc.constantFrom('E11.900', 'I10.x00', 'J18.900'), { maxLength: 3 }),
    fund: fc.integer({ min: 0, max: 10_000_000 }),
    patient: fc.integer({ min: 0, max: 1_000_000 }),
    quoteAll: fc.boolean(),
  });
  const bad = fc.constantFrom(
    ['principal_dx', ''],
    ['total_cost', '-1'],
    ['admission_date', '2025-02-30'],
    ['insurance_type', '999'],
    ['fund_paid', '1e3'],
    ['age', 'x'],
  );
  const COLS = ['case_id', 'hospital_id', 'insurance_type', 'admission_date', 'discharge_date', 'age', 'principal_dx', 'secondary_dx', 'total_cost', 'fund_paid', 'patient_paid'];
  const iso = (d: number): string => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10);
  const csvCell = (c: string, force: boolean): string => (force || /[",\r\n]/u.test(c) ? `"${c.replace(/"/gu, '""')}"` : c);

  /** Write an accepted record back as a canonical CSV row. */
  const toRow = (r: DischargeRecord): string[] => [
    r.caseId,
    r.hospitalId,
    r.insuranceType,
    r.admissionDate,
    r.dischargeDate,
    String(r.age),
    r.principalDx,
    r.secondaryDx.join(';'),
    r.totalCost,
    r.fundPaid,
    r.patientPaid,
  ];

  it('read = accepted + rejected, bad rows are exactly the rejected ones, accepted rows round-trip (seed 2025)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(goodRow, fc.option(bad, { freq: 4 })), { minLength: 0, maxLength: 40 }),
        fc.integer({ min: 1, max: 200 }),
        async (rows, chunk) => {
          const lines = rows.map(([g, b], i) => {
            const cells: Record<string, string> = {
              case_id: `C${i}`,
              hospital_id: g.hospital,
              insurance_type: g.ins,
              admission_date: iso(g.day),
              discharge_date: iso(g.day + g.stay),
              age: String(g.age),
              principal_dx: g.dx,
              secondary_dx: g.sec.join(';'),
              total_cost: money(g.fund + g.patient),
              fund_paid: money(g.fund),
              patient_paid: money(g.patient),
            };
            if (b !== null) cells[b[0] as string] = b[1] as string;
            return COLS.map((c) => csvCell(cells[c] ?? '', g.quoteAll)).join(',');
          });
          const text = `${COLS.join(',')}\n${lines.map((l) => `${l}\n`).join('')}`;
          const { records, rejected, summary } = await collectRecords(textSource(text, chunk));
          expect(summary.read).toBe(rows.length);
          expect(summary.read).toBe(summary.accepted + summary.rejected);
          expect(rejected.map((r) => r.line)).toEqual(rows.flatMap(([, b], i) => (b === null ? [] : [i + 2])));
          expect(records.map((r) => r.record.caseId)).toEqual(rows.flatMap(([, b], i) => (b === null ? [`C${i}`] : [])));
          // Round trip: write the accepted records back in canonical form and read them again.
          const again = await collectRecords(textSource(`${COLS.join(',')}\n${records.map((r) => `${toRow(r.record).map((c) => csvCell(c, false)).join(',')}\n`).join('')}`));
          expect(again.summary.rejected).toBe(0);
          expect(again.records.map((r) => r.record)).toEqual(records.map((r) => r.record));
        },
      ),
      { seed: 2025, numRuns: 60 },
    );
  });
});
