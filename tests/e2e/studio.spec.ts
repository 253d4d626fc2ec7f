// User flows of ASL Studio in a real browser: the default example, editing, errors, the gallery, import,
// export, selection, and that the page talks to nobody but its own origin.
import { test, expect } from '@playwright/test';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Studio, expectedGraph } from './pages/studio';

const examplesDir = join(__dirname, '..', '..', 'examples');
const examples: { id: string; file?: string; machine?: string }[] = JSON.parse(readFileSync(join(examplesDir, 'index.json'), 'utf8'));
const exampleText = (id: string, file = 'definition.asl.json') => readFileSync(join(examplesDir, id, file), 'utf8');
const screenshots = join(__dirname, 'artifacts', 'screenshots');
mkdirSync(screenshots, { recursive: true });

/** The text under the code view's marks of one kind (`err`, `warn`, `sel`), joined. */
const markedText = (page: import('@playwright/test').Page, kind: string) =>
  page.locator(`.backdrop mark.${kind}`).evaluateAll((els) => els.map((e) => e.textContent).join(''));

const TINY = JSON.stringify({
  Comment: 'Two states',
  StartAt: 'Hello',
  States: { Hello: { Type: 'Pass', Next: 'World' }, World: { Type: 'Succeed' } },
}, null, 2);

test('the first visit opens the default example, drawn with every state and transition', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  const expected = expectedGraph(JSON.parse(exampleText(examples[0].id)));
  await expect(studio.stateNodes).toHaveCount(expected.states.length);
  await expect(studio.edges).toHaveCount(expected.edges.length);
  expect(await studio.stateNames()).toEqual(expected.states);
  expect(await studio.edgePairs()).toEqual(expected.edges);
  await expect(page.getByTestId('diagnostic-counts')).toContainText('No problems');
  await expect(studio.errorsBanner).toBeHidden();
  // Task boxes name their service, as in Workflow Studio.
  await expect(page.locator('[data-state-type="Task"] .subtitle').first()).toContainText('Lambda: Invoke');
  await page.screenshot({ path: join(screenshots, 'default-example.png') });
});

test('typing a new definition redraws the graph', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  await studio.setDefinition(TINY);
  await expect(studio.stateNodes).toHaveCount(2);
  expect(await studio.edgePairs()).toEqual(['Hello -> World']);
  await expect(studio.state('World')).toHaveAttribute('data-state-type', 'Succeed');
});

test('an invalid definition shows located diagnostics and keeps the last good graph', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  await studio.setDefinition(TINY);
  await expect(studio.stateNodes).toHaveCount(2);
  // A transition to a state that does not exist: a validation error on line 7 (and World is now unreachable).
  await studio.setDefinition(TINY.replace('"Next": "World"', '"Next": "Wrold"'));
  const missing = page.locator('[data-testid="diagnostic"][data-code="MISSING_TRANSITION_TARGET"][title="/States/Hello/Next"]');
  await expect(missing).toHaveCount(1);
  await expect(missing).toHaveAttribute('data-line', '7');
  await expect(missing.locator('.where')).toHaveText(/^7:\d+$/);
  await expect(missing).toContainText('Wrold');
  await expect(studio.errorsBanner).toBeVisible();
  await expect(studio.errorsBanner).toContainText('last valid version');
  expect(await studio.edgePairs()).toEqual(['Hello -> World']);
  expect(await markedText(page, 'err')).toContain('"Wrold"');
  // Broken syntax: still located, still the same graph.
  await studio.setDefinition(TINY.slice(0, 60));
  await expect(page.locator('[data-testid="diagnostic"][data-code="INVALID_JSON_DESCRIPTION"]').first()).toBeVisible();
  await expect(studio.stateNodes).toHaveCount(2);
  // Fixing it removes the banner and draws the new text.
  await studio.setDefinition(TINY.replace(/World/g, 'Done'));
  await expect(studio.errorsBanner).toBeHidden();
  expect(await studio.edgePairs()).toEqual(['Hello -> Done']);
});

test('clicking a diagnostic puts the text cursor on the problem', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  await studio.setDefinition(TINY.replace('"Next": "World"', '"Next": "Wrold"'));
  await page.locator('[data-testid="diagnostic"][title="/States/Hello/Next"]').click();
  const selected = await studio.editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toContain('Wrold');
});

