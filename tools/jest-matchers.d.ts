// Types of cdktf's jest matchers, registered at run time by jest-setup.ts.
import 'cdktf/lib/testing/adapters/jest';
