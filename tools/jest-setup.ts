/** Registers cdktf's jest matchers (toHaveResourceWithProperties, toBeValidTerraform, ...). */
import { Testing } from 'cdktf';

Testing.setupJest();
