// Configuration (c), what the tutorial warns against: no job; the registration request itself sends
// the welcome email and answers only once the provider has.
import { EmailService } from '@cruzjs/core/email';
import { StartModule } from '@cruzjs/start';
import { TodosModule } from '../../src/features/todos';
import { getCruzRuntime } from '@cruzjs/core';
import { benchWorker } from './bench-worker';

export default benchWorker([StartModule, TodosModule], {
  async aroundFetch(request, app, env, _ctx, response) {
    if (request.method !== 'POST' || new URL(request.url).pathname !== '/auth/register' || response.status !== 201) return response;
    const user = (await response.clone().json()) as { email: string; name: string | null };
    await getCruzRuntime(app, env).resolve<EmailService>(EmailService as never).send({
      to: user.email,
      subject: 'Welcome to My Todos!',
      template: 'welcome',
      data: { name: user.name ?? 'there' },
    });
    return response;
  },
}).handler;
