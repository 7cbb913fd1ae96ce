import { ZMyProProfile } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { prosKeys } from './keys';

/** `PUT /api/me/pro-profile/photo` (multipart, field `file`): the photo of the public profile. */
export function uploadProPhoto(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiFetch('/api/me/pro-profile/photo', { method: 'PUT', body: form, schema: ZMyProProfile });
}

export function useUploadProPhoto() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadProPhoto,
    onSuccess: async (profile) => {
      queryClient.setQueryData(prosKeys.myProfile, profile);
      await queryClient.invalidateQueries({ queryKey: prosKeys.all });
    },
  });
}
