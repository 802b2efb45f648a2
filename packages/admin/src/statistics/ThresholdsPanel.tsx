import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, MenuItem, Stack, Switch, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/EditOutlined';
import AddIcon from '@mui/icons-material/Add';
import { useNotify, useTranslate } from 'react-admin';
import { DEFAULT_CLASS_THRESHOLD } from '@tiaojie/core/domain';
import { useCategoryChoices, useCategoryName } from '../common/CategoryInput';
import { getJson, putJson } from './api';

interface ThresholdRec {
  id: number;
  category: string | null;
  windowDays: number;
  areaCases: number;
  respondentCases: number;
  active: boolean;
  version: number;
}
/** A row as the form edits it; `category` undefined: not chosen yet (a new row). */
type Draft = { category: string | null | undefined; windowDays: string; areaCases: string; respondentCases: string; active: boolean };
const NUMBERS = ['windowDays', 'areaCases', 'respondentCases'] as const;
/** The default that holds while no default row exists. */
const BUILT_IN = { id: null, category: null, active: true, ...DEFAULT_CLASS_THRESHOLD };
/** The select's value for the default row (category null). */
const DEFAULT = '*';

/** Edit one category's threshold (or the default), or add one for a category without its own. */
function ThresholdDialog({ draft: initial, isNew, taken, onClose }: { draft: Draft; isNew: boolean; taken: Set<string | null>; onClose: (saved: boolean) => void }) {
  const translate = useTranslate();
  const categories = useCategoryChoices();
  const categoryName = useCategoryName();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const T = (k: string) => translate(`statistics.thresholds.${k}`);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await putJson('/class-thresholds', { category: draft.category, active: draft.active, ...Object.fromEntries(NUMBERS.map((k) => [k, Number(draft[k])])) });
      onClose(true);
    } catch (e) {
      // The API names each field and why (HttpError body.errors: field → message).
      const fields = (e as { body?: { errors?: Record<string, string> } }).body?.errors ?? {};
      const detail = Object.entries(fields).map(([f, m]) => `${T(f)}：${m}`);
      setError([(e as Error).message, ...detail].join('；'));
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={() => onClose(false)} maxWidth="xs" fullWidth data-testid="threshold-dialog">
      <DialogTitle>{isNew ? T('add') : `${T('edit')}：${draft.category ? categoryName(draft.category) : T('default')}`}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {isNew && (
            <TextField select size="small" label={T('category')} value={draft.category ?? ''} onChange={(e) => setDraft({ ...draft, category: e.target.value === DEFAULT ? null : e.target.value })} inputProps={{ 'data-testid': 'threshold-category' }}>
              {!taken.has(null) && <MenuItem value={DEFAULT}>{T('default')}</MenuItem>}
              {categories.filter((c) => !taken.has(String(c.id))).map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  {c.name}
                </MenuItem>
              ))}
            </TextField>
          )}
          {NUMBERS.map((k) => (
            <TextField key={k} size="small" type="number" name={k} label={T(k)} helperText={T(`${k}_help`)} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
          ))}
          <FormControlLabel control={<Switch checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />} label={T('active')} />
          {error && (
            <Alert severity="error" data-testid="threshold-error">
              {error}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={busy || (isNew && draft.category === undefined)} onClick={save} data-testid="threshold-save">
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * 类案阈值: when cases of a category form a class (per category, a default for the rest, and the
 * built-in default without rows). Admins and leaders of the county center edit them.
 */
export function ThresholdsPanel() {
  const translate = useTranslate();
  const notify = useNotify();
  const categoryName = useCategoryName();
  const [rows, setRows] = useState<ThresholdRec[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ draft: Draft; isNew: boolean } | null>(null);
  const T = (k: string) => translate(`statistics.thresholds.${k}`);
  const load = useCallback(() => {
    getJson<ThresholdRec[]>('/class-thresholds').then(setRows, (e) => setError((e as Error).message));
  }, []);
  useEffect(load, [load]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!rows) return null;
  // Without a default row the built-in default holds: shown first, editable (saving it writes the row).
  const shown: Array<ThresholdRec | typeof BUILT_IN> = rows.some((r) => r.category === null) ? rows : [BUILT_IN, ...rows];
  const toDraft = (r: (typeof shown)[number]): Draft => ({ category: r.category, windowDays: String(r.windowDays), areaCases: String(r.areaCases), respondentCases: String(r.respondentCases), active: r.active });
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {T('explain')}
      </Typography>
      <Table size="small" data-testid="thresholds">
        <TableHead>
          <TableRow>
            <TableCell>{T('category')}</TableCell>
            {NUMBERS.map((k) => (
              <TableCell key={k} align="right">
                {T(k)}
              </TableCell>
            ))}
            <TableCell>{T('active')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((r) => (
            <TableRow key={r.category ?? DEFAULT} data-category={r.category ?? DEFAULT}>
              <TableCell>{r.category ? categoryName(r.category) : `${T('default')}${r.id === null ? `（${T('built_in')}）` : ''}`}</TableCell>
              {NUMBERS.map((k) => (
                <TableCell key={k} align="right" data-field={k}>
                  {r[k]}
                </TableCell>
              ))}
              <TableCell>{r.active ? T('yes') : T('no')}</TableCell>
              <TableCell align="right">
                <Button size="small" startIcon={<EditIcon />} onClick={() => setEditing({ draft: toDraft(r), isNew: false })}>
                  {T('edit')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Button size="small" startIcon={<AddIcon />} sx={{ mt: 1 }} data-testid="threshold-add" onClick={() => setEditing({ draft: { ...toDraft(BUILT_IN), category: undefined }, isNew: true })}>
        {T('add')}
      </Button>
      {editing && (
        <ThresholdDialog
          draft={editing.draft}
          isNew={editing.isNew}
          taken={new Set(rows.map((r) => r.category))}
          onClose={(saved) => {
            setEditing(null);
            if (saved) {
              notify('statistics.thresholds.saved', { type: 'success' });
              load();
            }
          }}
        />
      )}
    </>
  );
}
