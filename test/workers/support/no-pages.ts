// Stand-in for `virtual:react-router/server-build` in workers tests (pages are tested in the browser).
throw new Error('React Router pages are not built in the workers test pool.');
