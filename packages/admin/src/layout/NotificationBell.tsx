import { useState } from 'react';
import { Badge, IconButton, List, ListItemButton, ListItemText, Popover, Tooltip, Typography } from '@mui/material';
import NotificationsIcon from '@mui/icons-material/Notifications';
import { useGetList, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { API_URL, httpClient } from '../http';
import { useFormat } from '../common/fields';

/** The app bar's bell: unread notifications (lights, transfers, supervision, invitations), polled each minute. */
export function NotificationBell() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const fmt = useFormat();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { data = [], total = 0, refetch } = useGetList('notifications', { filter: { read: false }, pagination: { page: 1, perPage: 10 }, sort: { field: 'id', order: 'DESC' } }, { refetchInterval: 60_000 });
  const open = async (n: { id: number; caseId: number | null }) => {
    await httpClient(`${API_URL}/notifications/${n.id}/read`, { method: 'POST' }).catch(() => undefined);
    setAnchor(null);
    refetch();
    if (n.caseId) navigate(`/cases/${n.caseId}/show`);
  };
  return (
    <>
      <Tooltip title={translate('app.notifications.title')}>
        <IconButton color="inherit" onClick={(e) => setAnchor(e.currentTarget)} aria-label={translate('app.notifications.title')} data-testid="notification-bell">
          <Badge badgeContent={total} color="error" max={99}>
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover open={anchor !== null} anchorEl={anchor} onClose={() => setAnchor(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }} transformOrigin={{ vertical: 'top', horizontal: 'right' }}>
        {data.length === 0 ? (
          <Typography sx={{ p: 2 }} color="text.secondary">
            {translate('app.notifications.none')}
          </Typography>
        ) : (
          <List dense sx={{ width: 360, maxWidth: '90vw' }}>
            {data.map((n: any) => (
              <ListItemButton key={n.id} onClick={() => open(n)}>
                <ListItemText primary={n.message} secondary={`${translate(`app.notifications.kind.${n.kind}`)} · ${fmt.dateTime(n.createdAt)}`} />
              </ListItemButton>
            ))}
            <ListItemButton
              onClick={async () => {
                await httpClient(`${API_URL}/notifications/read-all`, { method: 'POST' }).catch(() => undefined);
                refetch();
                setAnchor(null);
              }}
            >
              <ListItemText primary={translate('app.notifications.read_all')} primaryTypographyProps={{ color: 'primary', align: 'center' }} />
            </ListItemButton>
          </List>
        )}
      </Popover>
    </>
  );
}
