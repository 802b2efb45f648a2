import { lazy } from 'react';
import FolderSharedIcon from '@mui/icons-material/FolderShared';

/** Cases: the list, the case page with its actions, and registration. Pages load on demand. */
export default {
  list: lazy(() => import('./CaseList')),
  show: lazy(() => import('./CaseShow')),
  create: lazy(() => import('./CaseCreate')),
  icon: FolderSharedIcon,
  recordRepresentation: 'caseNumber',
};
