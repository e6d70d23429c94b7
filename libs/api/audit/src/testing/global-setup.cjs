module.exports = require('../../../../../tools/testing/jest-postgres.cjs').setup;
