/**
 * The structure tree: course, modules, pages, blocks, questions, assessments. Follows the WAI-ARIA
 * tree view pattern (https://www.w3.org/WAI/ARIA/apg/patterns/treeview/): one tab stop (roving
 * tabindex), arrows move, Right/Left open and close, Home/End, Enter selects. Reordering works by
 * drag and drop, by the Move up/Move down buttons and by Alt+ArrowUp/ArrowDown, each announced in
 * the live region.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { AddDialog, DeleteDialog, duplicateModule, RenameDialog } from './tree-dialogs.js';
import { ImageDialog } from './image-dialog.js';
import { stepMove } from './ops.js';
import { useStore, type Store } from './store.js';
import { dropMove, visibleRows, type TreeRow } from './tree-model.js';
import { typeLabel } from './field-text.js';

type AddWhat = 'module' | 'assessment' | 'page' | 'block' | 'question';
type Open = { kind: 'add' | 'rename' | 'delete' | 'image'; row: TreeRow; what?: AddWhat } | null;

export async function moveRow(store: Store, row: TreeRow, step: -1 | 1): Promise<void> {
  const s = row.siblings;
  if (!s) return;
  const op = stepMove(s.path, s.index, s.length, step);
  if (!op || op.op !== 'move') return;
  const ok = await store.edit(s.file, [op], store.t('move', { what: row.label }));
  if (!ok) return;
  await selectMoved(store, row, op.to);
  store.announce(store.t('movedTo', { what: row.label, n: op.to + 1, total: s.length }));
}

/** Moves the selected node one step, once the actions before it are done (Store.act). */
export function moveSelected(store: Store, step: -1 | 1): Promise<void> {
  return store.act(async () => {
    const row = store.selectedRow;
    if (row) await moveRow(store, row, step);
  });
}

/** Selects a node where a move put it (keys are positions: the old key now names another node). */
async function selectMoved(store: Store, row: TreeRow, to: number): Promise<void> {
  const newPath = row.path.length ? [...row.path.slice(0, -1), to] : row.path;
  const moved = store.rows.find((r) => (row.kind === 'module' || row.kind === 'assessment' ? r.kind === row.kind && r.siblings?.index === to : r.file === row.file && r.path.join('.') === newPath.join('.')));
  if (moved) await store.select(moved.key);
}

/** Which child an "Add" on this row makes. */
export function addKind(row: TreeRow): 'module' | 'page' | 'block' | 'question' | null {
  if (row.kind === 'course') return 'module';
  if (row.kind === 'module') return 'page';
  if (row.kind === 'page') return 'block';
  if (row.kind === 'assessment') return 'question';
  if (row.kind === 'block' && row.type === 'check') return 'question';
  return null;
}

function Toolbar(props: { row: TreeRow | undefined; open: (o: Open) => void }) {
  const store = useStore();
  const row = props.row;
  if (!row) return null;
  // Each button acts on the row selected when it runs (Store.act), not the one this toolbar was drawn for.
  const open = (o: Omit<NonNullable<Open>, 'row'>) => void store.act(() => {
    const current = store.selectedRow;
    if (current) props.open({ ...o, row: current } as Open);
  });
  const add = addKind(row);
  const canRename = row.kind !== 'block' || row.type === 'check';
  const canDuplicate = row.kind === 'module' || row.kind === 'page' || row.kind === 'block' || row.kind === 'question';
  const canDelete = row.kind !== 'course';
  const s = row.siblings;
  return (
    <div class="tree-toolbar" role="toolbar" aria-label={store.t('tree.actions', { what: row.label })}>
      {add ? (
        <button type="button" onClick={() => open({ kind: 'add', what: add })}>
          {store.t(`add.${add}`)}
        </button>
      ) : null}
      {row.kind === 'course' && store.info?.course.assessments.length === 0 ? (
        <button type="button" onClick={() => open({ kind: 'add', what: 'assessment' })}>
          {store.t('add.assessment')}
        </button>
      ) : null}
      {row.kind === 'page' ? (
        <button type="button" onClick={() => open({ kind: 'image' })}>
          {store.t('add.image')}
        </button>
      ) : null}
      <button type="button" disabled={!canRename} onClick={() => open({ kind: 'rename' })}>
        {store.t('rename')}
      </button>
      <button type="button" disabled={!canDuplicate} onClick={() => void store.act(() => (store.selectedRow ? duplicate(store, store.selectedRow) : undefined))}>
        {store.t('duplicate')}
      </button>
      <button type="button" disabled={!s || s.index === 0} onClick={() => void moveSelected(store, -1)} aria-keyshortcuts="Alt+ArrowUp">
        {store.t('moveUp')}
      </button>
      <button type="button" disabled={!s || s.index === s.length - 1} onClick={() => void moveSelected(store, 1)} aria-keyshortcuts="Alt+ArrowDown">
        {store.t('moveDown')}
      </button>
      <button type="button" class="danger" disabled={!canDelete} onClick={() => open({ kind: 'delete' })}>
        {store.t('delete')}
      </button>
    </div>
  );
}

async function duplicate(store: Store, row: TreeRow): Promise<void> {
  if (row.kind === 'module') {
    await duplicateModule(store, row);
    return;
  }
  const ok = await store.edit(row.file, [{ op: 'duplicate', path: row.path }], store.t('duplicate'));
  if (ok) store.announce(store.t('duplicated', { what: row.label }));
}