for (const example of examples) {
  test(`example ${example.id} opens and renders`, async ({ page }) => {
    const studio = new Studio(page);
    await studio.goto();
    await studio.openExample(example.id);
    await expect(page.getByTestId('file-name')).toContainText(example.id);
    await expect(studio.errorsBanner).toBeHidden();
    const text = exampleText(example.id, example.file);
    if (!example.file || example.file.endsWith('.json')) {
      const expected = expectedGraph(JSON.parse(text));
      await expect(studio.stateNodes).toHaveCount(expected.states.length);
      expect(await studio.edgePairs()).toEqual(expected.edges);
    } else {
      await expect(studio.stateNodes.first()).toBeVisible();
      if (example.machine) await expect(studio.machinePicker).toHaveValue(example.machine);
    }
    expect(await studio.editor.inputValue()).toBe(text);
  });
}

test('a nested Parallel inside a Map is drawn inside its container', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto('#example=nested-parallel-in-map');
  const map = page.locator('[data-testid="state-node"][data-state-type="Map"]').first();
  const parallel = page.locator('[data-testid="state-node"][data-state-type="Parallel"]').first();
  const outer = (await map.locator(':scope > rect.box').boundingBox())!;
  const inner = (await parallel.locator(':scope > rect.box').boundingBox())!;
  expect(inner.x).toBeGreaterThan(outer.x);
  expect(inner.y).toBeGreaterThan(outer.y);
  expect(inner.x + inner.width).toBeLessThan(outer.x + outer.width);
  expect(inner.y + inner.height).toBeLessThan(outer.y + outer.height);
  await page.screenshot({ path: join(screenshots, 'nested-parallel-in-map.png') });
});

test('opening a document fits its graph to the screen', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  const level = page.getByTestId('zoom-level');
  const tall = await level.textContent();
  // lambda-chain is short: fitted, it is shown at 100 %, unlike the tall default example.
  await studio.openExample('lambda-chain');
  await expect(level).toHaveText('100 %');
  await page.getByTestId('undo-open').click();
  await expect(level).toHaveText(tall!);
});

test('selecting a state highlights it and its text', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  await studio.setDefinition(TINY);
  await studio.state('World').click();
  await expect(studio.state('World')).toHaveClass(/selected/);
  expect(await markedText(page, 'sel')).toContain('"Type": "Succeed"');
  // A click on the background clears it.
  await page.mouse.click(300, 800);
  await expect(studio.state('World')).not.toHaveClass(/selected/);
});

test('zoom buttons and fit change the view', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  const level = page.getByTestId('zoom-level');
  const before = await level.textContent();
  await page.getByTestId('zoom-in').click();
  await expect(level).not.toHaveText(before!);
  await page.getByTestId('zoom-fit').click();
  await expect(level).toHaveText(before!);
});

const YAML = `Comment: A YAML machine
StartAt: Fetch
States:
  Fetch:
    Type: Task
    Resource: arn:aws:states:::dynamodb:getItem
    Parameters:
      TableName: Orders
      Key:
        id:
          S.$: $.id
    Next: Done
  Done:
    Type: Succeed
`;

test('importing a YAML file draws it', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  await studio.importFile('machine.asl.yaml', YAML);
  await expect(studio.stateNodes).toHaveCount(2);
  expect(await studio.edgePairs()).toEqual(['Fetch -> Done']);
  await expect(studio.state('Fetch').locator('.subtitle')).toHaveText('DynamoDB: GetItem');
  // The previous document is one click away.
  await page.getByTestId('undo-open').click();
  const expected = expectedGraph(JSON.parse(exampleText(examples[0].id)));
  await expect(studio.stateNodes).toHaveCount(expected.states.length);
});

test('importing a SAM template with two state machines lets the user pick one', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  const sam = examples.find((e) => e.file?.endsWith('.yaml'))!;
  await studio.importFile('template.yaml', exampleText(sam.id, sam.file));
  await expect(studio.machinePicker).toBeVisible();
  const options = await studio.machinePicker.locator('option').allTextContents();
  expect(options.length).toBe(2);
  const first = await studio.stateNames();
  await studio.machinePicker.selectOption(options[1]);
  await expect.poll(() => studio.stateNames()).not.toEqual(first);
  await expect(studio.errorsBanner).toBeHidden();
});

test('pasting and dropping open a definition too', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  await studio.pasteImport(TINY);
  await expect(studio.stateNodes).toHaveCount(2);
  await studio.dropFile('dropped.yaml', YAML);
  await expect(studio.notice).toContainText('Opened dropped.yaml');
  expect(await studio.edgePairs()).toEqual(['Fetch -> Done']);
});

