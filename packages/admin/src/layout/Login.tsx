import { Box, Typography } from '@mui/material';
import BalanceIcon from '@mui/icons-material/Balance';
import { Login as RaLogin, LoginForm, useTranslate } from 'react-admin';

/** The sign-in page: the center's name over react-admin's form; nothing loaded from the internet. */
export function Login() {
  const translate = useTranslate();
  return (
    <RaLogin
      avatarIcon={<BalanceIcon />}
      sx={{ background: 'linear-gradient(135deg, #1e4d8c 0%, #2f6db5 55%, #b23c17 140%)' }}
    >
      <Box sx={{ px: 2, pb: 1, textAlign: 'center' }}>
        <Typography variant="h6" sx={{ fontWeight: 700 }}>
          {translate('app.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('app.login_subtitle')}
        </Typography>
      </Box>
      <LoginForm />
    </RaLogin>
  );
}
