import { describe, expect, it } from '@jest/globals';
import i18next from 'i18next';
import { resources } from '../../i18n/i18n';
import { browserStepText, inputActionText } from './approval-action';

function translator(lng: 'en' | 'fr' | 'ar') {
  const instance = i18next.createInstance();
  void instance.init({ resources, lng, fallbackLng: 'en', initAsync: false, interpolation: { escapeValue: false } });
  return instance.t;
}

describe('approval actions', () => {
  const t = translator('en');

  it('say what a browser call would do, typed text and options quoted in full', () => {
    expect(browserStepText({ kind: 'open' }, t)).toBe('Open this page');
    expect(browserStepText({ kind: 'click', target: { role: 'button', name: 'Pay' } }, t)).toBe('Click button "Pay"');
    expect(browserStepText({ kind: 'type', target: { role: 'textbox', name: 'Card' }, text: '4242\n"x"', submit: true }, t)).toBe('Type "4242\\n\\"x\\"" into textbox "Card", then press Enter');
    expect(browserStepText({ kind: 'choose', target: { role: 'combobox', name: 'Size', index: 1 }, options: ['L', 'XL'] }, t)).toBe('Choose "L" and "XL" in combobox "Size" (match 2)');
    expect(browserStepText({ kind: 'click', target: { text: 'Next page' } }, t)).toBe('Click the text "Next page"');
    expect(browserStepText({ kind: 'click', target: { role: 'link', text: 'More' } }, t)).toBe('Click link with the text "More"');
  });

  it('say what a computer action would do, the whole text and keys included', () => {
    expect(inputActionText({ kind: 'click', x: 10, y: 20, button: 'left', double: false }, t)).toBe('Click the left button at (10, 20)');
    expect(inputActionText({ kind: 'click', x: 1, y: 2, button: 'right', double: true }, t)).toBe('Double-click the right button at (1, 2)');
    expect(inputActionText({ kind: 'move', x: 3, y: 4 }, t)).toBe('Move the pointer to (3, 4)');
    expect(inputActionText({ kind: 'type', text: 'rm -rf "x"\n' }, t)).toBe('Type "rm -rf \\"x\\"\\n"');
    expect(inputActionText({ kind: 'key', keys: 'ctrl+s Return' }, t)).toBe('Press ctrl+s Return');
    expect(inputActionText({ kind: 'scroll', direction: 'down', amount: 1 }, t)).toBe('Scroll down 1 time');
    expect(inputActionText({ kind: 'scroll', direction: 'up', amount: 3, x: 5, y: 6 }, t)).toBe('Scroll up 3 times at (5, 6)');
  });

  it('are said in the user\'s language', () => {
    expect(inputActionText({ kind: 'click', x: 10, y: 20, button: 'left', double: false }, translator('fr'))).toBe('Cliquer avec le bouton gauche en (10, 20)');
    expect(browserStepText({ kind: 'choose', target: { role: 'combobox', name: 'Taille' }, options: ['L', 'XL'] }, translator('fr'))).toBe('Choisir "L" et "XL" dans combobox « Taille »');
    expect(inputActionText({ kind: 'scroll', direction: 'down', amount: 2 }, translator('ar'))).toBe('التمرير إلى الأسفل مرتين');
  });
});
