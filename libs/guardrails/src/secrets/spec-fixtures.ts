/** Secret-shaped values for the specs, assembled at run time so that no source file holds a literal a secret scanner would flag. */
export const OPENAI_PROJECT_KEY = ['sk', 'proj', 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0f_gH-iJ'].join('-');
export const OPENAI_USER_KEY = `sk-${'T3BlbkFJ'.repeat(6)}`;
export const ACCESS_KEY_ID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
export const SESSION_KEY_ID = ['ASIA', 'Y34FZKBOKMUTVV7A'].join('');
export const SECRET_ACCESS_KEY = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');
export const PEM = ['-----BEGIN', 'RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----'].join(' ');
export const GITHUB_TOKEN = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
export const GITHUB_PAT = `github_pat_${'11ABCDEFG0'.repeat(3)}_xyz`;
