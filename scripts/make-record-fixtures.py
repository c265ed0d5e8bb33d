#!/usr/bin/env python3
"""Generate the discharge-record test fixtures under fixtures/records/ (deterministic; re-run to rebuild).

    python3 scripts/make-record-fixtures.py

Writes:
  sample-utf8.csv          6 records, English canonical headers, canonical values, UTF-8, LF
  sample-gb18030.csv       the same 6 records with Chinese headers (医保结算清单 names), Chinese labels
                           (职工/居民, 男/女, 医嘱离院/死亡), other date forms, full-width codes, GB18030, CRLF
  bad-rows-1000.csv        1,000 data rows, exactly 37 of them bad (one fault each), UTF-8
  bad-rows-1000.gb18030.csv
                           the same bytes-for-text file encoded in GB18030
  bad-rows-1000.expected.json
                           the 37 bad rows as {line, codes, kind} (line = 1-based physical line where the row
                           starts; codes = the error issue codes expected on that row) and the expected
                           warnings as {line, code}; written from the generator's intent, not from the reader.
"""
import csv
import datetime as dt
import io
import json
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'records')
os.makedirs(OUT, exist_ok=True)

# ---------------------------------------------------------------- sample pair (UTF-8 English / GB18030 Chinese)
EN = ['case_id', 'hospital_id', 'insurance_type', 'insured_region', 'admission_date', 'discharge_date', 'birth_date',
      'age', 'age_days', 'sex', 'principal_dx', 'secondary_dx', 'principal_procedure', 'other_procedures',
      'discharge_status', 'los_days', 'total_cost', 'fund_paid', 'patient_paid', 'other_paid']
ZH = ['病案号', '定点医疗机构代码', '险种类型', '参保地', '入院时间', '出院时间', '出生日期',
      '年龄', '天龄', '性别', '主要诊断代码', '其他诊断代码', '主要手术及操作代码', '其他手术及操作代码',
      '离院方式', '实际住院天数', '医疗总费用', '统筹基金支付', '个人支付', '其他支付']

# (english row, chinese row): different surface forms of the same record.
SAMPLE = [
    (['Z0001', 'H410400001', 'employee', '410400', '2025-03-01', '2025-03-08', '1980-03-01', '45', '', '1',
      'K35.300x001', 'E11.900;I10.x00', '47.0100', '', '1', '7', '13500.00', '9450.00', '4050.00', '0.00'],
     ['Z0001', 'H410400001', '职工', '410400', '2025/03/01 08:30', '2025-03-08 10:00:00', '19800301', '45', '', '男',
      'Ｋ３５．３００Ｘ００１', 'E11.900；I10.X00', '４７．０１００', '', '医嘱离院', '7', '13500', '9450.0', '4050', '0']),
    (['Z0002', 'H410400001', 'resident', '', '2025-01-30', '2025-02-02', '2024-11-15', '0', '76', '2',
      'P07.300', '', '', '', '1', '3', '8200.50', '5740.35', '2460.15', ''],
     ['Z0002', 'H410400001', '居民', '', '2025-01-30', '2025-02-02', '2024/11/15', '', '', '女',
      'p07.300', '', '', '', '1', '', '8200.5', '5740.35', '2460.15', '']),
    (['Z0003', 'H410400002', 'employee', '410402', '2025-05-10', '2025-05-10', '1950-05-11', '74', '', '2',
      'A01.000x005', 'J17.0*', '', '', '5', '1', '2300.1234', '1610.0000', '690.1234', ''],
     ['Z0003', 'H410400002', '310', '410402', '20250510', '20250510', '1950-05-11', '74', '', '2',
      'A01.000x005+J17.0*', '', '', '', '死亡', '0', '2300.1234', '1610', '690.1234', '']),
    (['Z0004', 'H410400002', 'resident', '', '2024-12-31', '2025-01-20', '2000-02-29', '24', '', '1',
      'I63.900', 'I10.x00;E78.500;Z95.100x001', '00.6600x008', '36.0700;88.5500', '2', '20', '56000.00', '39200.00', '15000.00', '1800.00'],
     ['Z0004', 'H410400002', '390', '', '2024-12-31 23:59', '2025-01-20', '2000-02-29', '24', '', '1',
      'I63.900', 'I10.x00,E78.500，Z95.100x001', '00.6600X008', '36.0700，88.5500', '医嘱转院', '20', '56000', '39200', '15000', '1800']),
    (['Z0005', 'H410400003', 'employee', '', '2025-07-01', '2025-07-05', '', '60', '', '9',
      'C34.900', '', '32.4100', '', '9', '4', '0.00', '0.00', '0.00', ''],
     ['Z0005', 'H410400003', '职工', '', '2025/7/1', '2025/7/5', '', '60', '', '9',
      'c34.900', ' ', '３２．４１００', '', '其他', '', '0', '0', '0', '']),
    (['Z0006', 'H410400003', 'resident', '', '2025-02-28', '2025-03-01', '', '0', '12', '2',
      'P59.900', '', '', '', '1', '1', '1200.00', '840.00', '360.00', ''],
     ['Z0006', 'H410400003', '居民医保', '', '2025-02-28', '2025-03-01', '', '0', '12', '女',
      'P59.900', '', '', '', '医嘱离院', '1', '1200.00', '840.00', '360.00', '']),
]


