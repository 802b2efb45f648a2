import { useEffect, useRef, useState, type ReactNode } from 'react';
import { TextField, type SxProps, type Theme } from '@mui/material';
import { FieldTitle, InputHelperText, useInput, useTranslate, type Validator } from 'react-admin';
import { chinaDayEnd, chinaDayStart } from '@tiaojie/core/domain';
import { chinaDateTimeToIso, dateText, EXAMPLES, maskDate, readDate, type DateKind } from './dates';

interface DateTextProps {
  kind?: DateKind;
  /** Canonical text (2026-12-01), '' when empty, or the unfinished text last typed. */
  value: string;
  onChange: (text: string) => void;
  onBlur?: () => void;
  name?: string;
  label?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  error?: boolean;
  helperText?: ReactNode;
  fullWidth?: boolean;
  size?: 'small' | 'medium';
  variant?: 'filled' | 'outlined' | 'standard';
  margin?: 'dense' | 'none' | 'normal';
  sx?: SxProps<Theme>;
}

/**
 * A date typed 2026-12-01 (or 2026-12-01 14:30, or 2026-12), the separators put in as the digits
 * come, the same in every browser language. Gives the canonical text once the date is complete
 * and real, the text as typed before that.
 */
export function DateText({ kind = 'date', value, onChange, onBlur, name, label, required, disabled, error, helperText, fullWidth, size, variant, margin, sx }: DateTextProps) {
  const [text, setText] = useState(value);
  const emitted = useRef(value);
  // A value set from outside (a reset, a default, a record) replaces what is shown.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(value);
    }
  }, [value]);
  const change = (raw: string) => {
    const masked = maskDate(raw, kind);
    setText(masked);
    const next = masked === '' ? '' : (readDate(masked, kind) ?? masked);
    emitted.current = next;
    onChange(next);
  };
  return (
    <TextField
      name={name}
      label={label}
      required={required}
      disabled={disabled}
      error={error}
      helperText={helperText}
      fullWidth={fullWidth}
      size={size}
      variant={variant}
      margin={margin}
      sx={sx}
      value={text}
      placeholder={EXAMPLES[kind]}
      onChange={(e) => change(e.target.value)}
      onBlur={() => {
        const canonical = readDate(text, kind);
        if (canonical && canonical !== text) setText(canonical); // 2026-1-5 reads 2026-01-05
        onBlur?.();
      }}
      autoComplete="off"
      slotProps={{
        inputLabel: { shrink: true },
        htmlInput: { inputMode: 'numeric', 'data-date-kind': kind, maxLength: EXAMPLES[kind].length + 4 },
      }}
    />
  );
}

type Bound = 'start' | 'end';
interface CnDateInputProps {
  source: string;
  label?: string;
  kind?: Exclude<DateKind, 'month'>;
  /** Keep the instant the China day starts or ends (list filters over instants), not the calendar date. */
  bound?: Bound;
  validate?: Validator | Validator[];
  defaultValue?: unknown;
  disabled?: boolean;
  fullWidth?: boolean;
  helperText?: string | false;
  sx?: SxProps<Theme>;
  /** Passed by react-admin to filter inputs; not used. */
  alwaysOn?: boolean;
}

/** What the form keeps: a calendar date as YYYY-MM-DD, a date and time (or a bound of a day) as an ISO instant. */
function toStored(text: string, kind: DateKind, bound?: Bound): string | null {
  if (text === '') return null;
  const canonical = readDate(text, kind);
  if (!canonical) return text; // unfinished: the check below names it
  if (kind === 'datetime') return chinaDateTimeToIso(canonical);
  if (bound) return (bound === 'start' ? chinaDayStart(canonical) : chinaDayEnd(canonical)).toISOString();
  return canonical;
}

const isStored = (v: unknown, kind: DateKind, bound?: Bound) =>
  typeof v === 'string' && (kind === 'datetime' || bound ? /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)) : readDate(v, kind) === v);

/**
 * The admin's one date input (react-admin's <DateInput>/<DateTimeInput> are native date inputs,
 * which follow the browser's language): Chinese order whatever the browser, China time, checked.
 */
export function CnDateInput({ source, label, kind = 'date', bound, validate, defaultValue, disabled, fullWidth, helperText, sx }: CnDateInputProps) {
  const translate = useTranslate();
  const wellFormed: Validator = (v) => (v === null || v === undefined || v === '' || isStored(v, kind, bound) ? undefined : { message: 'app.validation.date', args: { example: EXAMPLES[kind] } });
  const validators = [...(Array.isArray(validate) ? validate : validate ? [validate] : []), wellFormed];
  const { field, fieldState, isRequired } = useInput({ source, validate: validators, defaultValue, disabled });
  const invalid = fieldState.invalid && (fieldState.isTouched || fieldState.isDirty || !!fieldState.error);
  return (
    <DateText
      kind={kind}
      name={field.name}
      value={dateText(field.value, kind)}
      onChange={(text) => field.onChange(toStored(text, kind, bound))}
      onBlur={field.onBlur}
      label={label === undefined ? undefined : <FieldTitle label={label} source={source} isRequired={isRequired} />}
      disabled={disabled}
      error={invalid}
      helperText={helperText === false && !invalid ? undefined : <InputHelperText error={invalid ? fieldState.error?.message : undefined} helperText={helperText || (invalid ? undefined : translate('app.date_hint', { example: EXAMPLES[kind] }))} />}
      fullWidth={fullWidth}
      size="small"
      variant="filled"
      margin="dense"
      sx={sx}
    />
  );
}
