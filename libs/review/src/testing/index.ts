/** Test helpers other projects use: the SARIF 2.1.0 validator (libs/review/src/testing/sarif.ts). */
export { sarifValidator, type SarifValidator } from './sarif';
