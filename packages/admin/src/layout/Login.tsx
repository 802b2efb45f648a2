import { useEffect, useState, type FormEvent } from 'react';
import { Avatar, Box, Button, Card, CardContent, CircularProgress, IconButton, InputAdornment, TextField, Typography } from '@mui/material';
import BalanceIcon from '@mui/icons-material/Balance';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import { useCheckAuth, useLogin, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';

/**
 * The sign-in form: two fields and a button in plain MUI, not react-admin's <Login>/<LoginForm>,
 * which bring react-hook-form and react-admin's inputs into a visitor's first download.
 */
function SignInForm() {
  const translate = useTranslate();
  const login = useLogin();
  const notify = useNotify();
  const [values, setValues] = useState({ username: '', password: '' });
  const [touched, setTouched] = useState(false);
  const [shown, setShown] = useState(false);
  const [loading, setLoading] = useState(false);
  const missing = (field: keyof typeof values) => touched && values[field].trim() === '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!values.username.trim() || !values.password) return;
    setLoading(true);
    login(values)
      .catch((error: unknown) => {
        const message = typeof error === 'string' ? error : error instanceof Error && error.message ? error.message : 'ra.auth.sign_in_error';
        notify(message, { type: 'error', messageArgs: { _: message } });
      })
      .finally(() => setLoading(false));
  };
  const field = (name: keyof typeof values) => ({
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
    error: missing(name),
    helperText: missing(name) ? translate('ra.validation.required') : ' ',
    required: true,
    fullWidth: true,
    variant: 'filled' as const,
    size: 'small' as const,
    margin: 'dense' as const,
  });

  return (
    <form onSubmit={submit} noValidate>
      <CardContent sx={{ width: 300, pb: '16px !important' }}>
        <TextField {...field('username')} label={translate('ra.auth.username')} autoComplete="username" autoFocus />
        <TextField
          {...field('password')}
          label={translate('ra.auth.password')}
          type={shown ? 'text' : 'password'}
          autoComplete="current-password"
          slotProps={{
            input: {
              endAdornment: (
                <InputAdornment position="end">
                  <IconButton size="small" onClick={() => setShown((s) => !s)} aria-label={translate(shown ? 'ra.input.password.toggle_visible' : 'ra.input.password.toggle_hidden')}>
                    {shown ? <VisibilityOff fontSize="small" /> : <Visibility fontSize="small" />}
                  </IconButton>
                </InputAdornment>
              ),
            },
          }}
        />
        <Button variant="contained" type="submit" color="primary" disabled={loading} fullWidth sx={{ mt: 2 }}>
          {loading ? <CircularProgress size={19} thickness={3} sx={{ m: 0.3 }} /> : translate('ra.auth.sign_in')}
        </Button>
      </CardContent>
    </form>
  );
}

/** The sign-in page: the center's name over the form; nothing loaded from the internet. */
export function Login() {
  const translate = useTranslate();
  const checkAuth = useCheckAuth();
  const navigate = useNavigate();
  // Someone already signed in who opens the login page goes to their dashboard (as react-admin's page does).
  useEffect(() => {
    checkAuth({}, false)
      .then(() => navigate('/'))
      .catch(() => undefined);
  }, [checkAuth, navigate]);
  return (
    <Box
      sx={{
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        minHeight: '100vh',
        background: 'linear-gradient(135deg, #1e4d8c 0%, #2f6db5 55%, #b23c17 140%)',
      }}
    >
      <Card sx={{ minWidth: 300, mt: '6em' }}>
        <Box sx={{ m: '1em', display: 'flex', justifyContent: 'center' }}>
          <Avatar sx={{ bgcolor: 'secondary.main' }}>
            <BalanceIcon />
          </Avatar>
        </Box>
        <Box sx={{ px: 2, pb: 1, textAlign: 'center' }}>
          <Typography variant="h6" component="h1" sx={{ fontWeight: 700 }}>
            {translate('app.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {translate('app.login_subtitle')}
          </Typography>
        </Box>
        <SignInForm />
      </Card>
    </Box>
  );
}
