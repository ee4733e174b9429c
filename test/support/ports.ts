export { freePort } from '@fleetwright/testing';
