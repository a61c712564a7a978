// Tests run in UTC so that a mistake that depends on the machine's zone cannot hide.
process.env.TZ = 'UTC';
process.env.NODE_ENV = 'test';
