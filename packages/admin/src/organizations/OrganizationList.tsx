import { useMemo, useState } from 'react';
import { Box, Button, Card, Chip, Collapse, IconButton, List as MuiList, ListItem, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import AddIcon from '@mui/icons-material/Add';
import { CreateButton, Loading, Title, TopToolbar, useGetList, useTranslate, useCreatePath } from 'react-admin';
import { LinkBase as Link } from 'react-admin';
import { ORGANIZATION_TYPES } from '@tiaojie/core/domain';

interface Org {
  id: number;
  name: string;
  type: string;
  parentId: number | null;
  caseNumberPrefix?: string | null;
  channel?: string | null;
  active?: boolean;
}
interface Node extends Org {
  children: Node[];
}

/** Builds the tree from parent ids; organizations whose parent is out of view become roots. */
export function buildTree(orgs: Org[]): Node[] {
  const byId = new Map<number, Node>(orgs.map((o) => [o.id, { ...o, children: [] }]));
  const roots: Node[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId != null ? byId.get(n.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  // The administrative tree first (townships, villages, grids), then the bodies beside it; by name within a kind.
  const sort = (ns: Node[]) => {
    ns.sort((a, b) => ORGANIZATION_TYPES.indexOf(a.type as never) - ORGANIZATION_TYPES.indexOf(b.type as never) || a.name.localeCompare(b.name, 'zh-CN'));
    ns.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

function OrgNode({ node, depth, expanded, toggle }: { node: Node; depth: number; expanded: Set<number>; toggle: (id: number) => void }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const open = expanded.has(node.id);
  return (
    <>
      <ListItem
        disablePadding
        data-org={node.name}
        secondaryAction={
          <IconButton
            size="small"
            component={Link}
            to={{ pathname: createPath({ resource: 'organizations', type: 'create' }), search: `?source=${encodeURIComponent(JSON.stringify({ parentId: node.id }))}` }}
            aria-label={translate('app.organizations.add_child')}
            title={translate('app.organizations.add_child')}
          >
            <AddIcon fontSize="small" />
          </IconButton>
        }
      >
        <Box sx={{ width: depth * 24 + 8, flexShrink: 0 }} />
        <IconButton size="small" onClick={() => toggle(node.id)} sx={{ visibility: node.children.length ? 'visible' : 'hidden' }}>
          {open ? <ExpandMoreIcon fontSize="small" /> : <ChevronRightIcon fontSize="small" />}
        </IconButton>
        <ListItemButton component={Link} to={createPath({ resource: 'organizations', type: 'edit', id: node.id })} sx={{ py: 0.5 }}>
          <ListItemText
            primary={
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <span style={{ opacity: node.active === false ? 0.5 : 1 }}>{node.name}</span>
                <Chip size="small" variant="outlined" label={translate(`enums.organizationType.${node.type}`)} />
                {node.caseNumberPrefix && <Chip size="small" label={node.caseNumberPrefix} />}
                {node.channel && <Chip size="small" color="info" variant="outlined" label={translate(`enums.channel.${node.channel}`)} />}
              </Stack>
            }
            secondary={node.children.length ? translate('app.organizations.children', { smart_count: node.children.length }) : undefined}
          />
        </ListItemButton>
      </ListItem>
      {node.children.length > 0 && (
        <Collapse in={open} unmountOnExit>
          {node.children.map((c) => (
            <OrgNode key={c.id} node={c} depth={depth + 1} expanded={expanded} toggle={toggle} />
          ))}
        </Collapse>
      )}
    </>
  );
}

/** The organization tree: county → township → village → grid, with the bodies beside it. */
export function OrganizationList() {
  const translate = useTranslate();
  const { data, isPending } = useGetList<Org>('organizations', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'id', order: 'ASC' } });
  const tree = useMemo(() => buildTree(data ?? []), [data]);
  const [expanded, setExpanded] = useState<Set<number> | null>(null);
  // A small tree opens fully; a large one (a whole county's grids) opens two levels deep.
  const initial = useMemo(
    () => ((data?.length ?? 0) <= 150 ? new Set((data ?? []).map((o) => o.id)) : new Set(tree.flatMap((r) => [r.id, ...r.children.map((c) => c.id)]))),
    [data, tree],
  );
  const open = expanded ?? initial;
  const toggle = (id: number) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };
  if (isPending) return <Loading />;
  return (
    <Box>
      <Title title={translate('app.organizations.tree')} />
      <TopToolbar>
        <Button size="small" onClick={() => setExpanded(new Set((data ?? []).map((o) => o.id)))}>
          {translate('app.organizations.expand_all')}
        </Button>
        <Button size="small" onClick={() => setExpanded(new Set())}>
          {translate('app.organizations.collapse_all')}
        </Button>
        <CreateButton />
      </TopToolbar>
      <Card>
        {tree.length === 0 ? (
          <Typography sx={{ p: 2 }} color="text.secondary">
            {translate('ra.page.empty', { name: translate('resources.organizations.name', { smart_count: 2 }) })}
          </Typography>
        ) : (
          <MuiList dense data-testid="org-tree">
            {tree.map((n) => (
              <OrgNode key={n.id} node={n} depth={0} expanded={open} toggle={toggle} />
            ))}
          </MuiList>
        )}
      </Card>
    </Box>
  );
}

export default OrganizationList;
