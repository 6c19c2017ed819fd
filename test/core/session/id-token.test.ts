import { describe, expect, it } from 'vitest';
import { decodeIdToken } from '../../../src/core/session/id-token';
import { fakeIdToken } from '../../support/login-cache';

describe('decodeIdToken', () => {
  it('reads sub, auth_time and iat (seconds -> ms)', () => {
    const jwt = fakeIdToken({ sub: 'arn:aws:iam::123456789012:user/zoë', auth_time: 1_764_900_000, iat: 1_764_900_100 });
    expect(decodeIdToken(jwt)).toEqual({ sub: 'arn:aws:iam::123456789012:user/zoë', authTime: 1_764_900_000_000, iat: 1_764_900_100_000 });
  });

  it('gives null claims for missing or odd values', () => {
    expect(decodeIdToken(fakeIdToken({ sub: 7, auth_time: 'x', iat: -1 }))).toEqual({ sub: null, authTime: null, iat: null });
  });

  it.each([
    ['null', null],
    ['empty', ''],
    ['two parts', 'a.b'],
    ['four parts', 'a.b.c.d'],
    ['bad base64url', 'a.b*c.d'],
    ['not JSON', `x.${Buffer.from('nope').toString('base64url')}.y`],
    ['JSON array', `x.${Buffer.from('[1]').toString('base64url')}.y`],
    ['invalid UTF-8', `x.${Buffer.from([0xff, 0xfe]).toString('base64url')}.y`],
  ])('returns null for a malformed token (%s)', (_name, jwt) => {
    expect(decodeIdToken(jwt)).toBeNull();
  });
});