test('export round-trips: JSON and YAML read back to the same graph; SVG and PNG are images', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  const names = await studio.stateNames();
  const edges = await studio.edgePairs();
  const json = await studio.export('json');
  expect(json.name).toMatch(/\.asl\.json$/);
  const yaml = await studio.export('yaml');
  expect(yaml.name).toMatch(/\.asl\.yaml$/);
  expect(JSON.parse(json.content.toString())).toEqual(JSON.parse(exampleText(examples[0].id)));
  await studio.setDefinition(TINY);
  await studio.importFile(yaml.name, yaml.content.toString());
  expect(await studio.stateNames()).toEqual(names);
  expect(await studio.edgePairs()).toEqual(edges);
  await expect(studio.errorsBanner).toBeHidden();
  await studio.importFile(json.name, json.content.toString());
  expect(await studio.edgePairs()).toEqual(edges);

  const svg = await studio.export('svg');
  expect(svg.content.toString()).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  for (const name of names) expect(svg.content.toString()).toContain(`data-state="${name}"`);
  const png = await studio.export('png');
  expect(png.name).toMatch(/\.png$/);
  expect(png.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.content.length).toBeGreaterThan(5000);
});

test('edits survive a reload (autosave)', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  await studio.setDefinition(TINY);
  await expect(studio.stateNodes).toHaveCount(2);
  await page.reload();
  await expect(studio.stateNodes).toHaveCount(2);
  expect(await studio.editor.inputValue()).toBe(TINY);
});

test('the page makes no request to any other origin', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseURL!) && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(url);
  });
  const studio = new Studio(page);
  await studio.goto();
  for (const example of examples.slice(0, 4)) await studio.openExample(example.id);
  await studio.export('png');
  await studio.export('svg');
  await page.waitForTimeout(500);
  expect(foreign).toEqual([]);
});

test('bad input never breaks the page', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.text().includes('panicked')) errors.push(m.text()); });
  const studio = new Studio(page);
  await studio.goto();
  const inputs = ['', '{', 'null', '[]', '{"States": 3}', 'a: [', '\u0000\u0001', '{"StartAt": "A", "States": {"A": {"Type": "Map"}}}',
    '{'.repeat(5000), '{\r\n"StartAt": "A",\r\n"States": {"A": {"Type": "Pass", "End": true}}\r\n', '{"Comment": "Größe 🚀", "StartAt": “A”}',
    '{"StartAt": "🚀", "States": {"🚀": {"Type": "Succeed"}}}x', '\ud800'];
  for (const text of inputs) {
    await studio.setDefinition(text);
    await expect(page.getByTestId('diagnostic-counts')).toBeVisible();
  }
  await studio.setDefinition(TINY);
  await expect(studio.stateNodes).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('diagnostics point at the right place after non-ASCII text and in files with CRLF line ends', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  const text = TINY.replace('"Comment": "Two states"', '"Comment": "Größe 🚀 — ünïcode"').replace('"Next": "World"', '"Next": "Wrold"');
  await studio.importFile('windows.asl.json', text.replace(/\n/g, '\r\n'));
  await page.locator('[data-testid="diagnostic"][title="/States/Hello/Next"]').click();
  const selected = await studio.editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toContain('Wrold');
  expect(await markedText(page, 'err')).toContain('Wrold');
});

test('Undo after opening brings back the edited work, even after another example; exports offer no Undo', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  await studio.editor.click();
  await studio.setDefinition(TINY);
  await studio.openExample('lambda-chain');
  await studio.openExample('map-items');
  await studio.export('json');
  await expect(studio.notice).toContainText('Exported');
  await expect(page.getByTestId('undo-open')).toHaveCount(0);
  await studio.openExample('choice-routing');
  await page.getByTestId('undo-open').click();
  expect(await studio.editor.inputValue()).toBe(TINY);
  await expect(studio.stateNodes).toHaveCount(2);
  // Undo again swaps back.
  await page.getByTestId('undo-open').click();
  await expect(page.getByTestId('file-name')).toContainText('choice-routing');
});

