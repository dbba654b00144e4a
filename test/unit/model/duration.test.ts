/** Durations as runbooks write them: `rto: 4h`, `expect: 1h30m`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DURATION_PATTERN, formatSeconds, parseDuration } from '../../../core/model/duration';

test('parseDuration reads days, hours, minutes and seconds in that order', () => {
  assert.equal(parseDuration('90s'), 90);
  assert.equal(parseDuration('45m'), 2700);
  assert.equal(parseDuration('1h30m'), 5400);
  assert.equal(parseDuration('2d'), 172_800);
  assert.equal(parseDuration('1d2h3m4s'), 93_784);
  assert.equal(parseDuration(' 4h '), 14_400, 'surrounding spaces are fine');
});

test('parseDuration refuses what is not a duration instead of guessing', () => {
  for (const bad of ['', '30', '1.5h', '1m1h', '1h 30m', 'h', '-5m', '5M', '1hh', '2w', 'PT1H'])
    assert.equal(parseDuration(bad), undefined, bad);
  assert.equal(parseDuration(45), undefined, 'a bare number has no unit');
  assert.equal(parseDuration(undefined), undefined);
});

test('the schema pattern accepts exactly what parseDuration reads', () => {
  const re = new RegExp(DURATION_PATTERN);
  for (const t of ['90s', '45m', '1h30m', '2d', '1d2h3m4s', '0s', '1h', '30', '1.5h', '1m1h', '', 'h', '1h 30m'])
    assert.equal(re.test(t), parseDuration(t) !== undefined, t);
});

test('formatSeconds shows the two largest units', () => {
  assert.equal(formatSeconds(0), '0s');
  assert.equal(formatSeconds(50), '50s');
  assert.equal(formatSeconds(2700), '45m');
  assert.equal(formatSeconds(5430), '1h 30m');
  assert.equal(formatSeconds(3600), '1h');
  assert.equal(formatSeconds(93_784), '1d 2h');
});