def write_csv(path, header, rows, encoding, newline):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    with open(path, 'wb') as f:
        f.write(buf.getvalue().encode(encoding))


write_csv(os.path.join(OUT, 'sample-utf8.csv'), EN, [en for en, _ in SAMPLE], 'utf-8', '\n')
write_csv(os.path.join(OUT, 'sample-gb18030.csv'), ZH, [zh for _, zh in SAMPLE], 'gb18030', '\r\n')

# ---------------------------------------------------------------- 1,000 rows, 37 bad
rng = random.Random(20250101)
COLS = ['case_id', 'hospital_id', 'insurance_type', 'insured_region', 'admission_date', 'discharge_date', 'birth_date',
        'age', 'age_days', 'sex', 'principal_dx', 'secondary_dx', 'principal_procedure', 'other_procedures',
        'discharge_status', 'los_days', 'total_cost', 'fund_paid', 'patient_paid', 'other_paid', 'medical_type',
        'special_case_status', 'note']
C = {c: i for i, c in enumerate(COLS)}
DX = ['K35.300x001', 'I63.900', 'J18.900', 'E11.900', 'I10.x00', 'K80.100', 'N18.500', 'C34.900', 'O80.000', 'S72.000']
PROC = ['47.0100', '51.2300', '81.5100', '00.6600x008', '36.0700', '88.5500', '99.0400']
INS = ['310', '390', 'employee', 'resident', '职工', '居民']


def completed_years(b, a):
    return a.year - b.year - (1 if (a.month, a.day) < (b.month, b.day) else 0)


