/** Global setup of every jest run: its own temp folder (tools/jest-temp.js). */
module.exports = require('./jest-temp').setup;
