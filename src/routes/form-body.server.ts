import { data } from 'react-router';

/** The posted form, or a thrown 415/400 answer when the body is not a readable form (never a 500). */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') {
    throw data('Send the form as application/x-www-form-urlencoded or multipart/form-data.', { status: 415 });
  }
  try {
    return await request.formData();
  } catch {
    throw data('The form could not be read.', { status: 400 });
  }
}
