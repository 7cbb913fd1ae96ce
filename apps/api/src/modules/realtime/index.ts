/** The face of the realtime module: the WebSocket route (`/api/ws`) for app.ts. */
export { realtimeRoutes } from './realtime.routes';
