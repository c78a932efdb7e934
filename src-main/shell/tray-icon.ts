/**
 * The tray's icon: build/icon.png at 32×32, inline, because electron-builder packages only out/
 * (build/ is not in the app) and a data URL needs no file to be found at run time. Windows scales
 * it to the tray's 16 or 24 pixels.
 */
export const trayIconDataUrl = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAABlklEQVR42mNggAJ+nxh2fp+YQn6fmLP8PjHf+X1i/lMZf4eaDbKDnQEZ8PvEyPL7xFyigaW4MMguWWSfX6aj5TB8GRwS/D4xBQNgOQwXgBxwegAdcIaBRgmO6ITJMICWg/HgdYCSf/j/wgjb/5URFhRhkBkgs0h2wK5E1f+PU0SogkFmkeyAx6miVHMAyCySHfCyxZVqDgCZRbID/n568//Tzmn/P27qogh/2jUNbBbJDiAXnL5xG4zRAV0csGr/0f9CfnH/hf3j/7/7/IW+Dlh1AGI5SK9LScP/P3/+0s8BMJ+D9DkX1///+PUb9aMAV9wSYznFDnj36TM4XkEWgSzEafmXrzhDiSIH/P7zFxyvIHGYI0ixnCpRALIAZBHMEaRYTrVEiOwIUiwnywH//v3D6Yiwxh4wJtZykFkkO+Dsrbv/qQVAZpHsAOXozP/Vc5b+b1+2jiIMMgNk1qBuEQ1ko/QbyAFnBtABpwe+Y8IH6ZpdGgDLL8E7qdDO6WU69wtlUXvI3tHI3fOfNLD0J9TsAuTuOQCiSbOFReL8gAAAAABJRU5ErkJggg==';
