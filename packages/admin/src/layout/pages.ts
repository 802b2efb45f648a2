/** react-admin's own pages for the rare screens, in a chunk of their own (see Shell.tsx). */
export { AccessDenied, AuthCallback, AuthenticationError, Error as ErrorPage, NotFound } from 'react-admin';
