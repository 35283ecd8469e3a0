import { parsePort } from './ports';

describe('parsePort', () => {
  it('falls back when unset, accepts 0 (any free port) and real ports', () => {
    expect(parsePort(undefined, 'AURA_PORT', 47820)).toBe(47820);
    expect(parsePort('', 'AURA_BRIDGE_PORT', 47826)).toBe(47826);
    expect(parsePort('0', 'AURA_PORT', 47820)).toBe(0);
    expect(parsePort('51000', 'AURA_PORT', 47820)).toBe(51000);
  });

  it('refuses anything else, naming the variable, with a hint', () => {
    for (const value of ['abc', '-1', '65536', '1.5', '0x50']) {
      expect(() => parsePort(value, 'AURA_BRIDGE_PORT', 47826)).toThrow(/AURA_BRIDGE_PORT=.* is not a port number/);
    }
  });
});
