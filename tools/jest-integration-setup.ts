/** Integration tests run the real terraform and nx binaries: minutes, not the unit tier's 5 s. */
jest.setTimeout(300_000);
