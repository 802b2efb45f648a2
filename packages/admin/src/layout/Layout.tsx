import type { ReactNode } from 'react';
import { Box, Typography, useMediaQuery, type Theme } from '@mui/material';
import { AppBar, Layout as RaLayout, TitlePortal, useGetIdentity, useTranslate } from 'react-admin';
import { Menu } from './Menu';
import { NotificationBell } from './NotificationBell';

function Bar() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const wide = useMediaQuery((t: Theme) => t.breakpoints.up('md'));
  return (
    <AppBar color="primary">
      {wide && (
        <Typography variant="subtitle1" sx={{ fontWeight: 700, mr: 2, whiteSpace: 'nowrap' }}>
          {translate('app.title')}
        </Typography>
      )}
      {/* A block, not react-admin's flex box: only a block's text ends in an ellipsis; without it a
          long case number was cut flush against the language button and seemed to run under it. */}
      <TitlePortal sx={{ display: 'block', minWidth: 0, mr: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} />
      {wide && identity?.organizationName && (
        <Box component="span" sx={{ mr: 1, opacity: 0.85, fontSize: 13, whiteSpace: 'nowrap' }}>
          {identity.organizationName}
        </Box>
      )}
      <NotificationBell />
    </AppBar>
  );
}

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout appBar={Bar} menu={Menu} sx={{ minWidth: { xs: 0, md: 'fit-content' }, '& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content': { minWidth: 0 } }}>
    {children}
  </RaLayout>
);
