/** The date text the admin's inputs take: Chinese order, separators put in, only real dates, China time. */
import { expect } from 'chai';
import { chinaDateTimeToIso, dateText, maskDate, readDate } from '../src/common/dates';

describe('date text', () => {
  it('puts the separators in as the digits come', () => {
    expect(maskDate('2026', 'date')).to.equal('2026');
    expect(maskDate('20261', 'date')).to.equal('2026-1');
    expect(maskDate('20261201', 'date')).to.equal('2026-12-01');
    expect(maskDate('202612011', 'date'), 'no ninth digit').to.equal('2026-12-01');
    expect(maskDate('202612011430', 'datetime')).to.equal('2026-12-01 14:30');
    expect(maskDate('202612', 'month')).to.equal('2026-12');
  });

  it('ends a part at any other character, so 2026/1/5 and 2026年1月5日 read as 2026-1-5', () => {
    expect(maskDate('2026/1/5', 'date')).to.equal('2026-1-5');
    expect(maskDate('2026年1月5日', 'date')).to.equal('2026-1-5');
    expect(maskDate('2026-', 'date'), 'a typed dash stays').to.equal('2026-');
    expect(maskDate('2026--', 'date'), 'not twice').to.equal('2026-');
    expect(maskDate('abc', 'date')).to.equal('');
  });

  it('reads only whole, real dates, padded', () => {
    expect(readDate('2026-1-5', 'date')).to.equal('2026-01-05');
    expect(readDate('2026-12-01', 'date')).to.equal('2026-12-01');
    expect(readDate('2028-02-29', 'date'), 'a leap day').to.equal('2028-02-29');
    for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-12', '2026', '', '26-12-01', '12/01/2026'])
      expect(readDate(bad, 'date'), bad).to.equal(null);
    expect(readDate('2026-12-01 9:5', 'datetime')).to.equal('2026-12-01 09:05');
    expect(readDate('2026-12-01 24:00', 'datetime')).to.equal(null);
    expect(readDate('2026-12-01', 'datetime'), 'a time is needed').to.equal(null);
    expect(readDate('2026-7', 'month')).to.equal('2026-07');
  });

  it('takes a date and time as China time and shows an instant in China time', () => {
    expect(chinaDateTimeToIso('2026-12-01 08:30')).to.equal('2026-12-01T00:30:00.000Z');
    expect(chinaDateTimeToIso('2026-12-01 00:10')).to.equal('2026-11-30T16:10:00.000Z');
    expect(dateText('2026-11-30T16:10:00.000Z', 'datetime')).to.equal('2026-12-01 00:10');
    expect(dateText('2026-11-30T16:10:00.000Z', 'date'), 'the China day').to.equal('2026-12-01');
    expect(dateText('2026-12-01', 'date')).to.equal('2026-12-01');
    expect(dateText(null, 'date')).to.equal('');
    expect(dateText('2026-1', 'date'), 'unfinished text as it is').to.equal('2026-1');
  });
});
