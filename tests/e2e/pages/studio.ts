// Page object for ASL Studio: every test talks to the app through these data-testid hooks.
import { expect, type Locator, type Page, type Download } from '@playwright/test';
import { readFileSync } from 'node:fs';

export class Studio {
  readonly canvas: Locator;
  readonly stateNodes: Locator;
  readonly edges: Locator;
  readonly editor: Locator;
  readonly diagnostics: Locator;
  readonly errorsBanner: Locator;
  readonly notice: Locator;
  readonly machinePicker: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('canvas');
    this.stateNodes = page.getByTestId('state-node');
    this.edges = page.getByTestId('edge');
    this.editor = page.getByTestId('code-editor');
    this.diagnostics = page.getByTestId('diagnostic');
    this.errorsBanner = page.getByTestId('definition-errors');
    this.notice = page.getByTestId('notice');
    this.machinePicker = page.getByTestId('machine-picker');
  }

  async goto(hash = '') {
    await this.page.goto('/' + hash);
    await expect(this.canvas).toBeVisible();
    await expect(this.stateNodes.first()).toBeVisible();
  }

  state(name: string): Locator {
    return this.page.locator(`[data-testid="state-node"][data-state="${name}"]`);
  }

  async stateNames(): Promise<string[]> {
    return (await this.stateNodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-state') ?? ''))).sort();
  }

  async edgePairs(): Promise<string[]> {
    return (await this.edges.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')} -> ${e.getAttribute('data-to')}`))).sort();
  }

  async setDefinition(text: string) {
    await this.editor.fill(text);
  }

  async openExample(id: string) {
    await this.page.getByTestId('open-examples').click();
    await this.page.locator(`[data-testid="example"][data-example="${id}"]`).click();
    await expect(this.page.getByTestId('gallery')).toBeHidden();
  }

  async importFile(name: string, content: string, mimeType = 'application/octet-stream') {
    await this.page.getByTestId('open-import').click();
    await this.page.getByTestId('import-file').setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
    await expect(this.page.getByTestId('import-dialog')).toBeHidden();
    await expect(this.notice).toContainText(`Opened ${name}`);
  }

  async pasteImport(content: string) {
    await this.page.getByTestId('open-import').click();
    await this.page.getByTestId('import-paste').fill(content);
    await this.page.getByTestId('import-paste-open').click();
  }

  /** Drops a file on the page as a user dragging it from their desktop would. */
  async dropFile(name: string, content: string) {
    const dataTransfer = await this.page.evaluateHandle(({ name, content }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type: 'text/plain' }));
      return dt;
    }, { name, content });
    await this.page.dispatchEvent('.workspace', 'dragover', { dataTransfer });
    await this.page.dispatchEvent('.workspace', 'drop', { dataTransfer });
  }

  async export(kind: 'json' | 'yaml' | 'svg' | 'png'): Promise<{ name: string; content: Buffer }> {
    await this.page.getByTestId('export-menu').locator('summary').click();
    const [download]: [Download, void] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(`export-${kind}`).click(),
    ]);
    const path = await download.path();
    return { name: download.suggestedFilename(), content: readFileSync(path!) };
  }
}

/** What a definition should draw, counted straight from its JSON: every state, and every transition. */
export function expectedGraph(definition: any): { states: string[]; edges: string[] } {
  const states: string[] = [];
  const edges: string[] = [];
  const walk = (scope: any) => {
    for (const [name, state] of Object.entries<any>(scope.States ?? {})) {
      states.push(name);
      if (state.Next) edges.push(`${name} -> ${state.Next}`);
      if (state.Default) edges.push(`${name} -> ${state.Default}`);
      for (const rule of state.Choices ?? []) if (rule.Next) edges.push(`${name} -> ${rule.Next}`);
      for (const catcher of state.Catch ?? []) if (catcher.Next) edges.push(`${name} -> ${catcher.Next}`);
      for (const branch of state.Branches ?? []) walk(branch);
      if (state.ItemProcessor) walk(state.ItemProcessor);
      if (state.Iterator) walk(state.Iterator);
    }
  };
  walk(definition);
  return { states: states.sort(), edges: edges.sort() };
}
