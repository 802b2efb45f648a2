import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router-dom';
import { App } from './App';

/**
 * The app creates its router once, with transitions off, and react-admin uses it (it only
 * creates its own router outside one). With react-router 7's default, every navigation is a
 * React transition; a signed-out visitor's `requireAuth` redirect to the login page kept losing
 * to the re-check it caused, thousands of rounds and seconds of blank page (react-admin #10764,
 * #10885, PR #10769). Without transitions the redirect commits at once, in one round.
 */
const router = createHashRouter([{ path: '*', element: <App /> }]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} useTransitions={false} />
  </StrictMode>,
);
