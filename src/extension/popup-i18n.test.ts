import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCOPE_LABEL_KEYS } from '../shared/scope-labels';
import { StepStatus, TaskStatus } from '../shared/task-states';
import { ToolRisk } from '../shared/tools';
import { FailureReason } from './pairing';
import { createTranslator, pickLanguage, PROBLEM_KEYS } from './popup-i18n';

const source = (file: string) => readFileSync(join(__dirname, file), 'utf8');

/** Every key the popup can ask for: the literal ones in its code and page, and each family it builds from a value. */
function usedKeys(): string[] {
  const literal = [...source('popup.ts').matchAll(/\bt\(\s*'([^'$]+)'/g)].map((match) => match[1]!);
  const conditional = [...source('popup.ts').matchAll(/'((?:reachable|send|pairing|connection|task)\.[\w.]+)'/g)].map((match) => match[1]!);
  const page = [...source('popup.html').matchAll(/data-i18n="([^"]+)"/g)].map((match) => match[1]!);
  const built = [
    ...Object.values(PROBLEM_KEYS).flatMap((key) => [`problem.${key}.message`, `problem.${key}.hint`]),
    ...TaskStatus.options.map((status) => `task.status.${status}`),
    ...StepStatus.options.map((status) => `task.step.${status}`),
    ...ToolRisk.options.map((risk) => `task.risk.${risk}`),
    ...FailureReason.options.map((reason) => `pairing.failed.${reason}`),
    ...Object.values(SCOPE_LABEL_KEYS).map((key) => `bridgeScopes.${key}.label`),
  ];
  return [...new Set([...literal, ...conditional, ...page, ...built])];
}

describe('the popup’s strings', () => {
  // fr and ar hold exactly the keys of en (src/renderer/i18n/locales.test.ts), so en is the one to check.
  it('has every key it uses', () => {
    const { t } = createTranslator('en');
    const keys = usedKeys();
    expect(keys.length).toBeGreaterThan(60);
    // i18next answers a missing key with the key itself.
    expect(keys.filter((key) => t(key) === key || t(key).trim() === '')).toEqual([]);
  });

  it('speaks the browser’s language when the app has it, right to left for Arabic', () => {
    expect(pickLanguage('fr-CA')).toBe('fr');
    expect(pickLanguage('ar')).toBe('ar');
    expect(pickLanguage('de-DE')).toBe('en');
    expect(createTranslator('ar-EG').dir).toBe('rtl');
    expect(createTranslator('fr').t('problem.unreachable.message', { port: 47826 })).toBe('Aura Work ne tourne pas sur le port 47826.');
  });
});
