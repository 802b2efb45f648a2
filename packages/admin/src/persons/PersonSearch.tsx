import { useState, type FormEvent } from 'react';
import { useCategoryName } from '../common/CategoryInput';
import { Alert, Box, Button, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { Title, useCreatePath, useTranslate } from 'react-admin';
import { useNavigate } from 'react-admin';
import { LightChip, RiskChip, StatusChip, useFormat } from '../common/fields';
import { useTiaojie } from '../common/useTiaojie';
import { isValidIdNumber } from '../format';
import type { CaseRec } from '../records';

/** 一人一档: one person's disputes across every channel, found by ID card number. */
export function PersonSearch() {
  const translate = useTranslate();
  const categoryName = useCategoryName();
  const dp = useTiaojie();
  const fmt = useFormat();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const [idNumber, setIdNumber] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [state, setState] = useState<{ rows: CaseRec[] | null; error: string | null; busy: boolean }>({ rows: null, error: null, busy: false });

  const search = async (e: FormEvent) => {
    e.preventDefault();
    const id = idNumber.trim().toUpperCase();
    if (!isValidIdNumber(id)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setState({ rows: null, error: null, busy: true });
    try {
      setState({ rows: await dp.personCases(id), error: null, busy: false });
    } catch (err) {
      setState({ rows: null, error: (err as Error)?.message ?? String(err), busy: false });
    }
  };

  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('app.persons.title')} />
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('app.persons.hint')}
          </Typography>
          <Stack component="form" direction={{ xs: 'column', sm: 'row' }} spacing={2} onSubmit={search} sx={{ alignItems: { sm: 'flex-start' } }}>
            <TextField
              name="idNumber"
              label={translate('app.persons.id_number')}
              value={idNumber}
              onChange={(e) => setIdNumber(e.target.value)}
              error={invalid}
              helperText={invalid ? translate('app.validation.id_number') : ' '}
              slotProps={{ htmlInput: { maxLength: 18, autoComplete: 'off', 'data-testid': 'person-id' } }}
              sx={{ minWidth: { sm: 300 }, maxWidth: { sm: 420 }, flex: 1 }}
            />
            <Button type="submit" variant="contained" startIcon={<SearchIcon />} disabled={state.busy} sx={{ mt: { sm: 1 }, flexShrink: 0, whiteSpace: 'nowrap' }}>
              {translate('app.persons.search')}
            </Button>
          </Stack>
        </CardContent>
      </Card>
      {state.error && <Alert severity="error">{state.error}</Alert>}
      {state.rows && (
        <Card>
          <CardContent>
            <Typography variant="subtitle1" sx={{ mb: 1 }}>
              {state.rows.length ? translate('app.persons.count', { smart_count: state.rows.length }) : translate('app.persons.none')}
            </Typography>
            {state.rows.length > 0 && (
              <Box sx={{ overflowX: 'auto' }}>
                <Table size="small" data-testid="person-cases">
                  <TableHead>
                    <TableRow>
                      {['light', 'caseNumber', 'channel', 'category', 'status', 'risk', 'registeredAt'].map((k) => (
                        <TableCell key={k}>{translate(`resources.cases.fields.${k}`)}</TableCell>
                      ))}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {state.rows.map((c) => (
                      <TableRow key={c.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(createPath({ resource: 'cases', type: 'show', id: c.id }))}>
                        <TableCell>
                          <LightChip light={c.light} />
                        </TableCell>
                        <TableCell>
                          <Typography variant="body2" sx={{ fontWeight: 600 }}>
                            {c.title}
                          </Typography>
                          <Typography variant="caption" color="text.secondary">
                            {c.caseNumber}
                          </Typography>
                        </TableCell>
                        <TableCell>
                          <Chip size="small" variant="outlined" label={translate(`enums.channel.${c.channel}`)} />
                        </TableCell>
                        <TableCell>{categoryName(c.category)}</TableCell>
                        <TableCell>
                          <StatusChip status={c.status} />
                        </TableCell>
                        <TableCell>
                          <RiskChip risk={c.risk} />
                        </TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>{fmt.date(c.registeredAt)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Box>
            )}
          </CardContent>
        </Card>
      )}
    </Box>
  );
}

export default PersonSearch;
