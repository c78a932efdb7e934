import { createRequire } from 'node:module';

/** The two faces the paper is set in. */
export interface PaperFonts {
  regular: string;
  bold: string;
}

/**
 * DejaVu Sans, read from its npm package at run time (a dependency, so the main bundle leaves it
 * in node_modules and the installer packs it): PDF's built-in Helvetica has no Ş or Ł, and a
 * roster that prints "Sahin" as boxes is no roster. Resolved from this file's place, which works
 * from the sources (tests), from out/main (browser mode) and from inside the app's asar.
 */
export function paperFonts(): PaperFonts {
  const resolveFrom = createRequire(import.meta.url);
  return {
    regular: resolveFrom.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
    bold: resolveFrom.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  };
}
