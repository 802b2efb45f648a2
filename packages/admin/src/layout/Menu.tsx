import type { ReactNode } from 'react';
import { Box, Divider, ListSubheader } from '@mui/material';
import DashboardIcon from '@mui/icons-material/Dashboard';
import FolderSharedIcon from '@mui/icons-material/FolderShared';
import PostAddIcon from '@mui/icons-material/PostAdd';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import GavelIcon from '@mui/icons-material/Gavel';
import HolidayVillageIcon from '@mui/icons-material/HolidayVillage';
import ForumIcon from '@mui/icons-material/Forum';
import DescriptionIcon from '@mui/icons-material/Description';
import HandshakeIcon from '@mui/icons-material/Handshake';
import SmsIcon from '@mui/icons-material/Sms';
import QueryStatsIcon from '@mui/icons-material/QueryStats';
import { Menu as RaMenu, useGetIdentity, usePermissions, useSidebarState, useTranslate } from 'react-admin';
import { hasRole } from '../authProvider';

const filterLink = (filter: Record<string, unknown>) => `/cases?filter=${encodeURIComponent(JSON.stringify(filter))}&page=1`;

function Section({ label, children }: { label: string; children: ReactNode }) {
  const translate = useTranslate();
  const [open] = useSidebarState();
  return (
    <Box component="li" sx={{ listStyle: 'none' }}>
      <Divider sx={{ my: 0.5 }} />
      {open && (
        <ListSubheader component="div" sx={{ lineHeight: '32px', bgcolor: 'transparent' }}>
          {translate(label)}
        </ListSubheader>
      )}
      <Box component="ul" sx={{ p: 0, m: 0 }}>
        {children}
      </Box>
    </Box>
  );
}

/** The menu follows the user's roles: each person sees the pages of their work. */
export function Menu() {
  const { permissions } = usePermissions();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const is = (...roles: string[]) => hasRole(permissions, ...roles);
  const me = identity?.id;
  const grid = is('grid') && !is('admin', 'clerk', 'mediator');

  return (
    <RaMenu>
      <RaMenu.DashboardItem primaryText={translate('ra.page.dashboard')} leftIcon={<DashboardIcon />} />
      <RaMenu.Item to="/cases" primaryText={translate(grid ? 'app.menu.my_reports' : 'resources.cases.name', { smart_count: 2 })} leftIcon={<FolderSharedIcon />} />
      {is('admin', 'clerk', 'mediator', 'adviser', 'liaison') && <RaMenu.Item to="/cases/create" primaryText={translate('app.menu.register')} leftIcon={<PostAddIcon />} />}
      {grid && <RaMenu.Item to="/cases/create" primaryText={translate('app.menu.report')} leftIcon={<PostAddIcon />} />}
      {is('mediator') && me != null && <RaMenu.Item to={filterLink({ mediatorId: me })} primaryText={translate('app.menu.my_cases')} leftIcon={<AssignmentIndIcon />} />}
      {is('leader', 'admin') && <RaMenu.Item to={filterLink({ supervised: true })} primaryText={translate('app.menu.supervised')} leftIcon={<GavelIcon />} />}
      {is('leader', 'admin') && <RaMenu.Item to="/statistics" primaryText={translate('statistics.menu')} leftIcon={<QueryStatsIcon />} />}
      {is('admin', 'clerk', 'mediator', 'leader', 'adviser') && <RaMenu.Item to="/persons" primaryText={translate('app.menu.persons')} leftIcon={<PersonSearchIcon />} />}
      {is('adviser') && (
        <Section label="app.menu.adviser">
          <RaMenu.Item to="/adviser-assignments" primaryText={translate('app.menu.my_villages')} leftIcon={<HolidayVillageIcon />} />
          <RaMenu.Item to="/consultations" primaryText={translate('app.menu.my_consultations')} leftIcon={<ForumIcon />} />
          <RaMenu.Item to="/legal-opinions" primaryText={translate('app.menu.my_opinions')} leftIcon={<DescriptionIcon />} />
          {me != null && <RaMenu.Item to={filterLink({ adviserId: me })} primaryText={translate('app.menu.joined_cases')} leftIcon={<HandshakeIcon />} />}
        </Section>
      )}
      {is('admin') && (
        <Section label="app.menu.admin">
          <RaMenu.ResourceItem name="organizations" />
          <RaMenu.ResourceItem name="users" />
          <RaMenu.ResourceItem name="adviser-assignments" />
          <RaMenu.ResourceItem name="sla-policies" />
          <RaMenu.ResourceItem name="subsidy-policies" />
          <RaMenu.ResourceItem name="dispute-categories" />
          <RaMenu.ResourceItem name="pool-mediators" />
          <RaMenu.ResourceItem name="holidays" />
          <RaMenu.ResourceItem name="api-keys" />
          <RaMenu.ResourceItem name="webhooks" />
          <RaMenu.ResourceItem name="webhook-deliveries" />
          <RaMenu.Item to="/message-templates" primaryText={translate('app.message_templates.title')} leftIcon={<SmsIcon />} />
        </Section>
      )}
    </RaMenu>
  );
}

