import { useState } from 'react';
import { Box, Card, CardContent, Tab, Tabs } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { CenterPanel } from './CenterPanel';
import { initialFilters, Pickers } from './Controls';
import { JusticePanel } from './JusticePanel';
import { SubsidyPanel } from './SubsidyPanel';
import { ThresholdsPanel } from './ThresholdsPanel';
import { WarningsPanel } from './WarningsPanel';

const TABS = ['center', 'justice', 'warnings', 'thresholds', 'subsidies'] as const;

/** 统计分析: center figures, the justice-bureau form, the warnings queue and class view, class thresholds, subsidy statements. */
export default function StatisticsPage() {
  const translate = useTranslate();
  const [tab, setTab] = useState<(typeof TABS)[number]>('center');
  const [filters, setFilters] = useState(initialFilters);
  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('statistics.title')} />
      <Card>
        <Tabs value={tab} onChange={(_, t) => setTab(t)} sx={{ '@media print': { display: 'none' } }}>
          {TABS.map((t) => (
            <Tab key={t} value={t} label={translate(`statistics.tabs.${t}`)} data-testid={`tab-${t}`} />
          ))}
        </Tabs>
        <CardContent>
          {(tab === 'center' || tab === 'justice') && (
            <Box sx={{ mb: 2 }}>
              <Pickers value={filters} onChange={setFilters} channel={tab === 'center'} />
            </Box>
          )}
          {tab === 'center' && <CenterPanel filters={filters} />}
          {tab === 'justice' && <JusticePanel filters={filters} />}
          {tab === 'warnings' && <WarningsPanel />}
          {tab === 'thresholds' && <ThresholdsPanel />}
          {tab === 'subsidies' && <SubsidyPanel filters={filters} />}
        </CardContent>
      </Card>
    </Box>
  );
}
