import { useDataProvider } from 'react-admin';
import type { TiaojieDataProvider } from '../dataProvider';

/** The data provider with the lifecycle and intake calls. */
export const useTiaojie = () => useDataProvider<TiaojieDataProvider>();
