import { lazy } from 'react';
import { CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { session } from './http';
import { i18nProvider } from './i18n';
import { Login } from './layout/Login';
import { lazyPage, Shell } from './layout/Shell';
import { theme } from './layout/theme';
import cases from './cases';
import organizations from './organizations';
import users from './users';
import apiKeys from './api-keys';
import slaPolicies from './sla-policies';
import subsidyPolicies, { subsidyGradings } from './subsidy-policies';
import consultations from './consultations';
import legalOpinions from './legal-opinions';
import adviserAssignments from './adviser-assignments';
import webhooks from './webhooks';
import webhookDeliveries from './webhooks/deliveries';
import disputeCategories from './dispute-categories';
import poolMediators from './pool-mediators';
import holidays from './holidays';

/**
 * The signed-out visitor needs only the login form: the app bar, menu and bell load after sign-in,
 * beside the first page.
 */
const loadLayout = () => import('./layout/Layout');
const loadDashboard = () => import('./dashboard/Dashboard');
const loadStatistics = () => import('./statistics/StatisticsPage');
/**
 * A signed-in visitor opening an address asks for the layout and that address's page at once,
 * not the layout first and the page once the layout has run (one round of scripts fewer before
 * the page shows). Signed out, nothing more loads before the login form.
 */
const preloaded: { layout?: ReturnType<typeof loadLayout>; dashboard?: ReturnType<typeof loadDashboard>; statistics?: ReturnType<typeof loadStatistics> } = session.token()
  ? preloadFor(window.location.hash)
  : {};
function preloadFor(hash: string): typeof preloaded {
  const page = hash.startsWith('#/statistics') ? { statistics: loadStatistics() } : hash === '' || hash === '#/' ? { dashboard: loadDashboard() } : {};
  return { layout: loadLayout(), ...page };
}
const Layout = lazyPage(() => (preloaded.layout ?? loadLayout()).then((m) => m.Layout));
const Dashboard = lazy(() => preloaded.dashboard ?? loadDashboard());
const PersonSearch = lazy(() => import('./persons/PersonSearch'));
const MessageTemplates = lazy(() => import('./messages/MessageTemplates').then((m) => ({ default: m.MessageTemplates })));
const Statistics = lazy(() => preloaded.statistics ?? loadStatistics());

/** Wiring only: providers, layout, resources and the custom pages. */
export const App = () => (
  <Shell title="调解" dataProvider={dataProvider} authProvider={authProvider} i18nProvider={i18nProvider} layout={Layout} loginPage={Login} dashboard={Dashboard} theme={theme}>
    <Resource name="cases" {...cases} />
    <Resource name="organizations" {...organizations} />
    <Resource name="users" {...users} />
    <Resource name="adviser-assignments" {...adviserAssignments} />
    <Resource name="consultations" {...consultations} />
    <Resource name="legal-opinions" {...legalOpinions} />
    <Resource name="sla-policies" {...slaPolicies} />
    <Resource name="subsidy-policies" {...subsidyPolicies} />
    <Resource name="subsidy-gradings" {...subsidyGradings} />
    <Resource name="api-keys" {...apiKeys} />
    <Resource name="webhooks" {...webhooks} />
    <Resource name="webhook-deliveries" {...webhookDeliveries} />
    <Resource name="dispute-categories" {...disputeCategories} />
    <Resource name="pool-mediators" {...poolMediators} />
    <Resource name="holidays" {...holidays} />
    <CustomRoutes>
      <Route path="/persons" element={<PersonSearch />} />
      <Route path="/message-templates" element={<MessageTemplates />} />
      <Route path="/statistics" element={<Statistics />} />
    </CustomRoutes>
  </Shell>
);
