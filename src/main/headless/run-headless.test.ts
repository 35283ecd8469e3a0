import { parsePort } from './run-headless';

describe('parsePort', () => {
  it('defaults to 47820, accepts 0 (any free port) and real ports', () => {
    expect(parsePort(undefined)).toBe(47820);
    expect(parsePort('')).toBe(47820);
    expect(parsePort('0')).toBe(0);
    expect(parsePort('51000')).toBe(51000);
  });

  it('refuses anything else with a hint', () => {
    for (const value of ['abc', '-1', '65536', '1.5', '0x50']) {
      expect(() => parsePort(value)).toThrow(/is not a port number/);
    }
  });
});
