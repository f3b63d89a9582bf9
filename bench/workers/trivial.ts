// The start-up baseline: a worker with nothing to evaluate.
export default {
  async fetch() {
    return new Response('ok');
  },
} satisfies ExportedHandler;
