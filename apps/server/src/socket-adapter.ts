/** Where the server's Socket.IO adapter lives: beside the packets workers publish (packages/events). */
export { createPostgresAdapter } from '@fleetwright/events';
