import { type RouteConfig, index, route } from '@react-router/dev/routes';

export default [
  index('routes/home.tsx'),
  route('todos', 'routes/todos.tsx'),
  route('orgs/new', 'routes/orgs.new.tsx'),
  route('orgs/switch', 'routes/orgs.switch.tsx'),
  route('invitations/:token', 'routes/invitations.$token.tsx'),
] satisfies RouteConfig;
