/**
 * @tiaojie/demo: the demo county (`seedDemo`), the bulk case generator (`generateCases`) and
 * their summary, for the API's demo start, screenshots, the `tiaojie-demo` command and the bench.
 * Not part of the library: production installs may leave this package out.
 */
export { seedDemo, formatSummary, DEFAULT_DEMO_PASSWORD } from './seed';
export type { SeedOptions, DemoSummary, DemoPerson } from './seed';
export type { DemoOrganization, DemoUser } from './county';
export { generateCases } from './bulk';
export type { GenerateOptions, GenerateResult } from './bulk';
