import { createElement, lazy, Suspense, type ComponentType, type JSX, type ReactNode } from 'react';
import { CssBaseline } from '@mui/material';
import {
  AdminContext,
  CoreAdminUI,
  LoadingPage,
  localStorageStore,
  Notification,
  type AuthProvider,
  type CoreAdminUIProps,
  type DataProvider,
  type I18nProvider,
  type RaThemeOptions,
} from 'react-admin';

/**
 * A page loaded on demand, shown in place once its code is there (react-admin renders some pages,
 * such as the layout and the error page, outside any Suspense boundary of its own).
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): (props: P) => JSX.Element {
  const Page = lazy(() => load().then((component) => ({ default: component })));
  const Loaded = (props: P) => (
    <Suspense fallback={null}>
      <Page {...(props as P & JSX.IntrinsicAttributes)} />
    </Suspense>
  );
  return Loaded;
}

const store = localStorageStore();

// Everything a signed-out visitor does not see loads after the login form: react-admin's <Admin>
// imports its default layout, menus, error and not-found pages (with MUI's tooltips, drawers and
// popper) and its English messages into the first load, whether the app uses them or not.
const AccessDenied = lazyPage<object>(() => import('./pages').then((m) => m.AccessDenied));
const AuthenticationError = lazyPage<object>(() => import('./pages').then((m) => m.AuthenticationError));
const AuthCallback = lazyPage<object>(() => import('./pages').then((m) => m.AuthCallback));
const NotFound = lazyPage<object>(() => import('./pages').then((m) => m.NotFound));
const ErrorPage = lazyPage(() => import('./pages').then((m) => m.ErrorPage));

type ShellProps = Pick<CoreAdminUIProps, 'layout' | 'loginPage' | 'dashboard' | 'title'> & {
  authProvider: AuthProvider;
  dataProvider: DataProvider;
  i18nProvider: I18nProvider;
  theme: RaThemeOptions;
  children: ReactNode;
};

/** react-admin's <Admin> (AdminContext + AdminUI) with every page but the login form loaded on demand. */
export function Shell({ authProvider, dataProvider, i18nProvider, theme, layout, loginPage, dashboard, title, children }: ShellProps) {
  return (
    <AdminContext authProvider={authProvider} dataProvider={dataProvider} i18nProvider={i18nProvider} store={store} theme={theme}>
      <CssBaseline enableColorScheme>
        <CoreAdminUI
          layout={layout}
          loginPage={loginPage}
          dashboard={dashboard}
          title={title}
          loading={LoadingPage}
          accessDenied={AccessDenied}
          authenticationError={AuthenticationError}
          authCallbackPage={AuthCallback}
          catchAll={NotFound}
          error={ErrorPage}
          requireAuth
          disableTelemetry
        >
          {children}
        </CoreAdminUI>
        {createElement(Notification)}
      </CssBaseline>
    </AdminContext>
  );
}