test('an example named in the address does not overwrite autosaved work', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  await studio.setDefinition(TINY);
  // A fresh visit through a link…
  await page.goto('about:blank');
  await page.goto('/#example=lambda-chain');
  await expect(page.getByTestId('file-name')).toContainText('lambda-chain');
  expect(new URL(page.url()).hash).toBe('');
  await page.getByTestId('undo-open').click();
  expect(await studio.editor.inputValue()).toBe(TINY);
  await page.reload();
  expect(await studio.editor.inputValue()).toBe(TINY);
  // …and a link followed inside the open page.
  await page.evaluate(() => { location.hash = '#example=map-items'; });
  await expect(page.getByTestId('file-name')).toContainText('map-items');
  await page.getByTestId('undo-open').click();
  expect(await studio.editor.inputValue()).toBe(TINY);
});

test('the user\'s zoom survives edits; Escape closes dialogs and clears the selection', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  const level = page.getByTestId('zoom-level');
  await page.getByTestId('zoom-in').click();
  const zoomed = await level.textContent();
  await studio.setDefinition(TINY);
  await studio.setDefinition(TINY.slice(0, 40));
  await studio.setDefinition(TINY.replace('Hello', 'Hi'));
  await expect(level).toHaveText(zoomed!);
  await page.getByTestId('open-examples').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('gallery')).toBeHidden();
  await page.getByTestId('open-import').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  await studio.state('World').click();
  await expect(studio.state('World')).toHaveClass(/selected/);
  await page.keyboard.press('Escape');
  await expect(studio.state('World')).not.toHaveClass(/selected/);
  // States can be chosen from the keyboard.
  await studio.state('World').focus();
  await page.keyboard.press('Enter');
  await expect(studio.state('World')).toHaveClass(/selected/);
});

test('the state under the text cursor is selected on the canvas', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  await studio.setDefinition(TINY);
  const offset = TINY.indexOf('"Succeed"');
  await studio.editor.evaluate((el: HTMLTextAreaElement, at: number) => { el.focus(); el.setSelectionRange(at, at); }, offset);
  await studio.editor.press('ArrowRight');
  await expect(studio.state('World')).toHaveClass(/selected/);
});

test('the code view colours JSON and YAML, ASL-aware', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  await studio.setDefinition('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "$.y", "n": 1}, "End": true}}}');
  await expect(page.locator('.backdrop .t-key').first()).toHaveText('"StartAt"');
  await expect(page.locator('.backdrop .t-key-dollar')).toHaveText('"x.$"');
  await expect(page.locator('.backdrop .t-path')).toHaveText('"$.y"');
  await expect(page.locator('.backdrop .t-lit')).toHaveText('true');
  await studio.setDefinition(YAML);
  await expect(page.locator('.backdrop .t-key').first()).toHaveText('Comment');
  await expect(page.locator('.backdrop .t-path')).toHaveText('$.id');
  // The coloured text lies exactly under the textarea's: same lines, same columns.
  const [backdrop, editor] = await Promise.all([page.locator('.backdrop-text').boundingBox(), studio.editor.boundingBox()]);
  expect(Math.abs(backdrop!.x - editor!.x)).toBeLessThan(12);
});

test('a long definition is coloured wherever the user scrolls, in line with the text', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  const states = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`S${i}`, i < 299 ? { Type: 'Pass', Next: `S${i + 1}` } : { Type: 'Succeed' }]));
  await studio.setDefinition(JSON.stringify({ StartAt: 'S0', States: states }, null, 2));
  await studio.editor.evaluate((el: HTMLTextAreaElement) => { el.scrollTop = el.scrollHeight; });
  const last = page.locator('.backdrop .t-key', { hasText: '"S299"' });
  await expect(last).toHaveCount(1);
  const [key, editor] = await Promise.all([last.boundingBox(), studio.editor.boundingBox()]);
  expect(key!.y).toBeGreaterThan(editor!.y);
  expect(key!.y + key!.height).toBeLessThan(editor!.y + editor!.height);
});

test('Tab indents the selected lines and Shift+Tab outdents them', async ({ page }) => {
  const studio = new Studio(page);
  await studio.goto();
  await studio.setDefinition('a\nb\nc');
  await studio.editor.evaluate((el: HTMLTextAreaElement) => { el.focus(); el.setSelectionRange(0, 3); });
  await page.keyboard.press('Tab');
  expect(await studio.editor.inputValue()).toBe('  a\n  b\nc');
  await page.keyboard.press('Shift+Tab');
  expect(await studio.editor.inputValue()).toBe('a\nb\nc');
});
