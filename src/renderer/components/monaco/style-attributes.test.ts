import { describe, expect, it } from '@jest/globals';
import { moveStyleAttributes } from './style-attributes';

describe('moveStyleAttributes', () => {
  it('renames the style attribute of every start tag, whatever its quoting', () => {
    expect(moveStyleAttributes('<div style="top:19px;height:19px;" class="view-line"><span class="mtk1">a</span></div>')).toBe(
      '<div data-aura-style="top:19px;height:19px;" class="view-line"><span class="mtk1">a</span></div>',
    );
    expect(moveStyleAttributes("<span class='x' STYLE='width:3px'></span><br style=left:0>")).toBe("<span class='x' data-aura-style='width:3px'></span><br data-aura-style=left:0>");
    expect(moveStyleAttributes('<div\nstyle="a:b"/>')).toBe('<div\ndata-aura-style="a:b"/>');
  });

  it('leaves text, other attributes and attribute values alone', () => {
    const text = '<span class="mtk1">&lt;div style="color:red"&gt; style=x</span>';
    expect(moveStyleAttributes(text)).toBe(text);
    const inValue = '<div title="a style=&quot;x&quot; b" data-style="keep" stylex="keep"></div>';
    expect(moveStyleAttributes(inValue)).toBe(inValue);
    expect(moveStyleAttributes('<div title=\'style="x"\' style="y"></div>')).toBe('<div title=\'style="x"\' data-aura-style="y"></div>');
    expect(moveStyleAttributes('plain text')).toBe('plain text');
  });
});
