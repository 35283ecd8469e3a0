import type { Plugin } from 'vite';

/** The module id the patched modules import the style element from. */
export declare const MONACO_STYLES_MODULE: string;
/** Monaco's module with the CSP patches applied, or null when `id` is not one that needs them. */
export declare function patchMonacoModule(id: string, code: string): string | null;
/** The Vite plugin that applies the patches and resolves the style element's module to `stylesModule`. */
export declare function monacoCsp(stylesModule: string): Plugin;
