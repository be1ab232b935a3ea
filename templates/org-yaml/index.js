// The org program of pulumi-adobe-umapi: declares the org described by org.yaml (stack config
// orgFile, relative to this folder), after the removal brake has checked the change.
module.exports = require("pulumi-adobe-umapi/program");