def good_row(i):
    adm = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 330))
    diff = rng.randrange(0, 21)
    dis = adm + dt.timedelta(days=diff)
    infant = rng.random() < 0.05
    birth = adm - dt.timedelta(days=rng.randrange(0, 360) if infant else rng.randrange(366, 365 * 90))
    age = completed_years(birth, adm)
    mode = rng.randrange(3)  # 0 both birth and age, 1 birth only, 2 age only (+age_days for infants)
    birth_s = '' if mode == 2 else birth.isoformat()
    age_s = '' if mode == 1 else str(age)
    age_days_s = str((adm - birth).days) if (age == 0 and mode == 2) else ''
    total_c = rng.randrange(50_000, 5_000_000)
    fund_c = total_c * rng.randrange(50, 80) // 100
    other_c = rng.choice([0, 0, 0, rng.randrange(0, (total_c - fund_c) // 2 + 1)])
    patient_c = total_c - fund_c - other_c
    money = lambda c: f'{c // 100}.{c % 100:02d}'
    los = rng.choice(['', str(max(diff, 1)), str(diff + 1)])
    secondary = ';'.join(rng.sample(DX, rng.randrange(0, 3)))
    proc = rng.choice(['', '', rng.choice(PROC)])
    others = ';'.join(rng.sample(PROC, rng.randrange(0, 2))) if proc else ''
    return [f'Z{i:06d}', f'H41040000{rng.randrange(1, 6)}', rng.choice(INS), rng.choice(['', '410400', '410402']),
            adm.isoformat(), dis.isoformat(), birth_s, age_s, age_days_s, rng.choice(['1', '2', '男', '女']),
            rng.choice(DX), secondary, proc, others, rng.choice(['1', '1', '1', '2', '5', '医嘱离院']), los,
            money(total_c), money(fund_c), money(patient_c), money(other_c) if other_c or rng.random() < 0.5 else '',
            rng.choice(['', 'inpatient', 'day_surgery']), rng.choice(['', 'none']), '']


def set_(row, col, value):
    row[C[col]] = value


def adm_of(row):
    return dt.date.fromisoformat(row[C['admission_date']])


# Each fault: (kind, expected error codes, mutate(row, rows_so_far) -> None). One fault per bad row.
def f_dup(row, rows):
    first = rows[rng.randrange(0, len(rows))]
    while first['bad'] is not None or first['dup_target']:
        first = rows[rng.randrange(0, len(rows))]
    first['dup_target'] = True
    set_(row, 'case_id', first['cells'][C['case_id']])
    set_(row, 'hospital_id', first['cells'][C['hospital_id']])
    return first


def f_age_mismatch(row, _):
    b = adm_of(row) - dt.timedelta(days=40 * 365)
    set_(row, 'birth_date', b.isoformat())
    set_(row, 'age', str(completed_years(b, adm_of(row)) + 1))


def f_birth_after(row, _):
    set_(row, 'birth_date', (adm_of(row) + dt.timedelta(days=3)).isoformat())
    set_(row, 'age', '')


def f_age_days_mismatch(row, _):
    b = adm_of(row) - dt.timedelta(days=100)
    set_(row, 'birth_date', b.isoformat())
    set_(row, 'age', '0')
    set_(row, 'age_days', '99')


def f_age_days_missing(row, _):
    set_(row, 'birth_date', '')
    set_(row, 'age', '0')
    set_(row, 'age_days', '')


def f_los_mismatch(row, _):
    d = (dt.date.fromisoformat(row[C['discharge_date']]) - adm_of(row)).days
    set_(row, 'los_days', str(max(d, 1) + 5))


def f_discharge_before(row, _):
    set_(row, 'discharge_date', (adm_of(row) - dt.timedelta(days=2)).isoformat())
    set_(row, 'los_days', '')


def f_paid_exceeds(row, _):
    set_(row, 'total_cost', '100.00')
    set_(row, 'fund_paid', '80.00')
    set_(row, 'patient_paid', '30.00')
    set_(row, 'other_paid', '')


def cell(col, value):
    return lambda row, _: set_(row, col, value)


FAULTS = [
    ('case_id empty', ['record.case_id_missing'], cell('case_id', '')),
    ('hospital_id empty', ['record.hospital_id_missing'], cell('hospital_id', ' ')),
    ('principal_dx empty', ['record.principal_dx_missing'], cell('principal_dx', '')),
    ('principal_dx shape', ['record.dx_code_shape'], cell('principal_dx', '35.300')),
    ('secondary_dx shape', ['record.dx_code_shape'], cell('secondary_dx', 'E11.900;ABC')),
    ('principal_procedure shape', ['record.procedure_code_shape'], cell('principal_procedure', 'K35.3')),
    ('other_procedures shape', ['record.procedure_code_shape'], lambda r, _: (set_(r, 'principal_procedure', '47.0100'), set_(r, 'other_procedures', '47.0100;4701-00'))),
    ('asterisk principal', ['record.principal_dx_asterisk'], cell('principal_dx', 'J17.0*')),
    ('admission_date empty', ['record.date_missing'], lambda r, _: (set_(r, 'admission_date', ''), set_(r, 'birth_date', ''), set_(r, 'age', '50'), set_(r, 'age_days', ''))),
    ('admission_date not a date', ['record.date_invalid'], lambda r, _: (set_(r, 'admission_date', '2025-02-30'), set_(r, 'birth_date', ''), set_(r, 'age', '50'), set_(r, 'age_days', ''))),
    ('discharge_date not a date', ['record.date_invalid'], cell('discharge_date', '2025-13-01')),
    ('birth_date not a date', ['record.date_invalid'], lambda r, _: (set_(r, 'birth_date', '1990-02-29'), set_(r, 'age', '30'), set_(r, 'age_days', ''))),
    ('discharge before admission', ['record.discharge_before_admission'], f_discharge_before),
    ('birth after admission', ['record.birth_after_admission'], f_birth_after),
    ('los_days not an integer', ['record.integer_invalid'], cell('los_days', '3.5')),
    ('los_days inconsistent with dates', ['record.los_mismatch'], f_los_mismatch),
    ('total_cost empty', ['record.amount_missing'], cell('total_cost', '')),
    ('total_cost negative', ['decimal.negative'], cell('total_cost', '-5.00')),
    ('fund_paid thousands separator', ['decimal.thousands_separator'], cell('fund_paid', '1,234.00')),
    ('patient_paid 5 decimals', ['decimal.too_many_decimals'], cell('patient_paid', '12.34567')),
    ('other_paid exponent', ['decimal.exponent'], cell('other_paid', '1e3')),
    ('fund + patient > total', ['record.paid_exceeds_total'], f_paid_exceeds),
    ('insurance_type empty', ['record.insurance_type_missing'], cell('insurance_type', '')),
    ('insurance_type unknown', ['record.insurance_type_unknown'], cell('insurance_type', '410')),
    ('sex unknown value', ['record.sex_invalid'], cell('sex', 'M')),
    ('discharge_status unknown', ['record.discharge_status_invalid'], cell('discharge_status', '7')),
    ('age disagrees with birth_date', ['record.age_mismatch'], f_age_mismatch),
    ('no birth_date and no age', ['record.age_missing'], lambda r, _: (set_(r, 'birth_date', ''), set_(r, 'age', ''), set_(r, 'age_days', ''))),
    ('age 0 without age_days', ['record.age_days_missing'], f_age_days_missing),
    ('age_days disagrees with birth_date', ['record.age_days_mismatch'], f_age_days_mismatch),
    ('age out of range', ['record.integer_invalid'], lambda r, _: (set_(r, 'birth_date', ''), set_(r, 'age', '200'))),
    ('insured_region not 6 digits', ['record.region_invalid'], cell('insured_region', '41040')),
    ('medical_type unknown', ['record.medical_type_invalid'], cell('medical_type', 'outpatient')),
    ('special_case_status unknown', ['record.special_case_status_invalid'], cell('special_case_status', 'maybe')),
    ('duplicate (hospital_id, case_id)', ['record.duplicate_case'], f_dup),
    ('wrong column count', ['csv.column_count'], None),
    ('stray quote', ['csv.stray_quote'], None),
]
assert len(FAULTS) == 37

N = 1000
bad_at = sorted(rng.sample(range(40, N), len(FAULTS)))  # data-row indices (0-based) of bad rows
fault_for = dict(zip(bad_at, rng.sample(FAULTS, len(FAULTS))))
note_rows = set(rng.sample([i for i in range(N) if i not in fault_for], 25))  # quoted newlines in a cell
identity_warn = sorted(rng.sample([i for i in range(N) if i not in fault_for and i not in note_rows], 3))
identity_edge = [i for i in range(N) if i not in fault_for and i not in note_rows and i not in identity_warn][5]

rows = []
for i in range(N):
    cells = good_row(i + 1)
    if i in note_rows:
        set_(cells, 'note', f'备注 {i}\n第二行' + ('\r\n第三行' if i % 2 else ''))
    rows.append({'cells': cells, 'bad': None, 'dup_target': False, 'warn': []})
    if i in identity_warn or i == identity_edge:
        # Break the payment identity by 0.02 (warning) or exactly 0.01 (inside the tolerance: nothing).
        delta = 2 if i in identity_warn else 1
        total = cells[C['total_cost']].replace('.', '')
        t = int(total) + delta
        set_(cells, 'total_cost', f'{t // 100}.{t % 100:02d}')
        if i in identity_warn:
            rows[-1]['warn'].append('record.payment_identity')
    if i in fault_for:
        kind, codes, mutate = fault_for[i]
        rows[-1]['bad'] = (kind, codes)
        if mutate is not None:
            first = mutate(cells, rows[:-1])
            if isinstance(first, dict):
                rows[-1]['first'] = first

header_line = ','.join(COLS) + ',source_remark'  # one unknown column → a header warning
out = io.StringIO()
w = csv.writer(out, lineterminator='\n')
out.write(header_line + '\n')
line = 2
expected_bad = []
expected_warn = [{'line': 1, 'code': 'header.unknown_column'}]
for r in rows:
    r['line'] = line
    cells = r['cells'] + ['']
    bad = r['bad']
    if bad is not None and bad[0] == 'wrong column count':
        text = ','.join(cells[:10]) + '\n'
    elif bad is not None and bad[0] == 'stray quote':
        cid = cells[0]
        rest = io.StringIO()
        csv.writer(rest, lineterminator='\n').writerow(cells[1:])
        text = f'"{cid}"X,' + rest.getvalue()
    else:
        buf = io.StringIO()
        csv.writer(buf, lineterminator='\n').writerow(cells)
        text = buf.getvalue()
    out.write(text)
    if bad is not None:
        entry = {'line': line, 'codes': bad[1], 'kind': bad[0]}
        if 'first' in r:
            entry['firstLine'] = r['first']['line']
        expected_bad.append(entry)
    for code in r['warn']:
        expected_warn.append({'line': line, 'code': code})
    line += text.count('\n')

with open(os.path.join(OUT, 'bad-rows-1000.csv'), 'w', encoding='utf-8', newline='') as f:
    f.write(out.getvalue())
# The same file in GB18030 (Chinese labels and notes become 2-byte sequences; 64 KiB chunks split some of them).
with open(os.path.join(OUT, 'bad-rows-1000.gb18030.csv'), 'wb') as f:
    f.write(out.getvalue().encode('gb18030'))
with open(os.path.join(OUT, 'bad-rows-1000.expected.json'), 'w', encoding='utf-8') as f:
    json.dump({'read': N, 'accepted': N - len(expected_bad), 'rejected': len(expected_bad), 'duplicates': 1,
               'lines': line - 1, 'bad': expected_bad, 'warnings': expected_warn}, f, ensure_ascii=False, indent=1)
    f.write('\n')
print(f'wrote {OUT}: {N} rows, {len(expected_bad)} bad, {line - 1} lines')
