/** Global teardown of every jest run: removes its temp folder (tools/jest-temp.js). */
module.exports = require('./jest-temp').teardown;
