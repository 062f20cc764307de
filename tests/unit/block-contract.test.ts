/**
 * The extension point for blocks with behaviour (src/player/blocks/contract.ts), in jsdom: block
 * scripts register before the player, each element is mounted once, and one failing block leaves
 * the others working. The blocks themselves are tested in Chromium (tests/e2e).
 */
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BLOCKS_GLOBAL, definedBlocks, mountBlocks, type BlockBehaviour, type BlockContext } from '../../src/player/blocks/contract.js';

function page(html: string): { win: Window; context: BlockContext } {
  const dom = new JSDOM(`<!DOCTYPE html><body>${html}</body>`);
  const win = dom.window as unknown as Window;
  const context: BlockContext = { doc: win.document, win, strings: {}, readOnly: false, announce: () => undefined };
  return { win, context };
}

function register(win: Window, ...behaviours: BlockBehaviour[]): void {
  (win as unknown as Record<string, BlockBehaviour[]>)[BLOCKS_GLOBAL] = behaviours;
}

afterEach(() => vi.restoreAllMocks());

describe('block extension point', () => {
  it('mounts each element of a defined kind once, however often the player asks', () => {
    const { win, context } = page('<div data-cp-block="tabs" id="a"></div><div data-cp-block="tabs" id="b"></div><div data-cp-block="other"></div>');
    const mounted: string[] = [];
    register(win, { kind: 'tabs', mount: (root) => mounted.push(root.id) });
    mountBlocks(win.document, context);
    mountBlocks(win.document, context);
    expect(mounted).toEqual(['a', 'b']);
    expect(win.document.getElementById('a')!.dataset.cpMounted).toBe('true');
  });

  it('mounts the blocks of markup added later (a module script of a split course)', () => {
    const { win, context } = page('<div id="pages"></div>');
    const mounted: string[] = [];
    register(win, { kind: 'tabs', mount: (root) => mounted.push(root.id) });
    mountBlocks(win.document, context);
    const section = win.document.createElement('section');
    section.innerHTML = '<div data-cp-block="tabs" id="late"></div>';
    win.document.getElementById('pages')!.append(section);
    mountBlocks(section, context);
    expect(mounted).toEqual(['late']);
  });

  it('keeps the other blocks working when one block throws', () => {
    const { win, context } = page('<div data-cp-block="broken"></div><div data-cp-block="tabs" id="t"></div>');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const mounted: string[] = [];
    register(win, { kind: 'broken', mount: () => { throw new Error('boom'); } }, { kind: 'tabs', mount: (root) => mounted.push(root.id) });
    mountBlocks(win.document, context);
    expect(mounted).toEqual(['t']);
    expect(errors).toHaveBeenCalledOnce();
  });

  it('has no behaviours in a package whose course uses no scripted block', () => {
    const { win, context } = page('<div data-cp-block="tabs"></div>');
    expect(definedBlocks(win)).toEqual([]);
    expect(() => mountBlocks(win.document, context)).not.toThrow();
  });
});