export function StructureTree() {
  const store = useStore();
  const [open, setOpen] = useState<Open>(null);
  const [dragged, setDragged] = useState<TreeRow | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);
  const rows = visibleRows(store.rows, store.expanded);
  const focusKey = rows.some((r) => r.key === store.selected) ? store.selected : rows[0]?.key;
  const wantFocus = useRef(false);

  // Focus follows the selection while it is in the tree (after a move the selected node has a new place).
  useEffect(() => {
    const tree = treeRef.current;
    const current = tree?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]');
    const inTree = tree?.contains(document.activeElement) ?? false;
    if (!current || !(wantFocus.current || inTree) || document.activeElement === current) return;
    wantFocus.current = false;
    current.focus();
  });

  const go = (row: TreeRow | undefined) => {
    if (!row) return;
    wantFocus.current = true;
    void store.select(row.key);
  };

  const onKey = (e: KeyboardEvent, target: TreeRow) => {
    // Keys are read against the store as it is now, not as last rendered: a key pressed before the
    // tree re-rendered (a fast typist, a screen reader, an automated test) must still move from the
    // row the previous key reached, through the rows the previous key opened.
    const rows = visibleRows(store.rows, store.expanded);
    const row = rows.find((r) => r.key === store.selected) ?? rows.find((r) => r.key === target.key) ?? target;
    const i = rows.indexOf(row);
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      wantFocus.current = true;
      void moveSelected(store, e.key === 'ArrowUp' ? -1 : 1);
      return;
    }
    switch (e.key) {
      case 'ArrowDown':
        go(rows[i + 1]);
        break;
      case 'ArrowUp':
        go(rows[i - 1]);
        break;
      case 'Home':
        go(rows[0]);
        break;
      case 'End':
        go(rows[rows.length - 1]);
        break;
      case 'ArrowRight':
        if (row.hasChildren && !store.expanded.has(row.key)) store.toggle(row.key, true);
        else if (row.hasChildren) go(rows[i + 1]);
        break;
      case 'ArrowLeft':
        if (row.hasChildren && store.expanded.has(row.key)) store.toggle(row.key, false);
        else go(rows.find((r) => r.key === row.parentKey));
        break;
      case 'Enter':
      case ' ':
        go(row);
        break;
      case 'F2':
        props_open(row);
        break;
      default:
        return;
    }
    e.preventDefault();
  };
  const props_open = (row: TreeRow) => setOpen({ kind: 'rename', row });

  const posInSet = (row: TreeRow) => {
    const same = rows.filter((r) => r.parentKey === row.parentKey && r.level === row.level);
    return { size: same.length, pos: same.indexOf(row) + 1 };
  };

  return (
    <section class="structure" aria-labelledby="structure-title">
      <h2 id="structure-title">{store.t('structure')}</h2>
      <Toolbar row={store.selectedRow} open={setOpen} />
      <p class="help" id="tree-help">
        {store.t('tree.help')}
      </p>
      <ul role="tree" class="tree" ref={treeRef} aria-labelledby="structure-title" aria-describedby="tree-help">
        {rows.map((row) => {
          const { size, pos } = posInSet(row);
          const drop = dragged ? dropMove(dragged, row) : null;
          return (
            <li
              key={row.key}
              role="treeitem"
              aria-level={row.level}
              aria-setsize={size}
              aria-posinset={pos}
              aria-expanded={row.hasChildren ? store.expanded.has(row.key) : undefined}
              aria-selected={row.key === store.selected}
              tabIndex={row.key === focusKey ? 0 : -1}
              class={`tree-row kind-${row.kind}${row.key === store.selected ? ' selected' : ''}${drop ? ' drop-ok' : ''}`}
              style={{ paddingInlineStart: `${(row.level - 1) * 1.1 + 0.4}rem` }}
              draggable={row.siblings !== undefined}
              data-key={row.key}
              onClick={() => go(row)}
              onKeyDown={(e) => onKey(e, row)}
              onDragStart={(e) => {
                setDragged(row);
                e.dataTransfer?.setData('text/plain', row.key);
              }}
              onDragEnd={() => setDragged(null)}
              onDragOver={(e) => {
                if (drop) e.preventDefault();
              }}
              onDrop={(e) => {
                e.preventDefault();
                setDragged(null);
                if (!drop || !dragged) return;
                void (async () => {
                  const ok = await store.edit(drop.file, [{ op: 'move', path: drop.path, from: drop.from, to: drop.to }], store.t('move', { what: dragged.label }));
                  if (!ok) return;
                  await selectMoved(store, dragged, drop.to);
                  store.announce(store.t('movedTo', { what: dragged.label, n: drop.to + 1, total: dragged.siblings!.length }));
                })();
              }}
            >
              {row.hasChildren ? (
                <span
                  class="twisty"
                  aria-hidden="true"
                  onClick={(e) => {
                    e.stopPropagation();
                    store.toggle(row.key);
                  }}
                >
                  {store.expanded.has(row.key) ? '▾' : '▸'}
                </span>
              ) : (
                <span class="twisty" aria-hidden="true" />
              )}
              <span class="kind" aria-hidden="true">
                {store.t(`kind.${row.kind}`)}
              </span>{' '}
              <span class="visually-hidden">{store.t(`kind.${row.kind}`)}: </span>
              <span class="row-name" lang={row.typeName ? undefined : store.sourceLanguage}>{row.label}</span>
              {row.type ? <span class="type"> ({typeLabel(store.strings, row.type)})</span> : null}
            </li>
          );
        })}
      </ul>
      {open?.kind === 'add' ? <AddDialog row={open.row} what={open.what ?? 'page'} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'rename' ? <RenameDialog row={open.row} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'delete' ? <DeleteDialog row={open.row} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'image' ? <ImageDialog row={open.row} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
