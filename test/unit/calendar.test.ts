import * as assert from 'node:assert/strict';
import { addDays, daysBetween } from '../../server/src/catalog/calendar';

describe('calendar (date arithmetic of the date-based rules)', () => {
  it('moves a date across months, years and a leap day, both ways', () => {
    assert.equal(addDays('2026-12-07', 60), '2027-02-05');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2027-02-28', 1), '2027-03-01');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
    assert.equal(addDays('2026-12-07', 0), '2026-12-07');
  });

  it('returns a text that is not a date as it is, and counts no days to it', () => {
    assert.equal(addDays('soon', 5), 'soon');
    assert.equal(daysBetween('2026-12-07', 'someday'), Number.POSITIVE_INFINITY);
    assert.equal(daysBetween('never', '2026-12-07'), Number.POSITIVE_INFINITY);
  });

  it('counts whole days, negative when the end is earlier', () => {
    assert.equal(daysBetween('2026-12-07', '2027-02-05'), 60);
    assert.equal(daysBetween('2027-02-05', '2026-12-07'), -60);
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
  });

  it('answers the same after more distinct dates than it remembers', () => {
    for (let day = 0; day < 2500; day++) {
      addDays('2020-01-01', day);
    }
    assert.equal(addDays('2020-01-01', 366), '2021-01-01');
    assert.equal(addDays('2026-12-07', 60), '2027-02-05');
    assert.equal(daysBetween('2020-01-01', addDays('2020-01-01', 2499)), 2499);
  });
});
